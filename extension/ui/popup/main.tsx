import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabSummary } from '../../shared/messages.js';
import { boot } from '../common/boot.js';
import { t } from '../common/i18n.js';
import { openVerifyPage } from '../common/open.js';
import { VerdictMark } from '../common/VerdictMark.js';
import { VerifyFiles } from '../common/VerifyFiles.js';
import '../common/verify.css';
import './popup.css';

/** What the background verified on the current tab: a summary the page itself cannot fake. */
function CurrentTab() {
  const [summary, setSummary] = useState<TabSummary | null>(null);
  useEffect(() => {
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return;
      setSummary((await browser.runtime.sendMessage({ type: 'tabSummary', tabId: tab.id }).catch(() => null)) as TabSummary | null);
    })();
  }, []);
  if (!summary || summary.total === 0) return null;
  const states = (['valid', 'invalid', 'indeterminate', 'unsigned', 'error'] as const).filter((v) => summary.counts[v] > 0);
  return (
    <section class="tab-summary">
      <div class="small muted">{t('popup_tab_summary', summary.total)}</div>
      <div class="chips">
        {states.map((v) => (
          <VerdictMark key={v} state={v} label={`${summary.counts[v]} × ${t(`badge_${v}`)}`} />
        ))}
      </div>
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
