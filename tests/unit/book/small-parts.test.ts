import { describe, expect, it } from 'vitest';
import { formatDateVn, isoDay, parseDateVn } from '../../../core/book/dates';
import { ecopyFieldsFor } from '../../../core/book/ecopy-fields';
import { bookError } from '../../../core/book/errors';
import { formatVnd } from '../../../core/book/money';
import { reservationOf } from '../../../core/book/reservation';
import type { BookState, EntryRecord, Reservation } from '../../../core/book/types';
import { zipStored } from '../../../core/book/zip';

describe('book dates', () => {
  it('formats and parses dd/mm/yyyy', () => {
    expect(formatDateVn('2026-03-05')).toBe('05/03/2026');
    expect(formatDateVn('2026-12-31')).toBe('31/12/2026');
    expect(() => formatDateVn('2026-02-30')).toThrow('invalid ISO date: 2026-02-30');
    expect(parseDateVn(' 5/3/2026 ')).toBe('2026-03-05');
    expect(parseDateVn('31/12/2026')).toBe('2026-12-31');
    expect(parseDateVn('30/02/2026')).toBeUndefined();
    expect(parseDateVn('x05/03/2026')).toBeUndefined();
    expect(parseDateVn('05/03/2026x')).toBeUndefined();
    expect(parseDateVn('05/03/26')).toBeUndefined();
    expect(parseDateVn('005/03/2026')).toBeUndefined();
  });

  it('isoDay is the local calendar day, zero-padded', () => {
    expect(isoDay(new Date(2026, 0, 2, 23, 59))).toBe('2026-01-02');
    expect(isoDay(new Date(2026, 10, 25, 0, 1))).toBe('2026-11-25');
  });
});

describe('reservation and e-copy fields', () => {
  const state = { config: { id: 'b1', bookNo: '01/2026-SCT/BS', office: 'UBND phường Hạc Thành' } } as BookState;
  const e = {
    seq: 7, number: 15, certNo: '15/ĐT', date: '2026-03-05', requester: 'Nguyễn Văn An', docName: 'Giấy khai sinh', signerName: 'Lê Thị Bình',
    signerTitle: 'Phó Chủ tịch', fee: 4000, at: '2026-03-05T01:02:03.000Z',
  } as EntryRecord;
  const r: Reservation = reservationOf(state, e);

  it('a reservation carries the book and entry fields the certify step prints', () => {
    expect(r).toEqual({
      bookId: 'b1', seq: 7, bookNo: '01/2026-SCT/BS', office: 'UBND phường Hạc Thành', number: 15, certNo: '15/ĐT', date: '2026-03-05',
      requester: 'Nguyễn Văn An', docName: 'Giấy khai sinh', signerName: 'Lê Thị Bình', fee: 4000, reservedAt: '2026-03-05T01:02:03.000Z',
    });
  });

  it('the e-copy says what the book says; the authority only when given', () => {
    expect(ecopyFieldsFor(r, { pageCount: 3 })).toEqual({
      certNo: '15/ĐT', bookNo: '01/2026-SCT/BS', date: '2026-03-05', office: 'UBND phường Hạc Thành', certifier: 'Lê Thị Bình',
      docName: 'Giấy khai sinh', requester: 'Nguyễn Văn An', pageCount: 3,
    });
    expect(ecopyFieldsFor(r, { pageCount: 3, authority: 'Phó Chủ tịch' }).authority).toBe('Phó Chủ tịch');
    expect('authority' in ecopyFieldsFor(r, { pageCount: 3, authority: '' })).toBe(false);
  });
});

