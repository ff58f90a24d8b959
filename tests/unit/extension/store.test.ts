/** Trust anchors, settings and the verification cache over the shared IndexedDB schema (fake-indexeddb). */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openSaoyDb, type SaoyDatabase } from '../../../core/store/db.js';
import { getSetting, setSetting } from '../../../core/store/settings.js';
import { addTrustAnchors, listTrustAnchors, removeTrustAnchor, trustSnapshot } from '../../../core/store/trust-anchors.js';
import { getCachedVerification, pruneVerifyCache, putCachedVerification } from '../../../core/store/verify-cache.js';
import type { VerificationReport } from '../../../core/verify/report.js';
import { makeRoot } from '../../helpers/pki.js';

let db: SaoyDatabase;
let n = 0;
beforeEach(async () => {
  db = await openSaoyDb(`saoy-test-${++n}`);
});

const report = (sha256: string): VerificationReport => ({ sha256, size: 1, verdict: 'unsigned', reasons: [], signatures: [], checkedAt: new Date().toISOString() });
const sha = (i: number) => i.toString(16).padStart(64, '0');

describe('settings', () => {
  it('defaults to Vietnamese, no portals, generation 0; bad stored values fall back', async () => {
    expect(await getSetting(db, 'language')).toBe('vi');
    expect(await getSetting(db, 'portals')).toEqual([]);
    expect(await getSetting(db, 'trustGeneration')).toBe(0);
    await db.put('settings', { key: 'language', value: 'fr' });
    expect(await getSetting(db, 'language')).toBe('vi');
    await setSetting(db, 'language', 'en');
    expect(await getSetting(db, 'language')).toBe('en');
    await expect(setSetting(db, 'portals', [{ id: 'x' }] as never)).rejects.toThrow();
  });
});

describe('trust anchors', () => {
  it('adds with subject and expiry, skips duplicates, and bumps the generation on every change', async () => {
    const a = await makeRoot({ subject: { country: 'VN', organization: 'NEAC TEST', commonName: 'Root NEAC TEST' } });
    const b = await makeRoot({ subject: { country: 'VN', organization: 'VGCA TEST', commonName: 'Root VGCA TEST' } });
    const r1 = await addTrustAnchors(db, [a.certificate, b.certificate, a.certificate], 'neac');
    expect(r1.added.map((x) => x.subject)).toEqual(['CN=Root NEAC TEST,O=NEAC TEST,C=VN', 'CN=Root VGCA TEST,O=VGCA TEST,C=VN']);
    expect(r1.added[0].notAfter).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await trustSnapshot(db)).generation).toBe(1);
    const r2 = await addTrustAnchors(db, [a.certificate], 'vgca');
    expect(r2).toMatchObject({ added: [], duplicates: [{ list: 'neac' }] });
    expect((await trustSnapshot(db)).generation).toBe(1); // nothing changed
    await removeTrustAnchor(db, r1.added[0].id);
    const snap = await trustSnapshot(db);
    expect(snap.generation).toBe(2);
    expect(snap.anchors.map((x) => x.subject)).toEqual(['CN=Root VGCA TEST,O=VGCA TEST,C=VN']);
  });

  it('refuses an unreadable certificate before writing anything', async () => {
    const a = await makeRoot();
    await expect(addTrustAnchors(db, [a.certificate, new Uint8Array([0x30, 3, 1, 2, 3])], 'other')).rejects.toMatchObject({ code: 'CERT_INVALID' });
    expect(await listTrustAnchors(db)).toEqual([]);
    expect((await trustSnapshot(db)).generation).toBe(0);
  });
});

describe('verification cache', () => {
  it('stores by SHA-256 with the trust generation; refuses other keys', async () => {
    await putCachedVerification(db, { sha256: sha(1), trustGeneration: 3, report: report(sha(1)), checkedAt: '2026-01-01T00:00:00Z' });
    expect((await getCachedVerification(db, sha(1)))?.trustGeneration).toBe(3);
    expect(await getCachedVerification(db, 'nope')).toBeUndefined();
    await expect(putCachedVerification(db, { sha256: 'X', trustGeneration: 0, report: report('X'), checkedAt: '' })).rejects.toThrow();
  });

  it('prunes the oldest records, and the bytes of local files first', async () => {
    for (let i = 0; i < 6; i++) {
      await putCachedVerification(db, { sha256: sha(i), trustGeneration: 0, report: report(sha(i)), checkedAt: `2026-01-0${i + 1}T00:00:00Z`, bytes: new Uint8Array([i]) });
    }
    await pruneVerifyCache(db, { maxRecords: 4, maxWithBytes: 2 });
    const left = await db.getAll('verifyCache');
    expect(left.map((r) => r.sha256).sort()).toEqual([sha(2), sha(3), sha(4), sha(5)]);
    expect(left.filter((r) => r.bytes).map((r) => r.sha256).sort()).toEqual([sha(4), sha(5)]);
  });
});
