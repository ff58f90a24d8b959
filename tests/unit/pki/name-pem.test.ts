/**
 * Distinguished names as a report shows them, and PEM ⇄ DER (issue 14: core/pki/name.ts and pem.ts had no test of
 * their own). Names are written here byte by byte with core's DER writer, so each string type and escape is
 * checked against a known answer.
 */
import { describe, expect, it } from 'vitest';
import { oid, seq, setOf, tlv, TAG } from '../../../core/asn1/der.js';
import { decodeString, readDistinguishedName } from '../../../core/pki/name.js';
import { certificatesFromFile, derToPem, pemBlocks } from '../../../core/pki/pem.js';

const utf8 = (s: string) => tlv(TAG.UTF8_STRING, new TextEncoder().encode(s));
const printable = (s: string) => tlv(TAG.PRINTABLE_STRING, new TextEncoder().encode(s));
const atv = (o: string, value: Uint8Array) => seq(oid(o), value);
const nameOf = (...rdns: Uint8Array[][]) => seq(...rdns.map((atvs) => setOf(atvs)));

describe('readDistinguishedName', () => {
  it('fields by name, the text most specific first, attributes in encoded order', () => {
    const der = nameOf(
      [atv('2.5.4.6', printable('VN'))],
      [atv('2.5.4.8', utf8('Hà Nội'))],
      [atv('2.5.4.7', utf8('Ba Đình'))],
      [atv('2.5.4.10', utf8('UBND phường X'))],
      [atv('2.5.4.11', utf8('Bộ phận một cửa'))],
      [atv('2.5.4.12', utf8('Công chức'))],
      [atv('2.5.4.5', printable('CMND:012345678'))],
      [atv('0.9.2342.19200300.100.1.1', utf8('MST:0101'))],
      [atv('1.2.840.113549.1.9.1', tlv(TAG.IA5_STRING, new TextEncoder().encode('a@x.vn')))],
      [atv('2.5.4.3', utf8('Nguyễn Văn A'))],
    );
    const n = readDistinguishedName(der);
    expect(n).toMatchObject({
      country: 'VN', state: 'Hà Nội', locality: 'Ba Đình', organization: 'UBND phường X', organizationalUnit: 'Bộ phận một cửa',
      title: 'Công chức', serialNumber: 'CMND:012345678', uid: 'MST:0101', email: 'a@x.vn', commonName: 'Nguyễn Văn A',
    });
    expect(n.text).toBe('CN=Nguyễn Văn A,emailAddress=a@x.vn,UID=MST:0101,serialNumber=CMND:012345678,title=Công chức,OU=Bộ phận một cửa,O=UBND phường X,L=Ba Đình,ST=Hà Nội,C=VN');
    expect(n.attributes[0]).toEqual({ oid: '2.5.4.6', shortName: 'C', value: 'VN' });
    expect(n.attributes).toHaveLength(10);
  });

  it('a multi-valued RDN is joined with +, unknown types keep their OID, short names without a field are shown', () => {
    const n = readDistinguishedName(nameOf(
      [atv('2.5.4.9', utf8('1 Tràng Tiền')), atv('2.5.4.4', utf8('Nguyễn')), atv('2.5.4.42', utf8('An')), atv('0.9.2342.19200300.100.1.25', utf8('vn'))],
      [atv('1.2.3.4', utf8('x'))],
    ));
    // In the SET's DER order (core's setOf sorts, as DER requires).
    expect(n.text).toBe('1.2.3.4=x,GN=An+SN=Nguyễn+DC=vn+street=1 Tràng Tiền');
    expect(n.attributes.map((a) => a.shortName)).toEqual(['GN', 'SN', 'DC', 'street', undefined]);
    expect(Object.keys(n).sort()).toEqual(['attributes', 'text']);
  });

  it('the first value of a repeated attribute is the field; both are in the text', () => {
    const n = readDistinguishedName(nameOf([atv('2.5.4.11', utf8('first'))], [atv('2.5.4.11', utf8('second'))]));
    expect(n.organizationalUnit).toBe('first');
    expect(n.text).toBe('OU=second,OU=first');
  });

  it('escapes RFC 4514 specials, a leading space or #, and a trailing space', () => {
    const text = (v: string) => readDistinguishedName(nameOf([atv('2.5.4.3', utf8(v))])).text;
    expect(text('a,b+c"d<e>f;g=h\\i')).toBe('CN=a\\,b\\+c\\"d\\<e\\>f\\;g\\=h\\\\i');
    expect(text(' lead')).toBe('CN=\\ lead');
    expect(text('#hash')).toBe('CN=\\#hash');
    expect(text('trail ')).toBe('CN=trail\\ ');
    expect(text(' ')).toBe('CN=\\ ');
    expect(text('  ')).toBe('CN=\\ \\ ');
    expect(text('in # side')).toBe('CN=in # side');
    expect(text('')).toBe('CN=');
  });

  it('an RDN that is not a SET is an ASN.1 error', () => {
    expect(() => readDistinguishedName(seq(seq(atv('2.5.4.3', utf8('x')))))).toThrow(/RDN is not a SET/);
  });
});

