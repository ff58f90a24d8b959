/**
 * ByteRange shape and bounds (the USF and signature-wrapping defences): four integers, starting at 0,
 * the gap exactly the /Contents hex string of this very signature dictionary, ending at a revision end.
 */
import type { ParsedPdf, PdfDict } from '../../pdf/parse/index.js';
import { dictGet } from '../../pdf/parse/index.js';
import type { Coverage } from '../report.js';

export interface ByteRangeOk {
  ok: true;
  range: readonly [number, number, number, number];
  /** Index of the revision the signature signs (its ByteRange ends there). */
  revision: number;
  /** Byte offset where the signed revision ends. */
  signedEnd: number;
  coverage: Coverage;
}
export interface ByteRangeBad {
  ok: false;
  problem: string;
}

function isHexOrSpace(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c;
}

function isEol(b: number): boolean {
  return b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09 || b === 0x00 || b === 0x0c;
}

export function checkByteRange(pdf: ParsedPdf, sig: PdfDict, sigNum: number | undefined): ByteRangeOk | ByteRangeBad {
  const bytes = pdf.bytes;
  const brv = dictGet(sig, 'ByteRange');
  if (!brv || brv.kind !== 'array') return { ok: false, problem: '/ByteRange is missing or not a direct array' };
  if (brv.items.length !== 4) return { ok: false, problem: `/ByteRange has ${brv.items.length} numbers, not 4` };
  const nums: number[] = [];
  for (const v of brv.items) {
    if (v.kind !== 'number' || !v.isInteger || !Number.isSafeInteger(v.value) || v.value < 0) {
      return { ok: false, problem: '/ByteRange holds something other than non-negative integers' };
    }
    nums.push(v.value);
  }
  const [start, a, b, len] = nums;
  if (start !== 0) return { ok: false, problem: '/ByteRange does not start at byte 0' };
  if (!(a > 0 && b > a + 1 && b + len <= bytes.length && len >= 0)) {
    return { ok: false, problem: '/ByteRange is out of the file or its ranges overlap' };
  }
  const contents = dictGet(sig, 'Contents');
  if (!contents || contents.kind !== 'string' || !contents.hex) return { ok: false, problem: '/Contents is missing or not a hex string' };

  // The gap must be exactly one hex string that decodes to this dictionary's /Contents.
  if (bytes[a] !== 0x3c || bytes[b - 1] !== 0x3e) return { ok: false, problem: 'the unsigned gap is not a <hex> string' };
  let digits = 0;
  for (let i = a + 1; i < b - 1; i++) {
    if (!isHexOrSpace(bytes[i])) return { ok: false, problem: 'the unsigned gap contains something other than hex digits' };
    if (bytes[i] > 0x20) digits++;
  }
  if (Math.ceil(digits / 2) !== contents.bytes.length) return { ok: false, problem: 'the unsigned gap is not the /Contents of this signature' };
  if (sigNum === undefined) return { ok: false, problem: 'the signature dictionary is not an indirect object' };
  const obj = pdf.getObject(sigNum);
  if (!obj || obj.compressedIn) return { ok: false, problem: 'the signature dictionary is not a plain object in the file' };
  if (a < obj.start || b > obj.end) return { ok: false, problem: 'the unsigned gap lies outside the signature dictionary' };
  if (!sameHexString(bytes, a, b, contents.bytes)) return { ok: false, problem: 'the unsigned gap is not the /Contents of this signature' };

  const end = b + len;
  const revision = pdf.revisions.findIndex((r) => {
    if (r.end === end) return true;
    // Tolerate a signature ending just before the EOL that follows %%EOF.
    if (end < r.end && r.end - end <= 2 && end >= 5) {
      for (let i = end; i < r.end; i++) if (!isEol(bytes[i])) return false;
      return bytes[end - 1] === 0x46; // ...%%EOF
    }
    return false;
  });
  if (revision < 0) return { ok: false, problem: 'the signed range does not end at the end of a revision' };
  if (pdf.revisionAt(obj.start) !== revision) return { ok: false, problem: 'the signature dictionary is not part of the revision it signs' };

  let trailingOnlyWhitespace = true;
  for (let i = end; i < bytes.length && trailingOnlyWhitespace; i++) trailingOnlyWhitespace = isEol(bytes[i]);
  const coverage: Coverage = trailingOnlyWhitespace ? 'ENTIRE_FILE' : 'ENTIRE_REVISION';
  return { ok: true, range: [0, a, b, len], revision, signedEnd: end, coverage };
}

function hexVal(c: number): number {
  if (c <= 0x39) return c - 0x30;
  if (c <= 0x46) return c - 0x37;
  return c - 0x57;
}

/** Compares the hex digits in bytes[a+1, b-1) with the decoded value (odd trailing digit = high nibble). */
function sameHexString(bytes: Uint8Array, a: number, b: number, value: Uint8Array): boolean {
  let k = 0;
  let hi = -1;
  for (let i = a + 1; i < b - 1; i++) {
    const c = bytes[i];
    if (c <= 0x20) continue;
    const v = hexVal(c);
    if (hi < 0) hi = v;
    else {
      if (value[k++] !== ((hi << 4) | v)) return false;
      hi = -1;
    }
  }
  if (hi >= 0 && value[k++] !== hi << 4) return false;
  return k === value.length;
}
