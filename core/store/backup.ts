/**
 * Backup: every book (with its whole ledger) and every cached copy in one file; never keys (private keys
 * are non-extractable by design, and a backup is a file anyone may copy). Restore is in backup-restore.ts.
 */
import type { LedgerRecord } from '../book/types.js';
import { BACKUP_FORMAT, BACKUP_MAGIC, BACKUP_VERSION, type BackupBook, type BackupCopy, type BackupManifest } from './backup-format.js';
import { entryKeyRange } from './book-keys.js';
import { writeContainer } from './container.js';
import type { SaoyDatabase } from './db.js';

/**
 * The backup file as parts (hand them to `new Blob(parts)` to download; concatBytes for one array).
 * Read in one transaction, so the books and copies are a consistent snapshot.
 */
export async function createBackup(db: SaoyDatabase, opts: { now?: Date } = {}): Promise<Uint8Array[]> {
  const tx = db.transaction(['books', 'bookEntries', 'copies'], 'readonly');
  const bookRecs = await tx.objectStore('books').getAll();
  const books: BackupBook[] = [];
  for (const b of bookRecs) {
    const records: LedgerRecord[] = (await tx.objectStore('bookEntries').getAll(entryKeyRange(b.id))).map((r) => r.entry);
    books.push({ book: b.meta, records });
  }
  const stored = await tx.objectStore('copies').getAll();
  await tx.done;
  const copies: BackupCopy[] = stored.map(({ pdf: _pdf, ...meta }, blob) => ({ ...meta, blob }));
  const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: (opts.now ?? new Date()).toISOString(), books, copies };
  return writeContainer(BACKUP_MAGIC, manifest, stored.map((c) => c.pdf));
}

/** "saoy-sao-luu-2026-03-05.saoybak" */
export function backupFileName(now = new Date()): string {
  return `saoy-sao-luu-${now.toISOString().slice(0, 10)}.saoybak`;
}
