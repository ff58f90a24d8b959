/**
 * verifySignature's memos: the remembered positive results (found by an FNV hash, confirmed byte for byte) and the
 * imported keys (only when a many-file caller turns rememberAcrossFiles on), seen from outside by counting how often
 * the platform verifier and WebCrypto's importKey are asked. A wrong memo hit would be a forged signature accepted,
 * so the collisions and the caller-owned arrays are tested with inputs whose 32-bit FNV-1a hashes are equal.
 * The eviction test runs first: it counts entries from an empty memo (each test file has its own module instance).
 */
import { createPrivateKey, constants, sign } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rememberAcrossFiles } from '../../../core/pki/bytes-memo.js';
import { certificateParts, type CertificateParts } from '../../../core/pki/cert-parts.js';
import { type PlatformVerifier, usePlatformVerifier, verifySignature } from '../../../core/pki/verify-signature.js';
import { algorithmIdentifier, oid, tlv } from '../../../core/asn1/der.js';
import { OID } from '../../../core/asn1/oids.js';
import { makeRoot } from '../../helpers/pki-pool.js';

const SHA256_RSA = { oid: '1.2.840.113549.1.1.11' };
const enc = (s: string) => new TextEncoder().encode(s);
// Two inputs of the same length with the same FNV-1a 32-bit hash (2702621099), found by a birthday search.
const C1 = 'saoy memo 00005pvu';
const C2 = 'saoy memo 0000c3ea';

