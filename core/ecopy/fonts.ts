/**
 * Parsed fontkit fonts, cached across buildCopy calls. Parsing DejaVu Serif and decoding its tables costs more
 * than the rest of a copy put together, and the same two fonts are used for every copy, so the parsed objects
 * are kept: by identity of the bytes, else by their SHA-256 (callers that re-read the font file). Sharing is
 * safe: pdf-lib makes a fresh subset per document, each document gets its own view of the font (below), and
 * fontkit encodes a subset synchronously, so two documents never interleave inside one font object.
 */
import * as fontkitModule from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { SaoyError } from '../errors';
import { sha256Hex } from '../bytes/sha.js';

export type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
export type FontkitFont = ReturnType<Fontkit['create']>;
type Glyph = ReturnType<FontkitFont['glyphForCodePoint']>;

// The ES build exports fontkit as default only, the UMD build as the module itself.
const fontkit: Fontkit = (fontkitModule as unknown as { default?: Fontkit }).default ?? (fontkitModule as unknown as Fontkit);

const byIdentity = new WeakMap<Uint8Array, FontkitFont>();
const byDigest = new Map<string, FontkitFont>();
const MAX_BY_DIGEST = 4;

/** The parsed font for these bytes (parsed once per distinct font). `which` names it in errors. */
export async function parsedFont(bytes: Uint8Array, which: string): Promise<FontkitFont> {
  const known = byIdentity.get(bytes);
  if (known) return known;
  const digest = await sha256Hex(bytes);
  let font = byDigest.get(digest);
  if (!font) {
    try {
      font = fontkit.create(bytes);
    } catch (e) {
      throw new SaoyError('FONT_INVALID', `the ${which} font cannot be read`, `Không đọc được phông chữ ${which}`, { cause: e });
    }
    if (typeof font.layout !== 'function' || !font.hasGlyphForCodePoint(0x1ec7 /* ệ */)) {
      throw new SaoyError(
        'FONT_INVALID',
        `the ${which} font does not cover Vietnamese`,
        `Phông chữ ${which} không hỗ trợ tiếng Việt`,
      );
    }
    if (byDigest.size >= MAX_BY_DIGEST) byDigest.delete(byDigest.keys().next().value as string);
    byDigest.set(digest, font);
  }
  byIdentity.set(bytes, font);
  return font;
}

/**
 * Warm-up for interactive use (extension start-up, CLI start): parse both fonts, decode the tables every copy
 * needs and run one throwaway page through pdf-lib's font embedding, compression and writer, so that the
 * first real copy is built by warm code. Optional: buildCopy works without it, only its first call is slower.
 */
export async function preloadFonts(assets: { fontRegular: Uint8Array; fontBold: Uint8Array }): Promise<void> {
  const regular = await parsedFont(assets.fontRegular, 'regular');
  const bold = await parsedFont(assets.fontBold, 'bold');
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachingFontkit(new Map([[assets.fontRegular, regular], [assets.fontBold, bold]])));
  const page = doc.addPage([200, 100]);
  const sample = 'Chứng thực bản sao đúng với bản chính. NGƯỜI THỰC HIỆN CHỨNG THỰC 0123456789';
  for (const bytes of [assets.fontRegular, assets.fontBold]) {
    page.drawText(sample, { x: 0, y: 50, size: 10, font: await doc.embedFont(bytes, { subset: true }) });
  }
  await doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/**
 * A per-document view of the font with `layout` reduced to a cmap lookup. pdf-lib reads only glyph ids and
 * advance widths from a layout and throws positioning (kerning, mark placement) away, so full OpenType shaping
 * costs tens of milliseconds per copy for nothing; NFC Vietnamese maps one letter to one precomposed glyph
 * either way. Each glyph handed out carries the code point this document used: fontkit caches glyph objects
 * per font, and one first created while subsetting an earlier copy (the "e" inside "ê") has no code points,
 * while pdf-lib builds the ToUnicode map (text extraction, search) from them.
 */
function unshaped(font: FontkitFont): FontkitFont {
  const view = Object.create(font) as FontkitFont;
  const glyphs = new Map<number, Glyph>();
  const glyphFor = (ch: string): Glyph => {
    const cp = ch.codePointAt(0) ?? 0;
    let glyph = glyphs.get(cp);
    if (!glyph) {
      glyph = Object.create(font.glyphForCodePoint(cp), { codePoints: { value: [cp] } }) as Glyph;
      glyphs.set(cp, glyph);
    }
    return glyph;
  };
  const layout = (text: string): { glyphs: Glyph[] } => ({ glyphs: Array.from(text, glyphFor) });
  view.layout = layout as unknown as FontkitFont['layout'];
  return view;
}

/** A fontkit for pdf-lib that hands out the already parsed fonts instead of parsing the bytes again. */
export function cachingFontkit(parsed: ReadonlyMap<Uint8Array, FontkitFont>): Fontkit {
  return {
    create: (buffer: Uint8Array, postscriptName?: string) => {
      const font = parsed.get(buffer);
      return font ? unshaped(font) : fontkit.create(buffer, postscriptName);
    },
  };
}
