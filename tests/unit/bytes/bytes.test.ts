import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesEqual, compareBytes, concatBytes, startsWith } from '../../../core/bytes/concat.js';
import { fromHex, toHex } from '../../../core/bytes/hex.js';
import { digest, sha1, sha256, sha256Hex } from '../../../core/bytes/sha.js';
import { DIGEST_OIDS, digestByOid, digestNameOfOid } from '../../../core/crypto/digest-oids.js';
import { OID } from '../../../core/asn1/oids.js';

const enc = (s: string) => new TextEncoder().encode(s);
const node = (alg: string, b: Uint8Array) => createHash(alg).update(b).digest('hex');

describe('core/bytes: hex', () => {
  it('round-trips every byte value, lowercase out, either case in', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toHex(all)).toBe(Buffer.from(all).toString('hex'));
    expect(fromHex(toHex(all))).toEqual(all);
    expect(fromHex('00FFaB')).toEqual(Uint8Array.of(0, 255, 171));
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('refuses odd lengths and non-hex characters instead of guessing', () => {
    for (const bad of ['abc', '0g', ' 00', '0x00', '-1']) expect(() => fromHex(bad)).toThrow(RangeError);
  });
});

describe('core/bytes: concat and comparison', () => {
  it('concatenates in order, including empty parts', () => {
    expect(concatBytes([Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)])).toEqual(Uint8Array.of(1, 2, 3));
    expect(concatBytes([])).toEqual(new Uint8Array(0));
  });

  it('equality needs the same length and the same bytes', () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it('prefix test and the DER SET OF order (bytewise, shorter prefix first)', () => {
    expect(startsWith(enc('%PDF-1.7'), enc('%PDF-'))).toBe(true);
    expect(startsWith(enc('%PD'), enc('%PDF-'))).toBe(false);
    expect(startsWith(enc('%PDX-'), enc('%PDF-'))).toBe(false);
    const sorted = [Uint8Array.of(2), Uint8Array.of(1, 5), Uint8Array.of(1), Uint8Array.of(1, 0xff)].sort(compareBytes);
    expect(sorted.map((b) => toHex(b))).toEqual(['01', '0105', '01ff', '02']);
  });
});

describe('core/bytes: SHA over WebCrypto agrees with OpenSSL (node:crypto)', () => {
  const inputs = [new Uint8Array(0), enc('abc'), Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 255)];

  it('sha1, sha256, sha256Hex and digest(name)', async () => {
    for (const b of inputs) {
      expect(toHex(await sha1(b))).toBe(node('sha1', b));
      expect(toHex(await sha256(b))).toBe(node('sha256', b));
      expect(await sha256Hex(b)).toBe(node('sha256', b));
      expect(toHex(await digest('SHA-384', b))).toBe(node('sha384', b));
      expect(toHex(await digest('SHA-512', b))).toBe(node('sha512', b));
    }
    expect(await sha256Hex(enc('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes only the view, not the whole underlying buffer', async () => {
    const big = enc('xxabcxx');
    expect(await sha256Hex(big.subarray(2, 5))).toBe(node('sha256', enc('abc')));
  });
});

describe('core/crypto: digests by OID', () => {
  it('names the four WebCrypto digests by their OIDs and nothing else', async () => {
    expect(DIGEST_OIDS).toEqual({ [OID.sha1]: 'SHA-1', [OID.sha256]: 'SHA-256', [OID.sha384]: 'SHA-384', [OID.sha512]: 'SHA-512' });
    expect(digestNameOfOid('2.16.840.1.101.3.4.2.1')).toBe('SHA-256');
    expect(digestNameOfOid('2.16.840.1.101.3.4.2.8')).toBeUndefined(); // SHA3-256: not in WebCrypto
    expect(digestNameOfOid('toString')).toBeUndefined(); // no prototype keys
    expect(toHex((await digestByOid(OID.sha384, enc('abc'))) as Uint8Array)).toBe(node('sha384', enc('abc')));
    expect(await digestByOid('1.2.840.113549.2.5', enc('abc'))).toBeUndefined(); // MD5
  });
});
