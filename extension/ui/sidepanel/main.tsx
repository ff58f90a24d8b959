/**
 * The clerk's side panel (Chrome side panel, Firefox sidebar): certify a copy, the authority's queue, links to
 * the book, the copy cache and the keys. Everything that signs runs here, in the extension's own page; the
 * panel listens to nothing a web page can send (no window "message" listener; runtime messages only from the
 * extension's own background).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { fromExtension, parsePageEvent, type CertifyTarget } from '../../shared/messages.js';
import { boot } from '../common/boot.js';
import { TargetOrigin } from '../common/TargetOrigin.js';
import { t } from '../common/i18n.js';
import { AuthorityQueue, usePendingCount } from '../clerk/AuthorityQueue.js';
import { GrantCamera } from '../clerk/Camera.js';
import { CertifyFlow } from '../clerk/CertifyFlow.js';
import { TokenPinDialog } from '../clerk/TokenPinDialog.js';
import { fetchTarget, openManage } from '../clerk/deps.js';
import '../common/verify.css';
import '../clerk/clerk.css';
import './sidepanel.css';

function TargetBar({ target }: { target: CertifyTarget | null }) {
  return (
    <div class={`target${target ? ' on' : ''}`} id="target" data-tab={target?.tabId ?? ''}>
      {target ? (
        <>
          <span class="muted small">{t('panel_target')}</span>
          <TargetOrigin target={target} id="target-origin" />
        </>
      ) : (
        <span class="muted small">{t('panel_no_target')}</span>
      )}
    </div>
  );
}

function Panel() {
  const [tab, setTab] = useState<'certify' | 'authority'>('certify');
  const [target, setTarget] = useState<CertifyTarget | null>(null);
  const [authoritySelect, setAuthoritySelect] = useState<string>();
  const pending = usePendingCount();

  useEffect(() => {
    void fetchTarget().then(setTarget);
    const onMessage = (msg: unknown, sender: { id?: string; tab?: { id?: number } }) => {
      if (fromExtension(sender, browser.runtime.id) && parsePageEvent(msg)) void fetchTarget().then(setTarget);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, []);

  return (
    <div class="panel">
      <TokenPinDialog />
      <header class="panel-head">
        <span class="logo">saoy</span>
        <span class="panel-title">{t('panel_title')}</span>
      </header>
      <TargetBar target={target} />
      <nav class="tabs" role="tablist">
        <button type="button" role="tab" id="tab-certify" aria-selected={tab === 'certify'} class={tab === 'certify' ? 'on' : ''} onClick={() => setTab('certify')}>
          {t('panel_tab_certify')}
        </button>
        <button type="button" role="tab" id="tab-authority" aria-selected={tab === 'authority'} class={tab === 'authority' ? 'on' : ''} onClick={() => setTab('authority')}>
          {t('panel_tab_authority')}
          {pending > 0 && <span class="count" id="pending-count">{pending}</span>}
        </button>
      </nav>
      <main class="panel-body">
        <div hidden={tab !== 'certify'}>
          <CertifyFlow
            target={target}
            onAuthority={(id) => {
              setAuthoritySelect(id);
              setTab('authority');
            }}
          />
        </div>
        {tab === 'authority' && <AuthorityQueue selectId={authoritySelect} target={target} onDone={() => setAuthoritySelect(undefined)} onBackToCertify={() => setTab('certify')} />}
      </main>
      <footer class="panel-foot">
        <a href="#" id="link-book" onClick={(e) => (e.preventDefault(), void openManage('book'))}>
          {t('manage_book')}
        </a>
        <a href="#" id="link-copies" onClick={(e) => (e.preventDefault(), void openManage('copies'))}>
          {t('manage_copies')}
        </a>
        <a href="#" id="link-keys" onClick={(e) => (e.preventDefault(), void openManage('keys'))}>
          {t('manage_keys')}
        </a>
      </footer>
    </div>
  );
}

void boot(location.hash === '#grant-camera' ? GrantCamera : Panel, 'panel_title');
