/**
 * Line breaking for the statement page. Names of offices and originals are long and unpredictable; they must wrap
 * inside their area, shrinking the type only as far as a minimum size, and never run off the page.
 */
import type { PDFFont } from 'pdf-lib';

/** A font as the layout needs it: the embedded font to draw with and a fast width measure. */
export interface TextFont {
  pdf: PDFFont;
  /** Width in points of `text` at `size`, as pdf-lib will draw it (sum of advance widths). */
  width(text: string, size: number): number;
}

/** Advance widths per code point of a fontkit font. pdf-lib's own widthOfTextAtSize runs the full OpenType
 * layout on every call, and line breaking measures hundreds of candidate lines: that dominated the build. */
interface AdvanceSource {
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}
const advanceCaches = new WeakMap<AdvanceSource, Map<number, number>>();

export function textFont(pdf: PDFFont, source: AdvanceSource): TextFont {
  let cache = advanceCaches.get(source);
  if (!cache) advanceCaches.set(source, (cache = new Map()));
  const advances = cache;
  return {
    pdf,
    width(text: string, size: number): number {
      let units = 0;
      for (let i = 0; i < text.length; i++) {
        const cp = text.codePointAt(i) ?? 0;
        if (cp > 0xffff) i++;
        let a = advances.get(cp);
        if (a === undefined) advances.set(cp, (a = source.glyphForCodePoint(cp).advanceWidth));
        units += a;
      }
      return (units * size) / source.unitsPerEm;
    },
  };
}

export interface Paragraph {
  size: number;
  lines: string[];
  lineHeight: number;
}

/** Greedy word wrap; a word wider than the line is broken between characters. `firstWidth` allows a label
 * in front of the first line. */
export function wrapText(text: string, font: TextFont, size: number, width: number, firstWidth = width): string[] {
  const fits = (s: string, w: number): boolean => font.width(s, size) <= w;
  const lines: string[] = [];
  let line = '';
  const lineWidth = (): number => (lines.length === 0 ? firstWidth : width);
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate, lineWidth())) {
      line = candidate;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
    }
    if (fits(word, lineWidth())) {
      line = word;
      continue;
    }
    for (const ch of word) {
      if (line && !fits(line + ch, lineWidth())) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Like wrapText, but breaks preferably after commas, so "UBND phường X, thành phố Y, tỉnh Z" keeps each
 * administrative unit on one line where it can.
 */
export function wrapPhrases(text: string, font: TextFont, size: number, width: number): string[] {
  const fits = (s: string): boolean => font.width(s, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const phrase of text.split(/(?<=,) +/)) {
    const candidate = line ? `${line} ${phrase}` : phrase;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    const parts = wrapText(phrase, font, size, width);
    line = parts.pop() ?? '';
    lines.push(...parts);
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * The largest size from `sizes` (descending) at which `text` fits in `maxLines` lines; at the smallest size the
 * overflow is cut with an ellipsis rather than drawn outside the area.
 */
export function fitParagraph(
  text: string, font: TextFont, sizes: readonly number[], width: number, maxLines: number, leading = 1.25, byPhrase = false,
): Paragraph {
  const wrap = (size: number): string[] => (byPhrase ? wrapPhrases(text, font, size, width) : wrapText(text, font, size, width));
  for (const size of sizes) {
    const lines = wrap(size);
    if (lines.length <= maxLines) return { size, lines, lineHeight: size * leading };
  }
  const size = sizes[sizes.length - 1];
  const lines = wrap(size).slice(0, maxLines);
  let last = lines[maxLines - 1];
  while (last.length > 0 && font.width(`${last}…`, size) > width) {
    last = [...last].slice(0, -1).join('');
  }
  lines[maxLines - 1] = `${last}…`;
  return { size, lines, lineHeight: size * leading };
}
