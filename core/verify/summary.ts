/** Plain words for a report, in Vietnamese or English: the same sentences in the CLI, popup and badges. */
import type { SignatureReport, Verdict, VerificationReport } from './report.js';

export type Lang = 'vi' | 'en';

const HEADLINES: Record<Verdict, Record<Lang, string>> = {
  valid: { vi: 'Bản sao hợp lệ', en: 'Valid copy' },
  invalid: { vi: 'KHÔNG hợp lệ', en: 'NOT valid' },
  indeterminate: { vi: 'Chưa xác định được', en: 'Cannot be confirmed' },
  unsigned: { vi: 'Chưa ký', en: 'Not signed' },
  error: { vi: 'Không đọc được tệp', en: 'Cannot read the file' },
};

export function headline(v: Verdict, lang: Lang): string {
  return HEADLINES[v][lang];
}

/** One sentence a citizen understands, e.g. "Bản sao hợp lệ: 2 chữ ký số đúng, không bị sửa đổi sau khi ký." */
export function verdictSentence(r: VerificationReport, lang: Lang): string {
  const n = r.signatures.length;
  const who = r.signatures.map((s) => s.signer?.commonName).filter(Boolean).join(lang === 'vi' ? ' và ' : ' and ');
  switch (r.verdict) {
    case 'valid':
      return lang === 'vi'
        ? `${headline('valid', lang)}: ${n} chữ ký số đúng và tin cậy (${who}); tài liệu không bị sửa đổi sau khi ký.`
        : `${headline('valid', lang)}: ${n} digital signature(s) verified and trusted (${who}); nothing changed after signing.`;
    case 'unsigned':
      return lang === 'vi' ? 'Chưa ký: tài liệu không có chữ ký số nào.' : 'Not signed: the document carries no digital signature.';
    default: {
      const first = r.reasons.find((x) => x.code !== 'CERT_REVOKED_LATER') ?? r.reasons[0];
      const why = first ? (lang === 'vi' ? first.vi : first.en) : '';
      return `${headline(r.verdict, lang)}: ${why}`;
    }
  }
}

export function signatureLine(s: SignatureReport, lang: Lang): string {
  const ok = (b: boolean, yes: [string, string], no: [string, string]) => (b ? yes : no)[lang === 'vi' ? 0 : 1];
  const parts = [
    ok(s.intact, ['nội dung nguyên vẹn', 'content intact'], ['nội dung đã bị thay đổi', 'content altered']),
    ok(s.valid, ['chữ ký đúng', 'signature verifies'], ['chữ ký sai', 'signature does not verify']),
    ok(s.trusted, ['chứng thư tin cậy', 'certificate trusted'], ['chứng thư chưa được tin cậy', 'certificate not trusted']),
  ];
  if (s.certification) parts.push(lang === 'vi' ? `chữ ký chứng nhận (DocMDP P=${s.certification})` : `certification signature (DocMDP P=${s.certification})`);
  return parts.join(', ');
}
