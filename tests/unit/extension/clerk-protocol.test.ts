/**
 * The clerk's part of the message protocol and the portal hand-off: content scripts can only ask to OPEN the
 * certify panel; only our pages ask for the target and a delivery; a copy goes only to a recorded tab still on
 * the same origin, only when final, with its own bytes.
 */
import { describe, expect, it } from 'vitest';
import type { CopyRecord } from '../../../core/store/db.js';
import { createTargets, TARGET_TTL_MS } from '../../../extension/background/certify-target.js';
import { deliverCopy, type DeliverDeps } from '../../../extension/background/deliver.js';
import { fromBase64, toBase64 } from '../../../extension/shared/base64.js';
import { bookFileName, copyFileName } from '../../../extension/shared/file-names.js';
import { allowedFrom, fromExtension, parsePageEvent, parseRequest, parseTabEvent, type CertifyTarget, type TabEvent } from '../../../extension/shared/messages.js';
import { defaultKeyId, keyValidity } from '../../../extension/ui/common/key-status.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const COPY = '3f2b8a1e-1111-4222-8333-944455556666#12';
const SHA = 'a'.repeat(64);

describe('messages', () => {
  it('parses the clerk messages exactly', () => {
    expect(parseRequest({ type: 'openCertify' })).toEqual({ type: 'openCertify' });
    expect(parseRequest({ type: 'certifyTarget' })).toEqual({ type: 'certifyTarget' });
    expect(parseRequest({ type: 'certifyTarget', windowId: 3 })).toEqual({ type: 'certifyTarget', windowId: 3 });
    expect(parseRequest({ type: 'deliverCopy', copyId: COPY, tabId: 7 })).toEqual({ type: 'deliverCopy', copyId: COPY, tabId: 7 });
  });

  it.each([
    { type: 'openCertify', tabId: 4 }, // the tab comes from the browser, never from the message
    { type: 'openCertify', pdf: 'x' },
    { type: 'certifyTarget', windowId: -1 },
    { type: 'deliverCopy', copyId: COPY },
    { type: 'deliverCopy', copyId: '../../etc', tabId: 1 },
    { type: 'deliverCopy', copyId: COPY, tabId: 1, data: 'AAAA' }, // a page never sends bytes to place
    { type: 'sign' },
    { type: 'signCopy', copyId: COPY },
    { type: 'readBook' },
    { type: 'listKeys' },
  ])('refuses %j', (m) => expect(parseRequest(m)).toBeUndefined());

  it('content scripts may ask to open the panel, never for the target, a delivery, or anything else', () => {
    expect(allowedFrom('content', 'openCertify')).toBe(true);
    expect(allowedFrom('content', 'certifyTarget')).toBe(false);
    expect(allowedFrom('content', 'deliverCopy')).toBe(false);
    expect(allowedFrom('page', 'certifyTarget')).toBe(true);
    expect(allowedFrom('page', 'deliverCopy')).toBe(true);
    expect(allowedFrom('page', 'openCertify')).toBe(false);
  });

  it('tab and page events are validated; only our own extension context (no tab) is believed', () => {
    const place: TabEvent = { type: 'placeCopy', name: 'ban-sao-so-01-01-2026-SCT-BS.pdf', data: 'JVBERi0=', sha256: SHA };
    expect(parseTabEvent(place)).toEqual(place);
    expect(parseTabEvent({ ...place, name: '../x.pdf' })).toBeUndefined();
    expect(parseTabEvent({ ...place, name: 'x.exe' })).toBeUndefined();
    expect(parseTabEvent({ ...place, extra: 1 })).toBeUndefined();
    expect(parsePageEvent({ type: 'certifyTargetChanged' })).toEqual({ type: 'certifyTargetChanged' });
    expect(parsePageEvent({ type: 'certifyTargetChanged', tabId: 1 })).toBeUndefined();
    expect(fromExtension({ id: ID }, ID)).toBe(true);
    expect(fromExtension({ id: ID, url: `chrome-extension://${ID}/extension/background/index.js` }, ID)).toBe(true);
    expect(fromExtension({ id: ID, url: 'https://portal.gov.vn/', tab: { id: 3 } }, ID)).toBe(false); // a content script
    expect(fromExtension({ id: 'other' }, ID)).toBe(false);
  });
});

describe('certify targets', () => {
  const store = () => {
    let saved: unknown;
    return { load: async () => saved, save: async (v: CertifyTarget[]) => void (saved = JSON.parse(JSON.stringify(v))) };
  };

  it('records the tab per window, newest first; survives a restart of the background; forgets closed tabs', async () => {
    const s = store();
    let now = new Date('2026-03-05T08:00:00Z');
    const a = createTargets(s, () => now);
    await a.record({ tabId: 1, windowId: 10, origin: 'https://dvc.gov.vn', title: 'HS 1' });
    now = new Date(now.getTime() + 1000);
    await a.record({ tabId: 2, windowId: 20, origin: 'https://dvc.gov.vn', title: 'HS 2' });
    expect((await a.current(10))?.tabId).toBe(1);
    expect((await a.current(99))?.tabId).toBe(2); // unknown window: the newest
    expect((await a.current())?.tabId).toBe(2);
    const b = createTargets(s, () => now); // service worker restarted
    expect((await b.byTab(1))?.title).toBe('HS 1');
    await b.forgetTab(2);
    expect((await b.current())?.tabId).toBe(1);
    now = new Date(now.getTime() + TARGET_TTL_MS);
    expect(await b.current()).toBeUndefined(); // too old
  });

  it('ignores garbage in storage', async () => {
    const t = createTargets({ load: async () => [{ tabId: 'x' }, 5, null], save: async () => undefined });
    expect(await t.current()).toBeUndefined();
  });
});

