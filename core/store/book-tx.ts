/** The two steps every book write shares, inside its transaction: read a checked head, append + move the head. */
import { bookError } from '../book/errors.js';
import type { Appended } from '../book/ledger.js';
import type { BookState } from '../book/types.js';
import { entryKey } from './book-keys.js';
import type { LedgerTx } from './tx.js';

export function bookNotFound(bookId: string) {
  return bookError('BOOK_NOT_FOUND', `there is no book ${bookId}`, `Không tìm thấy quyển sổ ${bookId}`);
}

export async function headOf(tx: LedgerTx, bookId: string): Promise<BookState> {
  const rec = await tx.objectStore('books').get(bookId);
  if (!rec) throw bookNotFound(bookId);
  const state = rec.meta;
  // The head must match the ledger's last record; otherwise the book was altered: refuse to extend it.
  const last = state.head.seq > 0 ? await tx.objectStore('bookEntries').get(entryKey(bookId, state.head.seq)) : undefined;
  if (state.head.seq > 0 && last?.entry.hash !== state.head.hash) {
    throw bookError('BOOK_CORRUPT', `book ${state.config.bookNo} does not match its last record: check its integrity`, `Quyển sổ ${state.config.bookNo} không khớp bản ghi cuối: hãy kiểm tra tính toàn vẹn của sổ`);
  }
  return state;
}

export async function write(tx: LedgerTx, appended: Appended): Promise<void> {
  const { record, state } = appended;
  // add(), not put(): a record is never overwritten, even by a bug.
  await tx.objectStore('bookEntries').add({ id: entryKey(state.config.id, record.seq), bookId: state.config.id, seq: record.seq, entry: record });
  await tx.objectStore('books').put({ id: state.config.id, meta: state });
}
