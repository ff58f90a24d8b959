/**
 * One signature through the named checks: dictionary → ByteRange → digest → CMS → trust → changes after it.
 * Every check adds reason codes; the verdict is derived from them in verdict.ts.
 */
import { parseSignedData, type ParsedSignedData } from '../../cms/parse-signed-data.js';
import { type SignerInfoCheck, verifySignerInfo } from '../../cms/verify-signed-data.js';
import { encapsulatedContent } from '../../cms/tst-info.js';
import { certificateParts } from '../../pki/cert-parts.js';
import { readTlv, TAG } from '../../asn1/der.js';
import { keyAlgorithmName, verifySignature } from '../../pki/verify-signature.js';
import { verifyTimestampToken } from '../../cms/timestamp.js';
import { describeCertificate } from '../../pki/certificate.js';
import { evaluateSigner, type TrustResult } from '../../pki/trust.js';
import { dictGet, type ParsedPdf, type PdfValue } from '../../pdf/parse/index.js';
import { isSaoyError } from '../../errors.js';
import { analyseChanges } from '../diff/analyse.js';
import { type RangeDigester } from '../hash.js';
import { RevisionView } from '../pdf-access.js';
import { parsePdfDate } from '../pdf-date.js';
import { reason, severityOf } from '../reasons.js';
import type { SignatureReport } from '../report.js';
import { checkByteRange } from './byte-range.js';
import { chainValidUntil, expiredInChain } from './timestamp-poe.js';
import type { FoundSignature } from './signature-fields.js';
import { bytesEqual } from '../../bytes/concat.js';
import { digest } from '../../bytes/sha.js';
import { digestNameOfOid } from '../../crypto/digest-oids.js';
import { OID } from '../../asn1/oids.js';
import { certificateLines } from '../../pki/certificate-summary.js';

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
  /** PAdES B-LTA: the earliest time a validated later document timestamp proves a revision existed at (timestamp-poe.ts). */
  poeAfter?: (revision: number) => Date | undefined;
}

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached', 'ETSI.RFC3161', 'adbe.pkcs7.sha1', 'adbe.x509.rsa_sha1']);

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
  const [, a, b, len] = br.range;
  const spans = [[0, a], [b, b + len]] as const;
  if (subFilter === 'adbe.x509.rsa_sha1') {
    const raw = await checkRawRsa(found, view, contents, concatSpans(pdf.bytes, spans), fail);
    if (!raw) {
      report.subIndication = 'FORMAT_FAILURE';
      return report;
    }
    return finish(report, raw.check, raw.certificates, undefined, claimed, br.revision, ctx, fail);
  }
  let cms: ParsedSignedData;
  try {
    if (contents?.kind !== 'string') throw new Error('no contents');
    cms = parseSignedData(contents.bytes);
  } catch (e) {
    fail('CMS_INVALID', isSaoyError(e) ? `(${e.message})` : undefined);
    report.subIndication = 'FORMAT_FAILURE';
    return report;
  }

  const alg = digestNameOfOid(cms.digestAlgorithm);
  // SHA-1 collisions are practical (chosen-prefix, 2020): such a signature can never make a copy valid.
  if (alg === 'SHA-1') fail('WEAK_ALGORITHM', '(SHA-1)');
  const signedBytes = () => concatSpans(pdf.bytes, spans);
  let check: SignerInfoCheck;
  if (subFilter === 'adbe.pkcs7.sha1') {
    // The CMS signs (attached) the SHA-1 digest of the ByteRange bytes (ISO 32000-1 §12.8.3.3.1).
    const sha1 = await ctx.digester('SHA-1', pdf.bytes, spans);
    const inner = attachedContent(contents.kind === 'string' ? contents.bytes : new Uint8Array(0));
    if (!inner || !bytesEqual(inner, sha1)) fail('DIGEST_MISMATCH', '(the signed SHA-1 digest is not that of the ByteRange bytes)');
    if (alg !== 'SHA-1') fail('WEAK_ALGORITHM', '(adbe.pkcs7.sha1)');
    const content = inner ?? new Uint8Array(0);
    check = await verifySignerInfo(cms, (name) => digest(name, content), () => content);
  } else {
    const digestOf = alg ? await ctx.digester(alg, pdf.bytes, spans) : new Uint8Array(0);
    check = await verifySignerInfo(cms, digestOf, signedBytes);
  }
  if (alg !== 'SHA-1' && /SHA-1\b/.test(check.signatureAlgorithm)) fail('WEAK_ALGORITHM', '(SHA-1 in the signature algorithm)');
  return finish(report, check, cms.certificates, cms.signature, claimed, br.revision, ctx, fail);
}

