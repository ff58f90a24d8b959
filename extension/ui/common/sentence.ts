/** One line under a verdict: who signed for a valid file, otherwise the first reason (core's en/vi table). */
import type { VerificationReport } from '../../../core/verify/report.js';
import { lang, t } from './i18n.js';

export function verdictLine(r: VerificationReport): string {
  if (r.verdict === 'valid') {
    const who = r.signatures.map((s) => s.signer?.commonName ?? s.fieldName).join(t('and_separator'));
    return t('sentence_valid', r.signatures.length, who);
  }
  const first = r.reasons.find((x) => x.code !== 'CERT_REVOKED_LATER') ?? r.reasons[0];
  return first ? first[lang()] : '';
}
