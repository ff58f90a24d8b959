/**
 * The clerk's certify service over the real store (fake-indexeddb) and core: the confirmed SHA-256 is what gets
 * signed, the number is reserved only when signing, a number taken meanwhile by another tab means a rebuilt copy
 * to confirm again, failures cancel the number (visible, never a gap), the authority's signature makes it final.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { createHash } from 'node:crypto';
import { isSaoyError } from '../../../core/errors.js';
import { createDemoIdentity, type DemoIdentity } from '../../../core/signers/demo.js';
import { openBook, readRows, verifyStoredBook } from '../../../core/store/book.js';
import { reserveNumber } from '../../../core/store/book-ledger.js';
import type { SaoyDatabase } from '../../../core/store/db.js';
import { importPkcs12ToStore } from '../../../core/store/keys.js';
import { verifyPdf } from '../../../core/verify/index.js';
import { signAsAuthority } from '../../../extension/services/authority.js';
import { abandonPrepared, CANCELLED_BEFORE_SIGNING, prepareCopy, signPrepared, type CertifyDeps, type CertifyInput } from '../../../extension/services/certify.js';
import { lockName, sweepReservations, type ReservationLocks } from '../../../extension/services/reservations.js';
import { copyFonts } from '../../helpers/ecopy.js';
import { makeJpeg } from '../../helpers/images.js';
import { freshDb, OFFICE } from '../store/fresh-db.js';

const NOW = new Date('2026-03-05T09:00:00+07:00');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Locks as the browser keeps them: one holder per name, released on demand. */
function fakeLocks(): ReservationLocks & { held: Set<string> } {
  const held = new Set<string>();
  return {
    held,
    async hold(bookId, number) {
      const name = lockName(bookId, number);
      held.add(name);
      return () => void held.delete(name);
    },
    async isHeld(bookId, number) {
      return held.has(lockName(bookId, number));
    },
  };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isSaoyError(e) ? e.code : `not a SaoyError: ${String(e)}`;
  }
  return undefined;
}

let id: DemoIdentity;
let expired: DemoIdentity;
beforeAll(async () => {
  id = await createDemoIdentity({ now: NOW });
  expired = await createDemoIdentity({ now: new Date('2023-01-01T00:00:00Z') });
}, 60_000);

let db: SaoyDatabase;
let deps: CertifyDeps & { locks: ReturnType<typeof fakeLocks> };
let bookId: string;
let certifierKey: string;
let authorityKey: string;

beforeEach(async () => {
  ({ db } = await freshDb());
  deps = { db, fonts: async () => copyFonts(), locks: fakeLocks(), now: () => NOW };
  bookId = (await openBook(db, { office: OFFICE, year: 2026, bookNo: '01/2026-SCT/BS', openedOn: '2026-01-02' })).config.id;
  certifierKey = (await importPkcs12ToStore(db, id.certifierP12, id.password, 'certifier', { now: NOW })).id;
  authorityKey = (await importPkcs12ToStore(db, id.authorityP12, id.password, 'authority', { now: NOW })).id;
});

const input = (over: Partial<CertifyInput> = {}): CertifyInput => ({
  bookId,
  keyId: certifierKey,
  requester: '  Lê   Văn Đức ',
  docName: 'Bằng tốt nghiệp đại học',
  copies: 1,
  signerTitle: 'Công chức Tư pháp - Hộ tịch',
  pages: [{ bytes: makeJpeg(60, 80, { dpi: 72 }), name: 'a.jpg' }, { bytes: makeJpeg(60, 80, { dpi: 72, quality: 60 }), name: 'b.jpg', rotate: 90 }],
  date: '2026-03-05',
  ...over,
});

describe('prepare', () => {
  it('builds the copy with the NEXT number and today, without taking the number', async () => {
    const p = await prepareCopy(deps, input());
    expect(p.number).toBe(1);
    expect(p.fields).toEqual({
      certNo: '01',
      bookNo: '01/2026-SCT/BS',
      date: '2026-03-05',
      office: OFFICE,
      certifier: 'Nguyễn Thị Demo (DEMO)',
      certifierTitle: 'Công chức Tư pháp - Hộ tịch', // the statement's title line
      docName: 'Bằng tốt nghiệp đại học',
      requester: 'Lê Văn Đức', // as the book will write it (never written into the copy)
      pageCount: 2,
    });
    expect(p.statement.lines).toContain('CÔNG CHỨC TƯ PHÁP - HỘ TỊCH');
    expect(p.fee).toBe(4_000);
    expect(p.sha256).toBe(sha(p.unsigned));
    expect(p.statement.lines).toContain('Số chứng thực: 01 Quyển số: 01/2026-SCT/BS');
    expect(await readRows(db, bookId)).toEqual([]);
  });

  it('refuses an expired certifier key before anything else (no number is taken)', async () => {
    const old = (await importPkcs12ToStore(db, expired.certifierP12, expired.password, 'certifier', { now: NOW })).id;
    expect(await codeOf(prepareCopy(deps, input({ keyId: old })))).toBe('CERT_EXPIRED');
    expect(await readRows(db, bookId)).toEqual([]);
  });

  it('refuses a date outside the book year', async () => {
    expect(await codeOf(prepareCopy(deps, input({ date: '2027-01-02' })))).toBe('BOOK_YEAR_MISMATCH');
  });
});

