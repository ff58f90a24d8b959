/** The e-copy profile checks in words (Vietnamese first), shared by the CLI and the extension's report page. */
import type { EcopyCheck } from './report.js';
import type { Lang } from './summary.js';

const LABELS: Record<EcopyCheck['id'], Record<Lang, string>> = {
  AUTHORITY_PRESENT: { vi: 'Có chữ ký của cơ quan có thẩm quyền', en: "The competent authority's signature is present" },
  OFFICE_MATCH: { vi: 'Cơ quan trong lời chứng khớp với chứng thư số của cơ quan', en: "The statement's office matches the authority's certificate" },
  CERTIFIER_MATCH: { vi: 'Người thực hiện chứng thực khớp với chứng thư số của người ký', en: "The printed certifier matches the certifier's certificate" },
  DATE_MATCH: { vi: 'Ngày chứng thực là ngày ký (giờ Việt Nam)', en: 'The statement date is the signing day (Vietnam time)' },
};

const FAILED: Partial<Record<EcopyCheck['id'], Record<Lang, string>>> = {
  AUTHORITY_PRESENT: { vi: 'Chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền', en: "Not complete: the competent authority's signature is still missing" },
};

export function ecopyCheckLabel(c: EcopyCheck, lang: Lang): string {
  return (c.status === 'fail' ? FAILED[c.id]?.[lang] : undefined) ?? LABELS[c.id][lang];
}

export const ECOPY_MARK: Record<EcopyCheck['status'], string> = { pass: '✓', fail: '✗', skipped: '–' };

/** "lời chứng: X · chứng thư số: Y" (both values side by side), or '' when there is nothing to compare. */
export function ecopyCheckValues(c: EcopyCheck, lang: Lang): string {
  if (c.id === 'AUTHORITY_PRESENT' || (c.statement === undefined && c.signature === undefined)) return '';
  const [st, sg] = lang === 'vi' ? ['lời chứng', c.id === 'DATE_MATCH' ? 'ngày ký' : 'chứng thư số'] : ['statement', c.id === 'DATE_MATCH' ? 'signed on' : 'certificate'];
  return `${st}: ${c.statement ?? '—'} · ${sg}: ${c.signature ?? '—'}`;
}

/** One line per check, e.g. "✗ Cơ quan trong lời chứng ... (lời chứng: A · chứng thư số: B)". */
export function ecopyCheckLines(checks: readonly EcopyCheck[], lang: Lang): string[] {
  return checks.map((c) => {
    const v = ecopyCheckValues(c, lang);
    const skipped = c.status === 'skipped' ? (lang === 'vi' ? ' — chưa kiểm tra được' : ' — not checked') : '';
    return `${ECOPY_MARK[c.status]} ${ecopyCheckLabel(c, lang)}${skipped}${v ? ` (${v})` : ''}`;
  });
}
