/** The long-term-validation lines of a readable report (CLI and pages alike), Vietnamese or English. */
import type { LtvSummary } from './report.js';

/** Calendar day in Vietnam (UTC+7), as on the copy. */
const day = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

export function ltvLines(l: LtvSummary | undefined, lang: 'vi' | 'en'): string[] {
  if (!l) return [];
  const vi = lang === 'vi';
  const out: string[] = [];
  for (const t of l.timestamps) {
    const kind = t.kind === 'document' ? (vi ? 'dấu thời gian tài liệu' : 'document timestamp') : vi ? 'dấu thời gian chữ ký' : 'signature timestamp';
    const tsa = t.tsa ? `, ${t.tsa}` : '';
    const until = t.validUntil ? (vi ? `, chứng thư TSA hiệu lực đến ${day(t.validUntil)}` : `, TSA certificate valid until ${day(t.validUntil)}`) : '';
    const relied = t.relied ? '' : vi ? ' (không được dùng)' : ' (not relied on)';
    out.push(`${kind} [${t.field}]: ${t.time.slice(0, 19).replace('T', ' ')} UTC${tsa}${until}${relied}`);
  }
  if (l.dss) {
    const d = l.dss;
    out.push(
      vi
        ? `dữ liệu kiểm tra trong tệp (/DSS): ${d.certificates} chứng thư, ${d.crls} CRL, ${d.ocspResponses} OCSP; /VRI cho: ${d.signaturesWithVri.join(', ') || 'không chữ ký nào'}`
        : `validation data in the file (/DSS): ${d.certificates} certificate(s), ${d.crls} CRL(s), ${d.ocspResponses} OCSP response(s); /VRI for: ${d.signaturesWithVri.join(', ') || 'no signature'}`,
    );
  }
  if (l.coveredUntil) out.push(vi ? `được bảo đảm kiểm tra đến ${day(l.coveredUntil)}` : `verifiable (covered) until ${day(l.coveredUntil)}`);
  return out;
}
