/** The background's message router: sender check, validation, then one handler per message type. */
import browser, { type Runtime } from 'webextension-polyfill';
import { getSetting } from '../../core/store/settings.js';
import { adapterMatches, type PortalAdapter } from '../../core/store/portals.js';
import { database } from '../services/db.js';
import { BUILT_IN_ADAPTERS } from '../shared/adapters.js';
import { loadMessages } from '../shared/i18n.js';
import { allowedFrom, parseRequest, senderKind, type BadgeResult, type HelloReply, type Request, type SenderKind } from '../shared/messages.js';
import { attachmentPolicy, type AttachmentPolicy } from './attachment-origin.js';
import { createFairQueue, QueueFullError } from './fair-queue.js';
import { runCheck, warmVerifier } from './verifier.js';
import { CHECKS_AT_ONCE, CHECKS_PER_TAB } from './parallelism.js';
import { getCopy } from '../../core/store/copies.js';
import { createTargets } from './certify-target.js';
import { deliverCopy } from './deliver.js';
import { openPanel } from './open-panel.js';
import { syncPortalScripts, userPortals } from './portal-scripts.js';
import { recordResult, resetTab, tabSummary } from './tab-status.js';

/**
 * Checks are scheduled fairly between tabs: one tab has at most its verifying share in progress (fetching
 * or verifying) and another tab always finds free slots; at most 64 wait per tab. Verification runs
 * in Workers (verifier.ts) that are terminated at the time limit, with as many workers for the other tabs as
 * one tab may use (parallelism.ts), so a flood of crafted PDFs in one tab cannot hold the others up.
 */
const queue = createFairQueue({ concurrency: CHECKS_AT_ONCE, perKeyActive: CHECKS_PER_TAB, perKeyQueued: 64 });
const contentTabs = new Set<number>();
const TARGETS_KEY = 'certify.targets';
const targets = createTargets({
  load: async () => (await (await database()).get('settings', TARGETS_KEY))?.value,
  save: async (list) => void (await (await database()).put('settings', { key: TARGETS_KEY, value: list })),
});

/** The same answer for every refused URL, whatever the reason: a page learns nothing about other origins. */
const REFUSED: BadgeResult = { verdict: 'error', fetchError: { kind: 'OTHER_ORIGIN' } };

/**
 * May the content script of `pageUrl` have `url` checked? Only its own origin or one its adapter lists
 * (see attachment-origin.ts); the page URL is the browser's (`sender.url`), never the page's word.
 */
export async function badgeUrlPolicy(pageUrl: string, url: string): Promise<AttachmentPolicy | undefined> {
  return attachmentPolicy(pageUrl, url, await adapterFor(pageUrl));
}

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
        queue.drop(tabId); // a reloaded page: what the old one queued is no longer wanted
      }
      return hello(sender.url ?? '');
    case 'verifyUrl': {
      // Only the page's own origin (or one its adapter lists): a hostile page must not use badges to probe others.
      const policy = kind === 'content' ? await badgeUrlPolicy(sender.url ?? '', req.url) : undefined;
      if (!policy) return REFUSED;
      const u = new URL(req.url);
      if (!(await browser.permissions.contains({ origins: [`${u.protocol}//${u.host}/*`] }))) return { verdict: 'error', fetchError: { kind: 'NO_PERMISSION' } } satisfies BadgeResult;
      const result = await queue
        .run(tabId ?? 'pages', () => runCheck(req.url, policy.credentials, String(tabId ?? 'pages')))
        .catch((e: unknown): BadgeResult => ({ verdict: 'error', fetchError: { kind: e instanceof QueueFullError ? 'BUSY' : 'INTERNAL' } }));
      if (tabId !== undefined && kind === 'content') recordResult(tabId, req.url, result.verdict, result.sha256);
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
    case 'openCertify': {
      // Only from the top frame of a portal page whose adapter has a Certify place and a file input.
      const tab = sender.tab;
      if (kind !== 'content' || tab?.id === undefined || sender.frameId !== 0) throw new Error('refused');
      const opening = openPanel(tab.id); // first, while the clerk's click still counts as a gesture
      const adapter = await adapterFor(sender.url ?? '');
      if (!adapter?.certifyPlacement || !adapter.fileInput) {
        await opening;
        return { opened: 'none' };
      }
      await targets.record({ tabId: tab.id, windowId: tab.windowId ?? -1, origin: new URL(sender.url ?? '').origin, title: (tab.title ?? '').slice(0, 200), portal: adapter.name.slice(0, 200) });
      void browser.runtime.sendMessage({ type: 'certifyTargetChanged' }).catch(() => undefined);
      return { opened: await opening };
    }
    case 'certifyTarget': {
      const t = await targets.current(req.windowId);
      if (!t) return null;
      const tab = await browser.tabs.get(t.tabId).catch(() => undefined);
      if (!tab) {
        await targets.forgetTab(t.tabId);
        return null;
      }
      return { ...t, title: (tab.title ?? t.title).slice(0, 200) };
    }
    case 'deliverCopy':
      return deliverCopy(req.copyId, req.tabId, {
        target: (id) => targets.byTab(id),
        tabUrl: async (id) => {
          const tab = await browser.tabs.get(id).catch(() => undefined);
          return tab ? tab.url : null;
        },
        copy: async (id) => getCopy(await database(), id),
        send: (id, msg) => browser.tabs.sendMessage(id, msg, { frameId: 0 }),
      });
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
  const strings = Object.fromEntries(Object.entries(messages).filter(([k]) => k.startsWith('badge_') || k.startsWith('progress_') || k.startsWith('portal_certify_')));
  if (!adapter) return { adapter: null, lang, strings };
  // The page's badges will ask in a moment: start the workers now, not on the first check.
  if (adapter.attachmentLinks) void warmVerifier().catch(() => undefined);
  const clerk = adapter.certifyPlacement && adapter.fileInput ? { certifyPlacement: adapter.certifyPlacement, fileInput: adapter.fileInput } : {};
  return { adapter: { attachmentLinks: adapter.attachmentLinks, ...clerk }, lang, strings };
}

/**
 * A tab started loading `url`: when it is a portal page with attachments, start the verifier now. Its offscreen
 * document is cross-origin isolated (so a job can be stopped through shared memory) and therefore gets a process of
 * its own; started from the content script's hello, that process's start-up came after the page had loaded.
 */
export async function tabLoading(url: string): Promise<void> {
  if ((await adapterFor(url))?.attachmentLinks) await warmVerifier();
}

export function forgetTab(tabId: number): void {
  queue.drop(tabId);
  contentTabs.delete(tabId);
  resetTab(tabId);
  void targets.forgetTab(tabId);
}
