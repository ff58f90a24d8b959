/**
 * Cryptographic check of one CMS SignerInfo (RFC 5652 §5.4–5.6): does the message-digest attribute match the
 * content, does the signature over the DER signed attributes verify with the certificate the sid names, and do
 * content-type and ESS signing-certificate(-v2) agree. Trust in that certificate is core/pki/trust.ts's job.
 *
 * `problems` entries are stable codes, optionally followed by ": detail".
 */
import { certificateParts, type CertificateParts } from '../pki/cert-parts.js';
import { children, readOctets, readOid, readOne, TAG, type Tlv } from '../asn1/der.js';
import { SIGNATURE_OIDS, UNSUPPORTED_DIGEST_OIDS } from '../pki/algorithms.js';
import { isUnsupported, keyAlgorithmName, verifySignature } from '../pki/verify-signature.js';
import { readExtensionMap, subjectKeyIdentifier } from '../pki/extensions.js';
import { OID } from '../asn1/oids.js';
import type { ParsedSignedData, SignerIdentifier } from './parse-signed-data.js';
import { bytesMemo, type BytesMemo } from '../pki/bytes-memo.js';
import { bytesEqual } from '../bytes/concat.js';
import { digest, type DigestName } from '../bytes/sha.js';
import { DIGEST_OIDS } from '../crypto/digest-oids.js';

/**
 * The content digest (PDF: over the ByteRange bytes) computed with the CMS's digestAlgorithm (SHA-256 in our
 * profile), or a callback that computes it for whichever algorithm the CMS names.
 */
export type ContentDigest = Uint8Array | ((algorithm: DigestName) => Promise<Uint8Array>);

export interface SignerInfoCheck {
  /** DER of the certificate the sid names (found among the CMS certificates). */
  signerCertificate?: Uint8Array;
  /** 'SHA-256', ...; the OID when unknown. */
  digestAlgorithm: string;
  /** 'RSASSA-PKCS1-v1_5/SHA-256', 'RSA-PSS/SHA-256', 'ECDSA/SHA-384', ...; the OID when unknown. */
  signatureAlgorithm: string;
  /** 'RSA-2048', 'EC-P256', ... */
  keyAlgorithm?: string;
  messageDigestMatches: boolean;
  signatureValid: boolean;
  /** Exactly one content-type attribute, equal to the eContentType. */
  contentTypeOk: boolean;
  /** ESS signing-certificate-v2 present: its first ESSCertIDv2 names the signer certificate. */
  signingCertificateV2Ok?: boolean;
  /** ESS signing-certificate (v1, SHA-1; RFC 3161 tokens often carry it) present: it names the signer certificate. */
  signingCertificateV1Ok?: boolean;
  /** DER of the unsigned signature-time-stamp attribute's token (RFC 3161 TimeStampToken), when present. */
  timestampToken?: Uint8Array;
  /**
   * Set when an algorithm of this signature cannot be checked on this platform (e.g. SHA-3, brainpool, Ed448
   * in a browser): the other fields then say nothing about the signature, which is neither good nor broken.
   */
  unsupported?: string;
  problems: string[];
}

const DIGEST_LENGTH: Readonly<Record<DigestName, number>> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/**
 * `content` gives the signed content itself; it is needed only when the SignerInfo has no signed attributes
 * (the signature is then over the content, and WebCrypto cannot verify a signature given only a digest).
 */
