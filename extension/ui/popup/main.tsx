import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabSummary } from '../../shared/messages.js';
import { boot } from '../common/boot.js';
import { t } from '../common/i18n.js';
import { groupedHex } from '../common/format.js';
import { openReport, openVerifyPage } from '../common/open.js';
import { VerdictMark } from '../common/VerdictMark.js';
import { VerifyFiles } from '../common/VerifyFiles.js';
import '../common/verify.css';
import './popup.css';

/** The tab the popup is about: the active one, or `#tab=ID` when the popup page is opened in a tab of its own. */
async function currentTabId(): Promise<number | undefined> {
  const m = /^#tab=(\d+)$/.exec(location.hash);
  if (m) return Number(m[1]);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/**
 * What the background verified on the current tab: every attachment with its file name, verdict and SHA-256.
 * The page cannot touch this view (badges on the page can be covered or imitated; this list cannot).
 */
function CurrentTab() {
  const [summary, setSummary] = useState<TabSummary | null>(null);
  useEffect(() => {
    void (async () => {
      const id = await currentTabId();
      if (id === undefined) return;
      setSummary((await browser.runtime.sendMessage({ type: 'tabSummary', tabId: id }).catch(() => null)) as TabSummary | null);
    })();
  }, []);
  if (!summary || summary.total === 0) return null;
  const states = (['valid', 'invalid', 'indeterminate', 'unsigned', 'error'] as const).filter((v) => summary.counts[v] > 0);
  return (
    <section class="tab-summary" id="tab-summary">
      <div class="small muted">{t('popup_tab_summary', summary.total)}</div>
      <div class="chips">
        {states.map((v) => (
          <VerdictMark key={v} state={v} label={`${summary.counts[v]} × ${t(`badge_${v}`)}`} />
        ))}
      </div>
      <ul class="tab-files" id="tab-files">
        {summary.files.map((f) => (
          <li key={f.url} data-verdict={f.verdict} data-sha256={f.sha256 ?? ''} title={f.url}>
            <VerdictMark state={f.verdict} />
            <span class="file-name">{f.fileName}</span>
            {f.sha256 ? (
              <button type="button" class="link sha" title={t('popup_open_report')} onClick={() => void openReport(f.sha256 as string).then(() => window.close())}>
                SHA-256 {groupedHex(f.sha256)}
              </button>
            ) : (
              <span class="sha muted">{t('popup_not_fetched')}</span>
            )}
          </li>
        ))}
      </ul>
      <p class="small muted" id="tab-untouchable">
        {t('popup_tab_untouchable')}
      </p>
    </section>
  );
}

/** Opens the certify side panel (Chrome) or sidebar (Firefox) from the click itself (both need the gesture). */
function openCertifyPanel(): void {
  const chromeApi = (globalThis as { chrome?: { sidePanel?: { open(o: { windowId: number }): Promise<void> }; windows?: { WINDOW_ID_CURRENT: number } } }).chrome;
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  const done = () => window.close();
  if (chromeApi?.sidePanel && chromeApi.windows) {
    void chromeApi.sidePanel.open({ windowId: chromeApi.windows.WINDOW_ID_CURRENT }).then(done, done);
  } else if (sidebar) void sidebar.open().then(done, done);
  else void browser.tabs.create({ url: browser.runtime.getURL('extension/ui/sidepanel/index.html') }).then(done);
}

function Popup() {
  return (
    <main class="popup">
      <h1>{t('popup_title')}</h1>
      <CurrentTab />
      <div class="clerk-links">
        <button type="button" id="popup-certify" onClick={openCertifyPanel}>
          {t('popup_certify')}
        </button>
        <button
          type="button"
          class="secondary"
          id="popup-book"
          onClick={() => void browser.tabs.create({ url: `${browser.runtime.getURL('extension/ui/manage/index.html')}#book` }).then(() => window.close())}
        >
          {t('popup_book')}
        </button>
      </div>
      <VerifyFiles compact />
      <nav class="links">
        <a href="#" onClick={(e) => (e.preventDefault(), void openVerifyPage(), window.close())}>
          {t('popup_open_tab')}
        </a>
        <a href="#" onClick={(e) => (e.preventDefault(), void browser.runtime.openOptionsPage(), window.close())}>
          {t('popup_options')}
        </a>
      </nav>
    </main>
  );
}

void boot(Popup, 'popup_title');
