/**
 * The year-end closing rule, enforced by the store (docs/DOMAIN.md "The certification book"): after a year's
 * closing entry no entry and no book of that year can be added in the series — in core/store, and through the
 * extension's book service the book page uses.
 */
import { describe, expect, it } from 'vitest';
import { closeBook, closeYear, openBook, readLedger, readRows, verifyStoredBook } from '../../../core/store/book';
import { recordEntry, reserveNumber } from '../../../core/store/book-ledger';
import { books as bookService } from '../../../extension/services/book';
import { codeOf, draft, freshDb, OFFICE } from './fresh-db';

const book = (bookNo: string, year = 2026, extra: { series?: string } = {}) => ({ office: OFFICE, year, bookNo, openedOn: `${year}-01-02`, ...extra });

describe('year-end closing in the store', () => {
  it('seals the year with its totals; then no entry and no new book of that year, but the next year opens at 1', async () => {
    const { db } = await freshDb();
    const b1 = await openBook(db, book('01/2026-SCT/BS'));
    await recordEntry(db, b1.config.id, draft({ date: '2026-03-05', copies: 2 }));
    await recordEntry(db, b1.config.id, draft({ date: '2026-11-20' }));
    const closed = await closeYear(db, b1.config.id, { now: new Date('2026-12-31T10:00:00Z') });
    expect(closed.head.closed).toBe(true);
    const last = (await readLedger(db, b1.config.id)).at(-1);
    expect(last).toMatchObject({ kind: 'close', yearEnd: true });
    expect(last?.kind === 'close' && last.reason).toMatch(/^Khóa sổ cuối năm 2026\. Tổng cộng năm 2026: /);
    expect((await verifyStoredBook(db, b1.config.id)).ok).toBe(true);

    expect(await codeOf(recordEntry(db, b1.config.id, draft({ date: '2026-12-31' })))).toBe('BOOK_CLOSED');
    expect(await codeOf(reserveNumber(db, b1.config.id, draft({ date: '2026-12-31' })))).toBe('BOOK_CLOSED');
    // A new book of the closed year would continue its numbering: refused, and nothing written.
    expect(await codeOf(openBook(db, book('02/2026-SCT/BS')))).toBe('BOOK_YEAR_CLOSED');
    expect((await db.getAll('books')).length).toBe(1);

    // The next year is open, numbered from 1; another series of the closed year is its own sequence.
    const b2027 = await openBook(db, book('01/2027-SCT/BS', 2027));
    expect(b2027.config.firstNumber).toBe(1);
    expect((await recordEntry(db, b2027.config.id, draft({ date: '2027-01-04' }))).number).toBe(1);
    const electronic = await openBook(db, book('01/2026-SCT/BS-ĐT', 2026, { series: 'SCT/BS-ĐT' }));
    expect((await recordEntry(db, electronic.config.id, draft({ date: '2026-12-31' }))).number).toBe(1);
  });

  it('an ordinary closing (a new book opened mid-year) does not close the year', async () => {
    const { db } = await freshDb();
    const b1 = await openBook(db, book('01/2026-SCT/BS'));
    await recordEntry(db, b1.config.id, draft());
    await closeBook(db, b1.config.id, 'Hết trang');
    const b2 = await openBook(db, book('02/2026-SCT/BS'));
    expect(b2.config.firstNumber).toBe(2);
    expect((await recordEntry(db, b2.config.id, draft({ date: '2026-06-01' }))).number).toBe(2);
  });

  it('refuses the year-end closing while a number awaits its copy', async () => {
    const { db } = await freshDb();
    const b1 = await openBook(db, book('01/2026-SCT/BS'));
    await reserveNumber(db, b1.config.id, draft());
    expect(await codeOf(closeYear(db, b1.config.id))).toBe('BOOK_HAS_RESERVATIONS');
    expect((await readRows(db, b1.config.id)).length).toBe(1);
  });
});

describe('year-end closing through the extension book service', () => {
  it('the service closes the year and the store then refuses a book of that year', async () => {
    const b = await bookService.open({ office: OFFICE, year: 2025, bookNo: '01/2025-SCT/BS' });
    const closed = await bookService.closeYear(b);
    expect(closed.head.closed).toBe(true);
    expect(await codeOf(bookService.open({ office: OFFICE, year: 2025, bookNo: '02/2025-SCT/BS' }))).toBe('BOOK_YEAR_CLOSED');
    expect((await bookService.verify(b.config.id)).ok).toBe(true);
    expect((await bookService.list()).filter((x) => x.config.year === 2025).map((x) => x.config.bookNo)).toEqual(['01/2025-SCT/BS']);
  });
});
