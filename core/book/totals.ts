/**
 * Totals the rules ask of a book kept by computer (docs/DOMAIN.md "The certification book"): it is printed
 * every month with that month's totals, and closed at year end with the year's totals.
 */
import { bookPrintView, type BookPrintView } from './export.js';
import { formatVnd } from './money.js';
import type { IntegrityReport } from './integrity.js';
import type { BookRow, BookState } from './types.js';

export interface BookTotals {
  /** Numbers given (cancelled ones included: they stay in the book). */
  readonly numbers: number;
  readonly recorded: number;
  readonly cancelled: number;
  /** Still awaiting their signed copy. */
  readonly reserved: number;
  /** Copies certified and pages of their originals, fees collected: cancelled entries do not count. */
  readonly copies: number;
  readonly pages: number;
  readonly fee: number;
  readonly firstCertNo?: string;
  readonly lastCertNo?: string;
}

export function bookTotals(rows: readonly BookRow[]): BookTotals {
  const live = rows.filter((r) => r.status !== 'cancelled');
  const sum = (f: (r: BookRow) => number) => live.reduce((n, r) => n + f(r), 0);
  return {
    numbers: rows.length,
    recorded: rows.filter((r) => r.status === 'recorded').length,
    cancelled: rows.length - live.length,
    reserved: rows.filter((r) => r.status === 'reserved').length,
    copies: sum((r) => r.copies),
    pages: sum((r) => r.pages),
    fee: sum((r) => r.fee),
    ...(rows.length ? { firstCertNo: rows[0].certNo, lastCertNo: rows[rows.length - 1].certNo } : {}),
  };
}

export { formatVnd } from './money.js';

/** One line of totals, as printed under a month and written into the year-end closing record. */
export function totalsLine(t: BookTotals): string {
  const range = t.firstCertNo ? ` (từ số ${t.firstCertNo} đến số ${t.lastCertNo})` : '';
  return `${t.numbers} số${range}: ${t.recorded} đã chứng thực, ${t.cancelled} đã hủy` +
    (t.reserved ? `, ${t.reserved} đang chứng thực` : '') +
    `; ${t.copies} bản sao, ${t.pages} trang bản chính; lệ phí ${formatVnd(t.fee)}`;
}

export interface MonthlyPrint {
  /** "2026-03" */
  readonly month: string;
  /** "Tháng 03 năm 2026" */
  readonly heading: string;
  readonly view: BookPrintView;
  readonly totals: BookTotals;
  readonly totalsLine: string;
}

/** The monthly print of a book: that month's rows (by certification date) and their totals. */
export function monthlyPrint(book: BookState, rows: readonly BookRow[], month: string, integrity?: IntegrityReport): MonthlyPrint {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`a month is written YYYY-MM, got "${month}"`);
  const inMonth = rows.filter((r) => r.date.startsWith(`${month}-`));
  const totals = bookTotals(inMonth);
  return {
    month,
    heading: `Tháng ${month.slice(5)} năm ${month.slice(0, 4)}`,
    view: bookPrintView(book, inMonth, integrity),
    totals,
    totalsLine: `Cộng tháng ${month.slice(5)}/${month.slice(0, 4)}: ${totalsLine(totals)}`,
  };
}

/** The reason written into the year-end closing record: the year's totals, sealed into the chain. */
export function yearEndReason(book: BookState, rows: readonly BookRow[]): string {
  return `Khóa sổ cuối năm ${book.config.year}. Tổng cộng năm ${book.config.year}: ${totalsLine(bookTotals(rows))}`;
}
