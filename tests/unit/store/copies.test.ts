import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { isSaoyError } from '../../../core/errors';
import { openBook, readLedger } from '../../../core/store/book';
import { reserveNumber } from '../../../core/store/book-ledger';
import { deleteCopy, getCopy, listCopies, putCopy, type CopyInput } from '../../../core/store/copies';
import { draft, freshDb, OFFICE } from './fresh-db';

afterEach(() => vi.restoreAllMocks());

const pdf = (s: string) => new TextEncoder().encode(`%PDF-1.7 ${s}`);
const copy = (over: Partial<CopyInput> & { number: number }): CopyInput => ({
  id: `book-1#${over.number}`,
  certNo: String(over.number).padStart(2, '0'),
  bookId: 'book-1',
  bookNo: '01/2026-SCT/BS',
  requester: 'Lê Văn Đức',
  docName: 'Bằng tốt nghiệp đại học',
  date: '2026-03-05',
  status: 'awaiting-authority',
  pdf: pdf(`copy ${over.number}`),
  ...over,
});

/** Makes every put/add into `store` fail the way a full disk does. */
function simulateQuota(store: string) {
  for (const method of ['put', 'add'] as const) {
    const real = FakeObjectStore.prototype[method];
    vi.spyOn(FakeObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === store) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.apply(this, args);
    });
  }
}

describe('copy cache', () => {
  it('stores, gets, lists newest first without bytes, deletes only on request', async () => {
    const { db } = await freshDb();
    const a = await putCopy(db, copy({ number: 1, date: '2026-03-01' }));
    await putCopy(db, copy({ number: 2, date: '2026-03-09', status: 'final' }));
    expect(a.sha256).toBe(Buffer.from(await crypto.subtle.digest('SHA-256', pdf('copy 1'))).toString('hex'));
    expect((await getCopy(db, a.id))?.pdf).toEqual(pdf('copy 1'));
    const list = await listCopies(db);
    expect(list.map((c) => c.number)).toEqual([2, 1]);
    expect(list[0]).not.toHaveProperty('pdf');
    expect(list[1].size).toBe(pdf('copy 1').length);
    expect((await listCopies(db, { status: 'final' })).map((c) => c.number)).toEqual([2]);
    expect(await deleteCopy(db, a.id)).toBe(true);
    expect(await deleteCopy(db, a.id)).toBe(false);
    expect(await getCopy(db, a.id)).toBeUndefined();
  });

  it('never overwrites a copy with other bytes', async () => {
    const { db } = await freshDb();
    await putCopy(db, copy({ number: 1 }));
    expect((await putCopy(db, copy({ number: 1 }))).number).toBe(1); // same bytes: fine
    const err = await putCopy(db, copy({ number: 1, pdf: pdf('forged') })).catch((e: unknown) => e);
    expect(isSaoyError(err) && err.code).toBe('COPY_EXISTS');
    expect((await getCopy(db, 'book-1#1'))?.pdf).toEqual(pdf('copy 1'));
  });

  it('searches by number, requester and original without diacritics, and by date', async () => {
    const { db } = await freshDb();
    await putCopy(db, copy({ number: 1, requester: 'Nguyễn Văn A', docName: 'Giấy khai sinh', date: '2026-03-01' }));
    await putCopy(db, copy({ number: 2, requester: 'Trần Thị Bình', docName: 'Bằng tốt nghiệp THPT', date: '2026-03-10' }));
    await putCopy(db, copy({ number: 15, certNo: '15/ĐT', requester: 'NGUYỄN VĂN AN', docName: 'Hộ chiếu', date: '2026-04-02' }));
    const numbers = async (q: Parameters<typeof listCopies>[1]) => (await listCopies(db, q)).map((c) => c.number);
    expect(await numbers({ requester: 'nguyen van a' })).toEqual([15, 1]);
    expect(await numbers({ requester: 'Nguyễn Văn A', to: '2026-03-31' })).toEqual([1]);
    expect(await numbers({ docName: 'bang tot nghiep' })).toEqual([2]);
    expect(await numbers({ number: 15 })).toEqual([15]);
    expect(await numbers({ number: '15/ĐT' })).toEqual([15]);
    expect(await numbers({ from: '2026-03-02', to: '2026-03-31' })).toEqual([2]);
    expect(await numbers({ text: 'ho chieu nguyen' })).toEqual([15]);
  });
});

describe('a full disk', () => {
  it('maps QuotaExceededError to STORE_QUOTA (vi + en) and keeps what was stored', async () => {
    const { db } = await freshDb();
    await putCopy(db, copy({ number: 1 }));
    simulateQuota('copies');
    const err = await putCopy(db, copy({ number: 2 })).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(isSaoyError(err) && err.code).toBe('STORE_QUOTA');
    expect(isSaoyError(err) && err.vi).toBe('Bộ nhớ của trình duyệt đã đầy: hãy sao lưu rồi xóa bớt bản sao cũ');
    expect(isSaoyError(err) && err.message).toBe("the browser's storage is full: back up, then delete old copies");
    expect((await getCopy(db, 'book-1#1'))?.pdf).toEqual(pdf('copy 1'));
    expect(await getCopy(db, 'book-1#2')).toBeUndefined();
  });

  it('in the book: no number is taken and the chain is intact', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, { office: OFFICE, year: 2026, bookNo: '01/2026-SCT/BS', openedOn: '2026-01-02' });
    await reserveNumber(db, book.config.id, draft());
    simulateQuota('bookEntries');
    const err = await reserveNumber(db, book.config.id, draft()).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(isSaoyError(err) && err.code).toBe('STORE_QUOTA');
    expect(await readLedger(db, book.config.id)).toHaveLength(1);
    expect((await reserveNumber(db, book.config.id, draft())).number).toBe(2);
  });
});
