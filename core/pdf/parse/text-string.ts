import type { PdfString } from './objects.js';

/** PDFDocEncoding bytes that differ from Latin-1 (ISO 32000-2, Annex D). */
const PDFDOC_DIFF: Readonly<Record<number, number>> = {
  0x18: 0x02d8, 0x19: 0x02c7, 0x1a: 0x02c6, 0x1b: 0x02d9, 0x1c: 0x02dd, 0x1d: 0x02db, 0x1e: 0x02da, 0x1f: 0x02dc,
  0x7f: 0xfffd,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x0141, 0x96: 0x0152, 0x97: 0x0160,
  0x98: 0x0178, 0x99: 0x017d, 0x9a: 0x0131, 0x9b: 0x0142, 0x9c: 0x0153, 0x9d: 0x0161, 0x9e: 0x017e, 0x9f: 0xfffd,
  0xa0: 0x20ac, 0xad: 0xfffd,
};

/**
 * Decodes a PDF text string (field names, /Reason, /Name...): UTF-16BE or UTF-8 when a BOM says so,
 * otherwise PDFDocEncoding. Language-tag escapes (ESC ... ESC) in UTF-16 are dropped.
 */
export function decodePdfText(s: PdfString | Uint8Array): string {
  const b = s instanceof Uint8Array ? s : s.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return decodeUtf16be(b.subarray(2));
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(3));
  }
  let out = '';
  for (let i = 0; i < b.length; i++) out += String.fromCharCode(PDFDOC_DIFF[b[i]] ?? b[i]);
  return out;
}

function decodeUtf16be(b: Uint8Array): string {
  const units: number[] = [];
  let inEscape = false;
  for (let i = 0; i + 1 < b.length; i += 2) {
    const u = (b[i] << 8) | b[i + 1];
    if (u === 0x001b) {
      inEscape = !inEscape;
      continue;
    }
    if (!inEscape) units.push(u);
  }
  // Lone surrogates from a hostile file become U+FFFD instead of an ill-formed JS string.
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < units.length && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff) i++;
    else if (u >= 0xd800 && u <= 0xdfff) units[i] = 0xfffd;
  }
  let out = '';
  for (let i = 0; i < units.length; i += 0x4000) out += String.fromCharCode(...units.slice(i, i + 0x4000));
  return out;
}
