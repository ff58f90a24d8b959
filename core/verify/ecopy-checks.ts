/**
 * The e-copy profile (DOMAIN.md): run only on a copy that is one of ours (saoy's e-copy XMP in the signed revision,
 * or the two fixed signature fields); a third-party signed PDF is judged by the generic rules alone. Each check
 * compares what the statement says with what the signatures show; a failure keeps the file from `valid`
 * (a statement dated after its signing day makes it `invalid`).
 */
import { AUTHORITY_FIELD, CERTIFIER_FIELD } from '../ecopy/fields.js';
import { sameOffice, samePerson } from './ecopy-names.js';
import { reason } from './reasons.js';
import type { EcopyCheck, EcopyData, Reason, SignatureReport, Verdict } from './report.js';

export interface EcopyProfileInput {
  ecopy?: EcopyData;
  signatures: readonly SignatureReport[];
  /** Names of the signature fields still empty. */
  emptyFields: readonly string[];
}

export interface EcopyProfileResult {
  checks: EcopyCheck[];
  reasons: Reason[];
  /** The best verdict the file can still have. */
  cap: Verdict;
}

const VN_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving since 1975.

/** Calendar day (YYYY-MM-DD) of an instant in Vietnam. */
export function vietnamDay(iso: string): string | undefined {
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? undefined : new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
}

const isDocTimestamp = (s: SignatureReport) => s.subFilter === 'ETSI.RFC3161';

export function isEcopy(input: EcopyProfileInput): boolean {
  if (input.ecopy) return true;
  const names = new Set([...input.signatures.map((s) => s.fieldName), ...input.emptyFields]);
  return names.has(CERTIFIER_FIELD) && names.has(AUTHORITY_FIELD);
}

export function checkEcopyProfile(input: EcopyProfileInput): EcopyProfileResult | undefined {
  if (!isEcopy(input)) return undefined;
  const sigs = input.signatures.filter((s) => !isDocTimestamp(s));
  // Our fixed fields say who is who; only a copy without them (XMP alone) falls back to the order of signing.
  const hasFields = [...input.signatures.map((s) => s.fieldName), ...input.emptyFields].some((n) => n === CERTIFIER_FIELD || n === AUTHORITY_FIELD);
  const byRevision = hasFields ? [] : [...sigs].sort((a, b) => (a.signedRevision ?? 0) - (b.signedRevision ?? 0));
  const certifier = sigs.find((s) => s.fieldName === CERTIFIER_FIELD) ?? byRevision[0];
  const authority = sigs.find((s) => s.fieldName === AUTHORITY_FIELD) ?? byRevision.find((s) => s !== certifier);
  const e = input.ecopy;
  const checks: EcopyCheck[] = [];
  const reasons: Reason[] = [];
  let cap: Verdict = 'valid';
  const fail = (check: EcopyCheck, field: string | undefined, detail?: { en: string; vi: string }, verdict: Verdict = 'indeterminate') => {
    checks.push(check);
    reasons.push(reason(check.code!, field, detail));
    if (verdict === 'invalid' || cap === 'valid') cap = verdict;
  };

  // The authority's signature: present once its field holds a signature.
  if (authority) checks.push({ id: 'AUTHORITY_PRESENT', status: 'pass', signature: authority.signer?.commonName });
  else fail({ id: 'AUTHORITY_PRESENT', status: 'fail', code: 'ECOPY_AUTHORITY_MISSING' }, AUTHORITY_FIELD);

  // The statement's office against the authority certificate's organisation (or its CN, where VGCA puts the office).
  const org = authority?.signer?.organization;
  const cn = authority?.signer?.commonName;
  if (!e?.office || !authority?.signer) checks.push({ id: 'OFFICE_MATCH', status: 'skipped', statement: e?.office });
  else if ((org && sameOffice(e.office, org)) || (cn && sameOffice(e.office, cn))) checks.push({ id: 'OFFICE_MATCH', status: 'pass', statement: e.office, signature: org ?? cn });
  else {
    const shown = org ?? cn ?? '';
    fail({ id: 'OFFICE_MATCH', status: 'fail', code: 'ECOPY_OFFICE_MISMATCH', statement: e.office, signature: shown }, authority.fieldName, {
      en: `(statement: "${e.office}"; certificate: "${shown}")`,
      vi: `(lời chứng: “${e.office}”; chứng thư số: “${shown}”)`,
    });
  }

  // The printed certifier against the certifier certificate's CN.
  const certCn = certifier?.signer?.commonName;
  if (!e?.certifier || !certCn) checks.push({ id: 'CERTIFIER_MATCH', status: 'skipped', statement: e?.certifier });
  else if (samePerson(e.certifier, certCn)) checks.push({ id: 'CERTIFIER_MATCH', status: 'pass', statement: e.certifier, signature: certCn });
  else {
    fail({ id: 'CERTIFIER_MATCH', status: 'fail', code: 'ECOPY_CERTIFIER_MISMATCH', statement: e.certifier, signature: certCn }, certifier!.fieldName, {
      en: `(statement: "${e.certifier}"; certificate: "${certCn}")`,
      vi: `(lời chứng: “${e.certifier}”; chứng thư số: “${certCn}”)`,
    });
  }

  // The statement's date against the certifier's signing day in Vietnam: its timestamp when present, else /M.
  const when = certifier?.timestampTime ?? certifier?.claimedTime;
  const day = when ? vietnamDay(when) : undefined;
  const date = e?.date && /^\d{4}-\d{2}-\d{2}$/.test(e.date) ? e.date : undefined;
  if (!date || !day) checks.push({ id: 'DATE_MATCH', status: 'skipped', statement: e?.date, signature: day });
  else if (date === day) checks.push({ id: 'DATE_MATCH', status: 'pass', statement: date, signature: day });
  else {
    const source = certifier?.timestampTime ? { en: 'timestamp', vi: 'dấu thời gian' } : { en: 'claimed signing time', vi: 'thời điểm ký khai báo' };
    fail(
      { id: 'DATE_MATCH', status: 'fail', code: 'ECOPY_DATE_MISMATCH', statement: date, signature: day },
      certifier!.fieldName,
      { en: `(statement: ${date}; signed on ${day}, ${source.en})`, vi: `(lời chứng: ${date}; ký ngày ${day}, theo ${source.vi})` },
      date > day ? 'invalid' : 'indeterminate',
    );
  }
  return { checks, reasons, cap };
}

const RANK: Record<Verdict, number> = { valid: 0, unsigned: 1, indeterminate: 2, invalid: 3, error: 4 };

/** The file verdict after the profile: never better than its cap; the profile's reasons lead unless the file is already invalid. */
export function withEcopyProfile(verdict: Verdict, reasons: readonly Reason[], profile: EcopyProfileResult | undefined): { verdict: Verdict; reasons: Reason[] } {
  if (!profile || verdict === 'error' || verdict === 'unsigned') return { verdict, reasons: [...reasons] };
  const out = RANK[profile.cap] > RANK[verdict] ? profile.cap : verdict;
  return { verdict: out, reasons: verdict === 'invalid' ? [...reasons, ...profile.reasons] : [...profile.reasons, ...reasons] };
}
