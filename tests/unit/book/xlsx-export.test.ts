import { describe, expect, it } from 'vitest';
import { columnsTemplateById, selectColumnsTemplate } from '../../../core/book/columns';
import { parseCsv } from '../../../core/book/csv';
import { bookCsv, bookCsvBytes, bookPrintView } from '../../../core/book/export';
import type { IntegrityReport } from '../../../core/book/integrity';
import type { BookRow, BookState } from '../../../core/book/types';
import { bookXlsx } from '../../../core/book/xlsx';

/** Reads the entries of a stored (uncompressed) ZIP through its central directory. */
function unzip(zip: Uint8Array): Map<string, string> {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  const out = new Map<string, string>();
  const dec = new TextDecoder();
  for (let i = 0; i < count; i++) {
    const size = v.getUint32(at + 24, true);
    const nameLen = v.getUint16(at + 28, true);
    const name = dec.decode(zip.subarray(at + 46, at + 46 + nameLen));
    const local = v.getUint32(at + 42, true);
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    out.set(name, dec.decode(zip.subarray(start, start + size)));
    at += 46 + nameLen;
  }
  return out;
}

const row = (over: Partial<BookRow>): BookRow => ({
  bookId: 'b', seq: 1, number: 1, certNo: '01', date: '2026-03-05', requester: 'Nguyễn Văn An', docName: 'Giấy khai sinh', signerName: 'Lê Thị Bình',
  signerTitle: 'Phó Chủ tịch', copies: 2, pages: 3, fee: 10000, note: '', status: 'recorded', ...over,
});
const book = (over: { bookNo?: string; closed?: boolean } = {}): BookState => ({
  config: { id: 'b', office: 'UBND phường Hạc Thành', year: 2026, bookNo: over.bookNo ?? '01/2026-SCT/BS', series: 'SCT/BS', numberSuffix: '', numberDigits: 2, firstNumber: 1, columnsTemplateId: 'tt01-2020', openedOn: '2026-01-02' },
  genesisHash: 'g',
  head: { seq: 3, hash: 'ab'.repeat(32), lastNumber: 2, openReservations: [], closed: over.closed ?? false },
});
const rows = [row({}), row({ seq: 2, number: 2, certNo: '02', requester: 'A & B <"x">\u0001\u000b\t', copies: 1, fee: 0, note: 'gấp', status: 'cancelled', cancelReason: 'Nhầm' })];

