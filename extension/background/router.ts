/** The background's message router: sender check, validation, then one handler per message type. */
import browser, { type Runtime } from 'webextension-polyfill';
import { getSetting } from '../../core/store/settings.js';
import { adapterMatches, type PortalAdapter } from '../../core/store/portals.js';
import { database } from '../services/db.js';
import { verifyBytes } from '../services/verify.js';
import { BUILT_IN_ADAPTERS } from '../shared/adapters.js';
import { loadMessages } from '../shared/i18n.js';
import { allowedFrom, parseRequest, senderKind, type BadgeResult, type HelloReply, type Request, type SenderKind } from '../shared/messages.js';
import { fetchAttachment } from '../services/fetch-attachment.js';
import { createLimiter } from './limiter.js';
import { syncPortalScripts, userPortals } from './portal-scripts.js';
import { recordResult, resetTab, tabSummary } from './tab-status.js';
import { verifyAttachment, type AttachmentDeps } from './verify-attachment.js';

/** Four files at a time across all tabs: enough to overlap network and CPU, few enough to stay responsive. */
const limit = createLimiter(4);
const contentTabs = new Set<number>();

const deps: AttachmentDeps = {
  hasPermission: (url) => {
    const u = new URL(url);
    return browser.permissions.contains({ origins: [`${u.protocol}//${u.hostname}/*`] });
  },
  fetch: (url) => fetchAttachment(url),
  verify: (bytes, meta) => verifyBytes(bytes, meta),
  language: async () => getSetting(await database(), 'language'),
};

export function handleMessage(msg: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
  const kind = senderKind(sender, browser.runtime.id, browser.runtime.getURL(''));
  const req = parseRequest(msg);
  if (!kind || !req || !allowedFrom(kind, req.type)) return Promise.reject(new Error('refused'));
  return dispatch(req, kind, sender);
}

async function dispatch(req: Request, kind: SenderKind, sender: Runtime.MessageSender): Promise<unknown> {
  const tabId = sender.tab?.id;
  switch (req.type) {
    case 'hello':
      if (tabId !== undefined) {
        contentTabs.add(tabId);
        resetTab(tabId);
      }
      return hello(sender.url ?? '');
    case 'verifyUrl': {
      // Only URLs inside the page's own adapter patterns: a hostile page must not use badges to probe other origins.
      const adapter = await adapterFor(sender.url ?? '');
      if (!adapter || !adapterMatches(adapter, req.url)) return { verdict: 'error', fetchError: { kind: 'NO_PERMISSION' } } satisfies BadgeResult;
      const result = await limit(() => verifyAttachment(req.url, deps));
      if (tabId !== undefined && kind === 'content') recordResult(tabId, req.url, result.verdict);
      return result;
    }
    case 'openReport':
      await browser.tabs.create({ url: `${browser.runtime.getURL('extension/ui/report/index.html')}#${req.sha256}`, ...(tabId !== undefined ? { openerTabId: tabId } : {}) });
      return true;
    case 'settingsChanged':
      if (req.what === 'portals') await syncPortalScripts();
      else for (const id of contentTabs) void browser.tabs.sendMessage(id, { type: 'recheck' }).catch(() => contentTabs.delete(id));
      return true;
    case 'tabSummary':
      return tabSummary(req.tabId);
  }
}

/** The adapter for the page the browser says the script runs in (never a URL the page supplies). */
async function adapterFor(pageUrl: string): Promise<PortalAdapter | undefined> {
  return [...BUILT_IN_ADAPTERS, ...(await userPortals())].find((a) => adapterMatches(a, pageUrl));
}

async function hello(pageUrl: string): Promise<HelloReply> {
  const lang = await getSetting(await database(), 'language');
  const adapter = await adapterFor(pageUrl);
  const messages = await loadMessages(lang);
  const strings = Object.fromEntries(Object.entries(messages).filter(([k]) => k.startsWith('badge_') || k.startsWith('progress_')));
  return { adapter: adapter ? { attachmentLinks: adapter.attachmentLinks } : null, lang, strings };
}

export function forgetTab(tabId: number): void {
  contentTabs.delete(tabId);
  resetTab(tabId);
}
