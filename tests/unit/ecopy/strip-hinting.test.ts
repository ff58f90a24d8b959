/**
 * Hint stripping of embedded font subsets (issue 11 size goal): the outlines and metrics fontkit reads back from
 * the stripped subset are exactly those of the hinted one; only fpgm/prep/cvt and glyph instructions go.
 */
import * as fontkitModule from '@pdf-lib/fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { stripTrueTypeHinting } from '../../../core/ecopy/strip-hinting';
import { copyFonts } from '../../helpers/ecopy';

type Fontkit = { create(b: Uint8Array): Font };
interface Glyph { id: number; path: { toSVG(): string }; advanceWidth: number; _decode(): { numberOfContours: number } | null }
interface Font {
  numGlyphs: number;
  directory: { tables: Record<string, unknown> };
  getGlyph(id: number): Glyph;
  glyphForCodePoint(cp: number): Glyph;
  createSubset(): { includeGlyph(g: Glyph): number; encodeStream(): { on(e: string, h: (x?: Uint8Array) => void): unknown } };
}
const fontkit = ((fontkitModule as unknown as { default?: Fontkit }).default ?? fontkitModule) as unknown as Fontkit;

const TEXT = 'Chứng thực bản sao đúng với bản chính. Ủy ban nhân dân phường Hạc Thành ỆỄỘỢ 0123456789 +:-T';

function subsetOf(font: Font, text: string): Promise<Uint8Array> {
  const subset = font.createSubset();
  for (const ch of text) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0) ?? 0));
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    const s = subset.encodeStream();
    s.on('data', (b) => parts.push(b as Uint8Array));
    s.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
  });
}

function tableTags(ttf: Uint8Array): string[] {
  const v = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  return Array.from({ length: v.getUint16(4) }, (_, i) => Buffer.from(ttf.subarray(12 + 16 * i, 16 + 16 * i)).toString('latin1'));
}

function wholeSum(ttf: Uint8Array): number {
  const padded = new Uint8Array((ttf.length + 3) & ~3);
  padded.set(ttf);
  const v = new DataView(padded.buffer);
  let s = 0;
  for (let i = 0; i < padded.length; i += 4) s = (s + v.getUint32(i)) >>> 0;
  return s;
}

describe('stripTrueTypeHinting', () => {
  let hinted: Uint8Array;
  let stripped: Uint8Array;
  beforeAll(async () => {
    const { fontRegular } = await copyFonts();
    hinted = await subsetOf(fontkit.create(fontRegular), TEXT);
    stripped = stripTrueTypeHinting(hinted);
  });

  it('drops the hinting tables and shrinks the subset by more than a third', () => {
    expect(tableTags(hinted)).toEqual(expect.arrayContaining(['fpgm', 'prep', 'cvt ']));
    expect(tableTags(stripped).sort()).toEqual(['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp']);
    expect(stripped.length).toBeLessThan(hinted.length * 0.66);
  });

  it('keeps every outline, composite glyph and advance width exactly', () => {
    const a = fontkit.create(hinted);
    const b = fontkit.create(stripped);
    expect(b.numGlyphs).toBe(a.numGlyphs);
    let composites = 0;
    for (let id = 0; id < a.numGlyphs; id++) {
      const ga = a.getGlyph(id);
      const gb = b.getGlyph(id);
      if ((ga._decode()?.numberOfContours ?? 0) < 0) composites++;
      expect(gb.path.toSVG()).toBe(ga.path.toSVG());
      expect(gb.advanceWidth).toBe(ga.advanceWidth);
    }
    expect(composites).toBeGreaterThan(0); // Vietnamese letters are base + marks: the composite path is exercised
  });

  it('writes valid table checksums and head.checkSumAdjustment', () => {
    expect(wholeSum(stripped)).toBe(0xb1b0afba);
    const v = new DataView(stripped.buffer, stripped.byteOffset, stripped.byteLength);
    const n = v.getUint16(4);
    for (let i = 0; i < n; i++) {
      const at = 12 + 16 * i;
      const tag = tableTags(stripped)[i];
      const offset = v.getUint32(at + 8);
      const data = stripped.slice(offset, offset + v.getUint32(at + 12));
      if (tag === 'head') new DataView(data.buffer).setUint32(8, 0);
      expect(wholeSum(data), tag).toBe(v.getUint32(at + 4));
    }
  });

  it('returns what it does not understand untouched', () => {
    const junk = new Uint8Array([0x4f, 0x54, 0x54, 0x4f, 0, 1, 0, 0, 0, 0, 0, 0]); // 'OTTO' (CFF)
    expect(stripTrueTypeHinting(junk)).toBe(junk);
    const truncated = hinted.subarray(0, 200);
    expect(stripTrueTypeHinting(truncated)).toBe(truncated);
  });
});