describe('verifySignature memos', () => {
  let rsa: CertificateParts;
  let priv: ReturnType<typeof createPrivateKey>;
  const sig256 = new Uint8Array(256).fill(0x5a); // the modulus length; only the fake platform verifier reads it

  beforeAll(async () => {
    const root = await makeRoot();
    rsa = certificateParts(root.certificate);
    priv = createPrivateKey({ key: Buffer.from(await crypto.subtle.exportKey('pkcs8', root.keys.privateKey)), format: 'der', type: 'pkcs8' });
  });

  afterEach(() => {
    usePlatformVerifier(undefined);
    rememberAcrossFiles(false);
    vi.restoreAllMocks();
  });

  /** A platform verifier that answers `answer.value` and counts its calls. */
  function fakeVerifier(answer: { value: boolean | undefined }) {
    const fake = vi.fn<PlatformVerifier>(() => answer.value);
    usePlatformVerifier(fake);
    return fake;
  }

  it('holds 2000 entries, drops the oldest hash bucket (both entries of a colliding pair) when full', async () => {
    const fake = fakeVerifier({ value: true });
    const check = async (s: string) => (await verifySignature(rsa, SHA256_RSA, enc(s), sig256)).valid;
    // Entries 1 and 2 share a bucket; fillers 2..1999 bring the count to 2000.
    expect(await check(C1)).toBe(true);
    expect(await check(C2)).toBe(true);
    for (let i = 2; i < 2000; i++) await check(`filler ${i}`);
    expect(fake).toHaveBeenCalledTimes(2000);
    expect(await check(C1)).toBe(true); // still remembered
    expect(fake).toHaveBeenCalledTimes(2000);
    // The 2001st entry evicts the oldest bucket: C1 and C2 together (the count goes down by 2, to 1999 after it).
    await check('filler 2000');
    expect(fake).toHaveBeenCalledTimes(2001);
    await check(C1); // asked again, and remembered again: 2000 entries, no eviction
    expect(fake).toHaveBeenCalledTimes(2002);
    await check('filler 2'); // the oldest remaining filler is still there
    expect(fake).toHaveBeenCalledTimes(2002);
  });

  it('a colliding hash with different bytes is a miss, never the remembered answer', async () => {
    const s1 = new Uint8Array(sign('sha256', enc(C1), priv));
    expect(await verifySignature(rsa, SHA256_RSA, enc(C1), s1)).toEqual({ valid: true, scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
    expect(await verifySignature(rsa, SHA256_RSA, enc(C2), s1)).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
  });

  it('keeps private copies: the caller overwriting its array with colliding bytes does not make them verify', async () => {
    const s = new Uint8Array(sign('sha256', enc(C2), priv));
    const buf = enc(C2);
    expect((await verifySignature(rsa, SHA256_RSA, buf, s)).valid).toBe(true);
    buf.set(enc(C1));
    expect((await verifySignature(rsa, SHA256_RSA, buf, s)).valid).toBe(false);
    expect((await verifySignature(rsa, SHA256_RSA, enc(C2), s)).valid).toBe(true);
  });

  it('remembers good answers only, for equal bytes in new arrays; the platform verifier gets the scheme and hash', async () => {
    const answer: { value: boolean | undefined } = { value: false };
    const fake = fakeVerifier(answer);
    const a = enc('memo answer A');
    expect(await verifySignature(rsa, SHA256_RSA, a, sig256)).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
    expect(fake).toHaveBeenCalledWith({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, rsa.spki, a, sig256);
    answer.value = true;
    expect(await verifySignature(rsa, SHA256_RSA, a, sig256)).toEqual({ valid: true, scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
    expect(fake).toHaveBeenCalledTimes(2); // the "no" was not remembered
    answer.value = false;
    expect((await verifySignature(rsa, SHA256_RSA, enc('memo answer A'), sig256)).valid).toBe(true);
    expect((await verifySignature(rsa, SHA256_RSA, enc('memo answer B'), sig256)).valid).toBe(false);
    answer.value = true;
    expect((await verifySignature(rsa, SHA256_RSA, enc('memo answer B'), sig256)).valid).toBe(true);
    expect((await verifySignature(rsa, SHA256_RSA, a, sig256)).valid).toBe(true);
    expect((await verifySignature(rsa, SHA256_RSA, enc('memo answer B'), sig256)).valid).toBe(true);
    expect(fake).toHaveBeenCalledTimes(4);
    // The platform's "undefined" leaves the check to WebCrypto, which rejects this made-up signature.
    answer.value = undefined;
    expect((await verifySignature(rsa, SHA256_RSA, enc('memo answer C'), sig256)).valid).toBe(false);
  });

  it('remembers data up to 64 KiB, not above; a signature of the wrong length never reaches the platform verifier', async () => {
    const fake = fakeVerifier({ value: true });
    const at = new Uint8Array(64 * 1024).fill(1);
    const over = new Uint8Array(64 * 1024 + 1).fill(1);
    for (let i = 0; i < 2; i++) await verifySignature(rsa, SHA256_RSA, at, sig256);
    expect(fake).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 2; i++) await verifySignature(rsa, SHA256_RSA, over, sig256);
    expect(fake).toHaveBeenCalledTimes(3);
    const long = new Uint8Array(257).fill(0x5a);
    expect(await verifySignature(rsa, SHA256_RSA, enc('memo wrong length'), long)).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
    expect(fake).toHaveBeenCalledTimes(3);
  });

  it('a platform without the algorithm (NotSupportedError) is UNSUPPORTED_; any other failure is SIGNATURE_CHECK_FAILED', async () => {
    const spy = vi.spyOn(crypto.subtle, 'importKey');
    const check = () => verifySignature(rsa, SHA256_RSA, enc('memo failures'), sig256);
    spy.mockRejectedValueOnce(new DOMException('no such thing here', 'NotSupportedError'));
    expect(await check()).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', problem: 'UNSUPPORTED_SIGNATURE_ALGORITHM: RSASSA-PKCS1-v1_5 (no such thing here)' });
    spy.mockRejectedValueOnce(new Error('boom'));
    expect(await check()).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', problem: 'SIGNATURE_CHECK_FAILED: boom' });
    spy.mockRejectedValueOnce({ name: 'NotSupportedError', message: 'not an Error' });
    expect(await check()).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', problem: 'SIGNATURE_CHECK_FAILED: [object Object]' });
    spy.mockRejectedValueOnce('plain text');
    expect(await check()).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', problem: 'SIGNATURE_CHECK_FAILED: plain text' });
  });

  it('across files: imports a key once per algorithm and hash, never extractable; a refused import is asked again', async () => {
    rememberAcrossFiles(true);
    const spy = vi.spyOn(crypto.subtle, 'importKey');
    const pss = (d: Uint8Array) => new Uint8Array(sign('sha256', d, { key: priv, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 }));
    // RSASSA-PSS-params: [0] SHA-256, [1] MGF1 with SHA-256, default salt 20.
    const pssParams = tlv(0x30, tlv(0xa0, algorithmIdentifier(OID.sha256)), tlv(0xa1, tlv(0x30, oid(OID.mgf1), algorithmIdentifier(OID.sha256))));
    for (const text of ['memo import 1', 'memo import 2']) {
      const d = enc(text);
      expect((await verifySignature(rsa, { oid: '1.2.840.113549.1.1.5' }, d, new Uint8Array(sign('sha1', d, priv)))).valid).toBe(true);
      expect((await verifySignature(rsa, SHA256_RSA, d, new Uint8Array(sign('sha256', d, priv)))).valid).toBe(true);
      expect((await verifySignature(rsa, { oid: OID.rsassaPss, parameters: pssParams }, d, pss(d)))).toEqual({ valid: true, scheme: 'RSA-PSS', hash: 'SHA-256' });
    }
    expect(spy).toHaveBeenCalledTimes(3);
    expect(spy.mock.calls.map((c) => [c[2], c[3]])).toEqual([
      [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false],
      [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false],
      [{ name: 'RSA-PSS', hash: 'SHA-256' }, false],
    ]);
    const d = enc('memo import 3');
    const s384 = new Uint8Array(sign('sha384', d, priv));
    spy.mockRejectedValueOnce(new Error('transient'));
    expect((await verifySignature(rsa, { oid: '1.2.840.113549.1.1.12' }, d, s384)).problem).toBe('SIGNATURE_CHECK_FAILED: transient');
    expect(await verifySignature(rsa, { oid: '1.2.840.113549.1.1.12' }, d, s384)).toEqual({ valid: true, scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' });
  });
});