/** Integrity, signer, timestamp, trust and later changes of a signature whose crypto check is done. */
async function finish(
  report: SignatureReport,
  check: SignerInfoCheck,
  certificates: readonly Uint8Array[],
  signatureValue: Uint8Array | undefined,
  claimed: Date | undefined,
  revision: number,
  ctx: SignatureContext,
  fail: Fail,
): Promise<SignatureReport> {
  const { pdf } = ctx;
  report.keyAlgorithm = check.keyAlgorithm;
  if (check.unsupported) {
    // Neither intact nor broken: an algorithm this platform cannot compute (ETSI: not a crypto failure).
    fail('ALGORITHM_UNSUPPORTED', `(${check.unsupported.replace(/^UNSUPPORTED_[A-Z_]+: /, '')})`);
    report.subIndication = 'CRYPTO_CONSTRAINTS_FAILURE';
  } else {
    if (!report.reasons.some((x) => x.code === 'DIGEST_MISMATCH')) report.intact = check.messageDigestMatches;
    report.valid = check.signatureValid && check.contentTypeOk && check.signingCertificateV2Ok !== false;
  }
  if (!check.signerCertificate) {
    fail('SIGNER_CERT_MISSING');
    report.indication = indicationOf(report);
    return report;
  }
  report.signer = certificateLines(check.signerCertificate);
  if (!check.unsupported && !report.intact) {
    if (!report.reasons.some((x) => x.code === 'DIGEST_MISMATCH')) fail('DIGEST_MISMATCH');
    report.subIndication = 'HASH_FAILURE';
  }
  if (!check.unsupported && !report.valid) {
    fail('SIGNATURE_INVALID');
    report.subIndication ??= 'SIG_CRYPTO_FAILURE';
  }

  // Signature timestamp (B-T): the proof of existence that beats an expired certificate.
  let timestampTime: Date | undefined;
  if (check.timestampToken && signatureValue) {
    const ts = await verifyTimestampToken(check.timestampToken, signatureValue);
    if (ts.imprintMatches && ts.signatureValid) {
      const tsTrust = ts.tsaCertificate
        ? await evaluateSigner({ signerCertificate: ts.tsaCertificate, pool: [...ts.certificates, ...ctx.dssCertificates], anchors: ctx.timestampAnchors ?? ctx.anchors, crls: ctx.crls, ocspResponses: ctx.ocspResponses, signingTime: ts.genTime, at: ctx.at, purpose: 'timestamping' })
        : undefined;
      // Relied on now, or at the time a later document timestamp proves the token existed: its TSA must be valid then.
      const expired = tsTrust?.status === 'TRUSTED' ? expiredInChain(tsTrust.chain, !!tsTrust.anchor, ctx.poeAfter?.(revision) ?? ctx.at) : undefined;
      if (expired) fail('SIGNATURE_TIMESTAMP_UNPROVEN', `(${expired.name}, until ${expired.notAfter.toISOString()})`);
      else if (tsTrust?.status === 'TRUSTED') {
        timestampTime = ts.genTime;
        report.timestampTime = ts.genTime.toISOString();
        report.timestampValidUntil = chainValidUntil(tsTrust.chain, !!tsTrust.anchor)?.toISOString();
      } else if (!tsTrust || UNTRUSTED_TSA.has(tsTrust.status)) {
        // The token is sound but nobody vouches for its authority: its time proves nothing, nothing is broken.
        fail('TIMESTAMP_UNTRUSTED', tsTrust ? `(${tsTrust.status})` : '(no TSA certificate)');
      } else fail('TIMESTAMP_INVALID', `(the timestamp authority's certificate: ${tsTrust.status})`);
    } else fail('TIMESTAMP_INVALID');
  }

  // Without its own timestamp, a signature is proven by the earliest validated document timestamp after it (B-LTA).
  timestampTime ??= ctx.poeAfter?.(revision);
  if (timestampTime) report.proofOfExistence = timestampTime.toISOString();
  const signingTime = timestampTime ?? claimed ?? ctx.at;
  const trust = await evaluateSigner({
    signerCertificate: check.signerCertificate,
    pool: [...certificates, ...ctx.dssCertificates],
    anchors: ctx.anchors,
    crls: ctx.crls,
    ocspResponses: ctx.ocspResponses,
    signingTime,
    timestampTime,
    at: ctx.at,
  });
  report.chain = trust.chain.map(certificateLines);
  // ETSI OUT_OF_BOUNDS_NO_POE: the claimed /M time proves nothing; without a timestamp, a signer
  // certificate that has expired by the evaluation time cannot make the signature valid.
  let status = trust.status;
  if (status === 'TRUSTED' && !timestampTime && describeCertificate(check.signerCertificate).notAfter.getTime() < ctx.at.getTime()) status = 'EXPIRED';
  report.trusted = status === 'TRUSTED';
  if (trust.anchor) report.trustList = ctx.listOf?.(trust.anchor);
  applyTrust(report, status, trust.revokedLater === true, fail);
  // Every reason, not only the worst: an expired signer whose revocation is unknown too says both.
  for (const other of trust.all) if (other !== status && other !== 'TRUSTED') fail(TRUST_FAILURES[other][0]);

  const diff = await analyseChanges(pdf, revision);
  report.modifications = diff.modifications;
  report.modificationLevel = diff.level;
  if (diff.level === 'OTHER') fail('MODIFIED_AFTER_SIGNING', `(${diff.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`).slice(0, 5).join('; ')})`);
  else if (report.certification === 1 && diff.level !== 'NONE' && diff.level !== 'LTA_UPDATES') fail('DOCMDP_VIOLATION');
  // ISO 32000-2 §12.8.2.2: P=2 permits form filling and signing; comments and markup need P=3.
  else if (report.certification === 2 && diff.level === 'ANNOTATIONS') fail('DOCMDP_VIOLATION');

  report.indication = indicationOf(report);
  return report;
}


/**
 * adbe.x509.rsa_sha1 (ISO 32000-1 §12.8.3.2): /Contents is a DER OCTET STRING holding a PKCS#1 v1.5 signature of
 * the ByteRange bytes, /Cert the signer's certificate (a string, or an array whose first string is the signer's).
 * The hash is the one inside the signature's DigestInfo, so each SHA is tried; SHA-1 stays weak.
 */
async function checkRawRsa(
  found: FoundSignature,
  view: RevisionView,
  contents: PdfValue | undefined,
  data: Uint8Array,
  fail: Fail,
): Promise<{ check: SignerInfoCheck; certificates: Uint8Array[] } | undefined> {
  let signature: Uint8Array;
  try {
    if (contents?.kind !== 'string') throw new Error('no contents');
    const t = readTlv(contents.bytes);
    if (t.tag !== TAG.OCTET_STRING) throw new Error('not an OCTET STRING');
    signature = t.content;
  } catch (e) {
    fail('CONTENTS_INVALID', `(adbe.x509.rsa_sha1: ${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
  const certValue = view.resolve(dictGet(found.sig, 'Cert'));
  const items = certValue?.kind === 'array' ? certValue.items.map((v) => view.resolve(v)) : [certValue];
  const certificates = items.flatMap((v) => (v?.kind === 'string' ? [v.bytes] : []));
  const check: SignerInfoCheck = { digestAlgorithm: 'SHA-1', signatureAlgorithm: 'RSASSA-PKCS1-v1_5', messageDigestMatches: false, signatureValid: false, contentTypeOk: true, problems: [] };
  if (certificates.length === 0) return { check, certificates };
  let parts;
  try {
    parts = certificateParts(certificates[0]);
  } catch {
    return { check, certificates };
  }
  check.signerCertificate = certificates[0];
  check.keyAlgorithm = keyAlgorithmName(parts);
  for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const) {
    const r = await verifySignature(parts, { oid: OID.rsaEncryption }, data, signature, hash);
    if (r.problem) check.problems.push(r.problem);
    if (r.valid) {
      check.signatureValid = check.messageDigestMatches = true;
      check.digestAlgorithm = hash;
      check.signatureAlgorithm = `RSASSA-PKCS1-v1_5/${hash}`;
      break;
    }
  }
  if (check.digestAlgorithm === 'SHA-1') fail('WEAK_ALGORITHM', '(adbe.x509.rsa_sha1 with SHA-1)');
  return { check, certificates };
}

