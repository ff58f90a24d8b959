import { SaoyError } from '../errors.js';
import { fromLatin1, isPdfWhitespace, lastIndexOfAscii } from './bytes.js';

export type XrefKind = 'table' | 'stream';

/** Where the newest cross-reference section starts and what kind it is. */
export interface XrefTail {
  startxref: number;
  kind: XrefKind;
  /** /Size of the newest trailer or xref stream (0 if unreadable): new objects must start at or above it. */
  size: number;
}

/**
 * Reads the final `startxref N %%EOF` of a file. The incremental writer needs N for /Prev and must
 * write its own section in the same kind (table or stream) as the one N points at.
 */
export function readXrefTail(pdf: Uint8Array): XrefTail {
  const tailStart = Math.max(0, pdf.length - 2048);
  const at = lastIndexOfAscii(pdf, 'startxref');
  if (at < tailStart) {
    throw new SaoyError('PDF_NO_STARTXREF', 'the PDF has no startxref at its end', 'Tệp PDF bị hỏng: thiếu startxref ở cuối tệp');
  }
  const text = fromLatin1(pdf, at + 9, Math.min(pdf.length, at + 40));
  const m = /^\s*(\d{1,12})/.exec(text);
  if (!m) throw new SaoyError('PDF_NO_STARTXREF', 'the PDF startxref value is unreadable', 'Tệp PDF bị hỏng: giá trị startxref không đọc được');
  const startxref = Number(m[1]);
  if (startxref <= 0 || startxref >= pdf.length) {
    throw new SaoyError('PDF_BAD_STARTXREF', 'the PDF startxref points outside the file', 'Tệp PDF bị hỏng: startxref trỏ ra ngoài tệp');
  }
  let i = startxref;
  while (i < pdf.length && isPdfWhitespace(pdf[i])) i++;
  const head = fromLatin1(pdf, i, Math.min(pdf.length, i + 4));
  return { startxref, kind: head === 'xref' ? 'table' : 'stream', size: readSize(pdf, startxref) };
}

/** The last /Size from the newest section to the end (its trailer or xref-stream dictionary). */
function readSize(pdf: Uint8Array, startxref: number): number {
  const text = fromLatin1(pdf, startxref, Math.min(pdf.length, startxref + (1 << 22)));
  let size = 0;
  for (const m of text.matchAll(/\/Size\s+(\d{1,9})/g)) size = Number(m[1]);
  return size;
}
