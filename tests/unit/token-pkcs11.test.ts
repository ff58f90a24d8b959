/**
 * The PKCS#11 layer of the native host against a real PKCS#11 module (SoftHSM2, keys made by OpenSC's
 * pkcs11-tool), each signature checked with an independent verifier (openssl) — and the failures SoftHSM2
 * cannot produce (token pulled mid-sign, PIN counters) through a fake module standing in for the binding.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCertificates, listTokens, type Pkcs11Api, signDigest } from '../../native-host/pkcs11.js';
import { TokenFailure } from '../../native-host/errors.js';
import { derToPem } from '../../core/pki/pem.js';
import { makeTestToken, type TestToken, TOKEN_TOOLS } from '../helpers/token.js';
import { assertTools, run, skipWithout } from '../helpers/tools.js';
import { ecdsaRawToDer } from '../../core/crypto/ecdsa-signature.js';

describe.skipIf(skipWithout(...TOKEN_TOOLS, 'openssl'))('PKCS#11 operations on a SoftHSM2 token', () => {
  let token: TestToken;
  const data = new TextEncoder().encode('signed attributes stand-in');
  const digest = new Uint8Array(createHash('sha256').update(data).digest());

  beforeAll(async () => {
    assertTools(...TOKEN_TOOLS, 'openssl');
    token = await makeTestToken();
    process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  });
  afterAll(() => token?.remove());

  const opensslVerifies = (cert: Uint8Array, signature: Uint8Array): boolean => {
    const certPem = join(token.dir, 'v-cert.pem');
    writeFileSync(certPem, derToPem(cert, 'CERTIFICATE'));
    const pub = join(token.dir, 'v-pub.pem');
    run('openssl', ['x509', '-in', certPem, '-pubkey', '-noout', '-out', pub]);
    writeFileSync(join(token.dir, 'v-data'), data);
    writeFileSync(join(token.dir, 'v-sig'), signature);
    return run('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', join(token.dir, 'v-sig'), join(token.dir, 'v-data')]).status === 0;
  };

  it('lists the token and its certificates, and the key that has none', () => {
    const tokens = listTokens(token.module);
    expect(tokens.map((t) => t.label)).toEqual([token.label]);
    expect(tokens[0].serial).toMatch(/^[0-9a-f]+$/);
    const listing = listCertificates(token.module, { label: token.label });
    expect(listing.certificates.map((c) => [c.keyId, c.label, c.hasKey])).toEqual(
      expect.arrayContaining([['01', 'certifier-rsa', true], ['02', 'certifier-ec', true]]),
    );
    expect(Buffer.from(listing.certificates.find((c) => c.keyId === '01')!.der, 'base64')).toEqual(Buffer.from(token.rsa.certificate));
    expect(listing.keysWithoutCertificate).toEqual([{ keyId: '09', label: 'no-cert' }]);
  });

  it('RSA PKCS#1 v1.5 over a SHA-256 digest: openssl verifies it over the data', () => {
    const sig = signDigest(token.module, { token: { label: token.label }, keyId: '01', algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', digest, pin: token.pin });
    expect(sig.length).toBe(256);
    expect(opensslVerifies(token.rsa.certificate, sig)).toBe(true);
    const other = signDigest(token.module, { token: { label: token.label }, keyId: '01', algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', digest: digest.map((b) => b ^ 1), pin: token.pin });
    expect(opensslVerifies(token.rsa.certificate, other)).toBe(false);
  });

  it('ECDSA P-256: raw r||s from the token, DER-encoded, verifies with openssl', () => {
    const raw = signDigest(token.module, { token: { label: token.label }, keyId: '02', algorithm: 'ECDSA-P256', hash: 'SHA-256', digest, pin: token.pin });
    expect(raw.length).toBe(64);
    expect(opensslVerifies(token.ec.certificate, ecdsaRawToDer(raw))).toBe(true);
  });

  const failure = (f: () => unknown): TokenFailure => {
    try {
      f();
    } catch (e) {
      if (e instanceof TokenFailure) return e;
      throw e;
    }
    throw new Error('expected a TokenFailure');
  };

  it('wrong PIN → PIN_INCORRECT, and the PIN is nowhere in the message', () => {
    const f = failure(() => signDigest(token.module, { token: { label: token.label }, keyId: '01', algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', digest, pin: '999111' }));
    expect(f.code).toBe('PIN_INCORRECT');
    expect(f.extra.ckr).toBe('CKR_PIN_INCORRECT');
    expect(JSON.stringify(f.body())).not.toContain('999111');
  });

  it('key without certificate, unknown key, wrong algorithm, unknown token, unloadable module', () => {
    const base = { token: { label: token.label }, hash: 'SHA-256' as const, digest, pin: token.pin };
    expect(failure(() => signDigest(token.module, { ...base, keyId: '09', algorithm: 'RSASSA-PKCS1-v1_5' })).code).toBe('KEY_WITHOUT_CERTIFICATE');
    expect(failure(() => signDigest(token.module, { ...base, keyId: '7f', algorithm: 'RSASSA-PKCS1-v1_5' })).code).toBe('KEY_NOT_FOUND');
    expect(failure(() => signDigest(token.module, { ...base, keyId: '01', algorithm: 'ECDSA-P256' })).code).toBe('ALGORITHM_MISMATCH');
    expect(failure(() => signDigest(token.module, { ...base, token: { label: 'other' }, keyId: '01', algorithm: 'RSASSA-PKCS1-v1_5' })).code).toBe('TOKEN_NOT_FOUND');
    expect(failure(() => listTokens(join(token.dir, 'root.pem'))).code).toBe('MODULE_LOAD_FAILED');
  });
});

/** A module whose token misbehaves the way real tokens do; everything else answers like a healthy token. */
function fakeModule(behaviour: { loginError?: string; tokenFlags?: number; signError?: string; noSlots?: boolean }): { api: Pkcs11Api; finalized: () => boolean } {
  let finalized = false;
  const ckr = (name: string, code: number) => Object.assign(new Error(name), { code });
  const codes: Record<string, number> = { CKR_PIN_INCORRECT: 0xa0, CKR_PIN_LOCKED: 0xa4, CKR_DEVICE_REMOVED: 0x32, CKR_FUNCTION_CANCELED: 0x50, CKR_GENERAL_ERROR: 0x5 };
  const b = (s: string) => Buffer.from(s);
  const api: Pkcs11Api = {
    load: () => undefined,
    close: () => undefined,
    C_Initialize: () => undefined,
    C_Finalize: () => {
      finalized = true;
    },
    C_GetSlotList: () => (behaviour.noSlots ? [] : [b('s')]),
    C_GetTokenInfo: () => ({ label: 'fake'.padEnd(32), serialNumber: '42'.padEnd(16), manufacturerID: 'x', model: 'y', flags: 0x400 | (behaviour.tokenFlags ?? 0) }),
    C_OpenSession: () => b('session'),
    C_CloseSession: () => undefined,
    C_Login: () => {
      if (behaviour.loginError) throw ckr(behaviour.loginError, codes[behaviour.loginError]);
    },
    C_Logout: () => undefined,
    C_CloseAllSessions: () => undefined,
    C_FindObjectsInit: () => undefined,
    C_FindObjects: (() => {
      let odd = false;
      return () => ((odd = !odd) ? [b('object')] : []);
    })(),
    C_FindObjectsFinal: () => undefined,
    C_GetAttributeValue: (_s, _o, t) => t.map(({ type }) => ({ type, value: Buffer.alloc(8) })), // CKK_RSA = 0
    C_SignInit: () => undefined,
    C_Sign: () => {
      if (behaviour.signError) throw ckr(behaviour.signError, codes[behaviour.signError]);
      return Buffer.alloc(256, 1);
    },
  };
  return { api, finalized: () => finalized };
}

