/** File verdict from the per-signature indications (docs/ARCHITECTURE.md "VerificationReport"): any failure is invalid, any doubt indeterminate. */
import type { SignatureReport, Verdict } from './report.js';

export function verdictOf(signatures: readonly SignatureReport[]): Verdict {
  if (signatures.length === 0) return 'unsigned';
  if (signatures.some((s) => s.indication === 'FAILED')) return 'invalid';
  if (signatures.some((s) => s.indication === 'INDETERMINATE')) return 'indeterminate';
  return 'valid';
}
