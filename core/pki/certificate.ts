/**
 * What a person (and the verifier) needs to know about a certificate, plus the checks a signing certificate
 * must pass at a given time. The checks are small pure functions so the verifier can reuse them per chain link.
 */
import { SaoyError } from '../errors.js';
import { certificateParts, type CertificateParts, rsaModulusBytes } from './cert-parts.js';
import { readDistinguishedName, type DistinguishedName } from './name.js';
import { bytesMemo } from './bytes-memo.js';
import { asn1Error, children, readOid, readOne, readSmallInt, TAG, type Tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { toHex } from '../bytes/hex.js';

export type { DistinguishedName } from './name.js';

export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation', // a.k.a. contentCommitment
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];
export type KeyUsageFlags = Readonly<Record<KeyUsageName, boolean>>;

export interface CertificateDescription {
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** Serial number in lowercase hex, without the sign octet (as `openssl x509 -serial` shows it, lowercased). */
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Undefined when the certificate has no keyUsage extension (RFC 5280: then any usage is allowed). */
  readonly keyUsage?: KeyUsageFlags;
  /** Extended key usage OIDs; undefined when the extension is absent. */
  readonly extendedKeyUsage?: readonly string[];
  readonly isCA: boolean;
  readonly pathLen?: number;
  readonly publicKeyAlgorithm: 'RSA' | 'EC-P256' | 'OTHER';
  readonly publicKeyAlgorithmOid: string;
  readonly rsaModulusBits?: number;
  readonly subjectKeyIdentifierHex?: string;
  readonly authorityKeyIdentifierHex?: string;
}

/** Descriptions are pure functions of the DER and read-only: verifying many copies reuses them. */
const described = bytesMemo<CertificateDescription>(500);

export function describeCertificate(der: Uint8Array): CertificateDescription {
  return described.get(der, (own) => describeUncached(own));
}

function describeUncached(der: Uint8Array): CertificateDescription {
  const parts = certificateParts(der);
  try {
    return describeParts(parts);
  } catch (e) {
    throw new SaoyError('CERT_INVALID', 'a certificate could not be read (malformed DER)', 'Không đọc được chứng thư số (dữ liệu DER bị lỗi)', {
      cause: e,
    });
  }
}

function describeParts(parts: CertificateParts): CertificateDescription {
  const [nb, na] = children(readOne(parts.validity, TAG.SEQUENCE));
  const ext = readExtensions(parts.extensions);
  const publicKeyAlgorithm =
    parts.publicKeyAlgorithm === OID.rsaEncryption
      ? 'RSA'
      : parts.publicKeyAlgorithm === OID.ecPublicKey && parts.publicKeyCurve === OID.p256
        ? 'EC-P256'
        : 'OTHER';
  const bc = ext.get('2.5.29.19');
  const basic = bc ? readBasicConstraints(bc) : { isCA: false };
  const ski = ext.get('2.5.29.14');
  const aki = ext.get('2.5.29.35');
  return {
    subject: readDistinguishedName(parts.subject),
    issuer: readDistinguishedName(parts.issuer),
    serialHex: serialHex(readOne(parts.serialNumber, TAG.INTEGER).content),
    notBefore: readTime(nb),
    notAfter: readTime(na),
    keyUsage: ext.has('2.5.29.15') ? readKeyUsage(ext.get('2.5.29.15')!) : undefined,
    extendedKeyUsage: ext.has('2.5.29.37') ? children(readOne(ext.get('2.5.29.37')!, TAG.SEQUENCE)).map(readOid) : undefined,
    ...basic,
    publicKeyAlgorithm,
    publicKeyAlgorithmOid: parts.publicKeyAlgorithm,
    rsaModulusBits: publicKeyAlgorithm === 'RSA' ? rsaModulusBits(parts) : undefined,
    subjectKeyIdentifierHex: ski ? toHex(readOne(ski, TAG.OCTET_STRING).content) : undefined,
    authorityKeyIdentifierHex: aki ? akiKeyId(aki) : undefined,
  };
}

/** extnID → extnValue content. */
function readExtensions(der: Uint8Array | undefined): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (!der) return out;
  for (const e of children(readOne(der, TAG.SEQUENCE))) {
    const f = children(e);
    const id = readOid(f[0]);
    const value = f[f.length - 1];
    if (value?.tag !== TAG.OCTET_STRING) throw asn1Error('extension without a value');
    if (out.has(id)) throw asn1Error(`duplicate extension ${id}`);
    out.set(id, value.content);
  }
  return out;
}

function readKeyUsage(value: Uint8Array): KeyUsageFlags {
  const bits = readOne(value, TAG.BIT_STRING).content;
  if (bits.length < 1) throw asn1Error('empty keyUsage');
  const flags = {} as Record<KeyUsageName, boolean>;
  KEY_USAGE_NAMES.forEach((name, i) => {
    const byte = bits[1 + (i >> 3)] ?? 0;
    flags[name] = (byte & (0x80 >> (i & 7))) !== 0;
  });
  return flags;
}

