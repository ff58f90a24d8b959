/**
 * Reads a CMS ContentInfo(SignedData) into what a PAdES verifier needs, keeping exact bytes where a signature
 * or a hash covers them. Every length is checked against its parent; anything unexpected is CMS_INVALID.
 */
import { SaoyError } from '../errors.js';
import { children, decodeOid, readOid, readSmallInt, readTlv, TAG, type Tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';

export type SignerIdentifier =
  | { readonly kind: 'issuerAndSerialNumber'; readonly issuer: Uint8Array; readonly serialNumber: Uint8Array }
  | { readonly kind: 'subjectKeyIdentifier'; readonly keyIdentifier: Uint8Array };

export interface CmsAttribute {
  readonly type: string;
  /** DER of each value in the attribute's SET. */
  readonly values: readonly Uint8Array[];
}

export interface ParsedSignedData {
  readonly version: number;
  /** eContentType (id-data for PAdES). */
  readonly contentType: string;
  /** True when eContent is absent (detached signature). */
  readonly detached: boolean;
  /** X.509 certificates (DER, as embedded); other certificate choices are skipped. */
  readonly certificates: readonly Uint8Array[];
  readonly signerId: SignerIdentifier;
  readonly digestAlgorithm: string;
  /**
   * False when the SignerInfo has no signed attributes (RFC 5652 §5.4 allows it for id-data): the signature is
   * then over the content itself, and signedAttributes and messageDigest are empty.
   */
  readonly hasSignedAttributes: boolean;
  /** Exactly the bytes that were signed: the [0] IMPLICIT signedAttrs re-tagged as SET (0x31). */
  readonly signedAttributes: Uint8Array;
  readonly signedAttributeList: readonly CmsAttribute[];
  /** Value of the message-digest signed attribute. */
  readonly messageDigest: Uint8Array;
  readonly signatureAlgorithm: { readonly oid: string; readonly parameters?: Uint8Array };
  readonly signature: Uint8Array;
  readonly unsignedAttributeList: readonly CmsAttribute[];
  /** Length of the DER ContentInfo (PDF /Contents is zero-padded after it). */
  readonly encodedLength: number;
}

/** Parses `der`; trailing zero bytes (PDF /Contents padding) are allowed, anything else is not. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  try {
    return parse(der);
  } catch (e) {
    if (e instanceof SaoyError && e.code === 'CMS_INVALID') throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw invalid(detail, e);
  }
}

/**
 * The certificates of a certs-only ("degenerate") SignedData: no SignerInfo, only certificates (RFC 5652 §5.1,
 * the .p7c an AIA caIssuers URL may serve, RFC 5280 §4.2.2.1). Nothing in it is signed: chain-building help only.
 */
export function certificatesOfBundle(der: Uint8Array): Uint8Array[] {
  try {
    const ci = readTlv(der);
    if (ci.bytes.length !== der.length) throw invalid('trailing data after the bundle');
    const [ctype, explicit] = seqOf(ci, 2, 2);
    if (readOid(ctype) !== OID.signedData) throw invalid('not a SignedData');
    const inner = children(tagged(explicit, 0xa0));
    if (inner.length !== 1) throw invalid('[0] content must hold exactly one SignedData');
    const fields = seqOf(inner[0], 4, 6);
    const certs = fields[3]?.tag === 0xa0 ? fields[3] : undefined;
    return certs ? children(certs).filter((c) => c.tag === TAG.SEQUENCE).map((c) => c.bytes) : [];
  } catch (e) {
    if (e instanceof SaoyError && e.code === 'CMS_INVALID') throw e;
    throw invalid(e instanceof Error ? e.message : String(e), e);
  }
}

function parse(der: Uint8Array): ParsedSignedData {
  const ci = readTlv(der);
  for (let i = ci.bytes.length; i < der.length; i++) if (der[i] !== 0) throw invalid('trailing data after the CMS');
  const [ctype, explicit] = seqOf(ci, 2, 2);
  if (readOid(ctype) !== OID.signedData) throw invalid('not a SignedData');
  if (explicit.tag !== 0xa0) throw invalid('missing [0] content');
  const inner = children(explicit);
  if (inner.length !== 1) throw invalid('[0] content must hold exactly one SignedData');
  const sd = inner[0];
  const fields = seqOf(sd, 4, 6);
  const version = readSmallInt(fields[0]);
  const digestAlgorithms = children(tagged(fields[1], TAG.SET));
  const encap = seqOf(fields[2], 1, 2);
  const contentType = readOid(encap[0]);
  let i = 3;
  const certificates: Uint8Array[] = [];
  if (fields[i]?.tag === 0xa0) {
    for (const c of children(fields[i])) if (c.tag === TAG.SEQUENCE) certificates.push(c.bytes);
    i++;
  }
  if (fields[i]?.tag === 0xa1) i++; // crls: the verifier reads revocation data from the PDF DSS instead
  const signerInfosTlv = fields[i];
  if (!signerInfosTlv || i !== fields.length - 1) throw invalid('unexpected SignedData layout');
  const signerInfos = children(tagged(signerInfosTlv, TAG.SET));
  if (signerInfos.length !== 1) throw invalid(`expected exactly one SignerInfo, found ${signerInfos.length}`);
  const si = parseSignerInfo(signerInfos[0]);
  if (!digestAlgorithms.some((a) => algorithmOid(a) === si.digestAlgorithm)) {
    throw invalid('the SignerInfo digest algorithm is not listed in digestAlgorithms');
  }
  return {
    version,
    contentType,
    detached: encap.length === 1,
    certificates,
    ...si,
    encodedLength: ci.bytes.length,
  };
}

type SignerInfoPart = Pick<
  ParsedSignedData,
  | 'signerId'
  | 'digestAlgorithm'
  | 'hasSignedAttributes'
  | 'signedAttributes'
  | 'signedAttributeList'
  | 'messageDigest'
  | 'signatureAlgorithm'
  | 'signature'
  | 'unsignedAttributeList'
>;

function parseSignerInfo(tlv: Tlv): SignerInfoPart {
  const all = seqOf(tlv, 4, 7);
  const hasSignedAttributes = all[3]?.tag === 0xa0;
  // Without signed attributes the fields shift by one: version, sid, digestAlgorithm, signatureAlgorithm, signature.
  const f = hasSignedAttributes ? all : [...all.slice(0, 3), undefined, ...all.slice(3)];
  if (f.length < 6 || f.length > 7) throw invalid(`a SignerInfo has ${all.length} elements`);
  readSmallInt(f[0]!);
  const signerId = parseSid(f[1]!);
  const digestAlgorithm = algorithmOid(f[2]!);
  let signedAttributes: Uint8Array = new Uint8Array(0);
  let signedAttributeList: CmsAttribute[] = [];
  let messageDigest: Uint8Array = new Uint8Array(0);
  if (hasSignedAttributes) {
    const attrs = f[3]!;
    if (attrs.indefinite) throw invalid('signed attributes are not DER');
    signedAttributes = Uint8Array.from(attrs.bytes);
    signedAttributes[0] = TAG.SET;
    signedAttributeList = parseAttributes(attrs);
    const digests = signedAttributeList.filter((a) => a.type === OID.messageDigest);
    if (digests.length !== 1 || digests[0].values.length !== 1) {
      throw invalid('expected exactly one message-digest attribute with one value');
    }
    messageDigest = tagged(readTlv(digests[0].values[0]), TAG.OCTET_STRING).content;
  }
  const sigAlg = seqOf(f[4]!, 1, 2);
  const signatureTlv = tagged(f[5]!, TAG.OCTET_STRING);
  let unsignedAttributeList: CmsAttribute[] = [];
  if (f.length === 7) {
    if (f[6]!.tag !== 0xa1) throw invalid('unexpected element after the signature');
    unsignedAttributeList = parseAttributes(f[6]!);
  }
  return {
    signerId,
    digestAlgorithm,
    hasSignedAttributes,
    signedAttributes,
    signedAttributeList,
    messageDigest,
    signatureAlgorithm: { oid: readOid(sigAlg[0]), parameters: sigAlg[1]?.bytes },
    signature: signatureTlv.content,
    unsignedAttributeList,
  };
}

function parseSid(tlv: Tlv): SignerIdentifier {
  if (tlv.tag === 0x80) return { kind: 'subjectKeyIdentifier', keyIdentifier: tlv.content };
  const [issuer, serial] = seqOf(tlv, 2, 2);
  tagged(issuer, TAG.SEQUENCE);
  tagged(serial, TAG.INTEGER);
  return { kind: 'issuerAndSerialNumber', issuer: issuer.bytes, serialNumber: serial.bytes };
}

function parseAttributes(set: Tlv): CmsAttribute[] {
  return children(set).map((a) => {
    const [type, values] = seqOf(a, 2, 2);
    return { type: readOid(type), values: children(tagged(values, TAG.SET)).map((v) => v.bytes) };
  });
}

function algorithmOid(tlv: Tlv): string {
  const [id] = seqOf(tlv, 1, 2);
  return decodeOid(tagged(id, TAG.OID).content);
}

function seqOf(tlv: Tlv, min: number, max: number): Tlv[] {
  const c = children(tagged(tlv, TAG.SEQUENCE));
  if (c.length < min || c.length > max) throw invalid(`a SEQUENCE has ${c.length} elements, expected ${min}..${max}`);
  return c;
}

function tagged(tlv: Tlv, tag: number): Tlv {
  if (tlv.tag !== tag) throw invalid(`expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

function invalid(detail: string, cause?: unknown): SaoyError {
  return new SaoyError(
    'CMS_INVALID',
    `the signature's CMS structure is malformed: ${detail}`,
    `Cấu trúc CMS của chữ ký bị lỗi: ${detail}`,
    { cause },
  );
}