export async function verifySignerInfo(
  cms: ParsedSignedData,
  contentDigest: ContentDigest,
  content?: () => Uint8Array | Promise<Uint8Array>,
): Promise<SignerInfoCheck> {
  const problems: string[] = [];
  const digestName = DIGEST_OIDS[cms.digestAlgorithm];
  const sigAlg = SIGNATURE_OIDS[cms.signatureAlgorithm.oid];
  let unsupported: string | undefined;
  if (!digestName) {
    unsupported = `UNSUPPORTED_DIGEST_ALGORITHM: ${UNSUPPORTED_DIGEST_OIDS[cms.digestAlgorithm] ?? cms.digestAlgorithm}`;
    problems.push(unsupported);
  }
  if (sigAlg?.hash && digestName && sigAlg.hash !== digestName) {
    problems.push(`ALGORITHM_MISMATCH: digest ${digestName}, signature with ${sigAlg.hash}`);
  }
  const attrs = cms.hasSignedAttributes;
  const messageDigestMatches = digestName && attrs ? await digestMatches(cms, digestName, contentDigest, problems) : false;
  // RFC 5652 §5.3: without signed attributes there is no content-type attribute, and the content must be id-data.
  const contentTypeOk = attrs ? checkContentType(cms, problems) : cms.contentType === OID.data;
  if (!attrs && !contentTypeOk) problems.push('CONTENT_TYPE_MISMATCH: no signed attributes for a content other than id-data');
  const check: SignerInfoCheck = {
    digestAlgorithm: digestName ?? cms.digestAlgorithm,
    signatureAlgorithm: cms.signatureAlgorithm.oid,
    messageDigestMatches,
    signatureValid: false,
    contentTypeOk,
    problems,
    ...(unsupported ? { unsupported } : {}),
  };
  const token = cms.unsignedAttributeList.filter((a) => a.type === OID.timeStampToken).flatMap((a) => a.values);
  if (token.length > 0) check.timestampToken = token[0];
  if (token.length > 1) problems.push('SEVERAL_SIGNATURE_TIMESTAMPS: only the first is used');
  if (!attrs && !content) {
    check.unsupported = 'UNSUPPORTED_NO_SIGNED_ATTRIBUTES: the signed content is not available';
    problems.push(check.unsupported);
  }
  const candidates = signerCertificateCandidates(cms.signerId, cms.certificates);
  if (candidates.length === 0) {
    problems.push('SIGNER_CERT_NOT_FOUND');
    return check;
  }
  // Several certificates may match the sid (e.g. a re-issued certificate with the same serial): take the one
  // whose key verifies, else report the first.
  let chosen: { parts: CertificateParts; result: Awaited<ReturnType<typeof verifySignature>> } | undefined;
  if (check.unsupported) {
    check.signerCertificate = candidates[0].der;
    check.keyAlgorithm = keyAlgorithmName(candidates[0]);
    return check;
  }
  const signed = attrs ? cms.signedAttributes : await content!();
  for (const parts of candidates) {
    const result = await verifySignature(parts, cms.signatureAlgorithm, signed, cms.signature, digestName);
    chosen ??= { parts, result };
    if (result.valid) {
      chosen = { parts, result };
      break;
    }
  }
  const { parts, result } = chosen!;
  check.signerCertificate = parts.der;
  check.keyAlgorithm = keyAlgorithmName(parts);
  check.signatureValid = result.valid;
  if (result.scheme && result.hash) check.signatureAlgorithm = `${result.scheme}/${result.hash}`;
  if (result.problem) problems.push(result.problem);
  if (isUnsupported(result.problem)) {
    check.unsupported = result.problem;
    return check;
  }
  // Without signed attributes one signature covers the content directly: it verifies or the content changed.
  if (!attrs) check.messageDigestMatches = result.valid;
  if (!result.valid) problems.push('SIGNATURE_INVALID');
  if (!check.messageDigestMatches) problems.push('DIGEST_MISMATCH');

  const v2 = await checkEssAttribute(cms, OID.signingCertificateV2, parts, 'SHA-256', problems);
  if (v2 !== undefined) check.signingCertificateV2Ok = v2;
  const v1 = await checkEssAttribute(cms, OID.signingCertificate, parts, 'SHA-1', problems);
  if (v1 !== undefined) check.signingCertificateV1Ok = v1;
  return check;
}

/** Certificates (parsed, in CMS order) that the SignerIdentifier names. Unreadable certificates are skipped. */
export function signerCertificateCandidates(sid: SignerIdentifier, certificates: readonly Uint8Array[]): CertificateParts[] {
  const out: CertificateParts[] = [];
  for (const der of certificates) {
    let parts: CertificateParts;
    try {
      parts = certificateParts(der);
    } catch {
      continue;
    }
    const match =
      sid.kind === 'issuerAndSerialNumber'
        ? bytesEqual(parts.issuer, sid.issuer) && bytesEqual(parts.serialNumber, sid.serialNumber)
        : subjectKeyIdentifierMatches(parts, sid.keyIdentifier);
    if (match) out.push(parts);
  }
  return out;
}

function subjectKeyIdentifierMatches(parts: CertificateParts, keyId: Uint8Array): boolean {
  try {
    const ski = subjectKeyIdentifier(readExtensionMap(parts.extensions));
    return ski !== undefined && bytesEqual(ski, keyId);
  } catch {
    return false;
  }
}

