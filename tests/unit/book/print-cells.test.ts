/**
 * Issue 12: the print view printed the fee as "4000". On paper the fee is written for people ("4.000 đồng"),
 * while the CSV keeps the bare number a spreadsheet reads as a number.
 */
import { describe, expect, it } from 'vitest';
import { columnsTemplateById } from '../../../core/book/columns';
import { cellText, printCells, rowCells } from '../../../core/book/export';
import { formatVnd } from '../../../core/book/totals';
import type { BookRow } from '../../../core/book/types';

const row = (fee: number): BookRow => ({
  bookId: 'b',
  seq: 1,
  number: 7,
  certNo: '07',
  date: '2026-03-05',
  requester: 'Nguyễn Văn A',
  docName: 'Giấy khai sinh',
  signerName: 'Trần Thị B',
  signerTitle: 'Công chức Tư pháp - Hộ tịch',
  copies: 1,
  pages: 2,
  fee,
  note: '',
  status: 'recorded',
});

describe('fee in the print view', () => {
  const template = columnsTemplateById('tt01-2020');
  const feeAt = template.columns.findIndex((c) => c.key === 'fee');

  it('prints Vietnamese money with a dot per thousand and the word đồng', () => {
    expect(printCells(row(4000), template)[feeAt]).toBe('4.000 đồng');
    expect(printCells(row(200000), template)[feeAt]).toBe('200.000 đồng');
    expect(printCells(row(1234567), template)[feeAt]).toBe('1.234.567 đồng');
    expect(printCells(row(0), template)[feeAt]).toBe('0 đồng');
    expect(printCells(row(999), template)[feeAt]).toBe('999 đồng');
  });

  it('keeps every other cell as exported, and the export keeps the bare number', () => {
    const printed = printCells(row(4000), template);
    const exported = rowCells(row(4000), template);
    expect(exported[feeAt]).toBe('4000');
    expect(cellText(row(4000), 'fee')).toBe('4000');
    expect(printed.filter((_, i) => i !== feeAt)).toEqual(exported.filter((_, i) => i !== feeAt));
    expect(formatVnd(4000)).toBe('4.000 đồng'); // the totals line and the cells agree
  });
});
