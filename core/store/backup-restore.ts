/**
 * Restore a backup without ever losing newer local data: a local book is only extended when the backup
 * continues the very same chain; a copy is only replaced by its final version (the same bytes plus the
 * authority's signature). Anything else is left as is and reported as a conflict. Everything is checked
 * before the first write, and written in one transaction (all or nothing, also on a full disk).
 */
import { seriesKey } from '../book/numbering.js';
import type { BookState } from '../book/types.js';
import { backupInvalid, BACKUP_MAGIC, parseBackupManifest, type BackupBook } from './backup-format.js';
import { entryKey, entryKeyRange } from './book-keys.js';
import { readContainer } from './container.js';
import type { CopyRecord, SaoyDatabase } from './db.js';
import { startsWith } from '../bytes/concat.js';
import { inWriteTx, ledgerStores, type LedgerTx } from './tx.js';

export interface RestoreConflict {
  readonly kind: 'book-diverged' | 'book-series' | 'copy-differs';
  /** Book id or copy id. */
  readonly id: string;
  readonly en: string;
  readonly vi: string;
}

export interface RestoreReport {
  readonly createdAt: string;
  readonly books: { added: string[]; extended: string[]; unchanged: string[] };
  readonly copies: { added: number; updated: number; unchanged: number };
  /** What was kept as it is locally; the backup file still holds the other version. */
  readonly conflicts: RestoreConflict[];
}

export async function restoreBackup(db: SaoyDatabase, bytes: Uint8Array): Promise<RestoreReport> {
  const { manifest: raw, blobs, blobSha256 } = await readContainer(bytes, BACKUP_MAGIC, backupInvalid);
  const manifest = parseBackupManifest(raw, blobs.length);
  for (const c of manifest.copies) {
    if (blobSha256[c.blob] !== c.sha256) throw backupInvalid(`the PDF of copy ${c.certNo} does not match its SHA-256`);
  }
  const report: RestoreReport = { createdAt: manifest.createdAt, books: { added: [], extended: [], unchanged: [] }, copies: { added: 0, updated: 0, unchanged: 0 }, conflicts: [] };
  await inWriteTx(db, ledgerStores(), async (tx) => {
    const localBooks = (await tx.objectStore('books').getAll()).map((b) => b.meta);
    for (const b of manifest.books) await restoreBook(tx, b, localBooks, report);
    for (const c of manifest.copies) {
      const { blob, ...meta } = c;
      await restoreCopy(tx, { ...meta, pdf: blobs[blob] }, report);
    }
  });
  return report;
}

async function restoreBook(tx: LedgerTx, b: BackupBook, localBooks: BookState[], report: RestoreReport): Promise<void> {
  const { config } = b.book;
  const local = localBooks.find((l) => l.config.id === config.id);
  const addRecords = async (fromSeq: number) => {
    for (const r of b.records) if (r.seq > fromSeq) await tx.objectStore('bookEntries').add({ id: entryKey(config.id, r.seq), bookId: config.id, seq: r.seq, entry: r });
    await tx.objectStore('books').put({ id: config.id, meta: b.book });
  };
  if (!local) {
    const clash = localBooks.find((l) => sameSeriesClash(l, b.book));
    if (clash) {
      report.conflicts.push({
        kind: 'book-series',
        id: config.id,
        en: `book ${config.bookNo} was not restored: its numbers clash with local book ${clash.config.bookNo}`,
        vi: `Không khôi phục quyển ${config.bookNo}: số chứng thực trùng với quyển ${clash.config.bookNo} đang có`,
      });
      return;
    }
    await addRecords(0);
    report.books.added.push(config.id);
    return;
  }
  const localRecords = (await tx.objectStore('bookEntries').getAll(entryKeyRange(config.id))).map((r) => r.entry);
  const common = Math.min(local.head.seq, b.book.head.seq);
  const diverged = local.genesisHash !== b.book.genesisHash || localRecords.slice(0, common).some((r, i) => r.hash !== b.records[i]?.hash);
  if (diverged) {
    report.conflicts.push({
      kind: 'book-diverged',
      id: config.id,
      en: `book ${config.bookNo} differs from the local one: the local book was kept`,
      vi: `Quyển ${config.bookNo} trong tệp sao lưu khác với quyển đang có: giữ nguyên quyển đang có`,
    });
  } else if (b.book.head.seq > local.head.seq) {
    await addRecords(local.head.seq);
    report.books.extended.push(config.id);
  } else {
    report.books.unchanged.push(config.id); // local is the same or newer
  }
}

/** Another book of the same office, series and year whose numbers overlap, or both open. */
function sameSeriesClash(local: BookState, incoming: BookState): boolean {
  if (seriesKey(local.config.office, local.config.series) !== seriesKey(incoming.config.office, incoming.config.series)) return false;
  if (!local.head.closed && !incoming.head.closed) return true;
  if (local.config.year !== incoming.config.year) return false;
  const overlap = (a: BookState, b: BookState) => a.config.firstNumber <= Math.max(b.head.lastNumber, b.config.firstNumber) && b.config.firstNumber <= Math.max(a.head.lastNumber, a.config.firstNumber);
  return overlap(local, incoming);
}

async function restoreCopy(tx: LedgerTx, incoming: CopyRecord, report: RestoreReport): Promise<void> {
  const store = tx.objectStore('copies');
  const local = await store.get(incoming.id);
  if (!local) {
    await store.add(incoming);
    report.copies.added++;
  } else if (local.sha256 === incoming.sha256 || (local.status === 'final' && startsWith(local.pdf, incoming.pdf))) {
    report.copies.unchanged++;
  } else if (incoming.status === 'final' && local.status !== 'final' && startsWith(incoming.pdf, local.pdf)) {
    await store.put(incoming);
    report.copies.updated++;
  } else {
    report.conflicts.push({
      kind: 'copy-differs',
      id: incoming.id,
      en: `copy ${incoming.certNo} (${incoming.bookNo}) differs from the local one: the local copy was kept`,
      vi: `Bản sao số ${incoming.certNo} (quyển ${incoming.bookNo}) khác với bản đang có: giữ nguyên bản đang có`,
    });
  }
}
