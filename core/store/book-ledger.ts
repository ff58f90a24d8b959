/**
 * Writing to the book. Every write is one readwrite transaction over the book's head and its ledger (and the
 * copy cache when a copy is stored): read the head → append the sealed record with seq+1 → write the head.
 * IndexedDB runs readwrite transactions on overlapping stores one after another, so two tabs never get the
 * same number, and an aborted transaction (crash, tab closed, quota) leaves neither a gap nor half an entry.
 *
 * The copy's statement needs its number before signing, so a certification is two transactions:
 * reserveNumber (the entry is in the book from then on, state "reserved") → sign → completeReservation (stores
 * the copy and chains its SHA-256, atomically). A reservation that is never completed is cancelled — by the
 * caller when signing fails, or by sweepAbandonedReservations later — so a taken number always stays visible,
 * as "Đã hủy: …", never reused or skipped.
 */
import { SaoyError } from '../errors.js';
import { normalizeDraft } from '../book/draft.js';
import { bookError } from '../book/errors.js';
import type { FeeRule } from '../book/fee.js';
import { appendCancellation, appendCompletion, appendEntry } from '../book/ledger.js';
import { reservationOf } from '../book/reservation.js';
import { rowsOf } from '../book/rows.js';
import type { BookRow, BookState, CancellationRecord, EntryDraft, EntryRecord, LedgerRecord, Reservation } from '../book/types.js';
import { type StoreOptions } from './book.js';
import { copyIdFor, entryKey, entryKeyRange } from './book-keys.js';
import type { CopyRecord, SaoyDatabase } from './db.js';
import { sha256Hex } from '../bytes/sha.js';
import { ownBytes } from './bytes.js';
import { loadFeeRules } from './fee-rules.js';
import { headOf, write } from './book-tx.js';
import { inWriteTx, ledgerStores, type LedgerTx } from './tx.js';

export type { Reservation } from '../book/types.js';

export interface WriteOptions extends StoreOptions {
  /** Fee rules to use instead of those in settings. */
  feeRules?: readonly FeeRule[];
}

async function appendNewEntry(db: SaoyDatabase, bookId: string, draft: EntryDraft, entryState: 'reserved' | 'recorded', opts: WriteOptions) {
  const normalized = normalizeDraft(draft, opts.feeRules ?? (await loadFeeRules(db)));
  const at = (opts.now ?? new Date()).toISOString();
  return inWriteTx(db, ledgerStores(), async (tx) => {
    const appended = appendEntry(await headOf(tx, bookId), normalized, at, entryState);
    await write(tx, appended);
    return { state: appended.state, entry: appended.record as EntryRecord };
  });
}

/** Takes the next number for a copy about to be signed. The entry is in the book from now on. */
export async function reserveNumber(db: SaoyDatabase, bookId: string, draft: EntryDraft, opts: WriteOptions = {}): Promise<Reservation> {
  const { state, entry } = await appendNewEntry(db, bookId, draft, 'reserved', opts);
  return reservationOf(state, entry);
}

/** Records a certification that needs no stored copy (e.g. a paper copy in a mixed book), complete at once. */
export async function recordEntry(db: SaoyDatabase, bookId: string, draft: EntryDraft, opts: WriteOptions = {}): Promise<BookRow> {
  const { entry } = await appendNewEntry(db, bookId, draft, 'recorded', opts);
  return rowsOf([entry])[0];
}

export interface CompleteOptions extends StoreOptions {
  /** 'final' when the authority already signed too; default 'awaiting-authority'. */
  status?: CopyRecord['status'];
}

/** Stores the signed copy of a reservation and chains its SHA-256 into the book, in one transaction. */
export async function completeReservation(db: SaoyDatabase, reservation: Pick<Reservation, 'bookId' | 'number'> & { seq?: number }, pdf: Uint8Array, opts: CompleteOptions = {}): Promise<CopyRecord> {
  const sha256 = await sha256Hex(pdf);
  const now = (opts.now ?? new Date()).toISOString();
  const copyId = copyIdFor(reservation.bookId, reservation.number);
  return inWriteTx(db, ledgerStores(), async (tx) => {
    const state = await headOf(tx, reservation.bookId);
    if (!state.head.openReservations.includes(reservation.number)) throw await notReserved(tx, state, reservation.number);
    const appended = appendCompletion(state, reservation.number, { copyId, sha256, size: pdf.length }, now);
    const entry = await entryOf(tx, state, reservation.number, reservation.seq);
    const copy: CopyRecord = {
      id: copyId,
      certNo: entry.certNo,
      number: entry.number,
      bookId: state.config.id,
      bookNo: state.config.bookNo,
      requester: entry.requester,
      docName: entry.docName,
      date: entry.date,
      status: opts.status ?? 'awaiting-authority',
      pdf: ownBytes(pdf),
      sha256,
      createdAt: now,
      ...(opts.status === 'final' ? { finalizedAt: now } : {}),
    };
    await write(tx, appended);
    await tx.objectStore('copies').add(copy);
    return copy;
  });
}

