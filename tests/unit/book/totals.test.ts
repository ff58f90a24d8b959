/** Monthly totals, the year-end closing reason, and a book state replayed from its records alone. */
import { describe, expect, it } from 'vitest';
import { appendClose, appendEntry } from '../../../core/book/ledger';
import { normalizeDraft } from '../../../core/book/draft';
import { DEFAULT_FEE_RULES } from '../../../core/book/fee';
import { replayBook } from '../../../core/book/replay';
import { rowsOf } from '../../../core/book/rows';
import { bookTotals, formatVnd, monthlyPrint, yearEndReason } from '../../../core/book/totals';
import { baseDraft, buildLedger } from './ledger-fixture';

describe('book totals', () => {
  it('counts every number, but copies, pages and fees only of entries not cancelled', () => {
    const { records } = buildLedger(10);
    const t = bookTotals(rowsOf(records));
    // 10 numbers, entry 7 cancelled; 2 pages and 1 copy each → 4,000 VND each under Circular 226/2016.
    expect(t).toEqual({ numbers: 10, recorded: 9, cancelled: 1, reserved: 0, copies: 9, pages: 18, fee: 36_000, firstCertNo: '01', lastCertNo: '10' });
    expect(formatVnd(36_000)).toBe('36.000 đồng');
    expect(formatVnd(1_234_567)).toBe('1.234.567 đồng');
    expect(formatVnd(0)).toBe('0 đồng');
  });

  it('the monthly print holds only that month\'s rows and totals', () => {
    let { book, records } = buildLedger(3);
    const april = appendEntry(book, normalizeDraft({ ...baseDraft, date: '2026-04-02', pages: 5 }, DEFAULT_FEE_RULES), '2026-04-02T01:00:00.000Z', 'recorded');
    records = [...records, april.record];
    book = april.state;
    const march = monthlyPrint(book, rowsOf(records), '2026-03');
    expect(march.view.rows.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(march.totalsLine).toBe('Cộng tháng 03/2026: 3 số (từ số 01 đến số 03): 3 đã chứng thực, 0 đã hủy; 3 bản sao, 6 trang bản chính; lệ phí 12.000 đồng');
    const apr = monthlyPrint(book, rowsOf(records), '2026-04');
    expect(apr.view.rows.map((r) => r.number)).toEqual([4]);
    expect(apr.totals.fee).toBe(7_000); // 2 × 2,000 + 3 × 1,000
    expect(apr.heading).toBe('Tháng 04 năm 2026');
    expect(() => monthlyPrint(book, [], '2026-13')).toThrow(/YYYY-MM/);
  });

  it('the year-end closing record carries the year\'s totals, and nothing can follow it', () => {
    const { book, records } = buildLedger(4);
    const reason = yearEndReason(book, rowsOf(records));
    expect(reason).toBe('Khóa sổ cuối năm 2026. Tổng cộng năm 2026: 4 số (từ số 01 đến số 04): 4 đã chứng thực, 0 đã hủy; 4 bản sao, 8 trang bản chính; lệ phí 16.000 đồng');
    const closed = appendClose(book, reason, '2026-12-31T10:00:00.000Z');
    expect(() => appendEntry(closed.state, normalizeDraft({ ...baseDraft, date: '2026-12-31' }, DEFAULT_FEE_RULES), '2026-12-31T11:00:00.000Z', 'recorded')).toThrow(/is closed/);
  });

  it('replaying the records gives the head the store kept', () => {
    const { book, records } = buildLedger(12);
    expect(replayBook(book.config, book.genesisHash, records)).toEqual(book);
    const empty = replayBook(book.config, book.genesisHash, []);
    expect(empty.head).toEqual({ seq: 0, hash: book.genesisHash, lastNumber: 0, openReservations: [], closed: false });
  });
});
