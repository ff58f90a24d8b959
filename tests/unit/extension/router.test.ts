/**
 * The background router with hostile senders and URLs: the browser API is a stub, storage is fake-indexeddb,
 * and fetch/verify are spies, so each test sees whether an attachment would have been fetched at all.
 * A content script may only have badges verified for URLs inside its own page's adapter patterns (a hostile
 * page must not use the extension to probe other origins), and only our own pages may send page messages.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { setSetting } from '../../../core/store/settings';
import { freshDb } from '../store/fresh-db';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const SHA = 'c'.repeat(64);

const h = vi.hoisted(() => ({
  db: undefined as unknown,
  fetch: vi.fn(),
  verify: vi.fn(),
  permission: vi.fn(),
  tabsCreate: vi.fn(),
  tabsGet: vi.fn(),
  windowsCreate: vi.fn(),
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'abcdefghijklmnopabcdefghijklmnop', getURL: (p: string) => `chrome-extension://abcdefghijklmnopabcdefghijklmnop/${p}`, sendMessage: vi.fn(async () => undefined) },
    permissions: { contains: h.permission },
    tabs: { create: h.tabsCreate, get: h.tabsGet, sendMessage: vi.fn(async () => undefined) },
    windows: { create: h.windowsCreate },
    action: { setBadgeText: vi.fn(async () => undefined), setBadgeBackgroundColor: vi.fn(async () => undefined) },
    scripting: { getRegisteredContentScripts: vi.fn(async () => []), unregisterContentScripts: vi.fn(), registerContentScripts: vi.fn() },
  },
}));
vi.mock('../../../extension/services/db.js', () => ({ database: async () => h.db }));
vi.mock('../../../extension/services/fetch-attachment.js', () => ({
  fetchAttachment: h.fetch,
  isHttpUrl: (u: string) => /^https?:\/\//.test(u),
}));
vi.mock('../../../extension/services/verify.js', () => ({ verifyBytes: h.verify }));

// The background loads its strings from the extension's own _locales (served from the source tree here).
vi.stubGlobal('fetch', async (url: string) => {
  const m = new RegExp(`^${ORIGIN}(_locales/(vi|en)/messages\\.json)$`).exec(String(url));
  if (!m) throw new Error(`unexpected fetch ${url}`);
  return new Response(readFileSync(new URL(`../../../extension/${m[1]}`, import.meta.url)));
});

const { handleMessage } = await import('../../../extension/background/router');

const USER_PORTAL = {
  id: 'dvc',
  name: 'Cổng DVC',
  matches: ['https://dichvucong.example.gov.vn/*'],
  attachmentLinks: 'a.pdf',
};

const demoPage = (over: Partial<Runtime.MessageSender> = {}): Runtime.MessageSender => ({ id: ID, url: 'http://127.0.0.1:8080/ho-so/42', tab: { id: 7, windowId: 1 } as Runtime.MessageSender['tab'], frameId: 0, ...over });
const ownPage = (path = 'extension/ui/popup/index.html'): Runtime.MessageSender => ({ id: ID, url: `${ORIGIN}${path}` });

async function refused(p: Promise<unknown> | undefined): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

beforeEach(async () => {
  const { db } = await freshDb();
  await setSetting(db, 'portals', [USER_PORTAL]);
  h.db = db;
  for (const f of [h.fetch, h.verify, h.permission, h.tabsCreate, h.tabsGet, h.windowsCreate]) f.mockReset();
  h.permission.mockResolvedValue(true);
  h.fetch.mockResolvedValue({ ok: true, bytes: new Uint8Array([37, 80, 68, 70]) });
  h.verify.mockResolvedValue({ report: { verdict: 'valid', sha256: SHA, reasons: [] }, cached: false });
});

describe('badge URLs are checked against the page’s own adapter', () => {
  it('verifies an attachment of the portal the content script runs on', async () => {
    const r = await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/tep/ban-sao.pdf' }, demoPage());
    expect(r).toEqual({ verdict: 'valid', sha256: SHA, cached: false });
    expect(h.fetch).toHaveBeenCalledWith('http://127.0.0.1:8080/tep/ban-sao.pdf');
    const user = await handleMessage({ type: 'verifyUrl', url: 'https://dichvucong.example.gov.vn/files/a.pdf' }, demoPage({ url: 'https://dichvucong.example.gov.vn/ho-so' }));
    expect(user).toMatchObject({ verdict: 'valid' });
    expect(h.fetch).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['another origin', 'http://127.0.0.1:8080/ho-so/42', 'https://evil.example/probe.pdf'],
    ['a look-alike host', 'http://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1.evil.example/a.pdf'],
    ['userinfo tricks', 'http://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1@evil.example/a.pdf'],
    ['an intranet address', 'http://127.0.0.1:8080/ho-so/42', 'http://192.168.1.1/admin.pdf'],
    ['another portal than the page’s', 'https://dichvucong.example.gov.vn/ho-so', 'http://127.0.0.1:8080/a.pdf'],
    ['a page no adapter matches', 'https://evil.example/', 'http://127.0.0.1:8080/a.pdf'],
    ['a page no adapter matches, same-origin URL', 'https://evil.example/', 'https://evil.example/a.pdf'],
    ['a file URL', 'http://127.0.0.1:8080/ho-so/42', 'file:///etc/passwd'],
  ])('refuses %s without fetching', async (_what, pageUrl, url) => {
    const r = await handleMessage({ type: 'verifyUrl', url }, demoPage({ url: pageUrl }));
    expect(r).toEqual({ verdict: 'error', fetchError: { kind: 'NO_PERMISSION' } });
    expect(h.fetch).not.toHaveBeenCalled();
    expect(h.verify).not.toHaveBeenCalled();
  });

  it('uses the page URL the browser reports, never one the message carries', async () => {
    expect(await refused(handleMessage({ type: 'verifyUrl', url: 'https://evil.example/a.pdf', pageUrl: 'https://evil.example/' }, demoPage()))).toBe('refused');
    expect(h.fetch).not.toHaveBeenCalled();
  });

  it('counts only content-script results in the tab summary', async () => {
    const tab = { id: 99, windowId: 1 } as Runtime.MessageSender['tab'];
    await handleMessage({ type: 'hello' }, demoPage({ tab }));
    await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1/a.pdf' }, demoPage({ tab }));
    await handleMessage({ type: 'verifyUrl', url: 'https://evil.example/b.pdf' }, demoPage({ tab }));
    expect(await handleMessage({ type: 'tabSummary', tabId: 99 }, ownPage())).toEqual({ total: 1, counts: { valid: 1, invalid: 0, indeterminate: 0, unsigned: 0, error: 0 } });
  });
});

describe('hello', () => {
  it('gives a portal page its adapter and the badge strings, and an unknown page nothing to do', async () => {
    const demo = (await handleMessage({ type: 'hello' }, demoPage())) as { adapter: unknown; lang: string; strings: Record<string, string> };
    expect(demo.adapter).toEqual({ attachmentLinks: '.dvc-ho-so a.tep-dinh-kem[href]', certifyPlacement: '.dvc-xu-ly .hanh-dong', fileInput: '.dvc-xu-ly input[type=file][name=ban_sao_dien_tu]' });
    expect(demo.lang).toBe('vi');
    expect(Object.keys(demo.strings).length).toBeGreaterThan(3);
    expect(Object.keys(demo.strings).every((k) => /^(badge_|progress_|portal_certify_)/.test(k))).toBe(true);
    const user = (await handleMessage({ type: 'hello' }, demoPage({ url: 'https://dichvucong.example.gov.vn/ho-so' }))) as { adapter: unknown };
    expect(user.adapter).toEqual({ attachmentLinks: 'a.pdf' });
    const evil = (await handleMessage({ type: 'hello' }, demoPage({ url: 'https://evil.example/?u=http://127.0.0.1/' }))) as { adapter: unknown; strings: object };
    expect(evil.adapter).toBeNull();
  });
});

describe('senders', () => {
  it.each([
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${ORIGIN}extension/ui/popup/index.html` }],
    ['no extension id', { url: `${ORIGIN}extension/ui/popup/index.html` }],
    ['a web page embedding our origin in its query', { id: ID, url: `https://evil.example/?next=${ORIGIN}`, tab: { id: 3 }, frameId: 0 }],
    ['a web page embedding our origin in its path', { id: ID, url: `https://evil.example/${ORIGIN}x`, tab: { id: 3 }, frameId: 0 }],
    ['a content script (web page URL)', { id: ID, url: 'http://127.0.0.1:8080/ho-so/42', tab: { id: 3 }, frameId: 0 }],
    ['another extension’s page', { id: ID, url: 'chrome-extension://otherotherotherotherotherother12/x.html' }],
    ['no URL', { id: ID, tab: { id: 3 } }],
  ])('refuses page messages from %s', async (_what, sender) => {
    for (const msg of [{ type: 'tabSummary', tabId: 3 }, { type: 'settingsChanged', what: 'trust' }, { type: 'certifyTarget' }, { type: 'deliverCopy', copyId: 'abc#1', tabId: 3 }]) {
      expect(await refused(handleMessage(msg, sender as Runtime.MessageSender)), JSON.stringify(msg)).toBe('refused');
    }
    expect(h.tabsGet).not.toHaveBeenCalled();
  });

  it('answers page messages from our own pages', async () => {
    expect(await handleMessage({ type: 'tabSummary', tabId: 12345 }, ownPage())).toBeNull();
    expect(await handleMessage({ type: 'certifyTarget' }, ownPage('extension/ui/sidepanel/index.html'))).toBeNull();
  });

  it('refuses content-script messages from a page without a tab or outside http(s)', async () => {
    expect(await refused(handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1/a.pdf' }, { id: ID, url: 'http://127.0.0.1:8080/ho-so/42' }))).toBe('refused');
    expect(await refused(handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1/a.pdf' }, { id: ID, url: 'file:///tmp/x.html', tab: { id: 3 } as Runtime.MessageSender['tab'] }))).toBe('refused');
    expect(await refused(handleMessage({ type: 'openReport', sha256: SHA }, { id: 'other', url: 'http://127.0.0.1:8080/', tab: { id: 3 } as Runtime.MessageSender['tab'] }))).toBe('refused');
    expect(h.fetch).not.toHaveBeenCalled();
    expect(h.tabsCreate).not.toHaveBeenCalled();
  });

  it('opens a report only for a well-formed hash, on our own report page', async () => {
    expect(await handleMessage({ type: 'openReport', sha256: SHA }, demoPage())).toBe(true);
    expect(h.tabsCreate).toHaveBeenCalledWith({ url: `${ORIGIN}extension/ui/report/index.html#${SHA}`, openerTabId: 7 });
    expect(await refused(handleMessage({ type: 'openReport', sha256: `${SHA}#../../options` }, demoPage()))).toBe('refused');
    expect(h.tabsCreate).toHaveBeenCalledTimes(1);
  });

  it('opens the certify panel only for the top frame of a content script', async () => {
    expect(await refused(handleMessage({ type: 'openCertify' }, demoPage({ frameId: 3 })))).toBe('refused');
    expect(await refused(handleMessage({ type: 'openCertify' }, ownPage()))).toBe('refused');
    expect(h.windowsCreate).not.toHaveBeenCalled();
    h.windowsCreate.mockResolvedValue({});
    expect(await handleMessage({ type: 'openCertify' }, demoPage({ url: 'https://evil.example/', frameId: 0 }))).toEqual({ opened: 'none' });
    expect(await handleMessage({ type: 'openCertify' }, demoPage())).toEqual({ opened: 'window' });
  });
});
