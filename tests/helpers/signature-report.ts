import type { SignatureReport } from '../../core/verify/report.js';

/** A passed, intact, trusted signature report covering the whole file; tests override what they are about. */
export function signatureReport(over: Partial<SignatureReport> = {}): SignatureReport {
  return {
    fieldName: 's',
    chain: [],
    indication: 'PASSED',
    intact: true,
    valid: true,
    trusted: true,
    coverage: 'ENTIRE_FILE',
    modificationLevel: 'NONE',
    modifications: [],
    reasons: [],
    ...over,
  };
}