/** Cancels an entry: a chained cancellation record; the row stays and shows "Đã hủy: {reason}". */
export async function cancelEntry(
  db: SaoyDatabase,
  bookId: string,
  number: number,
  reason: string,
  opts: StoreOptions & { abandoned?: boolean; onlyIfReserved?: boolean } = {},
): Promise<BookRow> {
  const at = (opts.now ?? new Date()).toISOString();
  return inWriteTx(db, ledgerStores(), async (tx) => {
    const state = await headOf(tx, bookId);
    const records = (await tx.objectStore('bookEntries').getAll(entryKeyRange(bookId))).map((r) => r.entry);
    const row = rowsOf(records).find((r) => r.number === number);
    if (!row) throw entryNotFound(state, number);
    if (opts.onlyIfReserved && row.status !== 'reserved') return row;
    const appended = appendCancellation(state, number, row.status, reason, opts.abandoned ?? false, at);
    await write(tx, appended);
    return { ...row, status: 'cancelled', cancelReason: (appended.record as CancellationRecord).reason };
  });
}

export const ABANDONED_REASON = 'Bỏ dở, không hoàn tất việc ký bản sao';

export interface SweepOptions extends StoreOptions {
  /** Reservations younger than this are left alone (someone may still be signing). Default 30 minutes. */
  olderThanMs?: number;
}

/**
 * Cancels reservations whose tab went away before completing (run when the extension starts and before a
 * book is closed). Each becomes a visible cancelled entry, never a gap. One transaction per book, deciding on
 * what it reads itself, so a reservation completed meanwhile by another tab is never cancelled.
 */
export async function sweepAbandonedReservations(db: SaoyDatabase, opts: SweepOptions = {}): Promise<BookRow[]> {
  const now = opts.now ?? new Date();
  const limit = now.getTime() - (opts.olderThanMs ?? 30 * 60_000);
  const cancelled: BookRow[] = [];
  for (const bookId of await db.getAllKeys('books')) {
    const rows = await inWriteTx(db, ledgerStores(), async (tx) => {
      let state = await headOf(tx, bookId);
      if (state.head.closed || state.head.openReservations.length === 0) return [];
      const records = (await tx.objectStore('bookEntries').getAll(entryKeyRange(bookId))).map((r) => r.entry);
      const stale = rowsOf(records).filter((r) => r.status === 'reserved' && Date.parse(reservedAt(records, r.number)) <= limit);
      for (const row of stale) {
        const appended = appendCancellation(state, row.number, row.status, ABANDONED_REASON, true, now.toISOString());
        await write(tx, appended);
        state = appended.state;
      }
      return stale.map((r): BookRow => ({ ...r, status: 'cancelled', cancelReason: ABANDONED_REASON }));
    });
    cancelled.push(...rows);
  }
  return cancelled;
}

function reservedAt(records: readonly LedgerRecord[], number: number): string {
  return records.find((r) => r.kind === 'entry' && r.number === number)?.at ?? '';
}

async function entryOf(tx: LedgerTx, state: BookState, number: number, seq?: number): Promise<EntryRecord> {
  const direct = seq === undefined ? undefined : (await tx.objectStore('bookEntries').get(entryKey(state.config.id, seq)))?.entry;
  if (direct?.kind === 'entry' && direct.number === number) return direct;
  const all = await tx.objectStore('bookEntries').getAll(entryKeyRange(state.config.id));
  const found = all.find((r) => r.entry.kind === 'entry' && r.entry.number === number)?.entry;
  if (!found || found.kind !== 'entry') throw entryNotFound(state, number);
  return found;
}

function entryNotFound(state: BookState, number: number): SaoyError {
  return bookError('BOOK_ENTRY_NOT_FOUND', `book ${state.config.bookNo} has no number ${number}`, `Quyển sổ ${state.config.bookNo} không có số ${number}`);
}

async function notReserved(tx: LedgerTx, state: BookState, number: number): Promise<SaoyError> {
  const row = rowsOf((await tx.objectStore('bookEntries').getAll(entryKeyRange(state.config.id))).map((r) => r.entry)).find((r) => r.number === number);
  if (!row) return entryNotFound(state, number);
  if (row.status === 'cancelled') {
    return bookError(
      'BOOK_ENTRY_CANCELLED',
      `number ${row.certNo} was cancelled (${row.cancelReason ?? ''}): certify the copy again under a new number`,
      `Số ${row.certNo} đã bị hủy (${row.cancelReason ?? ''}): hãy chứng thực lại với số mới`,
    );
  }
  return bookError('BOOK_ENTRY_NOT_RESERVED', `number ${row.certNo} already has its copy`, `Số ${row.certNo} đã có bản sao`);
}

/**
 * The whole book side of one certification: reserve a number, let `sign` build and sign the copy with it,
 * then store the copy and complete the entry. When `sign` fails the number is cancelled at once (reason
 * "Ký không thành công: …"); when the page dies meanwhile, sweepAbandonedReservations cancels it later.
 * Ask for the PIN/confirmation before calling this, so that a refusal does not use up a number.
 */
export async function reserveAndRecord(
  db: SaoyDatabase,
  bookId: string,
  draft: EntryDraft,
  sign: (reservation: Reservation) => Promise<Uint8Array>,
  opts: WriteOptions & CompleteOptions = {},
): Promise<{ reservation: Reservation; copy: CopyRecord }> {
  const reservation = await reserveNumber(db, bookId, draft, opts);
  let pdf: Uint8Array;
  try {
    pdf = await sign(reservation);
  } catch (e) {
    const why = e instanceof SaoyError ? e.vi : e instanceof Error ? e.message : String(e);
    await cancelEntry(db, bookId, reservation.number, `Ký không thành công: ${why}`, { now: opts.now, abandoned: true, onlyIfReserved: true }).catch(() => undefined);
    throw e;
  }
  return { reservation, copy: await completeReservation(db, reservation, pdf, opts) };
}