function readBasicConstraints(value: Uint8Array): { isCA: boolean; pathLen?: number } {
  const f = children(readOne(value, TAG.SEQUENCE));
  let i = 0;
  let isCA = false;
  if (f[i]?.tag === TAG.BOOLEAN) isCA = f[i++].content[0] !== 0;
  const pathLen = f[i]?.tag === TAG.INTEGER ? readSmallInt(f[i]) : undefined;
  return pathLen === undefined ? { isCA } : { isCA, pathLen };
}

function akiKeyId(value: Uint8Array): string | undefined {
  const keyId = children(readOne(value, TAG.SEQUENCE)).find((t) => t.tag === 0x80);
  return keyId ? toHex(keyId.content) : undefined;
}

function rsaModulusBits(parts: CertificateParts): number {
  const [n] = children(readOne(parts.publicKey, TAG.SEQUENCE));
  let c = n.content;
  while (c.length > 0 && c[0] === 0) c = c.subarray(1);
  return c.length === 0 ? 0 : (rsaModulusBytes(parts) - 1) * 8 + (32 - Math.clz32(c[0]));
}

/** UTCTime (YYMMDDHHMMSSZ; 50–99 → 19xx) or GeneralizedTime (YYYYMMDDHHMMSS[.f]Z), as RFC 5280 requires. */
export function readTime(t: Tlv): Date {
  const s = new TextDecoder('latin1').decode(t.content);
  const m =
    t.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : t.tag === TAG.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(s)
        : null;
  if (!m) throw asn1Error(`bad time ${JSON.stringify(s)}`);
  let year = Number(m[1]);
  if (t.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const ms = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (Number.isNaN(ms)) throw asn1Error(`bad time ${JSON.stringify(s)}`);
  return new Date(ms);
}

/** Without the 0x00 sign octet, like OpenSSL prints serial numbers. */
function serialHex(content: Uint8Array): string {
  return toHex(content.length > 1 && content[0] === 0 ? content.subarray(1) : content);
}

// ------------------------------------------------------------------ checks (reused by the verifier)

/** Name shown in messages: the subject's common name, else its whole DN. */
export function displayName(d: CertificateDescription): string {
  return d.subject.commonName ?? d.subject.text;
}

/** True when the certificate may sign documents: keyUsage absent, or digitalSignature or nonRepudiation set. */
export function allowsDocumentSigning(d: CertificateDescription): boolean {
  return d.keyUsage === undefined || d.keyUsage.digitalSignature || d.keyUsage.nonRepudiation;
}

export type ValidityStatus = 'valid' | 'expired' | 'not-yet-valid';

export function validityAt(d: CertificateDescription, at: Date): ValidityStatus {
  if (at.getTime() < d.notBefore.getTime()) return 'not-yet-valid';
  if (at.getTime() > d.notAfter.getTime()) return 'expired';
  return 'valid';
}

export function assertSigningKeyUsage(d: CertificateDescription): void {
  if (allowsDocumentSigning(d)) return;
  const x = displayName(d);
  throw new SaoyError(
    'CERT_KEY_USAGE',
    `the certificate of ${x} lacks the digitalSignature/nonRepudiation key usage`,
    `Chứng thư số của ${x} không có mục đích sử dụng khóa để ký số (digitalSignature/nonRepudiation)`,
  );
}

export function assertValidAt(d: CertificateDescription, at: Date): void {
  const status = validityAt(d, at);
  const x = displayName(d);
  if (status === 'expired') {
    throw new SaoyError(
      'CERT_EXPIRED',
      `the certificate of ${x} expired on ${isoDate(d.notAfter)}`,
      `Chứng thư số của ${x} đã hết hạn vào ngày ${viDate(d.notAfter)}`,
    );
  }
  if (status === 'not-yet-valid') {
    throw new SaoyError(
      'CERT_NOT_YET_VALID',
      `the certificate of ${x} is not valid before ${isoDate(d.notBefore)}`,
      `Chứng thư số của ${x} chưa có hiệu lực, chỉ có hiệu lực từ ngày ${viDate(d.notBefore)}`,
    );
  }
}

/** Throws CERT_KEY_USAGE, CERT_EXPIRED or CERT_NOT_YET_VALID; returns the description when it may sign at `at`. */
export function checkSigningCertificate(der: Uint8Array, at: Date): CertificateDescription {
  const d = describeCertificate(der);
  assertSigningKeyUsage(d);
  assertValidAt(d, at);
  return d;
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const viDate = (d: Date): string => {
  const [y, m, day] = isoDate(d).split('-');
  return `${day}/${m}/${y}`;
};
