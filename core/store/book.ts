/**
 * Books in IndexedDB: open (closing the series' previous book in the same transaction), close, read the ledger
 * and its rows, verify the chain. Appending entries is in book-ledger.ts.
 */
import { newBookState, normalizeBookInput, type OpenBookInput } from '../book/config.js';
import { isoDay } from '../book/dates.js';
import { bookError } from '../book/errors.js';
import { verifyBookIntegrity, type IntegrityReport } from '../book/integrity.js';
import { appendClose } from '../book/ledger.js';
import { planNumbering, seriesKey } from '../book/numbering.js';
import { rowsOf } from '../book/rows.js';
import { filterRows, type RowQuery } from '../book/search.js';
import type { BookRow, BookState, LedgerRecord } from '../book/types.js';
import { yearEndReason } from '../book/totals.js';
import { entryKey, entryKeyRange } from './book-keys.js';
import { bookNotFound, headOf, write } from './book-tx.js';
import type { SaoyDatabase } from './db.js';
import { inWriteTx, ledgerStores, type LedgerTx } from './tx.js';

export { bookNotFound } from './book-tx.js';

export interface StoreOptions {
  /** Clock for tests. */
  now?: Date;
}

/**
 * Opens a book. Its numbers continue after the latest book of the same office, series and year (or start at 1
 * in a new year); the series' open book, if any, is closed by a chained closing record in the same transaction.
 */
export async function openBook(db: SaoyDatabase, input: Omit<OpenBookInput, 'openedOn'> & { openedOn?: string }, opts: StoreOptions = {}): Promise<BookState> {
  const now = opts.now ?? new Date();
  const full = normalizeBookInput({ ...input, openedOn: input.openedOn ?? isoDay(now) });
  const { bookNo, series } = full;
  const id = globalThis.crypto.randomUUID();
  return inWriteTx(db, ledgerStores(), async (tx) => {
    const books = (await tx.objectStore('books').getAll()).map((r) => r.meta);
    const key = seriesKey(full.office, series);
    if (books.some((b) => seriesKey(b.config.office, b.config.series) === key && b.config.bookNo === bookNo)) {
      throw bookError('BOOK_EXISTS', `book ${bookNo} already exists`, `Quyển sổ ${bookNo} đã có`);
    }
    const plan = planNumbering(books, full.office, series, full.year);
    const yearClosedBy = await yearEndClosing(tx, books.filter((b) => seriesKey(b.config.office, b.config.series) === key && b.config.year === full.year));
    if (yearClosedBy) {
      throw bookError(
        'BOOK_YEAR_CLOSED',
        `the year ${full.year} was closed in book ${yearClosedBy.config.bookNo}: no book or entry of ${full.year} can be added`,
        `Năm ${full.year} đã khóa sổ cuối năm ở quyển ${yearClosedBy.config.bookNo}: không thể thêm sổ hay số nào của năm ${full.year}`,
      );
    }
    if (plan.closes) {
      if (plan.closes.config.year > full.year) {
        throw bookError('BOOK_INVALID', `book ${plan.closes.config.bookNo} of ${plan.closes.config.year} is open: a book for ${full.year} cannot follow it`, `Đang mở quyển ${plan.closes.config.bookNo} năm ${plan.closes.config.year}: không thể mở sổ năm ${full.year} sau nó`);
      }
      const closed = await closeInTx(tx, await headOf(tx, plan.closes.config.id), `Khóa sổ khi mở quyển ${bookNo}`, now);
      if (plan.continues?.config.id === closed.config.id) plan.continues = closed;
    }
    const state = newBookState(id, full, plan);
    await tx.objectStore('books').add({ id, meta: state });
    return state;
  });
}

/** The book among `sameYear` whose last record is a year-end closing, if any. */
async function yearEndClosing(tx: LedgerTx, sameYear: readonly BookState[]): Promise<BookState | undefined> {
  for (const b of sameYear) {
    if (!b.head.closed || b.head.seq === 0) continue;
    const last = await tx.objectStore('bookEntries').get(entryKey(b.config.id, b.head.seq));
    if (last?.entry.kind === 'close' && last.entry.yearEnd) return b;
  }
  return undefined;
}

