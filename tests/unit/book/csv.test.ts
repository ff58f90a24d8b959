import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv, UTF8_BOM } from '../../../core/book/csv';

describe('CSV (RFC 4180)', () => {
  it('quotes only when needed, ends rows with CRLF and starts with a BOM', () => {
    const text = toCsv([
      ['a', 'b,c'],
      ['say "hi"', 'two\nlines'],
    ]);
    expect(text).toBe(`${UTF8_BOM}a,"b,c"\r\n"say ""hi""","two\nlines"\r\n`);
  });

  it('round-trips awkward cells, Vietnamese included', () => {
    const rows = [
      ['Nguyễn Văn A', 'Trần "Bé" Ba, con', 'dòng 1\r\ndòng 2', ''],
      ['=SUM(A1:A2)', '+84', '-', "'quoted"],
      ['@cmd', '\ttab', '"', ',,,'],
      ['', '', '', ''],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });

  it('guards spreadsheet formulas', () => {
    expect(toCsv([['=1+1']])).toBe(`${UTF8_BOM}'=1+1\r\n`);
  });

  it('reads CSV written elsewhere (LF endings, no final newline, trailing empty cell)', () => {
    expect(parseCsv('a,b\nc,\n"d",e')).toEqual([
      ['a', 'b'],
      ['c', ''],
      ['d', 'e'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('rejects malformed quoting', () => {
    expect(() => parseCsv('"open')).toThrow(SyntaxError);
    expect(() => parseCsv('a"b')).toThrow(SyntaxError);
    expect(() => parseCsv('"a"b')).toThrow(SyntaxError);
  });
});
