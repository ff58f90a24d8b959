/** The certification book for the extension's pages: core/store's book operations on this context's database. */
import type { OpenBookInput } from '../../core/book/config.js';
import type { FeeRule } from '../../core/book/fee.js';
import type { IntegrityReport } from '../../core/book/integrity.js';
import type { BookRow, BookState } from '../../core/book/types.js';
import { cancelEntry } from '../../core/store/book-ledger.js';
import { closeYear, getBook, listBooks, openBook, readRows, verifyStoredBook } from '../../core/store/book.js';
import { loadFeeRules } from '../../core/store/fee-rules.js';
import { database } from './db.js';

export const books = {
  list: async (): Promise<BookState[]> => listBooks(await database()),
  get: async (bookId: string): Promise<BookState | undefined> => getBook(await database(), bookId),
  open: async (input: Omit<OpenBookInput, 'openedOn'> & { openedOn?: string }): Promise<BookState> => openBook(await database(), input),
  rows: async (bookId: string): Promise<BookRow[]> => readRows(await database(), bookId),
  verify: async (bookId: string): Promise<IntegrityReport> => verifyStoredBook(await database(), bookId),
  cancel: async (bookId: string, number: number, reason: string): Promise<BookRow> => cancelEntry(await database(), bookId, number, reason),
  feeRules: async (): Promise<FeeRule[]> => [...(await loadFeeRules(await database()))],
  /** Year-end closing: a chained closing record carrying the year's totals; the store then refuses any book or entry of that year. */
  closeYear: async (book: BookState): Promise<BookState> => closeYear(await database(), book.config.id),
};