describe('decodeString: each directory string type', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it('UTF-8, the one-byte types as Latin-1, BMP as UTF-16BE, Universal as UTF-32BE, others as #hex', () => {
    expect(decodeString(TAG.UTF8_STRING, new TextEncoder().encode('Đức'))).toBe('Đức');
    for (const tag of [TAG.PRINTABLE_STRING, TAG.IA5_STRING, 0x14, 0x1a, 0x12]) expect(decodeString(tag, bytes(0x41, 0xe9))).toBe('Aé');
    expect(decodeString(TAG.BMP_STRING, bytes(0x01, 0x10, 0x00, 0x41, 0x1e))).toBe('ĐA'); // an odd last byte is dropped
    expect(decodeString(0x1c, bytes(0, 0, 0x01, 0x10, 0, 0x01, 0xf6, 0x00, 0, 0x11, 0, 0, 0, 0))).toBe('Đ😀\ufffd'); // over U+10FFFF: replacement; 2 spare bytes dropped
    expect(decodeString(0x1c, bytes(0, 0x10, 0xff, 0xff))).toBe(String.fromCodePoint(0x10ffff));
    expect(decodeString(0x04, bytes(0xde, 0xad))).toBe('#dead');
  });
});

describe('PEM', () => {
  const der = Uint8Array.from({ length: 100 }, (_, i) => (i * 7) % 256);
  it('derToPem wraps base64 at 64 characters, with the label, and reads back', () => {
    const pem = derToPem(der, 'CERTIFICATE');
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines[1]).toHaveLength(64);
    expect(lines[2].length).toBeLessThanOrEqual(64);
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(pem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    expect(pem).not.toContain('\n\n');
    expect(pemBlocks(pem, 'CERTIFICATE')).toEqual([der]);
    // Exactly 48 bytes make exactly one full line, without an empty line after it.
    expect(derToPem(der.slice(0, 48), 'X').split('\n')).toHaveLength(4);
  });

  it('pemBlocks takes every block with that label, in order, ignoring white space and other labels', () => {
    const a = derToPem(Uint8Array.of(0x30, 1, 2), 'CERTIFICATE');
    const b = derToPem(Uint8Array.of(0x30, 3), 'CERTIFICATE').replace(/\n/g, '\r\n  ');
    const key = derToPem(Uint8Array.of(9), 'PRIVATE KEY');
    expect(pemBlocks(`junk\n${a}${key}${b}`, 'CERTIFICATE')).toEqual([Uint8Array.of(0x30, 1, 2), Uint8Array.of(0x30, 3)]);
    expect(pemBlocks(a, 'PRIVATE KEY')).toEqual([]);
  });

  it('certificatesFromFile: DER as is, PEM by its blocks', () => {
    const cert = Uint8Array.of(0x30, 0x03, 1, 2, 3);
    expect(certificatesFromFile(cert)).toEqual([cert]);
    const pem = new TextEncoder().encode(derToPem(cert, 'CERTIFICATE') + derToPem(cert, 'CERTIFICATE'));
    expect(certificatesFromFile(pem)).toEqual([cert, cert]);
    expect(certificatesFromFile(new TextEncoder().encode('not a certificate'))).toEqual([]);
  });
});
