import { describe, expect, it } from 'vitest';
import { Budget, resolveLimits } from '../../../core/pdf/parse/limits.js';
import { parseIndirectObject, parseValueAt } from '../../../core/pdf/parse/object-parser.js';
import type { PdfValue } from '../../../core/pdf/parse/objects.js';
import { decodePdfText } from '../../../core/pdf/parse/text-string.js';
import { dec, enc, expectCode } from './helpers.js';

const budget = () => new Budget(resolveLimits());
const value = (s: string): PdfValue => parseValueAt(enc(s), 0, budget()).value;
const str = (s: string): string => {
  const v = value(s);
  if (v.kind !== 'string') throw new Error(`not a string: ${v.kind}`);
  return dec(v.bytes);
};

describe('lexer and value parser', () => {
  it('reads literal strings with balanced parentheses and escapes', () => {
    expect(str('(a (nested) b)')).toBe('a (nested) b');
    expect(str('(\\(\\)\\\\ \\n\\r\\t\\b\\f)')).toBe('()\\ \n\r\t\b\f');
    expect(str('(\\101\\0612\\7)')).toBe('A12\x07');
    expect(str('(\\501)')).toBe('A'); // octal overflow: high bits dropped
    expect(str('(line\\\ncontinued\\\r\nhere)')).toBe('linecontinuedhere');
    expect(str('(a\r\nb\rc)')).toBe('a\nb\nc');
    expect(str('(\\q)')).toBe('q');
  });

  it('reads hex strings with white-space and odd length', () => {
    const v = value('<48 65\n6c6C 6>');
    expect(v).toMatchObject({ kind: 'string', hex: true });
    expect(dec((v as { bytes: Uint8Array }).bytes)).toBe('Hell`');
    expect(str('<>')).toBe('');
  });

  it('decodes #xx in names and skips comments', () => {
    expect(value('% comment\n/A#20B#2f')).toEqual({ kind: 'name', value: 'A B/' });
    expect(value('/Lone#')).toEqual({ kind: 'name', value: 'Lone#' });
    expect(value('/')).toEqual({ kind: 'name', value: '' });
  });

  it('keeps number text and distinguishes integers from reals', () => {
    expect(value('1.50')).toEqual({ kind: 'number', value: 1.5, text: '1.50', isInteger: false });
    expect(value('-.5')).toMatchObject({ value: -0.5, isInteger: false });
    expect(value('+17')).toMatchObject({ value: 17, isInteger: true });
  });

  it('parses dictionaries, arrays and references', () => {
    const v = value('<< /A [1 0 R 2 /B 3 4 5 0 R] /C << /D true /E null >> /F (x) >>');
    expect(v.kind).toBe('dict');
    if (v.kind !== 'dict') return;
    const int = (n: number) => ({ kind: 'number', value: n, text: String(n), isInteger: true });
    expect(v.entries.get('A')).toEqual({
      kind: 'array',
      items: [{ kind: 'ref', num: 1, gen: 0 }, int(2), { kind: 'name', value: 'B' }, int(3), int(4), { kind: 'ref', num: 5, gen: 0 }],
    });
    expect(v.entries.get('C')).toMatchObject({ kind: 'dict' });
    expect(v.entries.get('F')).toMatchObject({ kind: 'string', hex: false });
  });

  it('reports duplicate dictionary keys', () => {
    const issues: string[] = [];
    parseValueAt(enc('<< /A 1 /A 2 >>'), 0, budget(), undefined, issues);
    expect(issues.join()).toMatch(/DUPLICATE_KEY/);
  });

  it('rejects malformed syntax with PDF_SYNTAX', async () => {
    for (const bad of ['(unterminated', '<12 zz>', '<< /A >>', '<< 1 2 >>', '[1 2', ')', 'obj', '1.2.3', '']) {
      await expectCode(() => value(bad), 'PDF_SYNTAX');
    }
  });

  it('refuses nesting beyond maxDepth without overflowing the stack', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const e = await expectCode(() => value(deep), 'PDF_LIMIT');
    expect(e.vi).toMatch(/^Tệp PDF vượt quá giới hạn an toàn: /);
    expect(value('['.repeat(64) + ']'.repeat(64)).kind).toBe('array');
  });

  it('enforces string, array and dictionary size limits', async () => {
    const small = new Budget(resolveLimits({ maxStringLength: 10, maxArrayLength: 3, maxDictEntries: 2 }));
    await expectCode(() => parseValueAt(enc('(12345678901)'), 0, small), 'PDF_LIMIT');
    await expectCode(() => parseValueAt(enc('<3031323334353637383930>'), 0, small), 'PDF_LIMIT');
    await expectCode(() => parseValueAt(enc('[1 2 3 4]'), 0, small), 'PDF_LIMIT');
    await expectCode(() => parseValueAt(enc('<< /A 1 /B 2 /C 3 >>'), 0, small), 'PDF_LIMIT');
  });

  it('stops on the step budget', async () => {
    const tiny = new Budget(resolveLimits({ maxSteps: 100 }));
    await expectCode(() => parseValueAt(enc(`[${' 1'.repeat(1000)}]`), 0, tiny), 'PDF_LIMIT');
  });
});

