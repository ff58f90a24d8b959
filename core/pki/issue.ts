/**
 * A small certificate authority toolkit (demo identities, tests): key pairs and X.509 v3 certificates signed
 * with SHA-256. Not meant for real CAs: no policies, no CRL distribution points, no OCSP.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensurePkijsEngine } from '../crypto/pkijs-engine.js';
import { certificateParts } from './cert-parts.js';
import { KEY_USAGE_NAMES, type KeyUsageName } from './certificate.js';
import { concatBytes } from '../bytes/concat.js';
import { children, octetString, oid, readOne, seq, setOf, smallInteger, TAG, tlv } from '../asn1/der.js';
import { sha1 } from '../bytes/sha.js';

export type KeyKind = 'RSA-2048' | 'ECDSA-P256';

export function generateKeyPair(kind: KeyKind, opts: { extractable: boolean }): Promise<CryptoKeyPair> {
  const params =
    kind === 'RSA-2048'
      ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return globalThis.crypto.subtle.generateKey(params, opts.extractable, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** Distinguished name parts, written in X.500 order C, ST, L, O, OU, CN, serialNumber, UID, emailAddress. */
export interface NameParts {
  readonly country?: string;
  readonly state?: string;
  readonly locality?: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  readonly commonName?: string;
  readonly serialNumber?: string;
  /** userID (0.9.2342.19200300.100.1.1): Vietnamese CAs put "CMND:…", "CCCD:…" or "MST:…" here. */
  readonly uid?: string;
  readonly email?: string;
}

const NAME_OIDS: readonly [keyof NameParts, string, 'utf8' | 'printable' | 'ia5'][] = [
  ['country', '2.5.4.6', 'printable'],
  ['state', '2.5.4.8', 'utf8'],
  ['locality', '2.5.4.7', 'utf8'],
  ['organization', '2.5.4.10', 'utf8'],
  ['organizationalUnit', '2.5.4.11', 'utf8'],
  ['commonName', '2.5.4.3', 'utf8'],
  ['serialNumber', '2.5.4.5', 'printable'],
  ['uid', '0.9.2342.19200300.100.1.1', 'utf8'],
  ['email', '1.2.840.113549.1.9.1', 'ia5'],
];

export interface IssueCertificateOptions {
  readonly subject: NameParts;
  readonly publicKey: CryptoKey;
  /** The issuer's certificate (DER): its subject becomes our issuer, its key identifier our AKI. Omit for self-signed. */
  readonly issuerCertificate?: Uint8Array;
  /** Signs the certificate: the issuer's private key, or the subject's own private key when self-signed. */
  readonly issuerKey: CryptoKey;
  /** Positive serial number (big-endian bytes); default 16 random bytes. */
  readonly serial?: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCA: boolean;
  readonly pathLen?: number;
  readonly keyUsage: readonly KeyUsageName[];
  /** Extended key usage OIDs (non-critical). */
  readonly extKeyUsage?: readonly string[];
}

