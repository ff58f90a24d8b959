/**
 * File-level structure after signing: bytes no revision explains, or a newest startxref that skips an
 * update, are what truncation and incremental-saving tricks leave. Repairing readers may show such
 * bytes, so a signed file carrying them is not valid. Anomalies inside signed revisions were signed as they are.
 */
import type { ParsedPdf } from '../../pdf/parse/index.js';

// DATA_AFTER_EOF and UNREADABLE_TAIL are reported as an unreadable update after signing (verify/index.ts).
const ALWAYS = ['UNREACHED_STARTXREF'];
const PER_REVISION = ['STARTXREF_MISMATCH', 'MISSING_EOF', 'REVISION_ORDER'];

/** Problems (English) that concern bytes after the oldest signed revision `firstSigned`. */
export function structureProblems(pdf: ParsedPdf, firstSigned: number): string[] {
  const out: string[] = [];
  for (const a of pdf.anomalies) {
    const code = a.slice(0, a.indexOf(':'));
    if (ALWAYS.includes(code)) out.push(a);
    else if (PER_REVISION.includes(code)) {
      const m = /revision (\d+)/.exec(a);
      if (m && Number(m[1]) > firstSigned) out.push(a);
    }
  }
  return out;
}
