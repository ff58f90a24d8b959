/**
 * Detached CMS SignedData for PAdES (ETSI.CAdES.detached), written byte-by-byte.
 *
 * Why by hand rather than pkijs.SignedData.sign: pkijs neither DER-sorts the signed attributes nor adds ESS
 * signing-certificate-v2, and its default digest is SHA-1. Writing the few structures directly keeps the signed
 * bytes and the [0] IMPLICIT bytes provably identical (same buffer, one tag byte changed).
 */
import { SaoyError } from '../errors.js';
import { certificateParts, type CertificateParts, rsaModulusBytes } from '../pki/cert-parts.js';
import {
  algorithmIdentifier,
  context,
  derNull,
  octetString,
  oid,
  seq,
  setOf,
  smallInteger,
} from '../asn1/der.js';
import { signatureAlgorithmOf, verifySha256Signature } from '../pki/public-key.js';
import type { Signer } from '../signers/signer.js';
import { OID } from '../asn1/oids.js';
import { sha256 } from '../bytes/sha.js';
import type { SignatureAlgorithm } from '../crypto/signature-algorithm.js';

export { parseSignedData, type ParsedSignedData, type SignerIdentifier, type CmsAttribute } from './parse-signed-data.js';

export interface BuildSignedDataOptions {
  /** SHA-256 of the PDF ByteRange bytes. */
  readonly contentDigest: Uint8Array;
  readonly signer: Signer;
}

/** Longest DER ECDSA-Sig-Value for P-256: SEQUENCE { INTEGER(33), INTEGER(33) }. */
const ECDSA_P256_MAX_SIG = 2 + 2 * (2 + 33);

export async function buildSignedData(opts: BuildSignedDataOptions): Promise<Uint8Array> {
  const { contentDigest, signer } = opts;
  if (contentDigest.length !== 32) {
    throw cmsBuildError('the content digest must be a 32-byte SHA-256 value', 'Giá trị băm nội dung phải là SHA-256 (32 byte)');
  }
  const leaf = signerCertificate(signer.certificates, signer.algorithm);
  const certHash = await sha256(leaf.der);
  const signedAttrs = signedAttributesSet(contentDigest, certHash, leaf);
  const signature = await signer.sign({ data: signedAttrs, digest: await sha256(signedAttrs) });
  // A key that does not match the certificate would produce a PDF no one can verify: refuse it here.
  if (!(await verifySha256Signature(leaf, signedAttrs, signature))) {
    throw new SaoyError(
      'CMS_SIGNATURE_MISMATCH',
      'the signature does not verify with the signer certificate (wrong key for this certificate?)',
      'Chữ ký không khớp với chứng thư số của người ký (khóa không đúng với chứng thư?)',
    );
  }
  return contentInfo(signer.certificates, leaf, signer.algorithm, signedAttrs, signature);
}

/**
 * Upper bound of buildSignedData's output size in bytes, for the PDF /Contents placeholder.
 * `extraBytes` reserves room for an unsigned attribute added later (an RFC 3161 token: pass its expected size).
 */
export function estimateSignedDataSize(
  certificates: readonly Uint8Array[],
  algorithm: SignatureAlgorithm,
  extraBytes = 0,
): number {
  const leaf = signerCertificate(certificates, algorithm);
  const sigLength = algorithm === 'ECDSA-P256' ? ECDSA_P256_MAX_SIG : rsaModulusBytes(leaf);
  const attrs = signedAttributesSet(new Uint8Array(32), new Uint8Array(32), leaf);
  const size = contentInfo(certificates, leaf, algorithm, attrs, new Uint8Array(sigLength)).length;
  // Adding an unsignedAttrs [1] (attribute SEQUENCE + SET + tags) can also lengthen up to four enclosing
  // length fields by a couple of bytes each: 64 bytes covers that overhead.
  return extraBytes > 0 ? size + extraBytes + 64 : size;
}

function signerCertificate(certificates: readonly Uint8Array[], algorithm: SignatureAlgorithm): CertificateParts {
  if (certificates.length === 0) {
    throw cmsBuildError('the signer has no certificate', 'Người ký không có chứng thư số');
  }
  // Every certificate goes into the SET verbatim, so each must at least be one well-formed certificate.
  const [leaf] = certificates.map(certificateParts);
  if (signatureAlgorithmOf(leaf) !== algorithm) {
    throw cmsBuildError(
      `the signer certificate's key is not ${algorithm}`,
      `Khóa trong chứng thư số của người ký không phải ${algorithm}`,
    );
  }
  return leaf;
}

/** DER SET OF the three signed attributes, sorted; this exact buffer is what gets signed. */
function signedAttributesSet(contentDigest: Uint8Array, certHash: Uint8Array, leaf: CertificateParts): Uint8Array {
  const contentType = seq(oid(OID.contentType), setOf([oid(OID.data)]));
  const messageDigest = seq(oid(OID.messageDigest), setOf([octetString(contentDigest)]));
  // ESSCertIDv2: hashAlgorithm omitted (DEFAULT sha256), certHash, issuerSerial { GeneralNames[directoryName], serial }.
  const issuerSerial = seq(seq(context(4, leaf.issuer)), leaf.serialNumber);
  const essCertId = seq(octetString(certHash), issuerSerial);
  const signingCertificateV2 = seq(oid(OID.signingCertificateV2), setOf([seq(seq(essCertId))]));
  return setOf([contentType, messageDigest, signingCertificateV2]);
}

function signatureAlgorithmIdentifier(algorithm: SignatureAlgorithm): Uint8Array {
  // RFC 4055: NULL parameters for sha256WithRSAEncryption; RFC 5758: absent for ecdsa-with-SHA256.
  return algorithm === 'ECDSA-P256'
    ? algorithmIdentifier(OID.ecdsaWithSHA256)
    : algorithmIdentifier(OID.sha256WithRSAEncryption, derNull());
}

function contentInfo(
  certificates: readonly Uint8Array[],
  leaf: CertificateParts,
  algorithm: SignatureAlgorithm,
  signedAttrs: Uint8Array,
  signature: Uint8Array,
): Uint8Array {
  const sha256Id = algorithmIdentifier(OID.sha256); // RFC 5754: parameters absent
  const implicitAttrs = Uint8Array.from(signedAttrs);
  implicitAttrs[0] = 0xa0; // [0] IMPLICIT SET OF Attribute: same bytes, context tag
  const signerInfo = seq(
    smallInteger(1), // v1: sid is issuerAndSerialNumber
    seq(leaf.issuer, leaf.serialNumber),
    sha256Id,
    implicitAttrs,
    signatureAlgorithmIdentifier(algorithm),
    octetString(signature),
  );
  const signedData = seq(
    smallInteger(1), // RFC 5652 §5.1: id-data, only X.509 certificates, v1 SignerInfo → version 1
    setOf([sha256Id]),
    seq(oid(OID.data)), // detached: no eContent
    context(0, ...setOfContents(certificates)),
    setOf([signerInfo]),
  );
  return seq(oid(OID.signedData), context(0, signedData));
}

/** The certificates as a DER SET OF's contents (sorted), without the SET header: [0] IMPLICIT replaces it. */
function setOfContents(certificates: readonly Uint8Array[]): Uint8Array[] {
  const set = setOf(certificates);
  const headerLength = set.length - certificates.reduce((n, c) => n + c.length, 0);
  return [set.subarray(headerLength)];
}

function cmsBuildError(message: string, vi: string): SaoyError {
  return new SaoyError('CMS_BUILD_FAILED', message, vi);
}