async function digestMatches(
  cms: ParsedSignedData,
  name: DigestName,
  contentDigest: ContentDigest,
  problems: string[],
): Promise<boolean> {
  let actual: Uint8Array;
  if (typeof contentDigest === 'function') {
    actual = await contentDigest(name);
  } else {
    // A digest of another algorithm's length cannot be the one the CMS names (SHA-1/256/384/512 all differ).
    if (contentDigest.length !== DIGEST_LENGTH[name]) {
      problems.push(`CONTENT_DIGEST_ALGORITHM: the CMS uses ${name}; the given digest has another length`);
      return false;
    }
    actual = contentDigest;
  }
  return bytesEqual(actual, cms.messageDigest);
}

function checkContentType(cms: ParsedSignedData, problems: string[]): boolean {
  const attrs = cms.signedAttributeList.filter((a) => a.type === OID.contentType);
  if (attrs.length === 0) {
    if (cms.signedAttributeList.length > 0) problems.push('CONTENT_TYPE_MISSING');
    return false;
  }
  try {
    if (attrs.length !== 1 || attrs[0].values.length !== 1) throw new Error('several values');
    if (readOid(readOne(attrs[0].values[0])) === cms.contentType) return true;
    problems.push('CONTENT_TYPE_MISMATCH');
  } catch {
    problems.push('CONTENT_TYPE_INVALID');
  }
  return false;
}

/**
 * ESS signing-certificate(-v2) (RFC 5035 / RFC 2634): its first cert ID must hash to the signer certificate and,
 * when issuerSerial is present, name its issuer and serial. Undefined when the attribute is absent.
 */
async function checkEssAttribute(
  cms: ParsedSignedData,
  type: string,
  cert: CertificateParts,
  defaultHash: DigestName,
  problems: string[],
): Promise<boolean | undefined> {
  const attrs = cms.signedAttributeList.filter((a) => a.type === type);
  if (attrs.length === 0) return undefined;
  const label = type === OID.signingCertificateV2 ? 'SIGNING_CERTIFICATE_V2' : 'SIGNING_CERTIFICATE';
  try {
    if (attrs.length !== 1 || attrs[0].values.length !== 1) throw new Error('several values');
    const [certIds] = children(readOne(attrs[0].values[0], TAG.SEQUENCE));
    const first = children(certIds)[0];
    if (!first) throw new Error('no cert ID');
    const ok = await essCertIdMatches(first, cert, defaultHash, type === OID.signingCertificateV2);
    if (!ok) problems.push(`${label}_MISMATCH`);
    return ok;
  } catch {
    problems.push(`${label}_INVALID`);
    return false;
  }
}

/** Certificate hashes for ESS signing-certificate checks: the same signer certificate comes with copy after copy. */
const certDigests = new Map<DigestName, BytesMemo<Promise<Uint8Array>>>();

function certificateDigest(hash: DigestName, der: Uint8Array): Promise<Uint8Array> {
  let memo = certDigests.get(hash);
  if (!memo) certDigests.set(hash, (memo = bytesMemo<Promise<Uint8Array>>(100)));
  const digests = memo;
  return digests.get(der, (own) => {
    const p = digest(hash, own);
    p.catch(() => digests.forget(own));
    return p;
  });
}

async function essCertIdMatches(id: Tlv, cert: CertificateParts, defaultHash: DigestName, v2: boolean): Promise<boolean> {
  const f = children(id);
  let i = 0;
  let hash = defaultHash;
  if (v2 && f[0]?.tag === TAG.SEQUENCE) {
    const named = DIGEST_OIDS[readOid(children(f[i++])[0])];
    if (!named) throw new Error('unknown ESS hash');
    hash = named;
  }
  const certHash = readOctets(f[i++]);
  if (!bytesEqual(certHash, await certificateDigest(hash, cert.der))) return false;
  const issuerSerial = f[i];
  if (!issuerSerial) return true;
  const [names, serial] = children(issuerSerial);
  if (!bytesEqual(serial.bytes, cert.serialNumber)) return false;
  // GeneralNames: directoryName is [4] EXPLICIT Name.
  return children(names).some((gn) => gn.tag === 0xa4 && bytesEqual(children(gn)[0]?.bytes ?? new Uint8Array(), cert.issuer));
}
