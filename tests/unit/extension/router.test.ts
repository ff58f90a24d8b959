/**
 * The background router with hostile senders and URLs: the browser API is a stub, storage is fake-indexeddb,
 * and the attachment fetch and the worker pool's verify are spies, so each test sees whether an attachment would
 * have been fetched at all. Checks run through the real runCheck → verifier host → verifyAttachment path (a
 * `Worker` global makes runCheck take the direct, Firefox-style path instead of Chrome's offscreen document).
 * An adapter matches an exact origin (scheme + host + port) and there are no built-in adapters: the demo portal
 * is a stored portal like any other. A content script may only have badges verified for its page's own origin or
 * an origin its adapter lists (a hostile page must not use the extension to probe other origins or ports); every
 * refusal has the same answer, and only our own pages may send page messages.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { setSetting } from '../../../core/store/settings';
import { demoPortalAdapter } from '../../../extension/shared/adapters';
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
  warm: vi.fn(),
  /** When set, the message table lets every type through from every sender: the router's own checks must hold. */
  looseTable: false,
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
// The real isHttpUrl (it refuses userinfo URLs); only the request itself is a spy.
vi.mock('../../../extension/services/fetch-attachment.js', async (actual) => ({
  ...(await actual<typeof import('../../../extension/services/fetch-attachment')>()),
  fetchAttachment: h.fetch,
}));
// The pool's verify is the spy; no real Worker is ever spawned. Its fetchAndVerify does what the real worker does
// (services/verify-worker.ts): the download with the decided credentials, then the verification of those bytes.
vi.mock('../../../extension/services/worker-pool.js', async (actual) => ({
  ...(await actual<typeof import('../../../extension/services/worker-pool')>()),
  createWorkerPool: () => ({
    warm: h.warm,
    verify: h.verify,
    fetchAndVerify: async (url: string, credentials: boolean, meta: object) => {
      const { DEFAULT_FETCH_LIMITS } = await import('../../../extension/services/fetch-attachment');
      const got = await h.fetch(url, { ...DEFAULT_FETCH_LIMITS, credentials });
      if (!got.ok) return { fetchError: got.status === undefined ? { kind: got.kind } : { kind: got.kind, status: got.status } };
      return h.verify(got.bytes, meta, true);
    },
  }),
  spawnVerifyWorker: () => {
    throw new Error('no worker in this test');
  },
}));
vi.stubGlobal('Worker', class {});
vi.mock('../../../extension/shared/messages.js', async (actual) => {
  const real = await actual<typeof import('../../../extension/shared/messages')>();
  return { ...real, allowedFrom: (kind: 'page' | 'content', type: string) => h.looseTable || real.allowedFrom(kind, type as never) };
});

// The background loads its strings from the extension's own _locales (served from the source tree here).
vi.stubGlobal('fetch', async (url: string) => {
  const m = new RegExp(`^${ORIGIN}(_locales/(vi|en)/messages\\.json)$`).exec(String(url));
  if (!m) throw new Error(`unexpected fetch ${url}`);
  return new Response(readFileSync(new URL(`../../../extension/${m[1]}`, import.meta.url)));
});

const { handleMessage, tabLoading } = await import('../../../extension/background/router');
const { CHECKS_PER_TAB, VERIFYING_PER_TAB } = await import('../../../extension/background/parallelism');