/** TSA trust outcomes that leave the timestamp unproven rather than broken. */
const UNTRUSTED_TSA = new Set<TrustResult['status']>(['NO_CHAIN', 'REVOCATION_UNKNOWN', 'EXPIRED', 'NOT_YET_VALID']);

function attachedContent(cms: Uint8Array): Uint8Array | undefined {
  try {
    return encapsulatedContent(cms);
  } catch {
    return undefined;
  }
}

function concatSpans(bytes: Uint8Array, spans: readonly (readonly [number, number])[]): Uint8Array {
  const out = new Uint8Array(spans.reduce((n, [x, y]) => n + (y - x), 0));
  let at = 0;
  for (const [x, y] of spans) {
    out.set(bytes.subarray(x, y), at);
    at += y - x;
  }
  return out;
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
  report.signer = certificateLines(ts.tsaCertificate);
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
  report.chain = trust.chain.map(certificateLines);
  report.trusted = trust.status === 'TRUSTED';
  applyTrust(report, trust.status, trust.revokedLater === true, fail);
  // The timestamp is relied on now, or when a later document timestamp proves it existed: its TSA must be valid then.
  const expired = trust.status === 'TRUSTED' ? expiredInChain(trust.chain, !!trust.anchor, ctx.poeAfter?.(br.revision) ?? ctx.at) : undefined;
  if (expired) {
    fail('TIMESTAMP_TSA_EXPIRED', `(${expired.name}, until ${expired.notAfter.toISOString()})`);
    report.subIndication ??= 'OUT_OF_BOUNDS_NO_POE';
  }
  const diff = await analyseChanges(ctx.pdf, br.revision);
  report.modifications = diff.modifications;
  report.modificationLevel = diff.level;
  if (diff.level === 'OTHER') fail('MODIFIED_AFTER_SIGNING');
  report.indication = indicationOf(report);
  return report;
}

/** ETSI indication from the reasons' severities (core/verify/reasons.ts is the one place they are set). */
export function indicationOf(r: SignatureReport): SignatureReport['indication'] {
  if (r.reasons.some((x) => severityOf(x.code) === 'failed')) return 'FAILED';
  if (r.reasons.some((x) => severityOf(x.code) === 'indeterminate')) return 'INDETERMINATE';
  return 'PASSED';
}
