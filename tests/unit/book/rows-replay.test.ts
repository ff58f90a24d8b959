import { describe, expect, it } from 'vitest';
import { replayBook } from '../../../core/book/replay';
import { noteText, rowsOf, signerText } from '../../../core/book/rows';
import type { BookConfig, BookRow, EntryRecord, LedgerRecord } from '../../../core/book/types';

let seq = 0;
const meta = () => ({ v: 1 as const, bookId: 'b1', seq: ++seq, at: '2026-03-05T01:00:00.000Z', prevHash: `p${seq}`, hash: `h${seq}` });
const entry = (number: number, over: Partial<EntryRecord> = {}): EntryRecord => ({
  ...meta(), kind: 'entry', number, certNo: `${number}/ĐT`, date: '2026-03-05', requester: `Người ${number}`, docName: 'Giấy khai sinh',
  signerName: 'Lê Thị Bình', signerTitle: 'Phó Chủ tịch', copies: 2, pages: 3, fee: 10000, feeRuleId: 'tt226-2016', note: `ghi chú ${number}`,
  state: 'recorded', ...over,
});
const complete = (number: number): LedgerRecord => ({ ...meta(), kind: 'complete', number, copyId: `b1#${number}`, sha256: `${number}`.repeat(4), size: 99 });
const cancel = (number: number, reason: string): LedgerRecord => ({ ...meta(), kind: 'cancel', number, reason, abandoned: false });
const close = (): LedgerRecord => ({ ...meta(), kind: 'close', reason: 'hết năm' });

describe('rowsOf', () => {
  it('copies every entry field into its row, in number order, and applies completions and cancellations', () => {
    const records = [entry(2, { state: 'reserved' }), entry(1), entry(3, { state: 'reserved' }), complete(2), cancel(1, 'Nhầm'), cancel(3, 'Bỏ')];
    const rows = rowsOf(records);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3]);
    const e1 = records[1] as EntryRecord;
    expect(rows[0]).toEqual({
      bookId: 'b1', seq: e1.seq, number: 1, certNo: '1/ĐT', date: '2026-03-05', requester: 'Người 1', docName: 'Giấy khai sinh',
      signerName: 'Lê Thị Bình', signerTitle: 'Phó Chủ tịch', copies: 2, pages: 3, fee: 10000, note: 'ghi chú 1',
      status: 'cancelled', cancelReason: 'Nhầm',
    });
    expect(rows[1]).toMatchObject({ status: 'recorded', copyId: 'b1#2', sha256: '2222' });
    expect(rows[1].cancelReason).toBeUndefined();
    expect(rows[2]).toMatchObject({ status: 'cancelled', cancelReason: 'Bỏ' });
    expect(rows[2].copyId).toBeUndefined();
  });

  it('a cancelled row stays cancelled: a later completion or cancellation does not change it', () => {
    const rows = rowsOf([entry(1, { state: 'reserved' }), cancel(1, 'Bỏ'), complete(1), cancel(1, 'Lần hai')]);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('cancelled');
    expect(rows[0].cancelReason).toBe('Bỏ');
    expect(rows[0].copyId).toBeUndefined();
  });

  it('ignores records for unknown numbers and the close record', () => {
    const rows = rowsOf([entry(1, { state: 'reserved' }), complete(9), cancel(8, 'x'), close()]);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('reserved');
  });

  it('sorts numerically (10 after 9)', () => {
    expect(rowsOf([entry(10), entry(9), entry(100)]).map((r) => r.number)).toEqual([9, 10, 100]);
  });
});

describe('noteText and signerText', () => {
  const r = (over: Partial<BookRow>): BookRow => ({ ...rowsOf([entry(1)])[0], ...over });
  it('note, then "Đã hủy: lý do" or the reserved mark, joined with "; "; empty parts dropped', () => {
    expect(noteText(r({ note: 'gấp' }))).toBe('gấp');
    expect(noteText(r({ note: '' }))).toBe('');
    expect(noteText(r({ note: 'gấp', status: 'cancelled', cancelReason: 'Nhầm' }))).toBe('gấp; Đã hủy: Nhầm');
    expect(noteText(r({ note: '', status: 'cancelled', cancelReason: 'Nhầm' }))).toBe('Đã hủy: Nhầm');
    expect(noteText(r({ note: '', status: 'cancelled' }))).toBe('Đã hủy:');
    expect(noteText(r({ note: 'a', status: 'reserved' }))).toBe('a; Đang chứng thực (chưa hoàn tất)');
    expect(noteText(r({ note: '', status: 'reserved' }))).toBe('Đang chứng thực (chưa hoàn tất)');
  });
  it('signer with and without a title', () => {
    expect(signerText({ signerName: 'Lê Thị Bình', signerTitle: 'Phó Chủ tịch' })).toBe('Lê Thị Bình, Phó Chủ tịch');
    expect(signerText({ signerName: 'Lê Thị Bình', signerTitle: '' })).toBe('Lê Thị Bình');
  });
});

describe('replayBook', () => {
  const config = { firstNumber: 41 } as BookConfig;

  it('an empty book: seq 0, genesis hash, lastNumber firstNumber - 1, no date, not closed', () => {
    const s = replayBook(config, 'g', []);
    expect(s).toEqual({ config, genesisHash: 'g', head: { seq: 0, hash: 'g', lastNumber: 40, openReservations: [], closed: false } });
    expect('lastDate' in s.head).toBe(false);
  });

  it('the head follows the last record; open reservations are those neither completed nor cancelled, sorted', () => {
    const records = [
      entry(41, { state: 'reserved', date: '2026-03-01' }), entry(42, { state: 'reserved' }), entry(43, { date: '2026-03-07' }),
      entry(44, { state: 'reserved', date: '2026-03-08' }), entry(45, { state: 'reserved', date: '2026-03-09' }), complete(42), cancel(44, 'x'),
    ];
    const s = replayBook(config, 'g', [records[4], ...records.slice(0, 4), ...records.slice(5)]);
    const last = records[records.length - 1];
    expect(s.head).toEqual({ seq: last.seq, hash: last.hash, lastNumber: 45, lastDate: '2026-03-08', openReservations: [41, 45], closed: false });
  });

  it('lastNumber is the highest number seen, not the last; a close record closes the book', () => {
    const s = replayBook(config, 'g', [entry(50), entry(46), close()]);
    expect(s.head.lastNumber).toBe(50);
    expect(s.head.closed).toBe(true);
    expect(s.head.openReservations).toEqual([]);
  });

  it('open reservations sort numerically', () => {
    const s = replayBook({ firstNumber: 1 } as BookConfig, 'g', [entry(10, { state: 'reserved' }), entry(9, { state: 'reserved' }), entry(100, { state: 'reserved' })]);
    expect(s.head.openReservations).toEqual([9, 10, 100]);
    expect(s.head.lastNumber).toBe(100);
  });
});
