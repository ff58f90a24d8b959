/**
 * The long-term-validation part of a report: each timestamp (signature and document timestamps) and whether it is
 * relied on, what the /DSS holds (and which signatures have a /VRI entry), and until when the copy stays
 * verifiable — "được bảo đảm kiểm tra đến" — the validity end of the newest relied-on timestamp's TSA chain, else
 * of the signers' own chains. A /VRI key matching no signature of the document is reported.
 */
import { dictGet, type ParsedPdf } from '../pdf/parse/index.js';
import { vriKey } from '../pdf/dss-vri.js';
import type { FoundSignature } from './checks/signature-fields.js';
import { isDocTimestampReport } from './checks/timestamp-poe.js';
import type { DssData } from './dss.js';
import { RevisionView } from './pdf-access.js';
import { reason } from './reasons.js';
import type { LtvSummary, LtvTimestamp, Reason, SignatureReport, Verdict } from './report.js';

const MAX_VRI = 500;

export async function ltvSummary(
  pdf: ParsedPdf,
  found: readonly FoundSignature[],
  signatures: readonly SignatureReport[],
  dss: DssData,
  verdict: Verdict,
): Promise<{ ltv: LtvSummary; reasons: Reason[] }> {
  const timestamps: LtvTimestamp[] = [];
  for (const s of signatures) {
    if (isDocTimestampReport(s)) {
      if (!s.timestampTime) continue;
      timestamps.push({ field: s.fieldName, kind: 'document', time: s.timestampTime, tsa: s.signer?.commonName, validUntil: validUntil(s), relied: s.indication === 'PASSED' });
    } else if (s.timestampTime) {
      timestamps.push({ field: s.fieldName, kind: 'signature', time: s.timestampTime, validUntil: s.timestampValidUntil, relied: true });
    }
  }
  const reasons: Reason[] = [];
  const ltv: LtvSummary = { timestamps };

  const vri = vriKeys(pdf);
  if (dss.certificates.length || dss.crls.length || dss.ocspResponses.length || vri.length) {
    const keyOf = new Map<string, string>();
    for (const f of found) {
      const c = dictGet(f.sig, 'Contents');
      if (c?.kind === 'string') keyOf.set(await vriKey(c.bytes), f.fieldName);
    }
    const withVri = vri.map((k) => keyOf.get(k)).filter((x): x is string => x !== undefined);
    const unmatched = vri.filter((k) => !keyOf.has(k));
    if (unmatched.length) reasons.push(reason('DSS_VRI_UNMATCHED', undefined, { en: `(${unmatched.slice(0, 3).join(', ')})` }));
    ltv.dss = { certificates: dss.certificates.length, crls: dss.crls.length, ocspResponses: dss.ocspResponses.length, vriEntries: vri.length, signaturesWithVri: withVri };
  }

  if (verdict === 'valid') {
    // The newest relied-on document timestamp protects everything before it; without one, each signature's own.
    const docs = timestamps.filter((t) => t.kind === 'document' && t.relied);
    const newest = docs.sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
    let until = newest?.validUntil ? Date.parse(newest.validUntil) : undefined;
    if (until === undefined) {
      const per = signatures.filter((s) => !isDocTimestampReport(s)).map((s) => (s.timestampValidUntil ? Date.parse(s.timestampValidUntil) : validUntil(s) ? Date.parse(validUntil(s) as string) : undefined));
      if (per.length && per.every((x) => x !== undefined)) until = Math.min(...(per as number[]));
    }
    if (until !== undefined) ltv.coveredUntil = new Date(until).toISOString();
  }
  return { ltv, reasons };
}

/** Earliest notAfter of a signature's reported chain, the anchor (the last, when trusted) left out. */
function validUntil(s: SignatureReport): string | undefined {
  const chain = s.trusted && s.chain.length > 1 ? s.chain.slice(0, -1) : s.chain;
  const times = chain.map((c) => Date.parse(c.notAfter)).filter((t) => !Number.isNaN(t));
  return times.length ? new Date(Math.min(...times)).toISOString() : undefined;
}

/** The keys of /DSS /VRI (upper-case hex SHA-1 of a signature's /Contents), as written. */
function vriKeys(pdf: ParsedPdf): string[] {
  const v = new RevisionView(pdf, pdf.revisions.length - 1);
  const vri = v.getDict(v.getDict(v.catalog(), 'DSS'), 'VRI');
  if (!vri) return [];
  return [...vri.entries.keys()].filter((k) => k !== 'Type' && /^[0-9A-Fa-f]{40}$/.test(k)).slice(0, MAX_VRI).map((k) => k.toUpperCase());
}
