import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { isSaoyError } from '../../../core/errors';
import { getBook, listBooks, openBook, readLedger, readRows, verifyStoredBook } from '../../../core/store/book';
import { recordEntry, reserveNumber } from '../../../core/store/book-ledger';
import { openSaoyDb } from '../../../core/store/db';
import { draft, freshDb, OFFICE } from './fresh-db';

afterEach(() => vi.restoreAllMocks());

const book01 = { office: OFFICE, year: 2026, bookNo: '01/2026-SCT/BS', openedOn: '2026-01-02' };

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isSaoyError(e) ? e.code : `not a SaoyError: ${String(e)}`;
  }
  return undefined;
}

describe('number allocation', () => {
  it('numbers sequentially from 1, padded, with the fee computed', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    const a = await reserveNumber(db, book.config.id, draft());
    const b = await reserveNumber(db, book.config.id, draft({ pages: 3, copies: 2 }));
    const c = await recordEntry(db, book.config.id, draft({ pages: 10 }));
    expect([a.number, b.number, c.number]).toEqual([1, 2, 3]);
    expect([a.certNo, b.certNo, c.certNo]).toEqual(['01', '02', '03']);
    expect([a.fee, b.fee, c.fee]).toEqual([4_000, 10_000, 12_000]);
    expect(a).toMatchObject({ bookNo: '01/2026-SCT/BS', office: OFFICE, date: '2026-03-05' });
    expect((await getBook(db, book.config.id))?.head).toMatchObject({ seq: 3, lastNumber: 3, openReservations: [1, 2] });
    expect((await verifyStoredBook(db, book.config.id)).ok).toBe(true);
  });

  it('gives 20 parallel allocations on two connections the numbers 1..20, no gap, no duplicate', async () => {
    const { db, reopen } = await freshDb();
    const other = await reopen();
    const book = await openBook(db, book01);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => reserveNumber(i % 2 ? other : db, book.config.id, draft({ requester: `Người ${i}` }))),
    );
    expect(results.map((r) => r.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const ledger = await readLedger(db, book.config.id);
    expect(ledger.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await verifyStoredBook(other, book.config.id)).ok).toBe(true);
    other.close();
  });

  it('leaves no gap and no half entry when the transaction aborts mid-way', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    await reserveNumber(db, book.config.id, draft());
    // The entry is written, then writing the book's head fails: the whole transaction must roll back.
    const realPut = FakeObjectStore.prototype.put;
    const spy = vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'books') throw new DOMException('simulated crash', 'UnknownError');
      return realPut.apply(this, args);
    });
    expect(await codeOf(reserveNumber(db, book.config.id, draft()))).toBe('STORE_FAILED');
    spy.mockRestore();
    expect(await readLedger(db, book.config.id)).toHaveLength(1);
    expect((await getBook(db, book.config.id))?.head.lastNumber).toBe(1);
    const next = await reserveNumber(db, book.config.id, draft());
    expect(next.number).toBe(2);
    expect((await verifyStoredBook(db, book.config.id)).ok).toBe(true);
  });

  it('survives reopening the database (a restarted browser)', async () => {
    const { db, name } = await freshDb();
    const book = await openBook(db, book01);
    await reserveNumber(db, book.config.id, draft());
    db.close();
    const again = await openSaoyDb(name);
    expect((await reserveNumber(again, book.config.id, draft())).number).toBe(2);
  });

  it('continues the numbers into a new book opened mid-year, closing the old one', async () => {
    const { db } = await freshDb();
    const first = await openBook(db, book01);
    for (let i = 0; i < 3; i++) await recordEntry(db, first.config.id, draft());
    const second = await openBook(db, { ...book01, bookNo: '02/2026-SCT/BS', openedOn: '2026-06-01' });
    expect(second.config.firstNumber).toBe(4);
    expect(second.config.previous).toMatchObject({ bookId: first.config.id, lastNumber: 3 });
    const closed = await getBook(db, first.config.id);
    expect(closed?.head.closed).toBe(true);
    expect(second.config.previous?.headHash).toBe(closed?.head.hash);
    expect((await recordEntry(db, second.config.id, draft({ date: '2026-06-01' }))).number).toBe(4);
    expect(await codeOf(recordEntry(db, first.config.id, draft({ date: '2026-06-01' })))).toBe('BOOK_CLOSED');
    expect((await verifyStoredBook(db, first.config.id)).ok).toBe(true);
    expect((await readLedger(db, first.config.id)).at(-1)?.kind).toBe('close');
  });

  it('continues the numbers across a third and a fourth book of the same year: no number issued twice', async () => {
    const { db } = await freshDb();
    const issued: number[] = [];
    const counts = [3, 2, 4, 1];
    const firsts: number[] = [];
    for (let b = 0; b < counts.length; b++) {
      const month = String(b + 3).padStart(2, '0');
      const book = await openBook(db, { ...book01, bookNo: `0${b + 1}/2026-SCT/BS`, openedOn: `2026-${month}-01` });
      firsts.push(book.config.firstNumber);
      for (let i = 0; i < counts[b]; i++) issued.push((await recordEntry(db, book.config.id, draft({ date: `2026-${month}-02` }))).number);
    }
    expect(firsts).toEqual([1, 4, 6, 10]);
    expect(issued).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    const books = await listBooks(db);
    expect(books.filter((b) => !b.head.closed).map((b) => b.config.bookNo)).toEqual(['04/2026-SCT/BS']);
    for (const b of books) expect((await verifyStoredBook(db, b.config.id)).ok).toBe(true);
  });

  it('restarts at 1 in a new year, and refuses a date outside the book year', async () => {
    const { db } = await freshDb();
    const y2026 = await openBook(db, book01);
    await recordEntry(db, y2026.config.id, draft({ date: '2026-12-31' }));
    await recordEntry(db, y2026.config.id, draft({ date: '2026-12-31' }));
    expect(await codeOf(recordEntry(db, y2026.config.id, draft({ date: '2027-01-02' })))).toBe('BOOK_YEAR_MISMATCH');
    const y2027 = await openBook(db, { ...book01, year: 2027, bookNo: '01/2027-SCT/BS', openedOn: '2027-01-02' });
    expect(y2027.config.firstNumber).toBe(1);
    expect(y2027.config.previous).toBeUndefined();
    expect((await recordEntry(db, y2027.config.id, draft({ date: '2027-01-02' }))).certNo).toBe('01');
    expect((await listBooks(db)).map((b) => [b.config.bookNo, b.head.closed])).toEqual([
      ['01/2027-SCT/BS', false],
      ['01/2026-SCT/BS', true],
    ]);
  });

  it('numbers a separate electronic book with its own series and suffix', async () => {
    const { db } = await freshDb();
    const paper = await openBook(db, book01);
    const electronic = await openBook(db, { ...book01, bookNo: '01/2026-SCT/BS-ĐT', series: 'SCT/BS-ĐT', numberSuffix: '/ĐT' });
    await recordEntry(db, paper.config.id, draft());
    const e = await reserveNumber(db, electronic.config.id, draft());
    expect(e.certNo).toBe('01/ĐT');
    expect((await getBook(db, paper.config.id))?.head.closed).toBe(false);
  });

  it('refuses a duplicate book number, a date going backwards and an invalid draft', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    expect(await codeOf(openBook(db, book01))).toBe('BOOK_EXISTS');
    await recordEntry(db, book.config.id, draft({ date: '2026-03-05' }));
    expect(await codeOf(recordEntry(db, book.config.id, draft({ date: '2026-03-04' })))).toBe('BOOK_DATE_BEFORE_LAST');
    expect(await codeOf(recordEntry(db, book.config.id, draft({ requester: '  ' })))).toBe('BOOK_DRAFT_INVALID');
    expect(await codeOf(recordEntry(db, book.config.id, draft({ date: '2026-02-30' })))).toBe('BOOK_DRAFT_INVALID');
    expect(await codeOf(recordEntry(db, 'nope', draft()))).toBe('BOOK_NOT_FOUND');
    expect((await readRows(db, book.config.id)).map((r) => r.number)).toEqual([1]);
  });

  it('refuses to extend a book whose head does not match its last record', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    await recordEntry(db, book.config.id, draft());
    const rec = (await db.get('books', book.config.id))!;
    await db.put('books', { ...rec, meta: { ...rec.meta, head: { ...rec.meta.head, hash: '00'.repeat(32) } } });
    expect(await codeOf(recordEntry(db, book.config.id, draft()))).toBe('BOOK_CORRUPT');
  });
});
