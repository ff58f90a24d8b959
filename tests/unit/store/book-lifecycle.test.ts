import { describe, expect, it } from 'vitest';
import { bookCsv, bookPrintView, rowCells } from '../../../core/book/export';
import { columnsTemplateById } from '../../../core/book/columns';
import { parseCsv, UTF8_BOM } from '../../../core/book/csv';
import { parseDateVn } from '../../../core/book/dates';
import { isSaoyError } from '../../../core/errors';
import { closeBook, getBook, openBook, readLedger, readRows, searchBooks, verifyStoredBook } from '../../../core/store/book';
import { cancelEntry, completeReservation, recordEntry, reserveAndRecord, reserveNumber, sweepAbandonedReservations } from '../../../core/store/book-ledger';
import { getCopy } from '../../../core/store/copies';
import { draft, freshDb, OFFICE } from './fresh-db';

const book01 = { office: OFFICE, year: 2026, bookNo: '01/2026-SCT/BS', openedOn: '2026-01-02' };
const pdf = (s: string) => new TextEncoder().encode(`%PDF-1.7 ${s}`);

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isSaoyError(e) ? e.code : String(e);
  }
  return undefined;
}

describe('reservation → signed copy → book', () => {
  it('completes a reservation with its copy in one step and chains the copy hash', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    const r = await reserveNumber(db, book.config.id, draft());
    expect((await readRows(db, book.config.id))[0].status).toBe('reserved');
    const copy = await completeReservation(db, r, pdf('one'));
    expect(copy).toMatchObject({ certNo: '01', number: 1, bookNo: '01/2026-SCT/BS', status: 'awaiting-authority', requester: 'Lê Văn Đức' });
    expect(copy.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await readRows(db, book.config.id);
    expect(row).toMatchObject({ status: 'recorded', copyId: copy.id, sha256: copy.sha256 });
    expect((await getCopy(db, copy.id))?.pdf).toEqual(pdf('one'));
    expect(await codeOf(completeReservation(db, r, pdf('again')))).toBe('BOOK_ENTRY_NOT_RESERVED');
    expect((await verifyStoredBook(db, book.config.id)).ok).toBe(true);
  });

  it('cancels: the entry stays, marked "Đã hủy: lý do"; it cannot be completed afterwards', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    const r = await reserveNumber(db, book.config.id, draft());
    await recordEntry(db, book.config.id, draft());
    const cancelled = await cancelEntry(db, book.config.id, 1, 'Người yêu cầu rút hồ sơ');
    expect(cancelled).toMatchObject({ number: 1, status: 'cancelled', cancelReason: 'Người yêu cầu rút hồ sơ' });
    expect(await codeOf(completeReservation(db, r, pdf('late')))).toBe('BOOK_ENTRY_CANCELLED');
    expect(await codeOf(cancelEntry(db, book.config.id, 1, 'again'))).toBe('BOOK_ENTRY_CANCELLED');
    expect(await codeOf(cancelEntry(db, book.config.id, 9, 'x'))).toBe('BOOK_ENTRY_NOT_FOUND');
    expect(await codeOf(cancelEntry(db, book.config.id, 2, ' '))).toBe('BOOK_DRAFT_INVALID');
    const rows = await readRows(db, book.config.id);
    expect(rows.map((x) => [x.number, x.status])).toEqual([
      [1, 'cancelled'],
      [2, 'recorded'],
    ]);
    const template = columnsTemplateById(book.config.columnsTemplateId);
    expect(rowCells(rows[0], template).at(-1)).toBe('Đã hủy: Người yêu cầu rút hồ sơ');
    expect(await readLedger(db, book.config.id)).toHaveLength(3);
    expect((await verifyStoredBook(db, book.config.id)).ok).toBe(true);
  });

  it('reserveAndRecord signs with the reserved number, and cancels it when signing fails', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    const ok = await reserveAndRecord(db, book.config.id, draft(), async (res) => pdf(`Số chứng thực: ${res.certNo} Quyển số: ${res.bookNo}`));
    expect(new TextDecoder().decode(ok.copy.pdf)).toContain('Số chứng thực: 01 Quyển số: 01/2026-SCT/BS');
    const failure = reserveAndRecord(db, book.config.id, draft(), async () => {
      throw new Error('token removed');
    });
    await expect(failure).rejects.toThrow('token removed');
    const rows = await readRows(db, book.config.id);
    expect(rows.map((x) => [x.number, x.status, x.cancelReason])).toEqual([
      [1, 'recorded', undefined],
      [2, 'cancelled', 'Ký không thành công: token removed'],
    ]);
    expect((await reserveNumber(db, book.config.id, draft())).number).toBe(3);
  });

  it('sweeps reservations abandoned by a closed tab into visible cancelled entries', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    const t0 = new Date('2026-03-05T08:00:00Z');
    await reserveNumber(db, book.config.id, draft(), { now: t0 });
    const fresh = await reserveNumber(db, book.config.id, draft(), { now: new Date('2026-03-05T08:50:00Z') });
    expect(await codeOf(closeBook(db, book.config.id))).toBe('BOOK_HAS_RESERVATIONS');
    const swept = await sweepAbandonedReservations(db, { now: new Date('2026-03-05T09:00:00Z') });
    expect(swept.map((r) => r.number)).toEqual([1]);
    expect((await getBook(db, book.config.id))?.head.openReservations).toEqual([2]);
    await completeReservation(db, fresh, pdf('two'));
    const closed = await closeBook(db, book.config.id, 'Hết năm');
    expect(closed.head.closed).toBe(true);
    const rows = await readRows(db, book.config.id);
    expect(rows.map((x) => x.status)).toEqual(['cancelled', 'recorded']);
    expect((await verifyStoredBook(db, book.config.id)).ok).toBe(true);
  });
});

