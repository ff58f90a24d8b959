/**
 * The one report vocabulary (docs/ARCHITECTURE.md "VerificationReport") shared by the CLI, the popup and the badges.
 * Modelled on ETSI EN 319 102-1 indications and pyHanko's status fields.
 */
import type { ReasonCode } from './reasons.js';
import type { CertificateLines } from '../pki/certificate-summary.js';

export type Verdict = 'valid' | 'invalid' | 'indeterminate' | 'unsigned' | 'error';

/** ETSI EN 319 102-1 main indication of one signature. */
export type Indication = 'PASSED' | 'FAILED' | 'INDETERMINATE';

export type Coverage = 'UNCLEAR' | 'CONTIGUOUS_FROM_START' | 'ENTIRE_REVISION' | 'ENTIRE_FILE';
export type ModificationLevel = 'NONE' | 'LTA_UPDATES' | 'FORM_FILLING' | 'ANNOTATIONS' | 'OTHER';

export interface Reason {
  code: ReasonCode;
  en: string;
  vi: string;
  /** Which signature (field name) the reason is about, when it is about one. */
  field?: string;
}

/** How a report names a certificate (core/pki/certificate-summary.ts). */
export type CertificateSummary = CertificateLines;

export interface Modification {
  /** e.g. "object 12 (page 1 /Contents)" */
  object: string;
  /** What the rule engine recognised, e.g. "empty signature field signed". */
  description: string;
  /** The same in Vietnamese, for the extension's report page. */
  descriptionVi: string;
  allowed: boolean;
}

export interface SignatureReport {
  fieldName: string;
  /** /SubFilter as written. */
  subFilter?: string;
  signer?: CertificateSummary;
  chain: CertificateSummary[];
  keyAlgorithm?: string;
  /** /M of the signature dictionary (ISO), claimed by the signer. */
  claimedTime?: string;
  /** RFC 3161 signature timestamp time (ISO), when present and valid. */
  timestampTime?: string;
  /** Until when the signature timestamp's TSA certificate chain is valid (ISO), when the timestamp is relied on. */
  timestampValidUntil?: string;
  /** The time the signature is proven to have existed (its own timestamp, else the earliest validated later document timestamp), ISO. */
  proofOfExistence?: string;
  indication: Indication;
  subIndication?: string;
  /** Digest over the ByteRange equals the CMS message-digest. */
  intact: boolean;
  /** The CMS signature over the signed attributes verifies with the signer's key. */
  valid: boolean;
  trusted: boolean;
  /** Id of the trust list whose anchor the signer's chain ends at ('vgca', 'neac', 'user', 'demo'...). */
  trustList?: string;
  coverage: Coverage;
  modificationLevel: ModificationLevel;
  modifications: Modification[];
  /** DocMDP /P level when this is a certification signature. */
  certification?: 1 | 2 | 3;
  /** Byte length of the signed revision (what a user should be shown for this signature). */
  signedRevisionLength?: number;
  /** Index (0 = oldest) of the revision this signature signs. */
  signedRevision?: number;
  reasons: Reason[];
}

export interface EcopyData {
  certNo?: string;
  bookNo?: string;
  date?: string;
  office?: string;
  certifier?: string;
  authority?: string;
  docName?: string;
  pageCount?: number;
}

/** One named check of the e-copy profile (DOMAIN.md): what the statement says next to what the signature shows. */
export interface EcopyCheck {
  id: 'AUTHORITY_PRESENT' | 'OFFICE_MATCH' | 'CERTIFIER_MATCH' | 'DATE_MATCH';
  /** 'skipped': the data needed is absent (e.g. no authority signature to compare the office with). */
  status: 'pass' | 'fail' | 'skipped';
  /** Reason code when it failed. */
  code?: ReasonCode;
  /** The statement's value (office, certifier, date). */
  statement?: string;
  /** The signature's value (certificate organisation, certificate CN, signing day in Vietnam). */
  signature?: string;
}

/** One answer fetched by the online check (only URLs the document's certificates name). */
export interface OnlineSource {
  kind: 'crl' | 'ocsp' | 'caIssuers';
  url: string;
  /** Subject (CN) of the certificate the URL came from. */
  certificate: string;
  ok: boolean;
  /** When the answer arrived (or the attempt ended), ISO. */
  fetchedAt: string;
  bytes?: number;
  error?: string;
}

export interface VerificationReport {
  file?: string;
  sha256: string;
  size: number;
  verdict: Verdict;
  reasons: Reason[];
  signatures: SignatureReport[];
  ecopy?: EcopyData;
  /** E-copy profile checks, when the signed revision carries saoy's e-copy XMP or the two-field structure. */
  ecopyChecks?: EcopyCheck[];
  /** Present after an online check on request: where each answer came from and when. */
  online?: { checkedAt: string; sources: OnlineSource[] };
  /** The time trust was evaluated at (ISO). */
  checkedAt: string;
  /** Long-term validation: the timestamps, what the /DSS holds, and until when the copy stays verifiable. */
  ltv?: LtvSummary;
}

export interface LtvTimestamp {
  field: string;
  kind: 'signature' | 'document';
  /** genTime (ISO). */
  time: string;
  /** Common name of the TSA. */
  tsa?: string;
  /** Until when its TSA certificate chain is valid (ISO). */
  validUntil?: string;
  /** The timestamp validated and is relied on. */
  relied: boolean;
}

export interface LtvSummary {
  timestamps: LtvTimestamp[];
  /** What the document's /DSS holds (validation data read from the document itself, used before anything given). */
  dss?: { certificates: number; crls: number; ocspResponses: number; vriEntries: number; signaturesWithVri: string[] };
  /** "Được bảo đảm kiểm tra đến": until when the newest relied-on timestamp (else the signers' certificates) keeps the copy verifiable (ISO). */
  coveredUntil?: string;
}
