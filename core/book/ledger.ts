/**
 * State transitions of a book, pure: each takes the book's state, returns the sealed record to append and the
 * new state. The store runs them inside one IndexedDB transaction (read state → append → write state).
 */
import type { NormalizedDraft } from './draft.js';
import { bookError } from './errors.js';
import { sealRecord } from './hash.js';
import { formatCertNo } from './numbering.js';
import type { BookHead, BookState, LedgerRecord, RowStatus, UnsealedRecord } from './types.js';

export interface Appended {
  readonly record: LedgerRecord;
  readonly state: BookState;
}

function append(state: BookState, body: UnsealedRecord, head: Partial<BookHead>): Appended {
  if (state.head.closed) {
    throw bookError('BOOK_CLOSED', `book ${state.config.bookNo} is closed`, `Quyển sổ ${state.config.bookNo} đã khóa`);
  }
  const record = sealRecord(body, state.config.id, state.head.seq + 1, state.head.hash);
  return { record, state: { ...state, head: { ...state.head, ...head, seq: record.seq, hash: record.hash } } };
}

/** Allocates the next number to a new entry, reserved (number needed before signing) or recorded at once. */
export function appendEntry(state: BookState, draft: NormalizedDraft, at: string, entryState: 'reserved' | 'recorded'): Appended {
  const { config, head } = state;
  const year = Number(draft.date.slice(0, 4));
  if (year !== config.year) {
    throw bookError(
      'BOOK_YEAR_MISMATCH',
      `the date ${draft.date} is not in ${config.year}, the year of book ${config.bookNo}: open the book for ${year}`,
      `Ngày ${draft.date} không thuộc năm ${config.year} của quyển sổ ${config.bookNo}: hãy mở sổ cho năm ${year}`,
    );
  }
  if (head.lastDate && draft.date < head.lastDate) {
    throw bookError(
      'BOOK_DATE_BEFORE_LAST',
      `the date ${draft.date} is before the book's last entry (${head.lastDate})`,
      `Ngày ${draft.date} trước ngày của số gần nhất trong sổ (${head.lastDate})`,
    );
  }
  const number = head.lastNumber + 1;
  return append(
    state,
    { kind: 'entry', at, number, certNo: formatCertNo(number, config), state: entryState, ...draft },
    {
      lastNumber: number,
      lastDate: draft.date,
      openReservations: entryState === 'reserved' ? [...head.openReservations, number] : head.openReservations,
    },
  );
}

function withoutReservation(head: BookHead, number: number): readonly number[] {
  return head.openReservations.filter((n) => n !== number);
}

export interface CopyLink {
  copyId: string;
  sha256: string;
  size: number;
}

/** The signed copy of a reserved entry was stored. */
export function appendCompletion(state: BookState, number: number, copy: CopyLink, at: string): Appended {
  if (!state.head.openReservations.includes(number)) {
    throw bookError(
      'BOOK_ENTRY_NOT_RESERVED',
      `number ${number} of book ${state.config.bookNo} is not awaiting its copy`,
      `Số ${number} của quyển ${state.config.bookNo} không ở trạng thái chờ bản sao`,
    );
  }
  return append(state, { kind: 'complete', at, number, ...copy }, { openReservations: withoutReservation(state.head, number) });
}

/** Cancels an entry (it stays in the book, marked "Đã hủy: lý do"). `status` is the entry's current status. */
export function appendCancellation(state: BookState, number: number, status: RowStatus, reason: string, abandoned: boolean, at: string): Appended {
  if (status === 'cancelled') {
    throw bookError('BOOK_ENTRY_CANCELLED', `number ${number} is already cancelled`, `Số ${number} đã bị hủy trước đó`);
  }
  const why = reason.normalize('NFC').trim();
  if (!why) throw bookError('BOOK_DRAFT_INVALID', 'a cancellation needs a reason', 'Cần ghi lý do hủy');
  return append(state, { kind: 'cancel', at, number, reason: why, abandoned }, { openReservations: withoutReservation(state.head, number) });
}

/** Closes the book (year end, or a new book of the series opened). Refused while numbers await their copy. */
export function appendClose(state: BookState, reason: string, at: string, yearEnd = false): Appended {
  if (state.head.openReservations.length > 0) {
    throw bookError(
      'BOOK_HAS_RESERVATIONS',
      `book ${state.config.bookNo} still has numbers awaiting their copy: ${state.head.openReservations.join(', ')}`,
      `Quyển sổ ${state.config.bookNo} còn số đang chờ hoàn tất: ${state.head.openReservations.join(', ')}`,
    );
  }
  const appended = append(state, { kind: 'close', at, reason: reason.normalize('NFC').trim(), ...(yearEnd ? { yearEnd: true as const } : {}) }, {});
  return { record: appended.record, state: { ...appended.state, head: { ...appended.state.head, closed: true } } };
}
