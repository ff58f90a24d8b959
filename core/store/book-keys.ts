/** Keys of book records and copies. */
const SEQ_DIGITS = 10;

/** Zero-padded so that the keys of one book sort in ledger order. */
export function entryKey(bookId: string, seq: number): string {
  return `${bookId}#${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

/** Every ledger key of one book ('#' < '0'-'9' < '~'). */
export function entryKeyRange(bookId: string): IDBKeyRange {
  return IDBKeyRange.bound(`${bookId}#`, `${bookId}#~`);
}

/** The cached copy of certification `number` of a book. */
export function copyIdFor(bookId: string, number: number): string {
  return `${bookId}#${number}`;
}