async function closeInTx(tx: LedgerTx, state: BookState, reason: string, now: Date, yearEnd = false): Promise<BookState> {
  const appended = appendClose(state, reason, now.toISOString(), yearEnd);
  await write(tx, appended);
  return appended.state;
}

/** Closes a book (e.g. at the end of the year). Refused while numbers await their copy. */
export async function closeBook(db: SaoyDatabase, bookId: string, reason = 'Khóa sổ', opts: StoreOptions = {}): Promise<BookState> {
  return inWriteTx(db, ledgerStores(), async (tx) => {
    return closeInTx(tx, await headOf(tx, bookId), reason, opts.now ?? new Date());
  });
}

/**
 * The year-end closing: a chained closing record carrying the year's totals, computed from the ledger read in
 * the same transaction. Afterwards the store refuses any new book of that year in the series (openBook), and the
 * closed book refuses entries, so no entry of that year can be added.
 */
export async function closeYear(db: SaoyDatabase, bookId: string, opts: StoreOptions = {}): Promise<BookState> {
  return inWriteTx(db, ledgerStores(), async (tx) => {
    const state = await headOf(tx, bookId);
    const ledger = (await tx.objectStore('bookEntries').getAll(entryKeyRange(bookId))).map((r) => r.entry);
    return closeInTx(tx, state, yearEndReason(state, rowsOf(ledger)), opts.now ?? new Date(), true);
  });
}

export async function getBook(db: SaoyDatabase, bookId: string): Promise<BookState | undefined> {
  return (await db.get('books', bookId))?.meta;
}

/** Every book, newest year first, then by first number. */
export async function listBooks(db: SaoyDatabase): Promise<BookState[]> {
  const all = (await db.getAll('books')).map((r) => r.meta);
  return all.sort((a, b) => b.config.year - a.config.year || a.config.firstNumber - b.config.firstNumber);
}

/** The open books (one per office and series, normally one in all). */
export async function openBooks(db: SaoyDatabase): Promise<BookState[]> {
  return (await listBooks(db)).filter((b) => !b.head.closed);
}

/** The ledger in storage order (keys sort by seq). */
export async function readLedger(db: SaoyDatabase, bookId: string): Promise<LedgerRecord[]> {
  return (await db.getAll('bookEntries', entryKeyRange(bookId))).map((r) => r.entry);
}

export async function readRows(db: SaoyDatabase, bookId: string): Promise<BookRow[]> {
  return rowsOf(await readLedger(db, bookId));
}

/** Rows of one book (or of all books) matching a query. */
export async function searchBooks(db: SaoyDatabase, query: RowQuery, bookId?: string): Promise<BookRow[]> {
  const ids = bookId ? [bookId] : (await listBooks(db)).map((b) => b.config.id);
  const out: BookRow[] = [];
  for (const id of ids) out.push(...filterRows(await readRows(db, id), query));
  return out;
}

/** Book and ledger read in one transaction (a consistent snapshot), then checked. */
export async function verifyStoredBook(db: SaoyDatabase, bookId: string): Promise<IntegrityReport> {
  const tx = db.transaction(['books', 'bookEntries'], 'readonly');
  const [rec, entries] = await Promise.all([tx.objectStore('books').get(bookId), tx.objectStore('bookEntries').getAll(entryKeyRange(bookId))]);
  await tx.done;
  if (!rec) throw bookNotFound(bookId);
  const misplaced = entries.filter((e) => e.seq !== e.entry.seq || e.bookId !== bookId);
  const report = verifyBookIntegrity(
    entries.map((e) => e.entry),
    rec.meta,
  );
  if (misplaced.length === 0) return report;
  const extra = misplaced.map((e) => ({
    kind: 'out-of-order' as const,
    seq: e.seq,
    en: `The record stored at position ${e.seq} says it is record ${e.entry.seq}`,
    vi: `Bản ghi lưu ở vị trí ${e.seq} lại ghi là bản ghi ${e.entry.seq}`,
  }));
  return { ...report, ok: false, problems: [...report.problems, ...extra] };
}
