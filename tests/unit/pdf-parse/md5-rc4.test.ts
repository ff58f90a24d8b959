/** The MD5 and RC4 the standard security handler needs: against node:crypto (MD5) and published vectors (RC4). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5, rc4 } from '../../../core/crypto/md5-rc4.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('md5', () => {
  it.each([0, 1, 3, 55, 56, 63, 64, 65, 119, 1000, 100_000])('matches node:crypto on %i bytes', (n) => {
    const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);
    expect(hex(md5(data))).toBe(createHash('md5').update(data).digest('hex'));
  });
});

describe('rc4', () => {
  it.each([
    ['Key', 'Plaintext', 'bbf316e8d940af0ad3'],
    ['Wiki', 'pedia', '1021bf0420'],
    ['Secret', 'Attack at dawn', '45a01f645fc35b383552544b9bf5'],
  ])('key %s, plaintext %s', (key, text, expected) => {
    const out = rc4(Buffer.from(key), Buffer.from(text));
    expect(hex(out)).toBe(expected);
    expect(Buffer.from(rc4(Buffer.from(key), out)).toString()).toBe(text);
  });
});