describe('indirect objects and streams', () => {
  it('records the byte span and the stream data offsets', () => {
    const src = 'junk 12 0 obj\n<< /Length 5 >>\nstream\r\nHELLO\nendstream\nendobj trailing';
    const obj = parseIndirectObject(enc(src), 5, budget());
    expect(obj).toMatchObject({ num: 12, gen: 0, start: 5, end: src.indexOf(' trailing'), issues: [] });
    expect(obj.value.kind).toBe('stream');
    if (obj.value.kind !== 'stream') return;
    expect(obj.value.dataStart).toBe(src.indexOf('HELLO'));
    expect(dec(obj.value.raw)).toBe('HELLO');
    expect(obj.value.lengthMismatch).toBe(false);
  });

  it('marks a wrong /Length and finds endstream instead', () => {
    const src = '1 0 obj << /Length 2 >> stream\nHELLO WORLD\nendstream endobj';
    const obj = parseIndirectObject(enc(src), 0, budget());
    expect(obj.value).toMatchObject({ kind: 'stream', lengthMismatch: true });
    if (obj.value.kind === 'stream') expect(dec(obj.value.raw)).toBe('HELLO WORLD');
    expect(obj.issues.join()).toMatch(/LENGTH_MISMATCH/);
  });

  it('resolves an indirect /Length through the callback', () => {
    const src = '1 0 obj << /Length 9 0 R >> stream\nABCDEF\nendstream endobj';
    const obj = parseIndirectObject(enc(src), 0, budget(), (ref) => (ref.num === 9 ? 6 : undefined));
    expect(obj.value).toMatchObject({ kind: 'stream', lengthMismatch: false, dataEnd: src.indexOf('\nendstream') });
  });

  it('notes a missing endobj and fails on a missing endstream', async () => {
    const obj = parseIndirectObject(enc('3 0 obj (x) 4 0 obj'), 0, budget());
    expect(obj.issues.join()).toMatch(/MISSING_ENDOBJ/);
    await expectCode(() => parseIndirectObject(enc('3 0 obj << /Length 1 >> stream\nxxxx'), 0, budget()), 'PDF_SYNTAX');
  });
});

describe('text strings', () => {
  it('decodes UTF-16BE, UTF-8 and PDFDocEncoding', () => {
    const utf16 = Uint8Array.from([0xfe, 0xff, 0x00, 0x43, 0x1e, 0xa5, 0x00, 0x6e]);
    expect(decodePdfText(utf16)).toBe('C\u1ea5n');
    expect(decodePdfText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Việt')]))).toBe('Việt');
    expect(decodePdfText(Uint8Array.from([0x41, 0x80, 0xa0, 0xe9]))).toBe('A\u2022\u20ac\u00e9');
    expect(decodePdfText(Uint8Array.from([0xfe, 0xff, 0xd8, 0x00]))).toBe('\ufffd');
  });
});
