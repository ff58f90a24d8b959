/**
 * One signature through the named checks: dictionary → ByteRange → digest → CMS → trust → changes after it.
 * Every check adds reason codes; the verdict is derived from them in verdict.ts.
 */
import { parseSignedData, type ParsedSignedData } from '../../cms/parse-signed-data.js';
import { verifySignerInfo } from '../../cms/verify-signed-data.js';
import { verifyTimestampToken } from '../../cms/timestamp.js';
import { describeCertificate } from '../../pki/certificate.js';
import { evaluateSigner, type TrustResult } from '../../pki/trust.js';
import type { ParsedPdf } from '../../pdf/parse/index.js';
import { dictGet } from '../../pdf/parse/index.js';
import { isSaoyError } from '../../errors.js';
import { analyseChanges } from '../diff/analyse.js';
import { digestAlgorithmFromOid, type RangeDigester } from '../hash.js';
import { RevisionView } from '../pdf-access.js';
import { parsePdfDate } from '../pdf-date.js';
import { reason } from '../reasons.js';
import type { CertificateSummary, SignatureReport } from '../report.js';
import { checkByteRange } from './byte-range.js';
import type { FoundSignature } from './signature-fields.js';

export interface SignatureContext {
  pdf: ParsedPdf;
  anchors: readonly Uint8Array[];
  /** Anchors for timestamp authorities (defaults to `anchors`). */
  timestampAnchors?: readonly Uint8Array[];
  /** Which trust list holds an anchor (by its bytes), for the report. */
  listOf?: (anchor: Uint8Array) => string | undefined;
  crls: readonly Uint8Array[];
  /** DER OCSP responses (user-given and /DSS /OCSPs). */
  ocspResponses?: readonly Uint8Array[];
  dssCertificates: readonly Uint8Array[];
  at: Date;
  digester: RangeDigester;
}

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached', 'ETSI.RFC3161']);

export function summarise(der: Uint8Array): CertificateSummary {
  const d = describeCertificate(der);
  return {
    subject: d.subject.text,
    commonName: d.subject.commonName,
    organization: d.subject.organization,
    issuer: d.issuer.text,
    serialHex: d.serialHex,
    notBefore: d.notBefore.toISOString(),
    notAfter: d.notAfter.toISOString(),
  };
}

