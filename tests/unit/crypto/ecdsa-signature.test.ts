import { describe, expect, it } from 'vitest';
import { ecdsaDerToRaw, ecdsaRawToDer } from '../../../core/crypto/ecdsa-signature.js';
import { isSaoyError } from '../../../core/errors.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const r32 = (first: string, fill = '11'): string => first + fill.repeat(32 - first.length / 2);

describe('ECDSA raw r||s → DER ECDSA-Sig-Value', () => {
  it('plain values: no padding', () => {
    const raw = hex(r32('7f') + r32('01'));
    expect(toHex(ecdsaRawToDer(raw))).toBe('3044' + '0220' + r32('7f') + '0220' + r32('01'));
  });

  it('high bit set: a leading 0x00 keeps the INTEGER positive', () => {
    const raw = hex(r32('80') + r32('ff'));
    expect(toHex(ecdsaRawToDer(raw))).toBe('3046' + '022100' + r32('80') + '022100' + r32('ff'));
  });

  it('leading zero bytes are stripped (minimal encoding)', () => {
    const r = '0000' + '7a'.repeat(30);
    const s = '00' + '90'.repeat(31); // after stripping, the high bit is set again: one 0x00 back
    expect(toHex(ecdsaRawToDer(hex(r + s)))).toBe('3042' + '021e' + '7a'.repeat(30) + '022000' + '90'.repeat(31));
  });

  it('zero is encoded as INTEGER 0', () => {
    expect(toHex(ecdsaRawToDer(new Uint8Array(64)))).toBe('3006020100020100');
  });

  it('round-trips random signatures', () => {
    for (let i = 0; i < 500; i++) {
      const raw = crypto.getRandomValues(new Uint8Array(64));
      if (i % 5 === 0) raw.fill(0, 0, (i % 4) + 1);
      if (i % 7 === 0) raw.fill(0, 32, 32 + (i % 3) + 1);
      expect(ecdsaDerToRaw(ecdsaRawToDer(raw), 32)).toEqual(raw);
    }
  });

  it('rejects odd-length raw input', () => {
    expect(() => ecdsaRawToDer(new Uint8Array(63))).toThrow();
  });

  it.each([
    ['not a sequence', '0400'],
    ['one integer', '3003020101'],
    ['negative integer', '3006020180020101'],
    ['too long', '3026' + '022100' + '11'.repeat(33) + '020101'],
    ['trailing data', '300602010102010100'],
  ])('DER → raw rejects %s', (_n, h) => {
    try {
      ecdsaDerToRaw(hex(h), 32);
      expect.unreachable();
    } catch (e) {
      expect(isSaoyError(e) && e.code).toBe('ECDSA_SIGNATURE_INVALID');
    }
  });
});
