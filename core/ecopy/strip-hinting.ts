/**
 * TrueType hinting removed from an embedded font subset. DejaVu Serif carries bytecode hints (the fpgm, prep and
 * cvt tables and instructions inside every glyph) that make up over half of each subset, and every copy embeds
 * up to four subsets (statement regular and bold, one per signature appearance): that alone broke the issue 11
 * size goal. PDF viewers draw embedded text from the outlines, which stay byte for byte; hints only snap stems
 * to a low-resolution pixel grid, and the common renderers (MuPDF, Poppler by default, pdf.js, Chromium's PDF
 * viewer at its default settings) rasterise with antialiasing and ignore them or autohint anyway.
 *
 * Anything this rewrite does not understand is returned untouched: a font with hints is larger, never wrong.
 */

const HINT_TABLES = new Set(['fpgm', 'prep', 'cvt ']);

// Composite glyph component flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

interface Table {
  tag: string;
  data: Uint8Array;
}

function tag(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

function readTables(font: Uint8Array): Table[] | undefined {
  if (font.length < 12) return undefined;
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const version = v.getUint32(0);
  if (version !== 0x00010000 && tag(font, 0) !== 'true') return undefined; // CFF or a collection: not ours to touch
  const n = v.getUint16(4);
  if (12 + 16 * n > font.length) return undefined;
  const tables: Table[] = [];
  for (let i = 0; i < n; i++) {
    const at = 12 + 16 * i;
    const offset = v.getUint32(at + 8);
    const length = v.getUint32(at + 12);
    if (offset + length > font.length) return undefined;
    tables.push({ tag: tag(font, at), data: font.subarray(offset, offset + length) });
  }
  return tables;
}

/** One glyph without its instructions, or undefined when its structure is not what the glyf table defines. */
function glyphWithoutInstructions(g: Uint8Array): Uint8Array | undefined {
  if (g.length === 0) return g;
  if (g.length < 10) return undefined;
  const v = new DataView(g.buffer, g.byteOffset, g.byteLength);
  const contours = v.getInt16(0);
  if (contours >= 0) {
    const at = 10 + 2 * contours;
    if (at + 2 > g.length) return undefined;
    const len = v.getUint16(at);
    if (at + 2 + len > g.length) return undefined;
    const out = new Uint8Array(g.length - len);
    out.set(g.subarray(0, at));
    // instructionLength stays 0 (fresh array); flags and coordinates follow unchanged
    out.set(g.subarray(at + 2 + len), at + 2);
    return out;
  }
  const out = g.slice();
  const w = new DataView(out.buffer);
  let at = 10;
  for (;;) {
    if (at + 4 > out.length) return undefined;
    const flags = w.getUint16(at);
    w.setUint16(at, flags & ~WE_HAVE_INSTRUCTIONS);
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (at > out.length) return undefined;
    if (!(flags & MORE_COMPONENTS)) return out.subarray(0, at);
  }
}

/** New glyf and loca tables (same loca format as before: glyphs only shrink, so short offsets still fit). */
function rebuildGlyphs(glyf: Uint8Array, loca: Uint8Array, longOffsets: boolean): { glyf: Uint8Array; loca: Uint8Array } | undefined {
  const lv = new DataView(loca.buffer, loca.byteOffset, loca.byteLength);
  const count = longOffsets ? loca.length / 4 : loca.length / 2;
  if (!Number.isInteger(count) || count < 2) return undefined;
  const offsetAt = (i: number) => (longOffsets ? lv.getUint32(4 * i) : 2 * lv.getUint16(2 * i));
  const parts: Uint8Array[] = [];
  const offsets: number[] = [0];
  let total = 0;
  for (let i = 0; i + 1 < count; i++) {
    const start = offsetAt(i);
    const end = offsetAt(i + 1);
    if (end < start || end > glyf.length) return undefined;
    const g = glyphWithoutInstructions(glyf.subarray(start, end));
    if (!g) return undefined;
    const padded = g.length + (g.length % 2); // short loca stores offset / 2
    parts.push(g);
    total += padded;
    offsets.push(total);
  }
  const newGlyf = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    newGlyf.set(parts[i], at);
    at = offsets[i + 1];
  }
  const newLoca = new Uint8Array(loca.length);
  const nv = new DataView(newLoca.buffer);
  offsets.forEach((o, i) => (longOffsets ? nv.setUint32(4 * i, o) : nv.setUint16(2 * i, o / 2)));
  return { glyf: newGlyf, loca: newLoca };
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const word = ((data[i] << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0)) >>> 0;
    sum = (sum + word) >>> 0;
  }
  return sum;
}

function writeFont(tables: Table[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = sorted.length;
  const headerLength = 12 + 16 * n;
  let size = headerLength;
  for (const t of sorted) size += (t.data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const selector = Math.floor(Math.log2(n));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, 16 * 2 ** selector);
  v.setUint16(8, selector);
  v.setUint16(10, 16 * n - 16 * 2 ** selector);
  let offset = headerLength;
  let headOffset = -1;
  sorted.forEach((t, i) => {
    const data = t.tag === 'head' ? t.data.slice() : t.data;
    if (t.tag === 'head') {
      new DataView(data.buffer).setUint32(8, 0); // checkSumAdjustment is computed over the whole font with 0 here
      headOffset = offset;
    }
    out.set(data, offset);
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = t.tag.charCodeAt(k);
    v.setUint32(at + 4, checksum(data));
    v.setUint32(at + 8, offset);
    v.setUint32(at + 12, data.length);
    offset += (data.length + 3) & ~3;
  });
  if (headOffset >= 0) v.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/** `font` (a TrueType font, e.g. a fontkit subset) without hinting tables and glyph instructions. */
export function stripTrueTypeHinting(font: Uint8Array): Uint8Array {
  const tables = readTables(font);
  if (!tables) return font;
  const byTag = new Map(tables.map((t) => [t.tag, t.data]));
  const head = byTag.get('head');
  const glyf = byTag.get('glyf');
  const loca = byTag.get('loca');
  if (!head || head.length < 54 || !glyf || !loca) return font;
  const locFormat = new DataView(head.buffer, head.byteOffset, head.byteLength).getInt16(50);
  if (locFormat !== 0 && locFormat !== 1) return font;
  const rebuilt = rebuildGlyphs(glyf, loca, locFormat === 1);
  if (!rebuilt) return font;
  const kept = tables
    .filter((t) => !HINT_TABLES.has(t.tag))
    .map((t) => (t.tag === 'glyf' ? { tag: t.tag, data: rebuilt.glyf } : t.tag === 'loca' ? { tag: t.tag, data: rebuilt.loca } : t));
  return writeFont(kept);
}
