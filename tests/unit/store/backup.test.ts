import { describe, expect, it } from 'vitest';
import { isSaoyError } from '../../../core/errors';
import { createDemoIdentity } from '../../../core/signers/demo';
import { createBackup } from '../../../core/store/backup';
import { BACKUP_MAGIC } from '../../../core/store/backup-format';
import { restoreBackup } from '../../../core/store/backup-restore';
import { getBook, openBook, readLedger, readRows, verifyStoredBook } from '../../../core/store/book';
import { completeReservation, recordEntry, reserveNumber } from '../../../core/store/book-ledger';
import { readContainer, writeContainer } from '../../../core/store/container';
import { getCopy, listCopies, markFinal } from '../../../core/store/copies';
import type { SaoyDatabase } from '../../../core/store/db';
import { importPkcs12ToStore } from '../../../core/store/keys';
import { draft, freshDb, OFFICE } from './fresh-db';
import { concatBytes } from '../../../core/bytes/concat.js';

const pdf = (s: string) => new TextEncoder().encode(`%PDF-1.7 ${s}`);
const book01 = { office: OFFICE, year: 2026, bookNo: '01/2026-SCT/BS', openedOn: '2026-01-02' };

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isSaoyError(e) ? e.code : String(e);
  }
  return undefined;
}

async function certify(db: SaoyDatabase, bookId: string, name: string) {
  const r = await reserveNumber(db, bookId, draft({ requester: name }));
  return completeReservation(db, r, pdf(`copy of ${name}`));
}

async function snapshot(db: SaoyDatabase) {
  const books = await Promise.all((await db.getAll('books')).map(async (b) => ({ book: b.meta, ledger: await readLedger(db, b.id) })));
  const copies = await db.getAll('copies');
  return { books, copies };
}

describe('backup and restore', () => {
  it('round-trips every book and copy into an empty profile, without keys', async () => {
    const { db } = await freshDb();
    const demo = await createDemoIdentity();
    await importPkcs12ToStore(db, demo.certifierP12, demo.password, 'certifier');
    const book = await openBook(db, book01);
    const c1 = await certify(db, book.config.id, 'Nguyễn Văn A');
    await certify(db, book.config.id, 'Trần Thị Bình');
    await recordEntry(db, book.config.id, draft({ requester: 'Giấy tờ bản giấy' }));
    await markFinal(db, c1.id, concatBytes([c1.pdf, pdf(' + authority')]));
    const file = concatBytes(await createBackup(db));
    expect(new TextDecoder().decode(file.subarray(0, 8))).toBe(BACKUP_MAGIC);
    expect(new TextDecoder().decode(file)).not.toContain('privateKey');

    const other = await freshDb();
    const report = await restoreBackup(other.db, file);
    expect(report.books.added).toEqual([book.config.id]);
    expect(report.copies).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(report.conflicts).toEqual([]);
    expect(await snapshot(other.db)).toEqual(await snapshot(db));
    expect(await other.db.getAll('keys')).toEqual([]);
    expect((await verifyStoredBook(other.db, book.config.id)).ok).toBe(true);
    // The restored book goes on numbering where it stopped.
    expect((await reserveNumber(other.db, book.config.id, draft())).number).toBe(4);

    // Restoring the same file again changes nothing.
    const again = await restoreBackup(db, file);
    expect(again.books.unchanged).toEqual([book.config.id]);
    expect(again.copies).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });

  it('never overwrites a newer book or copy, but brings an older profile up to date', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    const c1 = await certify(db, book.config.id, 'A');
    const old = concatBytes(await createBackup(db));
    await certify(db, book.config.id, 'B');
    await markFinal(db, c1.id, concatBytes([c1.pdf, pdf(' + authority')]));
    const newer = concatBytes(await createBackup(db));

    const restoredOld = await restoreBackup(db, old);
    expect(restoredOld.books.unchanged).toEqual([book.config.id]);
    expect(restoredOld.copies).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect((await readRows(db, book.config.id)).length).toBe(2);
    expect((await getCopy(db, c1.id))?.status).toBe('final');

    const stale = await freshDb();
    await restoreBackup(stale.db, old);
    const up = await restoreBackup(stale.db, newer);
    expect(up.books.extended).toEqual([book.config.id]);
    expect(up.copies).toEqual({ added: 1, updated: 1, unchanged: 0 });
    expect(await snapshot(stale.db)).toEqual(await snapshot(db));
  });

  it('reports a diverged book and a different copy as conflicts and keeps the local ones', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    await certify(db, book.config.id, 'A');
    const base = concatBytes(await createBackup(db));
    const twin = await freshDb();
    await restoreBackup(twin.db, base);
    await certify(db, book.config.id, 'B in the first profile');
    await certify(twin.db, book.config.id, 'B in the second profile');
    const fromTwin = concatBytes(await createBackup(twin.db));
    const before = await snapshot(db);
    const report = await restoreBackup(db, fromTwin);
    expect(report.conflicts.map((c) => c.kind)).toEqual(['book-diverged', 'copy-differs']);
    expect(report.conflicts[0].vi).toContain('giữ nguyên quyển đang có');
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a damaged file, a tampered book and a newer format before writing anything', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    await certify(db, book.config.id, 'Nguyễn Văn A');
    await certify(db, book.config.id, 'Trần Thị B');
    const file = concatBytes(await createBackup(db));
    const target = await freshDb();

    const damaged = file.slice();
    damaged[60] ^= 1;
    expect(await codeOf(restoreBackup(target.db, damaged))).toBe('BACKUP_INVALID');
    expect(await codeOf(restoreBackup(target.db, file.subarray(0, file.length - 3)))).toBe('BACKUP_INVALID');

    // A well-formed container whose book was edited: the chain check refuses it.
    const { manifest, blobs } = await readContainer(file, BACKUP_MAGIC, (w) => new Error(w) as never);
    const m = structuredClone(manifest) as { books: { records: { kind: string; requester?: string }[] }[]; version: number };
    m.books[0].records[0].requester = 'Người khác';
    const err = await restoreBackup(target.db, concatBytes(await writeContainer(BACKUP_MAGIC, m, blobs))).catch((e: unknown) => e);
    expect(isSaoyError(err) && err.code).toBe('BACKUP_INVALID');
    expect(isSaoyError(err) && err.message).toContain('Entry 1 was modified');

    const future = { ...(manifest as object), version: 2 };
    expect(await codeOf(restoreBackup(target.db, concatBytes(await writeContainer(BACKUP_MAGIC, future, blobs))))).toBe('BACKUP_VERSION');
    expect(await target.db.getAll('books')).toEqual([]);
    expect(await listCopies(target.db)).toEqual([]);
    expect(await getBook(target.db, book.config.id)).toBeUndefined();
  });
});
