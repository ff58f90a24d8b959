/**
 * describeCertificate and the signing checks on certificates written byte by byte (issue 14): known answers for
 * each extension a report shows, the time formats of RFC 5280, validity boundaries and the error texts.
 */
import { describe, expect, it } from 'vitest';
import { context, derNull, oid, seq, smallInteger, tlv, TAG } from '../../../core/asn1/der.js';
import { SaoyError } from '../../../core/errors.js';
import { assertValidAt, checkSigningCertificate, describeCertificate, displayName, readTime, validityAt } from '../../../core/pki/certificate.js';

const text = (s: string) => new TextEncoder().encode(s);
const name = (...atvs: [string, string][]) => seq(...atvs.map(([o, v]) => tlv(TAG.SET, seq(oid(o), tlv(TAG.UTF8_STRING, text(v))))));
const time = (s: string) => tlv(s.length === 13 ? TAG.UTC_TIME : TAG.GENERALIZED_TIME, text(s));
const ext = (id: string, value: Uint8Array, critical = false) => seq(oid(id), ...(critical ? [Uint8Array.of(TAG.BOOLEAN, 1, 0xff)] : []), tlv(TAG.OCTET_STRING, value));
const bits = (...b: number[]) => tlv(TAG.BIT_STRING, Uint8Array.of(...b));
const ecSpki = seq(seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')), bits(0, 4, 1, 2));
const rsaSpki = (modulus: number[]) => seq(seq(oid('1.2.840.113549.1.1.1'), derNull()), bits(0, ...seq(tlv(TAG.INTEGER, Uint8Array.of(...modulus)), smallInteger(3))));

function cert(o: { serial?: Uint8Array; nb?: string; na?: string; spki?: Uint8Array; exts?: Uint8Array[]; subject?: Uint8Array }): Uint8Array {
  const tbs = seq(
    context(0, smallInteger(2)),
    o.serial ?? tlv(TAG.INTEGER, Uint8Array.of(0, 0x9a, 0x01)),
    seq(oid('1.2.840.10045.4.3.2')),
    name(['2.5.4.3', 'Test CA'], ['2.5.4.6', 'VN']),
    seq(time(o.nb ?? '260101000000Z'), time(o.na ?? '270101000000Z')),
    o.subject ?? name(['2.5.4.10', 'UBND'], ['2.5.4.3', 'Nguyễn Văn A']),
    o.spki ?? ecSpki,
    ...(o.exts ? [context(3, seq(...o.exts))] : []),
  );
  return seq(tbs, seq(oid('1.2.840.10045.4.3.2')), bits(0, 1));
}

describe('describeCertificate: known answers', () => {
  it('names, serial without its sign octet, dates, EC P-256, no extensions', () => {
    const d = describeCertificate(cert({}));
    expect(d.subject.commonName).toBe('Nguyễn Văn A');
    expect(d.issuer.text).toBe('C=VN,CN=Test CA');
    expect(d.serialHex).toBe('9a01');
    expect(d.notBefore.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(d.notAfter.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(d).toMatchObject({ publicKeyAlgorithm: 'EC-P256', publicKeyAlgorithmOid: '1.2.840.10045.2.1', isCA: false });
    expect(d.keyUsage).toBeUndefined();
    expect(d.extendedKeyUsage).toBeUndefined();
    expect(d.rsaModulusBits).toBeUndefined();
    expect(d.pathLen).toBeUndefined();
    expect(d.subjectKeyIdentifierHex).toBeUndefined();
    expect(d.authorityKeyIdentifierHex).toBeUndefined();
    expect('pathLen' in d).toBe(false);
  });

  it('a one-octet serial keeps its zero; a serial without a sign octet is as is', () => {
    expect(describeCertificate(cert({ serial: tlv(TAG.INTEGER, Uint8Array.of(0)) })).serialHex).toBe('00');
    expect(describeCertificate(cert({ serial: tlv(TAG.INTEGER, Uint8Array.of(0x12, 0x34)) })).serialHex).toBe('1234');
  });

  it('key usage bit by bit, extended key usage, basic constraints, key identifiers', () => {
    const d = describeCertificate(cert({
      exts: [
        ext('2.5.29.15', bits(7, 0b1100_0110, 0x80), true), // digitalSignature, nonRepudiation, keyCertSign, cRLSign; decipherOnly in the 2nd octet
        ext('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.4'), oid('1.3.6.1.4.1.311.10.3.12'))),
        ext('2.5.29.19', seq(Uint8Array.of(TAG.BOOLEAN, 1, 0xff), smallInteger(1)), true),
        ext('2.5.29.14', tlv(TAG.OCTET_STRING, Uint8Array.of(0xab, 0xcd))),
        ext('2.5.29.35', seq(tlv(0x80, Uint8Array.of(0x01, 0x02)))),
      ],
    }));
    expect(d.keyUsage).toEqual({
      digitalSignature: true, nonRepudiation: true, keyEncipherment: false, dataEncipherment: false, keyAgreement: false,
      keyCertSign: true, cRLSign: true, encipherOnly: false, decipherOnly: true,
    });
    expect(d.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.4', '1.3.6.1.4.1.311.10.3.12']);
    expect(d.isCA).toBe(true);
    expect(d.pathLen).toBe(1);
    expect(d.subjectKeyIdentifierHex).toBe('abcd');
    expect(d.authorityKeyIdentifierHex).toBe('0102');
  });

  it('basic constraints: cA absent is false, cA false, a pathLen alone; an AKI without keyIdentifier', () => {
    const bc = (v: Uint8Array) => describeCertificate(cert({ exts: [ext('2.5.29.19', v)] }));
    expect(bc(seq())).toMatchObject({ isCA: false });
    expect(bc(seq(Uint8Array.of(TAG.BOOLEAN, 1, 0)))).toMatchObject({ isCA: false });
    expect(bc(seq(smallInteger(0)))).toMatchObject({ isCA: false, pathLen: 0 });
    expect(describeCertificate(cert({ exts: [ext('2.5.29.35', seq(tlv(0x82, Uint8Array.of(5))))] })).authorityKeyIdentifierHex).toBeUndefined();
  });

  it('RSA keys: the modulus size in bits, leading zeros not counted; another algorithm is OTHER', () => {
    expect(describeCertificate(cert({ spki: rsaSpki([0, 0xc1, 2, 3]) })).rsaModulusBits).toBe(24);
    expect(describeCertificate(cert({ spki: rsaSpki([0, 0, 1, 0]) })).rsaModulusBits).toBe(9);
    expect(describeCertificate(cert({ spki: rsaSpki([0x7f]) })).rsaModulusBits).toBe(7);
    expect(describeCertificate(cert({ spki: rsaSpki([0, 0]) })).rsaModulusBits).toBe(0);
    expect(describeCertificate(cert({ spki: rsaSpki([1]) })).publicKeyAlgorithm).toBe('RSA');
    const p384 = seq(seq(oid('1.2.840.10045.2.1'), oid('1.3.132.0.34')), bits(0, 4));
    expect(describeCertificate(cert({ spki: p384 })).publicKeyAlgorithm).toBe('OTHER');
    const ed = seq(seq(oid('1.3.101.112')), bits(0, 1));
    expect(describeCertificate(cert({ spki: ed })).publicKeyAlgorithm).toBe('OTHER');
  });

  it('malformed extensions are CERT_INVALID: no value, a value that is not an OCTET STRING, the same one twice, an empty key usage', () => {
    const broken = [
      [seq(oid('2.5.29.19'))],
      [seq(oid('2.5.29.19'), smallInteger(1))],
      [ext('2.5.29.19', seq()), ext('2.5.29.19', seq())],
      [ext('2.5.29.15', tlv(TAG.BIT_STRING, new Uint8Array(0)))],
    ];
    for (const exts of broken) {
      expect(() => describeCertificate(cert({ exts })), String(exts.length)).toThrow(expect.objectContaining({ code: 'CERT_INVALID', message: 'a certificate could not be read (malformed DER)' }));
    }
  });
});

describe('readTime', () => {
  it('UTCTime 50–99 is 19xx and 00–49 20xx; GeneralizedTime with or without fractions', () => {
    expect(readTime({ tag: TAG.UTC_TIME, content: text('491231235959Z') } as never).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(readTime({ tag: TAG.UTC_TIME, content: text('500101000000Z') } as never).toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(readTime({ tag: TAG.GENERALIZED_TIME, content: text('20500615123000Z') } as never).toISOString()).toBe('2050-06-15T12:30:00.000Z');
    expect(readTime({ tag: TAG.GENERALIZED_TIME, content: text('20500615123000.25Z') } as never).toISOString()).toBe('2050-06-15T12:30:00.000Z');
  });

  it('refuses other forms: a local time, a GeneralizedTime in a UTCTime, seconds missing, another tag', () => {
    for (const [tag, s] of [[TAG.UTC_TIME, '260101000000'], [TAG.UTC_TIME, '20260101000000Z'], [TAG.GENERALIZED_TIME, '260101000000Z'], [TAG.GENERALIZED_TIME, '202601010000Z'], [TAG.UTC_TIME, '2601010000Z'], [TAG.OCTET_STRING, '260101000000Z']] as const) {
      expect(() => readTime({ tag, content: text(s) } as never), s).toThrow(`bad time "${s}"`);
    }
  });
});

describe('validity and key usage checks', () => {
  const d = describeCertificate(cert({ nb: '260101000000Z', na: '270101000000Z' }));
  it('valid from the first to the last second inclusive', () => {
    expect(validityAt(d, new Date('2025-12-31T23:59:59.999Z'))).toBe('not-yet-valid');
    expect(validityAt(d, new Date('2026-01-01T00:00:00.000Z'))).toBe('valid');
    expect(validityAt(d, new Date('2027-01-01T00:00:00.000Z'))).toBe('valid');
    expect(validityAt(d, new Date('2027-01-01T00:00:00.001Z'))).toBe('expired');
  });

  it('the errors name the holder and the date, in English and Vietnamese', () => {
    const fail = (at: string) => {
      try {
        assertValidAt(d, new Date(at));
      } catch (e) {
        return e as SaoyError;
      }
      return undefined;
    };
    expect(fail('2026-06-01T00:00:00Z')).toBeUndefined();
    expect(fail('2028-01-01T00:00:00Z')).toMatchObject({ code: 'CERT_EXPIRED', message: 'the certificate of Nguyễn Văn A expired on 2027-01-01', vi: 'Chứng thư số của Nguyễn Văn A đã hết hạn vào ngày 01/01/2027' });
    expect(fail('2025-01-01T00:00:00Z')).toMatchObject({ code: 'CERT_NOT_YET_VALID', message: 'the certificate of Nguyễn Văn A is not valid before 2026-01-01', vi: 'Chứng thư số của Nguyễn Văn A chưa có hiệu lực, chỉ có hiệu lực từ ngày 01/01/2026' });
  });

  it('checkSigningCertificate: key usage first, then time; a certificate without a CN is named by its whole DN', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    const encipherOnly = cert({ subject: name(['2.5.4.10', 'UBND']), exts: [ext('2.5.29.15', bits(7, 0b0010_0000))] });
    expect(displayName(describeCertificate(encipherOnly))).toBe('O=UBND');
    expect(() => checkSigningCertificate(encipherOnly, new Date('2030-01-01T00:00:00Z'))).toThrow(expect.objectContaining({
      code: 'CERT_KEY_USAGE', message: 'the certificate of O=UBND lacks the digitalSignature/nonRepudiation key usage',
    }));
    const nonRepudiationOnly = cert({ exts: [ext('2.5.29.15', bits(6, 0b0100_0000))] });
    expect(checkSigningCertificate(nonRepudiationOnly, at).keyUsage?.nonRepudiation).toBe(true);
    expect(checkSigningCertificate(cert({}), at).keyUsage).toBeUndefined();
  });
});