const DEMO_ORIGIN = 'http://127.0.0.1:8080';
const DEMO_PORTAL = demoPortalAdapter(DEMO_ORIGIN);
/** A real portal whose attachments may also come from a file server its adapter lists explicitly. */
const USER_PORTAL = {
  id: 'dvc',
  name: 'Cổng DVC',
  matches: ['https://dichvucong.example.gov.vn/*', 'https://tep.example.gov.vn/*'],
  attachmentLinks: 'a.pdf',
};
/** Every refused badge URL gets exactly this, whatever the reason: a page learns nothing about other origins. */
const REFUSED = { verdict: 'error', fetchError: { kind: 'OTHER_ORIGIN' } };

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
  await setSetting(db, 'portals', [DEMO_PORTAL, USER_PORTAL]);
  h.db = db;
  for (const f of [h.fetch, h.verify, h.permission, h.tabsCreate, h.tabsGet, h.windowsCreate, h.warm]) f.mockReset();
  h.looseTable = false;
  h.permission.mockResolvedValue(true);
  h.fetch.mockImplementation(async () => ({ ok: true, bytes: new Uint8Array([37, 80, 68, 70]) }));
  h.verify.mockResolvedValue({ report: { verdict: 'valid', sha256: SHA, reasons: [] }, cached: false });
});

