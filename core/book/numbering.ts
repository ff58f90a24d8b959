/**
 * Certification numbers (docs/DOMAIN.md "The certification book"): they start at 1 each year, continue into a new book opened mid-year,
 * restart the next year, and may carry a suffix for a separate electronic book ("15/ĐT"). A number belongs to
 * an office's numbering series and year, so a book records its first number and each entry its own.
 */
import { formatBookNo } from '../ecopy/statement.js';
import type { BookConfig, BookState } from './types.js';

export const DEFAULT_SERIES = 'SCT/BS';

/** "15" (digits 2: "01", "15"), plus the book's suffix: "15/ĐT". */
export function formatCertNo(number: number, config: Pick<BookConfig, 'numberDigits' | 'numberSuffix'>): string {
  return String(number).padStart(config.numberDigits, '0') + config.numberSuffix;
}

/** Books sharing this key share one sequence of numbers within a year. */
export function seriesKey(office: string, series: string): string {
  return `${office.normalize('NFC').trim().toLowerCase()}\u0000${series.normalize('NFC').trim()}`;
}

export interface NumberingPlan {
  firstNumber: number;
  /** The open book of the same series this one replaces (closed in the same transaction). */
  closes?: BookState;
  /** The book of the same series and year this one continues. */
  continues?: BookState;
}

/**
 * Where a new book's numbers start, given the office's existing books: after the last number of the latest
 * book of the same series and year, else at 1. Any open book of the series is closed by the new one.
 */
export function planNumbering(books: readonly BookState[], office: string, series: string, year: number): NumberingPlan {
  const key = seriesKey(office, series);
  const same = books.filter((b) => seriesKey(b.config.office, b.config.series) === key);
  const open = same.find((b) => !b.head.closed);
  const sameYear = same.filter((b) => b.config.year === year);
  const latest = sameYear.sort((a, b) => b.head.lastNumber - a.head.lastNumber)[0];
  return {
    firstNumber: latest ? latest.head.lastNumber + 1 : 1,
    ...(open ? { closes: open } : {}),
    ...(latest ? { continues: latest } : {}),
  };
}

/** A suggestion for the next book's number: "02/2026-SCT/BS" after "01/2026-SCT/BS", "01/2027-SCT/BS" in a new year. */
export function suggestBookNo(books: readonly BookState[], office: string, series: string, year: number): string {
  const key = seriesKey(office, series);
  const count = books.filter((b) => b.config.year === year && seriesKey(b.config.office, b.config.series) === key).length;
  return formatBookNo(String(count + 1).padStart(2, '0'), year);
}
