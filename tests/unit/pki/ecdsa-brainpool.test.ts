/**
 * The brainpool ECDSA verifier on its own (issue 14), against signatures made by Node's OpenSSL on all three
 * curves: valid and changed signatures, digests longer and shorter than the group order, the range of r and s,
 * and keys it cannot use.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BRAINPOOL, verifyBrainpool } from '../../../core/pki/ecdsa-brainpool.js';

const CURVES = [
  ['brainpoolP256r1', '1.3.36.3.3.2.8.1.1.7', 32],
  ['brainpoolP384r1', '1.3.36.3.3.2.8.1.1.11', 48],
  ['brainpoolP512r1', '1.3.36.3.3.2.8.1.1.13', 64],
] as const;

const big = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);

function keyOf(curve: string): { privateKey: KeyObject; point: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  // The uncompressed point ends the SubjectPublicKeyInfo (JWK has no brainpool curves).
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const size = CURVES.find(([name]) => name === curve)?.[2] as number;
  return { privateKey, point: spki.slice(spki.length - 1 - 2 * size) };
}

/** r and s of an ECDSA signature over `hash(message)` (OpenSSL truncates a long digest as SEC 1 says). */
function signRaw(privateKey: KeyObject, hash: string, message: Uint8Array, size: number): [bigint, bigint] {
  const raw = sign(hash, message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return [big(raw.subarray(0, size)), big(raw.subarray(size))];
}

describe('verifyBrainpool', () => {
  const message = new TextEncoder().encode('Chứng thực bản sao điện tử');
  for (const [curve, oid, size] of CURVES) {
    it(`${curve}: a signature verifies with SHA-1, SHA-256 and SHA-512 digests; a changed message or r or s does not`, () => {
      const { privateKey, point } = keyOf(curve);
      for (const hash of ['sha1', 'sha256', 'sha512']) {
        const [r, s] = signRaw(privateKey, hash, message, size);
        const digest = createHash(hash).update(message).digest();
        expect(verifyBrainpool(oid, point, digest, r, s), hash).toBe(true);
        expect(verifyBrainpool(oid, point, createHash(hash).update('khác').digest(), r, s), hash).toBe(false);
        expect(verifyBrainpool(oid, point, digest, r + 1n, s), hash).toBe(false);
        expect(verifyBrainpool(oid, point, digest, r, s + 1n), hash).toBe(false);
      }
    });
  }

  it('r and s outside 1..n-1 are not valid, without computing', () => {
    const [, oid, size] = CURVES[0];
    const { privateKey, point } = keyOf(CURVES[0][0]);
    const [r, s] = signRaw(privateKey, 'sha256', message, size);
    const digest = createHash('sha256').update(message).digest();
    const n = BRAINPOOL[oid].n;
    for (const [rr, ss] of [[0n, s], [r, 0n], [n, s], [r, n], [-r, s], [r + n, s], [r, s + n]]) expect(verifyBrainpool(oid, point, digest, rr, ss), `${rr} ${ss}`).toBe(false);
  });

  it('a key it cannot use is undefined: unknown curve, compressed point, wrong length, a point off the curve', () => {
    const [, oid, size] = CURVES[0];
    const { point } = keyOf(CURVES[0][0]);
    const digest = new Uint8Array(32);
    expect(verifyBrainpool('1.2.840.10045.3.1.7', point, digest, 1n, 1n)).toBeUndefined();
    expect(verifyBrainpool(oid, Uint8Array.from([2, ...point.subarray(1, 1 + size)]), digest, 1n, 1n)).toBeUndefined();
    expect(verifyBrainpool(oid, Uint8Array.from([3, ...point.subarray(1)]), digest, 1n, 1n)).toBeUndefined();
    expect(verifyBrainpool(oid, point.subarray(0, point.length - 1), digest, 1n, 1n)).toBeUndefined();
    const off = point.slice();
    off[off.length - 1] ^= 1;
    expect(verifyBrainpool(oid, off, digest, 1n, 1n)).toBeUndefined();
  });
});
