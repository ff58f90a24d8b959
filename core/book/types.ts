/**
 * The certification book (sổ chứng thực bản sao từ bản chính) as data. The book is a ledger: append-only,
 * hash-chained records; the rows a clerk sees are folded from it (see rows.ts). Dates are ISO `YYYY-MM-DD`,
 * times ISO 8601 UTC, money whole VND.
 */

/** Immutable once the book is opened: it is hashed into the chain's genesis. */
export interface BookConfig {
  /** Random UUID. */
  readonly id: string;
  /** Office name and place, e.g. "Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa". */
  readonly office: string;
  readonly year: number;
  /** Quyển số as written on copies, e.g. "01/2026-SCT/BS". */
  readonly bookNo: string;
  /** Numbering series: books of one office, series and year share one sequence of numbers. */
  readonly series: string;
  /** Appended to every number, e.g. "/ĐT" gives "15/ĐT" (a separate electronic book); "" for none. */
  readonly numberSuffix: string;
  /** Minimum digits of a number ("01" with 2). */
  readonly numberDigits: number;
  /** 1, or the number after the last one of the book this one continues in the same year. */
  readonly firstNumber: number;
  /** Column template (legal basis + effective date) chosen when the book was opened. */
  readonly columnsTemplateId: string;
  readonly openedOn: string;
  /** The book of the same series and year that this one continues, as it was when closed. */
  readonly previous?: BookLink;
}

export interface BookLink {
  readonly bookId: string;
  readonly bookNo: string;
  readonly lastNumber: number;
  readonly headHash: string;
}

/** Where the chain ends. Kept with the book so allocation reads one record and the ledger's end can be checked. */
export interface BookHead {
  /** Seq of the last ledger record (0 when empty). */
  readonly seq: number;
  /** Hash of the last record (the genesis hash when empty). */
  readonly hash: string;
  /** Last certification number allocated (firstNumber - 1 when none). */
  readonly lastNumber: number;
  /** Date of the last entry: entries never go back in time. */
  readonly lastDate?: string;
  /** Numbers reserved and neither completed nor cancelled yet. */
  readonly openReservations: readonly number[];
  readonly closed: boolean;
}

export interface BookState {
  readonly config: BookConfig;
  /** SHA-256 over the canonical config: the first record's prevHash. */
  readonly genesisHash: string;
  readonly head: BookHead;
}

interface RecordBase {
  readonly v: 1;
  readonly bookId: string;
  /** Position in the ledger, from 1, no gaps. */
  readonly seq: number;
  /** When the record was written (ISO time). */
  readonly at: string;
  readonly prevHash: string;
  /** SHA-256 (hex) over the canonical encoding of every other field. */
  readonly hash: string;
}

/** One row of the book: allocates the next certification number. */
export interface EntryRecord extends RecordBase {
  readonly kind: 'entry';
  readonly number: number;
  /** Number as written on the copy, e.g. "15" or "15/ĐT". */
  readonly certNo: string;
  readonly date: string;
  readonly requester: string;
  readonly docName: string;
  readonly signerName: string;
  readonly signerTitle: string;
  /** Số bản sao đã được chứng thực. */
  readonly copies: number;
  /** Pages of the original (what the fee is computed from). */
  readonly pages: number;
  /** Lệ phí for all copies, VND. */
  readonly fee: number;
  /** Fee rule id, or "manual" when the clerk entered the fee. */
  readonly feeRuleId: string;
  readonly note: string;
  /** "reserved": the number was taken before signing and awaits a completion or a cancellation record. */
  readonly state: 'reserved' | 'recorded';
}

/** The signed copy of a reserved entry was stored (binds its SHA-256 into the chain). */
export interface CompletionRecord extends RecordBase {
  readonly kind: 'complete';
  readonly number: number;
  readonly copyId: string;
  readonly sha256: string;
  readonly size: number;
}

/** Cancels an entry; the entry stays and shows "Đã hủy: lý do". */
export interface CancellationRecord extends RecordBase {
  readonly kind: 'cancel';
  readonly number: number;
  readonly reason: string;
  /** True when a reservation was abandoned (tab closed or signing failed) rather than cancelled by a person. */
  readonly abandoned: boolean;
}

/** Last record of a closed book. */
export interface CloseRecord extends RecordBase {
  readonly kind: 'close';
  readonly reason: string;
  /**
   * The year-end closing (its reason carries the year's totals): after it no book and no entry of that year may
   * be added in the series (docs/DOMAIN.md "The certification book"). Absent on other closings, so older records
   * hash as before.
   */
  readonly yearEnd?: true;
}

export type LedgerRecord = EntryRecord | CompletionRecord | CancellationRecord | CloseRecord;

/** A record before it is sealed into the chain. */
export type UnsealedRecord = DistributiveOmit<LedgerRecord, 'hash' | 'prevHash' | 'seq' | 'bookId' | 'v'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the clerk enters for one certification. */
export interface EntryDraft {
  date: string;
  requester: string;
  docName: string;
  signerName: string;
  signerTitle: string;
  /** Defaults to 1. */
  copies?: number;
  /** Pages of the original. */
  pages: number;
  /** Whole VND; when absent it is computed from the fee rule in force on `date`. */
  fee?: number;
  note?: string;
}

export type RowStatus = 'reserved' | 'recorded' | 'cancelled';

/** One row of the book as shown, printed and exported. */
export interface BookRow {
  readonly bookId: string;
  readonly seq: number;
  readonly number: number;
  readonly certNo: string;
  readonly date: string;
  readonly requester: string;
  readonly docName: string;
  readonly signerName: string;
  readonly signerTitle: string;
  readonly copies: number;
  readonly pages: number;
  readonly fee: number;
  readonly note: string;
  readonly status: RowStatus;
  readonly cancelReason?: string;
  readonly copyId?: string;
  readonly sha256?: string;
}

/** A number taken for a copy about to be signed: what the certify UI needs to render its statement. */
export interface Reservation {
  readonly bookId: string;
  /** Ledger position of the entry (lets completion read one record instead of the ledger). */
  readonly seq: number;
  readonly bookNo: string;
  readonly office: string;
  readonly number: number;
  readonly certNo: string;
  readonly date: string;
  readonly requester: string;
  readonly docName: string;
  readonly signerName: string;
  readonly fee: number;
  readonly reservedAt: string;
}