describe('sign', () => {
  it('signs exactly what was confirmed, completes the entry and stores the copy (lock released)', async () => {
    const p = await prepareCopy(deps, input());
    const out = await signPrepared(deps, p, p.sha256);
    if (out.kind !== 'signed') throw new Error(out.kind);
    expect(out.copy).toMatchObject({ certNo: '01', number: 1, status: 'awaiting-authority', requester: 'Lê Văn Đức' });
    expect(Buffer.compare(Buffer.from(out.copy.pdf.subarray(0, p.unsigned.length)), Buffer.from(p.unsigned))).toBe(0);
    const [row] = await readRows(db, bookId);
    expect(row).toMatchObject({ status: 'recorded', certNo: '01', signerName: 'Nguyễn Thị Demo (DEMO)', signerTitle: 'Công chức Tư pháp - Hộ tịch', pages: 2, fee: 4_000, sha256: out.copy.sha256 });
    expect(deps.locks.held.size).toBe(0);
    const report = await verifyPdf(out.copy.pdf, { trustAnchors: [id.rootCertificate], at: NOW });
    // The certifier's signature is good; the copy is not complete until the authority signs (e-copy profile).
    expect(report.signatures.map((s) => [s.fieldName, s.indication])).toEqual([['saoy_certifier', 'PASSED']]);
    expect(report.verdict).toBe('indeterminate');
    expect(report.reasons.map((r) => r.code)).toEqual(['ECOPY_AUTHORITY_MISSING']);
  });

  it('refuses a confirmation that is not the copy (nothing is reserved)', async () => {
    const p = await prepareCopy(deps, input());
    expect(await codeOf(signPrepared(deps, p, 'b'.repeat(64)))).toBe('CONFIRM_MISMATCH');
    expect(await codeOf(signPrepared(deps, { ...p, unsigned: p.unsigned.slice(1) }, p.sha256))).toBe('CONFIRM_MISMATCH');
    expect(await readRows(db, bookId)).toEqual([]);
  });

  it('two tabs confirm number 01 at once: one gets 01, the other a rebuilt copy numbered 02 to confirm again', async () => {
    const [a, b] = await Promise.all([prepareCopy(deps, input({ requester: 'Người A' })), prepareCopy(deps, input({ requester: 'Người B' }))]);
    expect([a.number, b.number]).toEqual([1, 1]);
    const [oa, ob] = await Promise.all([signPrepared(deps, a, a.sha256), signPrepared(deps, b, b.sha256)]);
    const outs = [oa, ob];
    const signed = outs.find((o) => o.kind === 'signed');
    const renumbered = outs.find((o) => o.kind === 'renumbered');
    if (signed?.kind !== 'signed' || renumbered?.kind !== 'renumbered') throw new Error(outs.map((o) => o.kind).join());
    expect(signed.copy.number).toBe(1);
    expect([renumbered.previousCertNo, renumbered.prepared.number, renumbered.prepared.fields.certNo]).toEqual(['01', 2, '02']);
    expect(renumbered.prepared.reservation?.number).toBe(2);
    expect(renumbered.prepared.sha256).not.toBe(a.sha256);
    expect(deps.locks.held.has(lockName(bookId, 2))).toBe(true); // the number is held for the clerk
    const again = await signPrepared(deps, renumbered.prepared, renumbered.prepared.sha256);
    if (again.kind !== 'signed') throw new Error(again.kind);
    expect(again.copy.number).toBe(2);
    expect((await readRows(db, bookId)).map((r) => [r.number, r.status])).toEqual([[1, 'recorded'], [2, 'recorded']]);
    expect((await verifyStoredBook(db, bookId)).ok).toBe(true);
  });

  it('the clerk gives up a renumbered copy: the number is cancelled with a reason, the next copy gets the next number', async () => {
    await reserveNumber(db, bookId, { date: '2026-03-05', requester: 'x', docName: 'y', signerName: 'z', signerTitle: '', pages: 1 }); // another tab
    const p = await prepareCopy(deps, input());
    expect(p.number).toBe(2);
    const other = await prepareCopy(deps, input());
    await signPrepared(deps, other, other.sha256); // takes 02
    const out = await signPrepared(deps, p, p.sha256);
    if (out.kind !== 'renumbered') throw new Error(out.kind);
    await abandonPrepared(deps, out.prepared);
    const rows = await readRows(db, bookId);
    expect(rows.find((r) => r.number === 3)).toMatchObject({ status: 'cancelled', cancelReason: CANCELLED_BEFORE_SIGNING });
    expect(deps.locks.held.size).toBe(0);
    expect((await prepareCopy(deps, input())).number).toBe(4);
    expect((await verifyStoredBook(db, bookId)).ok).toBe(true);
  });

  it('a failure while signing cancels the reserved number ("Ký không thành công") and stores no copy', async () => {
    const p = await prepareCopy(deps, input());
    const out = await signPrepared({ ...deps, beforeSign: async () => Promise.reject(new Error('token removed')) }, p, p.sha256);
    expect(out).toMatchObject({ kind: 'failed', cancelledCertNo: '01' });
    const [row] = await readRows(db, bookId);
    expect(row.status).toBe('cancelled');
    expect(row.cancelReason).toMatch(/^Ký không thành công: token removed/);
    expect(await db.getAll('copies')).toEqual([]);
    expect(deps.locks.held.size).toBe(0);
  });
});

