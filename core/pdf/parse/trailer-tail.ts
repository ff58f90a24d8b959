import { SaoyError } from '../../errors.js';
import { isWhite } from './lexer.js';
import type { Budget } from './limits.js';
import { ascii, findBytes, findBytesBackward } from './search.js';

const PDF_HEADER = ascii('%PDF-');
const STARTXREF = ascii('startxref');
const EOF_MARK = ascii('%%EOF');

export interface PdfHeader {
  readonly offset: number;
  /** "1.7", or "" when the digits after %PDF- are unreadable. */
  readonly version: string;
}

/** %PDF-x.y must start within the first 1024 bytes (ISO 32000 compatibility note). */
export function findHeader(bytes: Uint8Array, budget: Budget): PdfHeader {
  const at = findBytes(bytes, PDF_HEADER, 0, Math.min(bytes.length, 1024 + PDF_HEADER.length), budget);
  if (at < 0) {
    throw new SaoyError('PDF_NOT_PDF', 'The file is not a PDF (no %PDF header)', 'Tệp không phải là PDF (thiếu phần đầu %PDF)');
  }
  let v = '';
  for (let i = at + 5; i < Math.min(bytes.length, at + 9); i++) v += String.fromCharCode(bytes[i]);
  const m = /^\d\.\d/.exec(v);
  return { offset: at, version: m ? m[0] : '' };
}

/** The value of the last `startxref` in the file and where that keyword is. */
export function findLastStartxref(bytes: Uint8Array, budget: Budget): { keywordAt: number; value: number } {
  const at = findBytesBackward(bytes, STARTXREF, 0, bytes.length, budget);
  const value = at < 0 ? undefined : readUint(bytes, at + STARTXREF.length);
  if (at < 0 || value === undefined) {
    throw new SaoyError('PDF_NO_STARTXREF', 'The PDF has no readable startxref', 'Tệp PDF bị hỏng: thiếu giá trị startxref');
  }
  return { keywordAt: at, value: value.value };
}

/** Digits after optional white-space; at most 15 of them so the value stays a safe integer. */
function readUint(bytes: Uint8Array, from: number): { value: number; end: number } | undefined {
  let p = from;
  while (p < bytes.length && p < from + 256 && isWhite(bytes[p])) p++;
  const s = p;
  let v = 0;
  while (p < bytes.length && bytes[p] >= 0x30 && bytes[p] <= 0x39 && p - s < 15) v = v * 10 + (bytes[p++] - 0x30);
  return p === s ? undefined : { value: v, end: p };
}

export interface SectionTail {
  /** Just after "%%EOF" and its EOL when found; otherwise where reading stopped. */
  readonly end: number;
  readonly eofFound: boolean;
  readonly startxrefValue: number | undefined;
}

/**
 * What follows a section: "startxref N" then "%%EOF", with only white-space and comments between. Anything
 * else (objects of a later update) means this section's %%EOF is missing; we must not borrow a later one.
 */
export function readSectionTail(bytes: Uint8Array, from: number, budget: Budget): SectionTail {
  let p = from;
  let startxrefValue: number | undefined;
  let lastGood = from;
  for (let guard = 0; guard < 64; guard++) {
    budget.tick();
    while (p < bytes.length && isWhite(bytes[p])) p++;
    if (p >= bytes.length) break;
    if (matchAt(bytes, p, EOF_MARK)) {
      let end = p + EOF_MARK.length;
      if (bytes[end] === 0x0d) end++;
      if (bytes[end] === 0x0a) end++;
      budget.tickBytes(end - from);
      return { end, eofFound: true, startxrefValue };
    }
    if (bytes[p] === 0x25) {
      while (p < bytes.length && bytes[p] !== 0x0a && bytes[p] !== 0x0d) p++;
      continue;
    }
    if (startxrefValue === undefined && matchAt(bytes, p, STARTXREF)) {
      const n = readUint(bytes, p + STARTXREF.length);
      if (!n) break;
      startxrefValue = n.value;
      p = lastGood = n.end;
      continue;
    }
    break;
  }
  budget.tickBytes(p - from);
  return { end: lastGood, eofFound: false, startxrefValue };
}

function matchAt(bytes: Uint8Array, p: number, needle: Uint8Array): boolean {
  for (let j = 0; j < needle.length; j++) if (bytes[p + j] !== needle[j]) return false;
  return true;
}

/** Offsets of every "%%EOF" marker, for callers that compare markers with known revisions. */
export function findEofMarkers(bytes: Uint8Array, budget: Budget, max: number): number[] {
  const out: number[] = [];
  let p = 0;
  while (out.length < max) {
    const at = findBytes(bytes, EOF_MARK, p, bytes.length, budget);
    if (at < 0) break;
    out.push(at);
    p = at + EOF_MARK.length;
  }
  return out;
}