describe('delivery to the portal tab', () => {
  const target: CertifyTarget = { tabId: 5, windowId: 1, origin: 'http://127.0.0.1:4000', title: 'Xử lý', at: '2026-03-05T08:00:00Z' };
  const copy = (status: CopyRecord['status']) => ({ id: COPY, certNo: '12', bookNo: '01/2026-SCT/BS', status, pdf: new Uint8Array([37, 80, 68, 70]), sha256: SHA }) as CopyRecord;
  const deps = (over: Partial<DeliverDeps> = {}): DeliverDeps & { sent: TabEvent[] } => {
    const sent: TabEvent[] = [];
    return {
      sent,
      target: async (id) => (id === 5 ? target : undefined),
      tabUrl: async () => 'http://127.0.0.1:4000/xu-ly/HS-1',
      copy: async () => copy('final'),
      send: async (_id, msg) => {
        sent.push(msg);
        return { ok: true, name: (msg as { name: string }).name, size: 4 };
      },
      ...over,
    };
  };

  it('sends the stored final copy (name, base64 bytes, SHA-256) to the recorded tab', async () => {
    const d = deps();
    expect(await deliverCopy(COPY, 5, d)).toEqual({ ok: true, name: 'ban-sao-so-12-01-2026-SCT-BS.pdf', size: 4 });
    expect(d.sent).toEqual([{ type: 'placeCopy', name: 'ban-sao-so-12-01-2026-SCT-BS.pdf', data: 'JVBERg==', sha256: SHA }]);
  });

  it('refuses: unknown tab, closed tab, another origin now, a copy not final, no answer', async () => {
    expect(await deliverCopy(COPY, 6, deps())).toEqual({ ok: false, why: 'NO_TARGET' });
    expect(await deliverCopy(COPY, 5, deps({ tabUrl: async () => null }))).toEqual({ ok: false, why: 'TARGET_GONE' });
    expect(await deliverCopy(COPY, 5, deps({ tabUrl: async () => 'https://evil.example/' }))).toEqual({ ok: false, why: 'TARGET_NAVIGATED' });
    expect(await deliverCopy(COPY, 5, deps({ tabUrl: async () => undefined }))).toEqual({ ok: false, why: 'TARGET_NAVIGATED' });
    const d = deps({ copy: async () => copy('awaiting-authority') });
    expect(await deliverCopy(COPY, 5, d)).toEqual({ ok: false, why: 'NOT_FINAL' });
    expect(d.sent).toEqual([]);
    expect(await deliverCopy(COPY, 5, deps({ send: async () => ({ ok: 'yes' }) }))).toEqual({ ok: false, why: 'NO_ANSWER' });
    expect(await deliverCopy(COPY, 5, deps({ send: async () => Promise.reject(new Error('no receiver')) }))).toEqual({ ok: false, why: 'NO_ANSWER' });
  });
});

describe('helpers', () => {
  it('base64 round-trips every byte and large buffers', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64(toBase64(all))).toEqual(all);
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) & 255);
    expect(fromBase64(toBase64(big))).toEqual(big);
    expect(() => fromBase64('***')).toThrow();
  });

  it('file names are ASCII and readable', () => {
    expect(copyFileName({ certNo: '15/ĐT', bookNo: '02/2026-SCT/BS-ĐT' })).toBe('ban-sao-so-15-DT-02-2026-SCT-BS-DT.pdf');
    expect(bookFileName('01/2026-SCT/BS', 'csv')).toBe('so-chung-thuc-01-2026-SCT-BS.csv');
  });

  it('key validity: ok, expiring within 30 days, expired, not yet valid; the default is a usable key', () => {
    const now = new Date('2026-03-05T00:00:00Z');
    const k = (id: string, from: string, to: string) => ({ id, label: id, notBefore: from, notAfter: to });
    const ok = k('ok', '2025-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    const soon = k('soon', '2025-01-01T00:00:00Z', '2026-03-20T00:00:00Z');
    const old = k('old', '2020-01-01T00:00:00Z', '2022-01-01T00:00:00Z');
    const future = k('future', '2027-01-01T00:00:00Z', '2029-01-01T00:00:00Z');
    expect([ok, soon, old, future].map((x) => keyValidity(x, now))).toEqual(['ok', 'expiring', 'expired', 'not-yet-valid']);
    expect(defaultKeyId([old, future, soon, ok], '', now)).toBe('ok');
    expect(defaultKeyId([old, soon, ok], 'soon', now)).toBe('soon'); // the one last used
    expect(defaultKeyId([old, future], 'old', now)).toBe('');
  });
});
