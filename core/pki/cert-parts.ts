/**
 * The exact DER slices of an X.509 certificate that CMS needs byte-for-byte (issuer name, serial number,
 * public key). Re-encoding them through a library could change bytes and break issuerAndSerialNumber matching.
 */
import { SaoyError } from '../errors.js';
import { children, readOid, readOne, TAG, type Tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';

export interface CertificateParts {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  /** Name TLV of the issuer. */
  readonly issuer: Uint8Array;
  /** Name TLV of the subject. */
  readonly subject: Uint8Array;
  /** INTEGER TLV of the serial number. */
  readonly serialNumber: Uint8Array;
  /** Validity SEQUENCE TLV. */
  readonly validity: Uint8Array;
  /** Extensions SEQUENCE TLV (inside [3]), when present. */
  readonly extensions?: Uint8Array;
  /** SubjectPublicKeyInfo TLV. */
  readonly spki: Uint8Array;
  readonly publicKeyAlgorithm: string;
  /** OID of the named curve for EC keys. */
  readonly publicKeyCurve?: string;
  /** Content of the subjectPublicKey BIT STRING (without the unused-bits octet). */
  readonly publicKey: Uint8Array;
}


export function certificateParts(der: Uint8Array): CertificateParts {
  try {
    const cert = children(readOne(der, TAG.SEQUENCE));
    if (cert.length !== 3) throw new Error('certificate is not a 3-element SEQUENCE');
    const tbsTlv = cert[0];
    const tbs = children(tbsTlv);
    // version [0] EXPLICIT is optional (v1 certificates).
    const i = tbs[0]?.tag === 0xa0 ? 1 : 0;
    const [serial, , issuer, validity, subject, spki] = tbs.slice(i, i + 6);
    if (!spki || serial.tag !== TAG.INTEGER || issuer.tag !== TAG.SEQUENCE || subject.tag !== TAG.SEQUENCE) {
      throw new Error('unexpected TBSCertificate layout');
    }
    if (validity.tag !== TAG.SEQUENCE || spki.tag !== TAG.SEQUENCE) throw new Error('unexpected TBSCertificate layout');
    const extWrapper = tbs.slice(i + 6).find((t) => t.tag === 0xa3);
    const extensions = extWrapper ? children(extWrapper)[0]?.bytes : undefined;
    const key = parseSpki(spki);
    return {
      der,
      tbs: tbsTlv.bytes,
      issuer: issuer.bytes,
      subject: subject.bytes,
      serialNumber: serial.bytes,
      validity: validity.bytes,
      extensions,
      spki: spki.bytes,
      ...key,
    };
  } catch (e) {
    throw new SaoyError(
      'CERT_INVALID',
      'a certificate could not be read (malformed DER)',
      'Không đọc được chứng thư số (dữ liệu DER bị lỗi)',
      { cause: e },
    );
  }
}

function parseSpki(spki: Tlv): Pick<CertificateParts, 'publicKeyAlgorithm' | 'publicKeyCurve' | 'publicKey'> {
  const [alg, bits] = children(spki);
  const algParts = children(alg);
  const publicKeyAlgorithm = readOid(algParts[0]);
  const publicKeyCurve = algParts[1]?.tag === TAG.OID ? readOid(algParts[1]) : undefined;
  if (bits?.tag !== TAG.BIT_STRING || bits.content.length < 1) throw new Error('bad subjectPublicKey');
  return { publicKeyAlgorithm, publicKeyCurve, publicKey: bits.content.subarray(1) };
}

/** Byte length of an RSA modulus (= RSA signature length), from RSAPublicKey ::= SEQUENCE { n, e }. */
export function rsaModulusBytes(parts: CertificateParts): number {
  const [n] = children(readOne(parts.publicKey, TAG.SEQUENCE));
  let c = n.content;
  while (c.length > 0 && c[0] === 0) c = c.subarray(1);
  return c.length;
}
