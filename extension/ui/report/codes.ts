/** Every stable reason code of a report (its own, its signatures', the e-copy checks'), once each, for support. */
import type { VerificationReport } from '../../../core/verify/report.js';

export function reportCodes(r: VerificationReport): string[] {
  const all = [...r.reasons.map((x) => x.code), ...r.signatures.flatMap((s) => s.reasons.map((x) => x.code)), ...(r.ecopyChecks ?? []).flatMap((c) => (c.code ? [c.code] : []))];
  return [...new Set(all)];
}