describe('bookXlsx', () => {
  // Built inside each test, so Stryker's per-test coverage sees which test ran the writer.
  const parts = (): Map<string, string> => unzip(bookXlsx(book(), rows));

  it('is a package with the six parts Excel needs, each well-formed XML', () => {
    const p = parts();
    expect([...p.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    for (const text of p.values()) expect(text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<')).toBe(true);
    expect(p.get('[Content_Types].xml')).toContain('PartName="/xl/worksheets/sheet1.xml"');
    expect(p.get('xl/_rels/workbook.xml.rels')).toContain('Target="worksheets/sheet1.xml"');
  });

  it('the sheet: bold headers, text as inline strings (escaped, controls dropped), copies and fee as numbers', () => {
    const sheet = parts().get('xl/worksheets/sheet1.xml')!;
    const cols = columnsTemplateById('tt01-2020').columns;
    const header = cols.map((c, i) => `<c r="${'ABCDEFGH'[i]}1" s="1" t="inlineStr"><is><t xml:space="preserve">${c.vi}</t></is></c>`).join('');
    expect(sheet).toContain(`<sheetData><row r="1">${header}</row><row r="2">`);
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">01</t></is></c>');
    expect(sheet).toContain('<c r="B2" t="inlineStr"><is><t xml:space="preserve">05/03/2026</t></is></c>');
    expect(sheet).toContain('<c r="E2" t="inlineStr"><is><t xml:space="preserve">Lê Thị Bình, Phó Chủ tịch</t></is></c>');
    expect(sheet).toContain('<c r="F2"><v>2</v></c><c r="G2"><v>10000</v></c>');
    expect(sheet).toContain('<c r="C3" t="inlineStr"><is><t xml:space="preserve">A &amp; B &lt;&quot;x&quot;&gt;\t</t></is></c>');
    expect(sheet).toContain('<c r="F3"><v>1</v></c><c r="G3"><v>0</v></c>');
    expect(sheet).toContain('<c r="H3" t="inlineStr"><is><t xml:space="preserve">gấp; Đã hủy: Nhầm</t></is></c></row></sheetData></worksheet>');
    expect(sheet).not.toContain('<row r="4"');
    expect(sheet.match(/<row /g)).toHaveLength(3);
    expect(sheet).toMatch(/<\/c><\/row><row r="3">/);
  });

  it('names the sheet after the book number without the characters Excel refuses, at most 31 characters', () => {
    const name = (bookNo: string) => /<sheet name="([^"]*)"/.exec(unzip(bookXlsx(book({ bookNo }), [])).get('xl/workbook.xml')!)?.[1];
    expect(name('01/2026-SCT/BS')).toBe('01-2026-SCT-BS');
    expect(name('a[b]c:d*e?f\\g')).toBe('a-b-c-d-e-f-g');
    expect(name('x'.repeat(40))).toBe('x'.repeat(31));
    expect(name('')).toBe('So chung thuc');
    expect(name('A&B')).toBe('A&amp;B');
  });

  it('the same book gives the same bytes', () => {
    expect(bookXlsx(book(), rows)).toEqual(bookXlsx(book(), rows));
  });
});

describe('book CSV and print view', () => {
  it('CSV: template headers then one line per row, dates dd/mm/yyyy, fee as digits', () => {
    const table = parseCsv(bookCsv(book(), rows));
    expect(table[0]).toEqual(columnsTemplateById('tt01-2020').columns.map((c) => c.vi));
    expect(table[1]).toEqual(['01', '05/03/2026', 'Nguyễn Văn An', 'Giấy khai sinh', 'Lê Thị Bình, Phó Chủ tịch', '2', '10000', '']);
    expect(table[2][7]).toBe('gấp; Đã hủy: Nhầm');
    expect(table).toHaveLength(3);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bookCsvBytes(book(), rows))).toBe(bookCsv(book(), rows));
    expect(bookCsvBytes(book(), rows).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('print view: title, office, book line, headers, rows with the fee for people, summary, head hash', () => {
    const v = bookPrintView(book({ closed: true }), rows);
    const t = columnsTemplateById('tt01-2020');
    expect(v).toMatchObject({
      title: 'SỔ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH', office: 'UBND phường Hạc Thành', bookLine: 'Quyển số: 01/2026-SCT/BS', year: 2026,
      legalBasis: t.legalBasis, headers: t.columns.map((c) => c.vi), headersEn: t.columns.map((c) => c.en),
      summary: 'Sổ có 2 số, từ số 01 đến số 02', closed: true, headHash: 'ab'.repeat(32),
    });
    expect(v.rows.map((r) => [r.number, r.status, r.cells[6]])).toEqual([[1, 'recorded', '10.000 đồng'], [2, 'cancelled', '0 đồng']]);
    expect('integrity' in v).toBe(false);
    expect(bookPrintView(book(), []).summary).toBe('Sổ chưa có số nào');
    expect(bookPrintView(book(), []).closed).toBe(false);
    const report = { ok: false, problems: [{ vi: 'Bản ghi 3 bị sửa' }] } as unknown as IntegrityReport;
    expect(bookPrintView(book(), rows, report).integrity).toEqual({ ok: false, problems: ['Bản ghi 3 bị sửa'] });
  });

  it('column templates: the one in force on a date, the baseline for older dates and unknown ids', () => {
    expect(selectColumnsTemplate('2026-01-01').id).toBe('tt01-2020');
    expect(selectColumnsTemplate('2010-01-01').id).toBe('tt01-2020');
    expect(columnsTemplateById('from-the-future').id).toBe('tt01-2020');
  });
});