describe('a full browser storage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('storing the signed copy fails: STORE_QUOTA with the Vietnamese advice, the number cancelled with the reason, no copy', async () => {
    const p = await prepareCopy(deps, input());
    for (const method of ['add', 'put'] as const) {
      const original = FakeObjectStore.prototype[method];
      vi.spyOn(FakeObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
        if (this.name === 'copies') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      });
    }
    const out = await signPrepared(deps, p, p.sha256);
    if (out.kind !== 'failed') throw new Error(out.kind);
    expect(isSaoyError(out.error) && out.error.code).toBe('STORE_QUOTA');
    expect(isSaoyError(out.error) && out.error.vi).toBe('Bộ nhớ của trình duyệt đã đầy: hãy sao lưu rồi xóa bớt bản sao cũ');
    vi.restoreAllMocks();
    const [row] = await readRows(db, bookId);
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'Ký không thành công: Bộ nhớ của trình duyệt đã đầy: hãy sao lưu rồi xóa bớt bản sao cũ' });
    expect(await db.getAll('copies')).toEqual([]);
    expect((await verifyStoredBook(db, bookId)).ok).toBe(true);
  });
});

describe('sweep of reservations whose page went away', () => {
  it('cancels an unheld reservation past the grace period; leaves held and fresh ones', async () => {
    const d = { date: '2026-03-05', requester: 'x', docName: 'y', signerName: 'z', signerTitle: '', pages: 1 };
    const gone = await reserveNumber(db, bookId, d, { now: new Date(NOW.getTime() - 60_000) });
    const held = await reserveNumber(db, bookId, d, { now: new Date(NOW.getTime() - 60_000) });
    const fresh = await reserveNumber(db, bookId, d, { now: new Date(NOW.getTime() - 1_000) });
    await deps.locks.hold(bookId, held.number);
    const cancelled = await sweepReservations(db, deps.locks, { now: NOW });
    expect(cancelled.map((r) => r.number)).toEqual([gone.number]);
    const rows = await readRows(db, bookId);
    expect(rows.map((r) => [r.number, r.status])).toEqual([[1, 'cancelled'], [2, 'reserved'], [3, 'reserved']]);
    expect(rows[0].cancelReason).toBe('Bỏ dở, không hoàn tất việc ký bản sao');
    expect(fresh.number).toBe(3);
    expect((await verifyStoredBook(db, bookId)).ok).toBe(true);
  });
});

describe('the authority', () => {
  it('signs the confirmed pending copy: final, both signatures valid, the certified bytes untouched', async () => {
    const p = await prepareCopy(deps, input());
    const out = await signPrepared(deps, p, p.sha256);
    if (out.kind !== 'signed') throw new Error(out.kind);
    expect(await codeOf(signAsAuthority({ db, now: () => NOW }, out.copy.id, authorityKey, 'c'.repeat(64)))).toBe('CONFIRM_MISMATCH');
    const final = await signAsAuthority({ db, now: () => NOW }, out.copy.id, authorityKey, out.copy.sha256);
    expect(final.status).toBe('final');
    expect(Buffer.compare(Buffer.from(final.pdf.subarray(0, out.copy.pdf.length)), Buffer.from(out.copy.pdf))).toBe(0);
    const report = await verifyPdf(final.pdf, { trustAnchors: [id.rootCertificate], at: NOW });
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => s.signer?.commonName)).toEqual(['Nguyễn Thị Demo (DEMO)', 'UBND phường Hạc Thành (DEMO)']);
    expect(await codeOf(signAsAuthority({ db, now: () => NOW }, out.copy.id, authorityKey, final.sha256))).toBe('COPY_NOT_PENDING');
  });
});