describe('PKCS#11 failures mapped to codes (fake module)', () => {
  const input = { token: { label: 'fake' }, keyId: '01', algorithm: 'RSASSA-PKCS1-v1_5' as const, hash: 'SHA-256' as const, digest: new Uint8Array(32), pin: '1234' };
  const fail = (behaviour: Parameters<typeof fakeModule>[0]): { f: TokenFailure; finalized: boolean } => {
    const m = fakeModule(behaviour);
    try {
      signDigest('/fake.so', input, () => m.api);
    } catch (e) {
      if (e instanceof TokenFailure) return { f: e, finalized: m.finalized() };
      throw e;
    }
    throw new Error('expected a failure');
  };

  it('the healthy fake signs (so the failures below come from the behaviour, not the fake)', () => {
    expect(signDigest('/fake.so', input, () => fakeModule({}).api)).toEqual(new Uint8Array(256).fill(1));
  });
  it('wrong PIN with CKF_USER_PIN_COUNT_LOW → few tries; with CKF_USER_PIN_FINAL_TRY → one', () => {
    expect(fail({ loginError: 'CKR_PIN_INCORRECT', tokenFlags: 0x10000 }).f.extra.triesLeft).toBe('few');
    expect(fail({ loginError: 'CKR_PIN_INCORRECT', tokenFlags: 0x30000 }).f.extra.triesLeft).toBe('one');
    expect(fail({ loginError: 'CKR_PIN_INCORRECT' }).f.extra.triesLeft).toBe('unknown');
  });
  it('wrong PIN that locks the token → PIN_LOCKED; CKR_PIN_LOCKED → PIN_LOCKED', () => {
    expect(fail({ loginError: 'CKR_PIN_INCORRECT', tokenFlags: 0x40000 }).f.code).toBe('PIN_LOCKED');
    expect(fail({ loginError: 'CKR_PIN_LOCKED' }).f.code).toBe('PIN_LOCKED');
  });
  it('token pulled out during C_Sign → TOKEN_REMOVED, and the module is still finalized', () => {
    const { f, finalized } = fail({ signError: 'CKR_DEVICE_REMOVED' });
    expect(f.code).toBe('TOKEN_REMOVED');
    expect(finalized).toBe(true);
  });
  it('cancelled on a PIN pad → CANCELLED; an unknown CKR → TOKEN_ERROR naming it', () => {
    expect(fail({ loginError: 'CKR_FUNCTION_CANCELED' }).f.code).toBe('CANCELLED');
    const other = fail({ signError: 'CKR_GENERAL_ERROR' }).f;
    expect(other.code).toBe('TOKEN_ERROR');
    expect(other.message).toContain('CKR_GENERAL_ERROR');
  });
  it('no token in any slot → NO_TOKEN', () => {
    expect(fail({ noSlots: true }).f.code).toBe('NO_TOKEN');
  });
});
