import { describe, expect, it } from 'vitest';
import { des3Decryptor, des3Encryptor, legacyDecrypt, rc2Decryptor, rc2Encryptor } from '../../../core/signers/legacy-ciphers.js';
import { openssl } from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('RC2 (RFC 2268 §5 test vectors)', () => {
  it.each([
    ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
    ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
    ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
    ['88', 64, '0000000000000000', '61a8a244adacccf0'],
    ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
    ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
    ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  ])('key %s, %i bits', (key, bits, pt, ct) => {
    const out = new Uint8Array(8);
    rc2Encryptor(hex(key), bits)(hex(pt), out);
    expect(toHex(out)).toBe(ct);
    rc2Decryptor(hex(key), bits)(hex(ct), out);
    expect(toHex(out)).toBe(pt);
  });
});

describe('3DES', () => {
  it('matches the classic DES vector with K1=K2=K3', () => {
    // FIPS 81 / common vector: key 133457799BBCDFF1, pt 0123456789ABCDEF → 85E813540F0AB405
    const k = hex('133457799bbcdff1'.repeat(3));
    const out = new Uint8Array(8);
    des3Encryptor(k)(hex('0123456789abcdef'), out);
    expect(toHex(out)).toBe('85e813540f0ab405');
    des3Decryptor(k)(out, out);
    expect(toHex(out)).toBe('0123456789abcdef');
  });

  it.skipIf(skipWithout('openssl'))('decrypts what openssl des-ede3-cbc encrypts', () => {
    assertTools('openssl');
    const key = crypto.getRandomValues(new Uint8Array(24));
    const iv = crypto.getRandomValues(new Uint8Array(8));
    const pt = crypto.getRandomValues(new Uint8Array(53));
    const r = openssl(['enc', '-des-ede3-cbc', '-K', toHex(key), '-iv', toHex(iv), '-e', '-a', '-A'], pt);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ct = new Uint8Array(Buffer.from(r.stdout.trim(), 'base64'));
    expect(toHex(legacyDecrypt('des-ede3-cbc', key, iv, ct))).toBe(toHex(pt));
  });
});

describe('legacyDecrypt', () => {
  it('rejects bad padding (wrong key)', () => {
    const key = crypto.getRandomValues(new Uint8Array(24));
    expect(() => legacyDecrypt('des-ede3-cbc', key, new Uint8Array(8), new Uint8Array(16))).toThrow();
  });
});
