import { describe, expect, it } from 'vitest';
import { sha1Sync as sha1, sha256Sync as sha256 } from '../../../core/crypto/sha-sync.js';
import { bmpPassword, pkcs12Kdf } from '../../../core/signers/pkcs12-kdf.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('sync SHA-1 / SHA-256 agree with WebCrypto', () => {
  it('on every length 0..300 and some large inputs', async () => {
    const lengths = [...Array.from({ length: 301 }, (_, i) => i), 4095, 65536];
    for (const n of lengths) {
      const data = crypto.getRandomValues(new Uint8Array(n));
      expect(hex(sha256(data))).toBe(hex(new Uint8Array(await crypto.subtle.digest('SHA-256', data))));
      expect(hex(sha1(data))).toBe(hex(new Uint8Array(await crypto.subtle.digest('SHA-1', data))));
    }
  });

  it('known answers', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});

describe('PKCS#12 KDF', () => {
  it('is fast enough for high iteration counts', async () => {
    const t = performance.now();
    await pkcs12Kdf('SHA-256', bmpPassword('x'), new Uint8Array(8), 3, 100_000, 32);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('SHA-512 (WebCrypto path) gives 64 bytes that depend on the purpose', async () => {
    const a = await pkcs12Kdf('SHA-512', bmpPassword('x'), new Uint8Array(8), 1, 10, 64);
    const b = await pkcs12Kdf('SHA-512', bmpPassword('x'), new Uint8Array(8), 2, 10, 64);
    expect(a).toHaveLength(64);
    expect(hex(a)).not.toBe(hex(b));
  });
});