describe('zipStored', () => {
  const enc = new TextEncoder();
  const entries = [
    { name: 'a.txt', data: enc.encode('hello') },
    { name: 'thư mục/ả.xml', data: enc.encode('<x/>\n') },
  ];

  it('writes local headers, a central directory and an end record that point at each other', () => {
    const zip = zipStored(entries);
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.length - 22;
    expect(v.getUint32(end, true)).toBe(0x06054b50);
    expect(v.getUint16(end + 4, true)).toBe(0);
    expect(v.getUint16(end + 6, true)).toBe(0);
    expect(v.getUint16(end + 8, true)).toBe(2);
    expect(v.getUint16(end + 10, true)).toBe(2);
    const cdSize = v.getUint32(end + 12, true);
    const cdOffset = v.getUint32(end + 16, true);
    expect(cdOffset + cdSize).toBe(end);
    expect(v.getUint16(end + 20, true)).toBe(0);

    let at = cdOffset;
    const dec = new TextDecoder();
    for (const e of entries) {
      const name = enc.encode(e.name);
      expect(v.getUint32(at, true)).toBe(0x02014b50);
      expect([v.getUint16(at + 4, true), v.getUint16(at + 6, true), v.getUint16(at + 8, true), v.getUint16(at + 10, true)]).toEqual([20, 20, 0x0800, 0]);
      expect([v.getUint16(at + 12, true), v.getUint16(at + 14, true)]).toEqual([0, 33]);
      const crc = v.getUint32(at + 16, true);
      expect([v.getUint32(at + 20, true), v.getUint32(at + 24, true), v.getUint16(at + 28, true)]).toEqual([e.data.length, e.data.length, name.length]);
      expect([v.getUint16(at + 30, true), v.getUint16(at + 32, true), v.getUint16(at + 34, true), v.getUint16(at + 36, true), v.getUint32(at + 38, true)]).toEqual([0, 0, 0, 0, 0]);
      expect(dec.decode(zip.subarray(at + 46, at + 46 + name.length))).toBe(e.name);
      const local = v.getUint32(at + 42, true);
      expect(v.getUint32(local, true)).toBe(0x04034b50);
      expect([v.getUint16(local + 4, true), v.getUint16(local + 6, true), v.getUint16(local + 8, true), v.getUint16(local + 10, true), v.getUint16(local + 12, true)]).toEqual([20, 0x0800, 0, 0, 33]);
      expect([v.getUint32(local + 14, true), v.getUint32(local + 18, true), v.getUint32(local + 22, true), v.getUint16(local + 26, true), v.getUint16(local + 28, true)]).toEqual([crc, e.data.length, e.data.length, name.length, 0]);
      expect(dec.decode(zip.subarray(local + 30, local + 30 + name.length))).toBe(e.name);
      expect(zip.subarray(local + 30 + name.length, local + 30 + name.length + e.data.length)).toEqual(e.data);
      at += 46 + name.length;
    }
    expect(at).toBe(end);
    // CRC-32 (ISO 3309) of "hello" is a known value.
    expect(v.getUint32(cdOffset + 16, true)).toBe(0x3610a686);
    expect(zip.length).toBe(30 + 5 + 5 + 30 + enc.encode(entries[1].name).length + 5 + cdSize + 22);
  });

  it('the same entries give the same bytes; an empty archive is the end record alone', () => {
    expect(zipStored(entries)).toEqual(zipStored([...entries]));
    const empty = zipStored([]);
    expect(empty.length).toBe(22);
    expect(new DataView(empty.buffer).getUint32(0, true)).toBe(0x06054b50);
  });
});

describe('money and book errors', () => {
  it('formats whole VND with dots every three digits', () => {
    expect([0, 999, 1000, 20000, 200000, 1234567].map(formatVnd)).toEqual(['0 đồng', '999 đồng', '1.000 đồng', '20.000 đồng', '200.000 đồng', '1.234.567 đồng']);
  });

  it('a book error carries its code, both messages and the cause only when there is one', () => {
    const plain = bookError('BOOK_CLOSED', 'closed', 'Sổ đã khóa');
    expect([plain.code, plain.message, plain.vi, 'cause' in plain]).toEqual(['BOOK_CLOSED', 'closed', 'Sổ đã khóa', false]);
    const cause = new Error('disk');
    expect(bookError('BOOK_CORRUPT', 'bad', 'Hỏng', cause).cause).toBe(cause);
  });
});