describe('badge URLs are checked against the page’s own origin and adapter', () => {
  it('verifies an attachment of the portal the content script runs on, with cookies only for the page’s own origin', async () => {
    const r = await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/tep/ban-sao.pdf' }, demoPage());
    expect(r).toEqual({ verdict: 'valid', sha256: SHA, cached: false });
    expect(h.permission).toHaveBeenCalledWith({ origins: ['http://127.0.0.1:8080/*'] });
    expect(h.fetch).toHaveBeenCalledTimes(1);
    expect(h.fetch).toHaveBeenCalledWith('http://127.0.0.1:8080/tep/ban-sao.pdf', expect.objectContaining({ credentials: true }));
    expect(h.verify).toHaveBeenCalledTimes(1);
    expect(h.verify.mock.calls[0][0]).toEqual(new Uint8Array([37, 80, 68, 70]));
    const user = await handleMessage({ type: 'verifyUrl', url: 'https://dichvucong.example.gov.vn/files/a.pdf' }, demoPage({ url: 'https://dichvucong.example.gov.vn/ho-so' }));
    expect(user).toMatchObject({ verdict: 'valid', sha256: SHA });
    expect(h.fetch).toHaveBeenCalledTimes(2);
    expect(h.fetch).toHaveBeenLastCalledWith('https://dichvucong.example.gov.vn/files/a.pdf', expect.objectContaining({ credentials: true }));
  });

  it('fetches from an origin the adapter lists explicitly, but without the user’s cookies', async () => {
    const r = await handleMessage({ type: 'verifyUrl', url: 'https://tep.example.gov.vn/hs/42/a.pdf' }, demoPage({ url: 'https://dichvucong.example.gov.vn/ho-so' }));
    expect(r).toEqual({ verdict: 'valid', sha256: SHA, cached: false });
    expect(h.permission).toHaveBeenCalledWith({ origins: ['https://tep.example.gov.vn/*'] });
    expect(h.fetch).toHaveBeenCalledTimes(1);
    expect(h.fetch).toHaveBeenCalledWith('https://tep.example.gov.vn/hs/42/a.pdf', expect.objectContaining({ credentials: false }));
  });

  it('asks for the host permission of the exact origin and fetches nothing without it', async () => {
    h.permission.mockResolvedValue(false);
    const r = await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/tep/ban-sao.pdf' }, demoPage());
    expect(r).toEqual({ verdict: 'error', fetchError: { kind: 'NO_PERMISSION' } });
    expect(h.permission).toHaveBeenCalledWith({ origins: ['http://127.0.0.1:8080/*'] });
    expect(h.fetch).not.toHaveBeenCalled();
    expect(h.verify).not.toHaveBeenCalled();
  });

  it.each([
    ['another origin', 'http://127.0.0.1:8080/ho-so/42', 'https://evil.example/probe.pdf'],
    ['a look-alike host', 'http://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1.evil.example/a.pdf'],
    ['a look-alike host with the portal’s port', 'http://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1.evil.example:8080/a.pdf'],
    ['userinfo tricks', 'http://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1@evil.example/a.pdf'],
    ['userinfo tricks with the portal’s origin as user', 'http://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1:8080@evil.example/a.pdf'],
    ['userinfo on the portal’s own origin', 'http://127.0.0.1:8080/ho-so/42', 'http://user:pw@127.0.0.1:8080/a.pdf'],
    ['the portal’s URL inside the query of another', 'http://127.0.0.1:8080/ho-so/42', 'https://evil.example/?u=http://127.0.0.1:8080/a.pdf'],
    ['an intranet address', 'http://127.0.0.1:8080/ho-so/42', 'http://192.168.1.1/admin.pdf'],
    ['another port of the portal’s host', 'http://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1:9999/a.pdf'],
    ['the portal’s host on the default port', 'http://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1/a.pdf'],
    ['the portal’s host and port over another scheme', 'http://127.0.0.1:8080/ho-so/42', 'https://127.0.0.1:8080/a.pdf'],
    ['another portal than the page’s', 'https://dichvucong.example.gov.vn/ho-so', 'http://127.0.0.1:8080/a.pdf'],
    ['a page no adapter matches', 'https://evil.example/', 'http://127.0.0.1:8080/a.pdf'],
    ['a page no adapter matches, same-origin URL', 'https://evil.example/', 'https://evil.example/a.pdf'],
    ['a page on another port of the portal’s host, same-origin URL', 'http://127.0.0.1:9999/ho-so/42', 'http://127.0.0.1:9999/a.pdf'],
    ['a page on another port of the portal’s host, portal URL', 'http://127.0.0.1:9999/ho-so/42', 'http://127.0.0.1:8080/a.pdf'],
    ['a page carrying the portal’s URL in its query', 'https://evil.example/?u=http://127.0.0.1:8080/', 'http://127.0.0.1:8080/a.pdf'],
    ['a file URL', 'http://127.0.0.1:8080/ho-so/42', 'file:///etc/passwd'],
    ['a data URL', 'http://127.0.0.1:8080/ho-so/42', 'data:application/pdf;base64,JVBERg=='],
    ['a relative URL', 'http://127.0.0.1:8080/ho-so/42', '/tep/a.pdf'],
  ])('refuses %s without fetching, with the one refusal answer', async (_what, pageUrl, url) => {
    const r = await handleMessage({ type: 'verifyUrl', url }, demoPage({ url: pageUrl }));
    expect(r).toEqual(REFUSED);
    expect(h.fetch).not.toHaveBeenCalled();
    expect(h.verify).not.toHaveBeenCalled();
  });

  it('uses the page URL the browser reports, never one the message carries', async () => {
    expect(await refused(handleMessage({ type: 'verifyUrl', url: 'https://evil.example/a.pdf', pageUrl: 'https://evil.example/' }, demoPage()))).toBe('refused');
    expect(await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/a.pdf' }, demoPage({ url: 'https://evil.example/' }))).toEqual(REFUSED);
    expect(h.fetch).not.toHaveBeenCalled();
  });

  it('counts only content-script results in the tab summary', async () => {
    const tab = { id: 99, windowId: 1 } as Runtime.MessageSender['tab'];
    await handleMessage({ type: 'hello' }, demoPage({ tab }));
    await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/a.pdf' }, demoPage({ tab }));
    await handleMessage({ type: 'verifyUrl', url: 'https://evil.example/b.pdf' }, demoPage({ tab }));
    // Our own page in that tab cannot add to it either (verifyUrl is not a page message).
    expect(await refused(handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/c.pdf' }, { ...ownPage(), tab }))).toBe('refused');
    expect(h.fetch).toHaveBeenCalledTimes(1);
    expect(await handleMessage({ type: 'tabSummary', tabId: 99 }, ownPage())).toEqual({
      total: 1,
      counts: { valid: 1, invalid: 0, indeterminate: 0, unsigned: 0, error: 0 },
      files: [{ url: 'http://127.0.0.1:8080/a.pdf', fileName: 'a.pdf', verdict: 'valid', sha256: SHA }],
    });
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
    const evil = (await handleMessage({ type: 'hello' }, demoPage({ url: 'https://evil.example/?u=http://127.0.0.1:8080/' }))) as { adapter: unknown; strings: object };
    expect(evil.adapter).toBeNull();
    // Exact origins: the portal's host on another port or scheme, or a look-alike host, is another site.
    for (const url of ['http://127.0.0.1:9999/ho-so/42', 'http://127.0.0.1/ho-so/42', 'https://127.0.0.1:8080/ho-so/42', 'http://127.0.0.1.evil.example:8080/ho-so/42', 'https://dichvucong.example.gov.vn.evil.example/ho-so']) {
      expect(((await handleMessage({ type: 'hello' }, demoPage({ url }))) as { adapter: unknown }).adapter, url).toBeNull();
    }
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
    h.tabsGet.mockImplementation(async (id: number) => ({ id, windowId: 1, title: 'Hồ sơ 42', url: 'http://127.0.0.1:8080/ho-so/42' }));
    const sidePanel = ownPage('extension/ui/sidepanel/index.html');
    // A page no adapter matches (or one without a Certify place) never becomes the certify target.
    expect(await handleMessage({ type: 'openCertify' }, demoPage({ url: 'https://evil.example/', frameId: 0 }))).toEqual({ opened: 'none' });
    expect(await handleMessage({ type: 'openCertify' }, demoPage({ url: 'http://127.0.0.1:9999/ho-so/42', frameId: 0 }))).toEqual({ opened: 'none' });
    expect(await handleMessage({ type: 'openCertify' }, demoPage({ url: 'https://dichvucong.example.gov.vn/ho-so', frameId: 0 }))).toEqual({ opened: 'none' });
    expect(await handleMessage({ type: 'certifyTarget' }, sidePanel)).toBeNull();
    expect(await handleMessage({ type: 'openCertify' }, demoPage())).toEqual({ opened: 'window' });
    expect(await handleMessage({ type: 'certifyTarget' }, sidePanel)).toMatchObject({ tabId: 7, windowId: 1, origin: DEMO_ORIGIN, portal: DEMO_PORTAL.name, title: 'Hồ sơ 42' });
  });
});

describe('defence in depth and tab state', () => {
  it('refuses a badge URL from one of our own pages even if the message table let it through', async () => {
    h.looseTable = true;
    expect(await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/tep/a.pdf' }, ownPage())).toEqual(REFUSED);
    expect(await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/tep/a.pdf' }, { ...ownPage(), tab: { id: 7 } as Runtime.MessageSender['tab'] })).toEqual(REFUSED);
    expect(h.permission).not.toHaveBeenCalled();
    expect(h.fetch).not.toHaveBeenCalled();
    expect(await refused(handleMessage({ type: 'openCertify' }, ownPage()))).toBe('refused');
    expect(await refused(handleMessage({ type: 'openCertify' }, { ...ownPage(), tab: { id: 7, windowId: 1 } as Runtime.MessageSender['tab'], frameId: 0 }))).toBe('refused');
    expect(h.windowsCreate).not.toHaveBeenCalled();
  });

  it('a reloaded page (hello again) starts its tab summary afresh', async () => {
    const tab = { id: 41, windowId: 1 } as Runtime.MessageSender['tab'];
    await handleMessage({ type: 'hello' }, demoPage({ tab }));
    await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/a.pdf' }, demoPage({ tab }));
    expect(await handleMessage({ type: 'tabSummary', tabId: 41 }, ownPage())).toMatchObject({ total: 1 });
    await handleMessage({ type: 'hello' }, demoPage({ tab }));
    expect(await handleMessage({ type: 'tabSummary', tabId: 41 }, ownPage())).toBeNull();
  });

  it('forgets the certify target once its tab is gone', async () => {
    h.windowsCreate.mockResolvedValue({});
    h.tabsGet.mockImplementation(async (id: number) => ({ id, windowId: 1, title: 'Hồ sơ 42', url: 'http://127.0.0.1:8080/ho-so/42' }));
    const sidePanel = ownPage('extension/ui/sidepanel/index.html');
    expect(await handleMessage({ type: 'openCertify' }, demoPage({ tab: { id: 8, windowId: 1, title: 'x'.repeat(300) } as Runtime.MessageSender['tab'] }))).toEqual({ opened: 'window' });
    expect(await handleMessage({ type: 'certifyTarget' }, sidePanel)).toMatchObject({ tabId: 8, title: 'Hồ sơ 42' });
    h.tabsGet.mockImplementation(async (id: number) => ({ id, windowId: 1, url: 'http://127.0.0.1:8080/ho-so/42' }));
    expect(await handleMessage({ type: 'certifyTarget' }, sidePanel)).toMatchObject({ tabId: 8, title: 'x'.repeat(200) });
    // Every tab closed: each ask forgets the newest target (tab 8, then any left by the tests above).
    h.tabsGet.mockRejectedValue(new Error('No tab with that id'));
    expect(await handleMessage({ type: 'certifyTarget' }, sidePanel)).toBeNull();
    expect(await handleMessage({ type: 'certifyTarget' }, sidePanel)).toBeNull();
    h.tabsGet.mockImplementation(async (id: number) => ({ id, windowId: 1, title: 'Hồ sơ 42', url: 'http://127.0.0.1:8080/ho-so/42' }));
    expect(await handleMessage({ type: 'certifyTarget' }, sidePanel)).toBeNull();
  });
});

describe('fair scheduling between tabs', () => {
  it('a tab that floods the queue gets BUSY, while another tab’s badge is still checked', async () => {
    const release: (() => void)[] = [];
    h.fetch.mockImplementation(async (url: string) => {
      if (url.includes('/flood/')) await new Promise<void>((r) => release.push(r));
      return { ok: true, bytes: new Uint8Array([37, 80, 68, 70]) };
    });
    const flooder = demoPage({ tab: { id: 501, windowId: 1 } as Runtime.MessageSender['tab'] });
    // Its checks in progress (one per core, each a worker's download and verification, and one more handed to the
    // verifier host, waiting for a worker) and 64 waiting is all one tab may have.
    const pending = Array.from({ length: CHECKS_PER_TAB + 64 }, (_, i) => handleMessage({ type: 'verifyUrl', url: `http://127.0.0.1:8080/flood/${i}.pdf` }, flooder));
    await vi.waitFor(() => expect(release).toHaveLength(VERIFYING_PER_TAB));
    await new Promise((r) => setTimeout(r, 50)); // no further fetch starts: the tab holds all it may
    expect(release).toHaveLength(VERIFYING_PER_TAB);
    expect(await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/flood/overflow.pdf' }, flooder)).toEqual({ verdict: 'error', fetchError: { kind: 'BUSY' } });
    const other = await handleMessage({ type: 'verifyUrl', url: 'http://127.0.0.1:8080/tep/b.pdf' }, demoPage({ tab: { id: 502, windowId: 1 } as Runtime.MessageSender['tab'] }));
    expect(other).toEqual({ verdict: 'valid', sha256: SHA, cached: false });
    // Let the flood drain so no test after this one inherits it.
    while (release.length) {
      release.splice(0).forEach((r) => r());
      await new Promise((r) => setTimeout(r, 0));
    }
    const results = await Promise.all(pending);
    expect(results.every((r) => (r as { verdict: string }).verdict === 'valid')).toBe(true);
  });
});

describe('the verifier is started when a portal page starts loading', () => {
  it('warms the workers for a portal page with attachments (exact origin), and for nothing else', async () => {
    await tabLoading('http://127.0.0.1:9090/ho-so/42'); // another port: not the portal
    await tabLoading('https://example.com/');
    expect(h.warm).not.toHaveBeenCalled();
    await tabLoading('http://127.0.0.1:8080/ho-so/42');
    expect(h.warm).toHaveBeenCalledTimes(1);
    await tabLoading('https://tep.example.gov.vn/x');
    expect(h.warm).toHaveBeenCalledTimes(2);
  });
});
