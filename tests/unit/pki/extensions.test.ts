/**
 * Certificate extensions read byte by byte (issue 14: core/pki/extensions.ts was reached only through whole
 * certificates): the critical flag, a missing or wrong value, duplicates, the key identifiers, and whether the
 * issuer publishes revocation data.
 */
import { describe, expect, it } from 'vitest';
import { octetString, oid, seq, tlv, TAG } from '../../../core/asn1/der.js';
import { authorityKeyIdentifier, EXT, publishesRevocation, readExtensionMap, subjectKeyIdentifier } from '../../../core/pki/extensions.js';

const bool = (v: boolean) => Uint8Array.of(TAG.BOOLEAN, 1, v ? 0xff : 0);
const ext = (id: string, value: Uint8Array, critical?: boolean) => seq(oid(id), ...(critical === undefined ? [] : [bool(critical)]), octetString(value));
const map = (...exts: Uint8Array[]) => readExtensionMap(seq(...exts));

describe('readExtensionMap', () => {
  it('reads each extension with its critical flag (absent means false) and its value bytes', () => {
    const m = map(ext('2.5.29.15', Uint8Array.of(3, 2, 7, 0x80), true), ext('2.5.29.19', Uint8Array.of(0x30, 0), false), ext('1.2.3', Uint8Array.of(5)));
    expect([...m.keys()]).toEqual(['2.5.29.15', '2.5.29.19', '1.2.3']);
    expect(m.get('2.5.29.15')).toEqual({ critical: true, value: Uint8Array.of(3, 2, 7, 0x80) });
    expect(m.get('2.5.29.19')?.critical).toBe(false);
    expect(m.get('1.2.3')?.critical).toBe(false);
    expect(readExtensionMap(undefined).size).toBe(0);
  });

  it('a middle field that is not a BOOLEAN does not make the extension critical', () => {
    const m = map(seq(oid('1.2.3'), Uint8Array.of(TAG.INTEGER, 1, 1), octetString(Uint8Array.of(9))));
    expect(m.get('1.2.3')).toEqual({ critical: false, value: Uint8Array.of(9) });
  });

  it('an extension without a value, or whose value is not an OCTET STRING, is an ASN.1 error', () => {
    expect(() => map(seq(oid('1.2.3')))).toThrow(/extension without a value/);
    expect(() => map(seq(oid('1.2.3'), bool(true)))).toThrow(/extension without a value/);
    expect(() => map(seq(oid('1.2.3'), Uint8Array.of(TAG.INTEGER, 1, 1)))).toThrow(/extension without a value/);
  });

  it('the same extension twice is invalid, and says which', () => {
    expect(() => map(ext('2.5.29.19', Uint8Array.of(0x30, 0)), ext('2.5.29.19', Uint8Array.of(0x30, 0)))).toThrow('duplicate extension 2.5.29.19');
  });
});

describe('key identifiers and revocation publishing', () => {
  it('subjectKeyIdentifier is the inner OCTET STRING; authorityKeyIdentifier its [0] keyIdentifier only', () => {
    const m = map(
      ext(EXT.subjectKeyIdentifier, octetString(Uint8Array.of(1, 2, 3))),
      ext(EXT.authorityKeyIdentifier, seq(tlv(0xa1, Uint8Array.of(9)), tlv(0x80, Uint8Array.of(4, 5)))),
    );
    expect(subjectKeyIdentifier(m)).toEqual(Uint8Array.of(1, 2, 3));
    expect(authorityKeyIdentifier(m)).toEqual(Uint8Array.of(4, 5));
    expect(authorityKeyIdentifier(map(ext(EXT.authorityKeyIdentifier, seq(tlv(0x82, Uint8Array.of(1))))))).toBeUndefined();
    expect(subjectKeyIdentifier(new Map())).toBeUndefined();
    expect(authorityKeyIdentifier(new Map())).toBeUndefined();
  });

  it('publishesRevocation: CRL distribution points, or an OCSP access method; caIssuers alone is not revocation data', () => {
    const access = (method: string) => seq(oid(method), tlv(0x86, new TextEncoder().encode('http://x')));
    expect(publishesRevocation(map(ext(EXT.crlDistributionPoints, seq())))).toBe(true);
    expect(publishesRevocation(map(ext(EXT.authorityInfoAccess, seq(access('1.3.6.1.5.5.7.48.2'), access('1.3.6.1.5.5.7.48.1')))))).toBe(true);
    expect(publishesRevocation(map(ext(EXT.authorityInfoAccess, seq(access('1.3.6.1.5.5.7.48.2')))))).toBe(false);
    expect(publishesRevocation(map(ext(EXT.authorityInfoAccess, seq())))).toBe(false);
    expect(publishesRevocation(new Map())).toBe(false);
  });
});