describe('CSV export and print view', () => {
  const awkward = [
    { requester: 'Nguyễn Văn A', docName: 'Bằng tốt nghiệp đại học' },
    { requester: 'Trần "Bé" Ba, con ông Tư', docName: 'Giấy khai sinh, bản chính' },
    { requester: 'Đặng Thị\nXuân', docName: '=cmd|" /C calc"!A0' },
    { requester: "O'Brien Phạm", docName: 'Hộ chiếu\r\nsố C1234567' },
  ];

  it('opens back with parseCsv to exactly the rows, starts with a BOM, uses CRLF and Vietnamese headers', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    for (const [i, a] of awkward.entries()) await recordEntry(db, book.config.id, draft({ ...a, pages: i + 1, copies: i + 1, note: i === 0 ? 'Có 1 trang bị mờ' : undefined }));
    await cancelEntry(db, book.config.id, 2, 'Sai tên, làm lại');
    const rows = await readRows(db, book.config.id);
    const csv = bookCsv((await getBook(db, book.config.id))!, rows);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(
      `${UTF8_BOM}Số thứ tự/số chứng thực,"Ngày, tháng, năm chứng thực",Họ tên người yêu cầu chứng thực,"Tên của bản chính giấy tờ, văn bản","Họ tên, chức danh người ký chứng thực",Số bản sao đã được chứng thực,Lệ phí/Phí chứng thực,Ghi chú`,
    );
    const parsed = parseCsv(csv);
    const template = columnsTemplateById(book.config.columnsTemplateId);
    expect(parsed).toEqual([template.columns.map((c) => c.vi), ...rows.map((r) => rowCells(r, template))]);
    // And the cells carry the entries' own values.
    parsed.slice(1).forEach((cells, i) => {
      expect(cells[0]).toBe(String(i + 1).padStart(2, '0'));
      expect(parseDateVn(cells[1])).toBe('2026-03-05');
      expect(cells[2]).toBe(awkward[i].requester);
      expect(cells[3]).toBe(awkward[i].docName);
      expect(cells[4]).toBe('Nguyễn Thị Hồng Nhung, Công chức Tư pháp - Hộ tịch');
      expect(Number(cells[5])).toBe(i + 1);
      expect(Number(cells[6])).toBe(rows[i].fee);
    });
    expect(parsed[1][1]).toBe('05/03/2026');
    expect(parsed[1][7]).toBe('Có 1 trang bị mờ');
    expect(parsed[2][7]).toBe('Đã hủy: Sai tên, làm lại');
    expect(parsed[3][6]).toBe('15000'); // 3 pages × 3 copies
    expect(csv).toContain("'=cmd"); // formula guarded for spreadsheets
  });

  it('gives the UI a print view', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    await recordEntry(db, book.config.id, draft());
    await recordEntry(db, book.config.id, draft());
    const state = (await getBook(db, book.config.id))!;
    const view = bookPrintView(state, await readRows(db, book.config.id), await verifyStoredBook(db, book.config.id));
    expect(view).toMatchObject({
      title: 'SỔ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH',
      office: OFFICE,
      bookLine: 'Quyển số: 01/2026-SCT/BS',
      summary: 'Sổ có 2 số, từ số 01 đến số 02',
      closed: false,
      headHash: state.head.hash,
      integrity: { ok: true, problems: [] },
    });
    expect(view.headers).toHaveLength(8);
    expect(view.rows[1].cells[0]).toBe('02');
  });
});

describe('search in the book', () => {
  it('finds by requester and original without diacritics, by number and by date range', async () => {
    const { db } = await freshDb();
    const book = await openBook(db, book01);
    await recordEntry(db, book.config.id, draft({ requester: 'Nguyễn Văn A', docName: 'Giấy khai sinh', date: '2026-03-01' }));
    await recordEntry(db, book.config.id, draft({ requester: 'Trần Thị Bình', docName: 'Bằng tốt nghiệp', date: '2026-03-10' }));
    await recordEntry(db, book.config.id, draft({ requester: 'Nguyễn Văn Anh', docName: 'Hộ chiếu', date: '2026-04-01' }));
    const numbers = async (q: Parameters<typeof searchBooks>[1]) => (await searchBooks(db, q)).map((r) => r.number);
    expect(await numbers({ requester: 'nguyen van a' })).toEqual([1, 3]);
    expect(await numbers({ requester: 'TRAN thi binh' })).toEqual([2]);
    expect(await numbers({ docName: 'giay khai sinh' })).toEqual([1]);
    expect(await numbers({ number: 3 })).toEqual([3]);
    expect(await numbers({ number: '02' })).toEqual([2]);
    expect(await numbers({ from: '2026-03-05', to: '2026-03-31' })).toEqual([2]);
    expect(await numbers({ text: 'ho chieu' })).toEqual([3]);
  });
});
