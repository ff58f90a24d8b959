/**
 * File-level structure after signing: bytes no revision explains, or a newest startxref that skips an
 * update, are what truncation and incremental-saving tricks leave. Repairing readers may show such
 * bytes, so a signed file carrying them is not valid. Anomalies inside signed revisions were signed as they are.
 */
import type { ParsedPdf } from '../../pdf/parse/index.js';

// DATA_AFTER_EOF and UNREADABLE_TAIL are reported as an unreadable update after signing (verify/index.ts).
const ALWAYS = ['UNREACHED_STARTXREF'];
const PER_REVISION = ['STARTXREF_MISMATCH', 'MISSING_EOF', 'REVISION_ORDER'];
// A startxref a few bytes off is the signer's own sloppiness when signed; in an unsigned update it is a repair.
const UNSIGNED_ONLY = ['STARTXREF_OFF'];

/**
 * Problems (English) that concern bytes after the oldest signed revision `firstSigned` (or, for sloppiness a
 * signer may have signed itself, after the newest signed revision `lastSigned`).
 */
export function structureProblems(pdf: ParsedPdf, firstSigned: number, lastSigned = firstSigned): string[] {
  const out: string[] = [];
  for (const a of pdf.anomalies) {
    const code = a.slice(0, a.indexOf(':'));
    const m = /revision (\d+)/.exec(a);
    if (ALWAYS.includes(code)) out.push(a);
    else if (PER_REVISION.includes(code) && m && Number(m[1]) > firstSigned) out.push(a);
    else if (UNSIGNED_ONLY.includes(code) && m && Number(m[1]) > lastSigned) out.push(a);
  }
  return out;
}