export async function checkSignature(found: FoundSignature, ctx: SignatureContext): Promise<SignatureReport> {
  const { pdf } = ctx;
  const view = new RevisionView(pdf, pdf.revisions.length - 1);
  const field = found.fieldName;
  const subFilter = view.getName(found.sig, 'SubFilter');
  const claimed = parsePdfDate(view.getText(found.sig, 'M'));
  const report: SignatureReport = {
    fieldName: field,
    subFilter,
    chain: [],
    claimedTime: claimed?.toISOString(),
    indication: 'FAILED',
    intact: false,
    valid: false,
    trusted: false,
    coverage: 'UNCLEAR',
    modificationLevel: 'OTHER',
    modifications: [],
    reasons: [],
  };
  const fail = (code: Parameters<typeof reason>[0], detail?: string) => {
    report.reasons.push(reason(code, field, detail ? { en: detail } : undefined));
  };

  if (found.unreadable) {
    fail('CONTENTS_INVALID', '(the signature dictionary cannot be read)');
    report.subIndication = 'FORMAT_FAILURE';
    return report;
  }
  if (!found.reachable) fail('SIGNATURE_UNREACHABLE');
  if (!subFilter || !SUPPORTED_SUBFILTERS.has(subFilter)) {
    fail('SUBFILTER_UNSUPPORTED', subFilter ? `(${subFilter})` : undefined);
    report.indication = 'INDETERMINATE';
    report.subIndication = 'FORMAT_FAILURE';
    return report;
  }

  const br = checkByteRange(pdf, found.sig, found.sigNum);
  if (!br.ok) {
    fail('BYTE_RANGE_INVALID', `(${br.problem})`);
    report.subIndication = 'FORMAT_FAILURE';
    return report;
  }
  report.coverage = br.coverage;
  report.signedRevisionLength = br.signedEnd;
  report.signedRevision = br.revision;

  // DocMDP level of a certification signature.
  for (const ref of view.getArray(found.sig, 'Reference') ?? []) {
    const r = view.dict(ref);
    if (view.getName(r, 'TransformMethod') === 'DocMDP') {
      const p = view.getInt(view.getDict(r, 'TransformParams'), 'P') ?? 2;
      report.certification = p === 1 || p === 3 ? p : 2;
    }
  }

  if (subFilter === 'ETSI.RFC3161' || view.getName(found.sig, 'Type') === 'DocTimeStamp') {
    return checkDocTimestamp(report, found, br, ctx, fail);
  }

  const contents = dictGet(found.sig, 'Contents');
  let cms: ParsedSignedData;
  try {
    if (contents?.kind !== 'string') throw new Error('no contents');
    cms = parseSignedData(contents.bytes);
  } catch (e) {
    fail('CMS_INVALID', isSaoyError(e) ? `(${e.message})` : undefined);
    report.subIndication = 'FORMAT_FAILURE';
    return report;
  }

  const alg = digestAlgorithmFromOid(cms.digestAlgorithm);
  if (!alg) {
    fail('CMS_INVALID', '(unsupported digest algorithm)');
    return report;
  }
  // SHA-1 collisions are practical (chosen-prefix, 2020): such a signature can never make a copy valid.
  if (alg === 'SHA-1') fail('WEAK_ALGORITHM', '(SHA-1)');
  const [, a, b, len] = br.range;
  const digest = await ctx.digester(alg, pdf.bytes, [[0, a], [b, b + len]]);
  const check = await verifySignerInfo(cms, digest);
  report.keyAlgorithm = check.keyAlgorithm;
  if (alg !== 'SHA-1' && /SHA-1\b/.test(check.signatureAlgorithm)) fail('WEAK_ALGORITHM', '(SHA-1 in the signature algorithm)');
  report.intact = check.messageDigestMatches;
  report.valid = check.signatureValid && check.contentTypeOk && check.signingCertificateV2Ok !== false;
  if (!check.signerCertificate) {
    fail('SIGNER_CERT_MISSING');
    return report;
  }
  report.signer = summarise(check.signerCertificate);
  if (!report.intact) {
    fail('DIGEST_MISMATCH');
    report.subIndication = 'HASH_FAILURE';
  }
  if (!report.valid) {
    fail('SIGNATURE_INVALID');
    report.subIndication ??= 'SIG_CRYPTO_FAILURE';
  }

  // Signature timestamp (B-T): the proof of existence that beats an expired certificate.
  let timestampTime: Date | undefined;
  if (check.timestampToken) {
    const ts = await verifyTimestampToken(check.timestampToken, cms.signature);
    if (ts.imprintMatches && ts.signatureValid) {
      const tsTrust = ts.tsaCertificate
        ? await evaluateSigner({ signerCertificate: ts.tsaCertificate, pool: ts.certificates, anchors: ctx.timestampAnchors ?? ctx.anchors, crls: ctx.crls, ocspResponses: ctx.ocspResponses, signingTime: ts.genTime, at: ctx.at, purpose: 'timestamping' })
        : undefined;
      if (tsTrust?.status === 'TRUSTED') {
        timestampTime = ts.genTime;
        report.timestampTime = ts.genTime.toISOString();
      } else fail('TIMESTAMP_INVALID', '(the timestamp authority is not trusted)');
    } else fail('TIMESTAMP_INVALID');
  }

  const signingTime = timestampTime ?? claimed ?? ctx.at;
  const trust = await evaluateSigner({
    signerCertificate: check.signerCertificate,
    pool: [...cms.certificates, ...ctx.dssCertificates],
    anchors: ctx.anchors,
    crls: ctx.crls,
    ocspResponses: ctx.ocspResponses,
    signingTime,
    timestampTime,
    at: ctx.at,
  });
  report.chain = trust.chain.map(summarise);
  // ETSI OUT_OF_BOUNDS_NO_POE: the claimed /M time proves nothing; without a timestamp, a signer
  // certificate that has expired by the evaluation time cannot make the signature valid.
  let status = trust.status;
  if (status === 'TRUSTED' && !timestampTime && describeCertificate(check.signerCertificate).notAfter.getTime() < ctx.at.getTime()) status = 'EXPIRED';
  report.trusted = status === 'TRUSTED';
  if (trust.anchor) report.trustList = ctx.listOf?.(trust.anchor);
  applyTrust(report, status, trust.revokedLater === true, fail);
  // Every reason, not only the worst: an expired signer whose revocation is unknown too says both.
  for (const other of trust.all) if (other !== status && other !== 'TRUSTED') fail(TRUST_FAILURES[other][0]);

  const diff = analyseChanges(pdf, br.revision);
  report.modifications = diff.modifications;
  report.modificationLevel = diff.level;
  if (diff.level === 'OTHER') fail('MODIFIED_AFTER_SIGNING', `(${diff.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`).slice(0, 5).join('; ')})`);
  else if (report.certification === 1 && diff.level !== 'NONE' && diff.level !== 'LTA_UPDATES') fail('DOCMDP_VIOLATION');

  report.indication = indicationOf(report);
  return report;
}


type Fail = (code: Parameters<typeof reason>[0], detail?: string) => void;

/** Each trust status that is not TRUSTED: its reason code and ETSI EN 319 102-1 sub-indication. */
const TRUST_FAILURES: Record<Exclude<TrustResult['status'], 'TRUSTED'>, [Parameters<typeof reason>[0], string]> = {
  NO_CHAIN: ['CHAIN_UNTRUSTED', 'NO_CERTIFICATE_CHAIN_FOUND'],
  CHAIN_INVALID: ['CHAIN_INVALID', 'CERTIFICATE_CHAIN_GENERAL_FAILURE'],
  REVOKED: ['CERT_REVOKED', 'REVOKED'],
  EXPIRED: ['CERT_EXPIRED', 'OUT_OF_BOUNDS_NO_POE'],
  NOT_YET_VALID: ['CERT_NOT_YET_VALID', 'NOT_YET_VALID'],
  KEY_USAGE: ['CERT_KEY_USAGE', 'SIG_CONSTRAINTS_FAILURE'],
  REVOCATION_UNKNOWN: ['REVOCATION_UNKNOWN', 'TRY_LATER'],
};

/** Maps a trust status onto reason codes and the ETSI sub-indication. */
function applyTrust(report: SignatureReport, status: TrustResult['status'], revokedLater: boolean, fail: Fail): void {
  if (status === 'TRUSTED') {
    if (revokedLater) report.reasons.push(reason('CERT_REVOKED_LATER', report.fieldName));
    return;
  }
  const [code, sub] = TRUST_FAILURES[status];
  fail(code);
  report.subIndication ??= sub;
}

/**
 * A document timestamp (PAdES B-LTA): /Contents is an RFC 3161 token whose messageImprint is the hash of
 * the ByteRange bytes; its "signer" is the TSA, trusted for time-stamping only.
 */
async function checkDocTimestamp(
  report: SignatureReport,
  found: FoundSignature,
  br: Extract<ReturnType<typeof checkByteRange>, { ok: true }>,
  ctx: SignatureContext,
  fail: Fail,
): Promise<SignatureReport> {
  const contents = dictGet(found.sig, 'Contents');
  let token: Uint8Array;
  try {
    if (contents?.kind !== 'string') throw new Error('no contents');
    token = contents.bytes.subarray(0, parseSignedData(contents.bytes).encodedLength);
  } catch (e) {
    fail('CMS_INVALID', isSaoyError(e) ? `(${e.message})` : undefined);
    report.subIndication = 'FORMAT_FAILURE';
    return report;
  }
  const [, a, b, len] = br.range;
  const bytes = ctx.pdf.bytes;
  const data = new Uint8Array(a + len);
  data.set(bytes.subarray(0, a), 0);
  data.set(bytes.subarray(b, b + len), a);
  const ts = await verifyTimestampToken(token, data);
  report.intact = ts.imprintMatches;
  report.valid = ts.signatureValid;
  if (!report.intact) {
    fail('DIGEST_MISMATCH');
    report.subIndication = 'HASH_FAILURE';
  }
  if (!report.valid) {
    fail('SIGNATURE_INVALID');
    report.subIndication ??= 'SIG_CRYPTO_FAILURE';
  }
  if (!ts.tsaCertificate) {
    fail('SIGNER_CERT_MISSING');
    report.indication = indicationOf(report);
    return report;
  }
  report.signer = summarise(ts.tsaCertificate);
  if (!Number.isNaN(ts.genTime.getTime())) report.timestampTime = ts.genTime.toISOString();
  const trust = await evaluateSigner({
    signerCertificate: ts.tsaCertificate,
    pool: [...ts.certificates, ...ctx.dssCertificates],
    anchors: ctx.timestampAnchors ?? ctx.anchors,
    crls: ctx.crls,
    ocspResponses: ctx.ocspResponses,
    signingTime: ts.genTime,
    timestampTime: ts.genTime,
    at: ctx.at,
    purpose: 'timestamping',
  });
  report.chain = trust.chain.map(summarise);
  report.trusted = trust.status === 'TRUSTED';
  applyTrust(report, trust.status, trust.revokedLater === true, fail);
  const diff = analyseChanges(ctx.pdf, br.revision);
  report.modifications = diff.modifications;
  report.modificationLevel = diff.level;
  if (diff.level === 'OTHER') fail('MODIFIED_AFTER_SIGNING');
  report.indication = indicationOf(report);
  return report;
}

const FAILED_CODES = new Set(['SIGNATURE_UNREACHABLE', 'BYTE_RANGE_INVALID', 'CONTENTS_INVALID', 'CMS_INVALID', 'DIGEST_MISMATCH', 'SIGNATURE_INVALID', 'SIGNER_CERT_MISSING', 'CHAIN_INVALID', 'CERT_REVOKED', 'CERT_KEY_USAGE', 'MODIFIED_AFTER_SIGNING', 'DOCMDP_VIOLATION']);
const INDETERMINATE_CODES = new Set(['WEAK_ALGORITHM', 'SUBFILTER_UNSUPPORTED', 'CHAIN_UNTRUSTED', 'CERT_EXPIRED', 'CERT_NOT_YET_VALID', 'REVOCATION_UNKNOWN', 'TIMESTAMP_INVALID']);

export function indicationOf(r: SignatureReport): SignatureReport['indication'] {
  if (r.reasons.some((x) => FAILED_CODES.has(x.code))) return 'FAILED';
  if (r.reasons.some((x) => INDETERMINATE_CODES.has(x.code))) return 'INDETERMINATE';
  return 'PASSED';
}
