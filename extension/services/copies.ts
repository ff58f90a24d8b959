/** Stored copies, pending files and backups for the extension's pages, on this context's database. */
import { createBackup } from '../../core/store/backup.js';
import { restoreBackup, type RestoreReport } from '../../core/store/backup-restore.js';
import { deleteCopy, getCopy, listCopies, markFinal, type CopyQuery, type CopySummary } from '../../core/store/copies.js';
import type { CopyRecord } from '../../core/store/db.js';
import { exportPending } from '../../core/store/pending.js';
import { database } from './db.js';

export { backupFileName } from '../../core/store/backup.js';
export { pendingFileName } from '../../core/store/pending.js';

export const copies = {
  list: async (q: CopyQuery): Promise<CopySummary[]> => listCopies(await database(), q),
  get: async (id: string): Promise<CopyRecord | undefined> => getCopy(await database(), id),
  markFinal: async (id: string, pdf: Uint8Array): Promise<CopyRecord> => markFinal(await database(), id, pdf),
  remove: async (id: string): Promise<boolean> => deleteCopy(await database(), id),
  exportPending: async (id: string): Promise<Uint8Array> => exportPending(await database(), id),
  backup: async (): Promise<Uint8Array[]> => createBackup(await database()),
  restore: async (bytes: Uint8Array): Promise<RestoreReport> => restoreBackup(await database(), bytes),
};
