import { describe, expect, it } from 'vitest';
import { filterRows, foldVietnamese, leadingNumber, matchesQuery, matchesText } from '../../../core/book/search';
import type { BookRow } from '../../../core/book/types';

function row(over: Partial<BookRow>): BookRow {
  return {
    bookId: 'b', seq: 1, number: 15, certNo: '15/ĐT', date: '2026-03-10', requester: 'Nguyễn Văn An',
    docName: 'Bằng tốt nghiệp đại học', signerName: 'Lê Thị Bình', signerTitle: 'Phó Chủ tịch', copies: 1, pages: 2,
    fee: 4000, note: 'hồ sơ xin việc', status: 'recorded', ...over,
  };
}

describe('search: folding details', () => {
  it('folds each step on its own: combining marks, đ/Đ, case, whitespace runs, ends', () => {
    expect(foldVietnamese('à')).toBe('a');
    expect(foldVietnamese('\u0300x\u036f')).toBe('x');
    expect(foldVietnamese('đ')).toBe('d');
    expect(foldVietnamese('Đ')).toBe('d');
    expect(foldVietnamese('ABC')).toBe('abc');
    expect(foldVietnamese('a\t\n b')).toBe('a b');
    expect(foldVietnamese('  a b  ')).toBe('a b');
    expect(foldVietnamese('a  b')).toBe('a b');
  });

  it('an empty query or one of spaces matches anything; a missing word does not', () => {
    expect(matchesText('Nguyễn', '')).toBe(true);
    expect(matchesText('Nguyễn', '   ')).toBe(true);
    expect(matchesText('Nguyễn', 'nguyen x')).toBe(false);
    expect(matchesText('Nguyễn Văn A', 'x nguyen')).toBe(false);
    // Words, not letters: every letter of "nav" is in "Văn", the word is not.
    expect(matchesText('Văn', 'nav')).toBe(false);
  });

  it('reads numbers with leading spaces and zeros; a number is taken as it is', () => {
    expect(leadingNumber(' 0012/ĐT')).toBe(12);
    expect(leadingNumber(42)).toBe(42);
    expect(leadingNumber(2.5)).toBe(2.5);
    expect(leadingNumber(-3)).toBe(-3);
    expect(leadingNumber('x15')).toBeNaN();
    expect(leadingNumber('')).toBeNaN();
    expect(leadingNumber('100')).toBe(100);
  });
});

describe('matchesQuery', () => {
  const item = { date: '2026-03-10', certNo: '15/ĐT', requester: 'Nguyễn Văn An', docName: 'Giấy khai sinh' };

  it('dates are inclusive at both ends', () => {
    expect(matchesQuery(item, { from: '2026-03-10', to: '2026-03-10' })).toBe(true);
    expect(matchesQuery(item, { from: '2026-03-11' })).toBe(false);
    expect(matchesQuery(item, { from: '2026-03-09' })).toBe(true);
    expect(matchesQuery(item, { to: '2026-03-09' })).toBe(false);
    expect(matchesQuery(item, { to: '2026-03-11' })).toBe(true);
    expect(matchesQuery(item, { from: '', to: '' })).toBe(true);
  });

  it('numbers: 15, "015", "15/ĐT" find 15/ĐT; 16 or 1 does not; an empty number is no filter', () => {
    expect(matchesQuery(item, { number: 15 })).toBe(true);
    expect(matchesQuery(item, { number: '015' })).toBe(true);
    expect(matchesQuery(item, { number: '15/ĐT' })).toBe(true);
    expect(matchesQuery(item, { number: 16 })).toBe(false);
    expect(matchesQuery(item, { number: '1' })).toBe(false);
    expect(matchesQuery(item, { number: '' })).toBe(true);
    expect(matchesQuery(item, { number: 0 })).toBe(false);
  });

  it('a number without digits is compared as folded text', () => {
    const odd = { ...item, certNo: 'Bổ sung' };
    expect(matchesQuery(odd, { number: 'bo sung' })).toBe(true);
    expect(matchesQuery(odd, { number: 'bổ' })).toBe(false);
    expect(matchesQuery(item, { number: 'ĐT' })).toBe(false);
  });

  it('requester, document name and free text each filter', () => {
    expect(matchesQuery(item, { requester: 'nguyen an' })).toBe(true);
    expect(matchesQuery(item, { requester: 'khai sinh' })).toBe(false);
    expect(matchesQuery(item, { docName: 'khai sinh' })).toBe(true);
    expect(matchesQuery(item, { docName: 'nguyen' })).toBe(false);
    expect(matchesQuery(item, { text: '15/dt an khai' })).toBe(true);
    expect(matchesQuery(item, { text: 'ghi chu' })).toBe(false);
    expect(matchesQuery(item, { text: 'ghi chu' }, 'Ghi chú riêng')).toBe(true);
    // Fields are joined with spaces: a word cannot span two fields; no extra text adds nothing.
    expect(matchesQuery(item, { text: 'dtnguyen' })).toBe(false);
    expect(matchesQuery(item, { text: 'stryker' })).toBe(false);
    expect(matchesQuery(item, { requester: '', docName: '', text: '' })).toBe(true);
  });

  it('all given filters must hold together', () => {
    expect(matchesQuery(item, { from: '2026-01-01', number: 15, requester: 'an', docName: 'sinh', text: 'nguyen' })).toBe(true);
    expect(matchesQuery(item, { from: '2026-01-01', number: 15, requester: 'an', docName: 'sinh', text: 'tran' })).toBe(false);
  });
});

describe('filterRows', () => {
  const rows = [
    row({ seq: 1, number: 14, certNo: '14/ĐT', requester: 'Trần Thị Cúc', note: '' }),
    row({ seq: 2 }),
    row({ seq: 3, number: 16, certNo: '16/ĐT', status: 'cancelled', cancelReason: 'Nhập nhầm người yêu cầu' }),
  ];
  const seqs = (q: Parameters<typeof filterRows>[1]) => filterRows(rows, q).map((r) => r.seq);

  it('filters by status only when one is given', () => {
    expect(seqs({})).toEqual([1, 2, 3]);
    expect(seqs({ status: 'cancelled' })).toEqual([3]);
    expect(seqs({ status: 'recorded' })).toEqual([1, 2]);
  });

  it('free text also finds the signer, the title, the note and the reason for cancelling', () => {
    expect(seqs({ text: 'le thi binh' })).toEqual([1, 2, 3]);
    expect(seqs({ text: 'pho chu tich' })).toEqual([1, 2, 3]);
    expect(seqs({ text: 'xin viec' })).toEqual([2, 3]);
    expect(seqs({ text: 'nhap nham' })).toEqual([3]);
    expect(seqs({ text: 'undefined' })).toEqual([]);
    expect(seqs({ text: 'stryker' })).toEqual([]);
    expect(seqs({ number: '16', status: 'recorded' })).toEqual([]);
  });
});
