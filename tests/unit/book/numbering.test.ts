/**
 * Where a new book's numbers start (planNumbering) with three and more books in a year, in every storage
 * order: numbers must never be issued twice, whatever order the office's books come back from the store.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERIES, formatCertNo, planNumbering, seriesKey, suggestBookNo } from '../../../core/book/numbering';
import type { BookState } from '../../../core/book/types';

const OFFICE = 'UBND phường Trường Thi';

function book(id: string, year: number, lastNumber: number, closed: boolean, over: { office?: string; series?: string } = {}): BookState {
  return {
    config: { id, office: over.office ?? OFFICE, series: over.series ?? DEFAULT_SERIES, year, bookNo: `${id}/${year}` },
    head: { lastNumber, closed },
  } as unknown as BookState;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('planNumbering', () => {
  it('starts at 1 when the series has no book this year', () => {
    expect(planNumbering([], OFFICE, DEFAULT_SERIES, 2026)).toEqual({ firstNumber: 1 });
    const lastYear = book('a', 2025, 40, true);
    expect(planNumbering([lastYear], OFFICE, DEFAULT_SERIES, 2026)).toEqual({ firstNumber: 1 });
  });

  it('continues after the latest book of the year, for the 3rd, 4th and 5th book, in any storage order', () => {
    const b1 = book('b1', 2026, 3, true);
    const b2 = book('b2', 2026, 5, true);
    const b3 = book('b3', 2026, 9, false);
    for (const order of permutations([b1, b2, b3])) {
      const plan = planNumbering(order, OFFICE, DEFAULT_SERIES, 2026);
      expect(plan.firstNumber).toBe(10);
      expect(plan.continues).toBe(b3);
      expect(plan.closes).toBe(b3);
    }
    const b4 = book('b4', 2026, 12, false);
    const closedB3 = book('b3', 2026, 9, true);
    for (const order of permutations([b1, closedB3, b2, b4])) {
      expect(planNumbering(order, OFFICE, DEFAULT_SERIES, 2026)).toEqual({ firstNumber: 13, closes: b4, continues: b4 });
    }
  });

  it('does not reorder the caller’s array', () => {
    const books = [book('b1', 2026, 3, true), book('b2', 2026, 5, true), book('b3', 2026, 9, false)];
    const copy = [...books];
    planNumbering(books, OFFICE, DEFAULT_SERIES, 2026);
    expect(books).toEqual(copy);
  });

  it('ignores other years, other series and other offices; closes the series’ open book of another year', () => {
    const old = book('old', 2025, 99, false);
    const otherSeries = book('e', 2026, 50, false, { series: 'SCT/BS-ĐT' });
    const otherOffice = book('o', 2026, 70, false, { office: 'UBND xã Khác' });
    const mine = book('m', 2026, 4, true);
    const plan = planNumbering([old, otherSeries, otherOffice, mine], OFFICE, DEFAULT_SERIES, 2026);
    expect(plan).toEqual({ firstNumber: 5, closes: old, continues: mine });
    expect(planNumbering([otherSeries, otherOffice], OFFICE, DEFAULT_SERIES, 2026)).toEqual({ firstNumber: 1 });
  });

  it('matches the office ignoring case, spaces and Unicode form, but the series exactly (after trimming)', () => {
    const decomposed = book('d', 2026, 7, false, { office: `  ${OFFICE.normalize('NFD').toUpperCase()} ` });
    expect(planNumbering([decomposed], OFFICE, DEFAULT_SERIES, 2026).firstNumber).toBe(8);
    expect(planNumbering([decomposed], OFFICE, ` ${DEFAULT_SERIES} `, 2026).firstNumber).toBe(8);
    expect(planNumbering([decomposed], OFFICE, DEFAULT_SERIES.toLowerCase(), 2026).firstNumber).toBe(1);
    expect(seriesKey(' A ', ' S ')).toBe('a\u0000S');
    expect(seriesKey('a', 'bc')).not.toBe(seriesKey('ab', 'c'));
  });
});

describe('suggestBookNo and formatCertNo', () => {
  it('counts only the books of the series and year', () => {
    const books = [book('1', 2026, 3, true), book('2', 2026, 5, true), book('3', 2026, 9, false), book('x', 2025, 1, true), book('y', 2026, 1, false, { series: 'Z' })];
    expect(suggestBookNo(books, OFFICE, DEFAULT_SERIES, 2026)).toBe('04/2026-SCT/BS');
    expect(suggestBookNo(books, OFFICE, DEFAULT_SERIES, 2025)).toBe('02/2025-SCT/BS');
    expect(suggestBookNo(books, OFFICE, 'Z', 2026)).toBe('02/2026-SCT/BS');
  });

  it('pads to the configured digits', () => {
    expect(formatCertNo(7, { numberDigits: 1, numberSuffix: '' })).toBe('7');
    expect(formatCertNo(7, { numberDigits: 4, numberSuffix: '/ĐT' })).toBe('0007/ĐT');
  });
});