export async function issueCertificate(opts: IssueCertificateOptions): Promise<Uint8Array> {
  ensurePkijsEngine();
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: positiveSerial(opts.serial) });
  cert.subject = rdn(opts.subject);
  cert.notBefore = time(opts.notBefore);
  cert.notAfter = time(opts.notAfter);
  await cert.subjectPublicKeyInfo.importKey(opts.publicKey);

  const spki = new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  const ski = await keyIdentifier(spki);
  let aki = ski;
  if (opts.issuerCertificate) {
    const issuer = pkijs.Certificate.fromBER(opts.issuerCertificate as BufferSource);
    cert.issuer = issuer.subject;
    aki = subjectKeyIdentifierOf(issuer) ?? (await keyIdentifier(certificateParts(opts.issuerCertificate).spki));
  } else {
    cert.issuer = rdn(opts.subject);
  }

  cert.extensions = [
    ext('2.5.29.19', opts.isCA, basicConstraints(opts.isCA, opts.pathLen)),
    ext('2.5.29.15', true, keyUsageBits(opts.keyUsage)),
    ext('2.5.29.14', false, octetString(ski)),
    ext('2.5.29.35', false, seq(tlv(0x80, aki))),
  ];
  if (opts.extKeyUsage?.length) cert.extensions.push(ext('2.5.29.37', false, seq(...opts.extKeyUsage.map(oid))));

  await cert.sign(opts.issuerKey, 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

function positiveSerial(serial?: Uint8Array): ArrayBuffer {
  const bytes = serial ? Uint8Array.from(serial) : globalThis.crypto.getRandomValues(new Uint8Array(16));
  if (!serial) bytes[0] = (bytes[0] & 0x7f) | 0x01; // positive, no leading zero octet
  // INTEGER content must be minimal and positive: strip zeros, prefix 0x00 when the high bit is set.
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const m = bytes.subarray(i);
  const out = m[0] & 0x80 ? concatBytes([Uint8Array.of(0), m]) : Uint8Array.from(m);
  return out.buffer as ArrayBuffer;
}

/** One attribute per RDN (pkijs would put them all in one multi-valued RDN), UTF8String for Vietnamese text. */
export function encodeName(parts: NameParts): Uint8Array {
  const rdns: Uint8Array[] = [];
  for (const [key, type, kind] of NAME_OIDS) {
    const value = parts[key];
    if (value === undefined) continue;
    const tag = kind === 'printable' ? TAG.PRINTABLE_STRING : kind === 'ia5' ? TAG.IA5_STRING : TAG.UTF8_STRING;
    if (kind === 'printable' && !/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)) throw new Error(`${key} must be a PrintableString`);
    if (kind === 'ia5' && !/^[\x20-\x7e]*$/.test(value)) throw new Error(`${key} must be ASCII`);
    rdns.push(setOf([seq(oid(type), tlv(tag, new TextEncoder().encode(value)))]));
  }
  return seq(...rdns);
}

function rdn(parts: NameParts): pkijs.RelativeDistinguishedNames {
  // valueBeforeDecode is set by fromBER, and pkijs then writes exactly these bytes.
  return pkijs.RelativeDistinguishedNames.fromBER(encodeName(parts) as BufferSource);
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5); whole seconds only. */
function time(date: Date): pkijs.Time {
  const value = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return new pkijs.Time({ type: value.getUTCFullYear() < 2050 ? 0 : 1, value });
}

function ext(extnID: string, critical: boolean, value: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.slice().buffer as ArrayBuffer });
}

function basicConstraints(isCA: boolean, pathLen?: number): Uint8Array {
  if (!isCA) return seq(); // cA DEFAULT FALSE is omitted in DER
  return pathLen === undefined ? seq(Uint8Array.of(TAG.BOOLEAN, 1, 0xff)) : seq(Uint8Array.of(TAG.BOOLEAN, 1, 0xff), smallInteger(pathLen));
}

/** KeyUsage BIT STRING in DER: bit 0 is the most significant bit, trailing zero bits removed. */
function keyUsageBits(names: readonly KeyUsageName[]): Uint8Array {
  const bits = names.map((n) => KEY_USAGE_NAMES.indexOf(n));
  if (bits.some((b) => b < 0)) throw new Error(`unknown key usage in ${names.join(', ')}`);
  if (bits.length === 0) throw new Error('keyUsage must name at least one usage');
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const b of bits) bytes[b >> 3] |= 0x80 >> (b & 7);
  const unused = 7 - (highest & 7);
  return tlv(TAG.BIT_STRING, Uint8Array.of(unused), bytes);
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value. */
async function keyIdentifier(spki: Uint8Array): Promise<Uint8Array> {
  const [, bits] = children(readOne(spki, TAG.SEQUENCE));
  return sha1(bits.content.subarray(1));
}

function subjectKeyIdentifierOf(cert: pkijs.Certificate): Uint8Array | undefined {
  const e = cert.extensions?.find((x) => x.extnID === '2.5.29.14');
  if (!e) return undefined;
  return readOne(new Uint8Array(e.extnValue.valueBlock.valueHexView), TAG.OCTET_STRING).content;
}
