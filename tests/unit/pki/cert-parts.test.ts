/**
 * certificateParts on certificates written byte by byte (issue 14): which TLV is which, v1 and v3 layouts, the
 * extensions found after the optional unique IDs, the key without its unused-bits octet, and every layout error
 * reported as CERT_INVALID.
 */
import { describe, expect, it } from 'vitest';
import { context, derNull, oid, seq, smallInteger, tlv, TAG } from '../../../core/asn1/der.js';
import { SaoyError } from '../../../core/errors.js';
import { certificateParts, rsaModulusBytes } from '../../../core/pki/cert-parts.js';

const name = (cn: string) => seq(tlv(TAG.SET, seq(oid('2.5.4.3'), tlv(TAG.UTF8_STRING, new TextEncoder().encode(cn)))));
const validity = seq(tlv(TAG.UTC_TIME, new TextEncoder().encode('260101000000Z')), tlv(TAG.UTC_TIME, new TextEncoder().encode('270101000000Z')));
const ecSpki = seq(seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')), tlv(TAG.BIT_STRING, Uint8Array.of(0, 4, 1, 2)));
const rsaKey = seq(tlv(TAG.INTEGER, Uint8Array.of(0, 0xc1, 2, 3)), tlv(TAG.INTEGER, Uint8Array.of(1, 0, 1)));
const rsaSpki = seq(seq(oid('1.2.840.113549.1.1.1'), derNull()), tlv(TAG.BIT_STRING, Uint8Array.of(0, ...rsaKey)));
const sigAlg = seq(oid('1.2.840.10045.4.3.2'));
const extensions = seq(seq(oid('2.5.29.19'), tlv(TAG.OCTET_STRING, seq())));

function cert(tbsParts: Uint8Array[], outer: (tbs: Uint8Array) => Uint8Array[] = (tbs) => [tbs, sigAlg, tlv(TAG.BIT_STRING, Uint8Array.of(0, 1))]): Uint8Array {
  return seq(...outer(seq(...tbsParts)));
}
const serial = smallInteger(4660);

describe('certificateParts', () => {
  it('a v3 certificate: each part is the exact TLV, the curve is named, the key has no unused-bits octet', () => {
    const tbs = [context(0, smallInteger(2)), serial, sigAlg, name('issuer'), validity, name('subject'), ecSpki, context(3, extensions)];
    const der = cert(tbs);
    const p = certificateParts(der);
    expect(p.der).toBe(der);
    expect(p.tbs).toEqual(seq(...tbs));
    expect(p.serialNumber).toEqual(serial);
    expect(p.issuer).toEqual(name('issuer'));
    expect(p.subject).toEqual(name('subject'));
    expect(p.validity).toEqual(validity);
    expect(p.spki).toEqual(ecSpki);
    expect(p.extensions).toEqual(extensions);
    expect(p.publicKeyAlgorithm).toBe('1.2.840.10045.2.1');
    expect(p.publicKeyCurve).toBe('1.2.840.10045.3.1.7');
    expect(p.publicKey).toEqual(Uint8Array.of(4, 1, 2));
  });

  it('a v1 certificate (no version field), an RSA key (no curve), no extensions', () => {
    const p = certificateParts(cert([serial, sigAlg, name('i'), validity, name('s'), rsaSpki]));
    expect(p.issuer).toEqual(name('i'));
    expect(p.subject).toEqual(name('s'));
    expect(p.publicKeyCurve).toBeUndefined();
    expect(p.extensions).toBeUndefined();
    expect(rsaModulusBytes(p)).toBe(3); // the leading zero of the INTEGER is not part of the modulus
  });

  it('extensions are found after issuerUniqueID [1] and subjectUniqueID [2]', () => {
    const p = certificateParts(cert([context(0, smallInteger(2)), serial, sigAlg, name('i'), validity, name('s'), ecSpki, tlv(0x81, Uint8Array.of(0)), tlv(0x82, Uint8Array.of(0)), context(3, extensions)]));
    expect(p.extensions).toEqual(extensions);
  });

  it('rsaModulusBytes strips every leading zero octet', () => {
    const key = seq(tlv(TAG.INTEGER, Uint8Array.of(0, 0, 0, 0x7f, 1)), tlv(TAG.INTEGER, Uint8Array.of(3)));
    const spki = seq(seq(oid('1.2.840.113549.1.1.1'), derNull()), tlv(TAG.BIT_STRING, Uint8Array.of(0, ...key)));
    expect(rsaModulusBytes(certificateParts(cert([serial, sigAlg, name('i'), validity, name('s'), spki])))).toBe(2);
  });

  it('every layout error is CERT_INVALID, in both languages, with the cause kept', () => {
    const good = [serial, sigAlg, name('i'), validity, name('s'), ecSpki];
    const broken: [string, Uint8Array][] = [
      ['two elements', cert(good, (tbs) => [tbs, sigAlg])],
      ['serial not an INTEGER', cert([name('x'), sigAlg, name('i'), validity, name('s'), ecSpki])],
      ['issuer not a SEQUENCE', cert([serial, sigAlg, smallInteger(1), validity, name('s'), ecSpki])],
      ['subject not a SEQUENCE', cert([serial, sigAlg, name('i'), validity, smallInteger(1), ecSpki])],
      ['validity not a SEQUENCE', cert([serial, sigAlg, name('i'), smallInteger(1), name('s'), ecSpki])],
      ['key info not a SEQUENCE', cert([serial, sigAlg, name('i'), validity, name('s'), smallInteger(1)])],
      ['no key info', cert([serial, sigAlg, name('i'), validity, name('s')])],
      ['key not a BIT STRING', cert([serial, sigAlg, name('i'), validity, name('s'), seq(seq(oid('1.2.840.10045.2.1')), tlv(TAG.OCTET_STRING, Uint8Array.of(0, 4)))])],
      ['empty BIT STRING', cert([serial, sigAlg, name('i'), validity, name('s'), seq(seq(oid('1.2.840.10045.2.1')), tlv(TAG.BIT_STRING, new Uint8Array(0)))])],
      ['not DER at all', Uint8Array.of(1, 2, 3)],
    ];
    for (const [what, der] of broken) {
      let error: unknown;
      try {
        certificateParts(der);
      } catch (e) {
        error = e;
      }
      expect(error, what).toBeInstanceOf(SaoyError);
      expect((error as SaoyError).code, what).toBe('CERT_INVALID');
      expect((error as SaoyError).message).toBe('a certificate could not be read (malformed DER)');
      expect((error as SaoyError).vi).toBe('Không đọc được chứng thư số (dữ liệu DER bị lỗi)');
      expect((error as SaoyError).cause, what).toBeDefined();
    }
  });
});
