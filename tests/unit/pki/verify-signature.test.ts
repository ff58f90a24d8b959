/**
 * verifySignature across every scheme it claims, with keys and self-signed certificates from node:crypto and
 * openssl (real tools), signatures made by node:crypto: a valid signature verifies, a changed byte does not, a key
 * of the wrong type is KEY_ALGORITHM_MISMATCH, and what this platform cannot check is UNSUPPORTED_ (indeterminate),
 * never a plain "bad signature".
 */
import { constants, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { algorithmIdentifier, oid, smallInteger, tlv } from '../../../core/asn1/der.js';
import { OID } from '../../../core/asn1/oids.js';
import { certificateParts, type CertificateParts } from '../../../core/pki/cert-parts.js';
import { isUnsupported, keyAlgorithmName, verifySignature } from '../../../core/pki/verify-signature.js';
import { makeTempDir, openssl } from '../../helpers/pki.js';
import { pooledKeyPair } from '../../helpers/pki-pool.js';

const SEQ = 0x30;
const data = new TextEncoder().encode('saoy: dữ liệu được ký (TEST)');
const flip = (b: Uint8Array, i = b.length - 1) => {
  const c = Uint8Array.from(b);
  c[i] ^= 0x01;
  return c;
};

interface Key {
  parts: CertificateParts;
  priv: KeyObject;
}

describe('verifySignature', () => {
  const tmp = makeTempDir('saoy-vsig-');
  const keys: Record<string, Key> = {};

  async function certify(name: string, priv: KeyObject): Promise<Key> {
    const keyFile = join(tmp.dir, `${name}.key`);
    writeFileSync(keyFile, priv.export({ type: 'pkcs8', format: 'pem' }));
    const out = join(tmp.dir, `${name}.der`);
    const r = openssl(['req', '-x509', '-new', '-key', keyFile, '-subj', `/CN=saoy TEST ${name}`, '-days', '2', '-outform', 'DER', '-out', out]);
    expect(r.status, r.stderr).toBe(0);
    return { parts: certificateParts(new Uint8Array(readFileSync(out))), priv };
  }

  beforeAll(async () => {
    const rsa = await pooledKeyPair('RSA-2048');
    const rsaPriv = createPrivateKey({ key: Buffer.from(await crypto.subtle.exportKey('pkcs8', rsa.privateKey)), format: 'der', type: 'pkcs8' });
    keys.rsa = await certify('rsa', rsaPriv);
    for (const [name, curve] of [['p256', 'P-256'], ['p384', 'P-384'], ['p521', 'P-521'], ['bp256', 'brainpoolP256r1']] as const) {
      keys[name] = await certify(name, generateKeyPairSync('ec', { namedCurve: curve }).privateKey);
    }
    keys.ed25519 = await certify('ed25519', generateKeyPairSync('ed25519').privateKey);
    keys.ed448 = await certify('ed448', generateKeyPairSync('ed448').privateKey);
  });
  afterAll(() => tmp.cleanup());

  it('names the key algorithms', () => {
    expect(keyAlgorithmName(keys.rsa.parts)).toBe('RSA-2048');
    expect(keyAlgorithmName(keys.p256.parts)).toBe('EC-P256');
    expect(keyAlgorithmName(keys.p384.parts)).toBe('EC-P384');
    expect(keyAlgorithmName(keys.p521.parts)).toBe('EC-P521');
    expect(keyAlgorithmName(keys.bp256.parts)).toBe('EC-brainpoolP256r1');
    expect(keyAlgorithmName(keys.ed25519.parts)).toBe('Ed25519');
    expect(keyAlgorithmName(keys.ed448.parts)).toBe('Ed448');
    expect(keyAlgorithmName({ ...keys.p256.parts, publicKeyCurve: '1.2.3.4' })).toBeUndefined();
    expect(keyAlgorithmName({ ...keys.p256.parts, publicKeyCurve: undefined })).toBeUndefined();
    expect(keyAlgorithmName({ ...keys.rsa.parts, publicKeyAlgorithm: '1.2.3.4' })).toBeUndefined();
    expect(keyAlgorithmName({ ...keys.rsa.parts, publicKey: Uint8Array.of(1, 2) })).toBeUndefined();
    // A curve parameter on a key that is not id-ecPublicKey does not make it an EC key.
    expect(keyAlgorithmName({ ...keys.p256.parts, publicKeyAlgorithm: '1.2.3.4' })).toBeUndefined();
    // The size counts the modulus without its leading zero bytes (even a non-minimal encoding with two), 0 for none.
    const rsaKey = (modulus: number[]) => tlv(SEQ, tlv(0x02, Uint8Array.from(modulus)), smallInteger(3));
    expect(keyAlgorithmName({ ...keys.rsa.parts, publicKey: rsaKey([0, 0, 1, 2]) })).toBe('RSA-9');
    expect(keyAlgorithmName({ ...keys.rsa.parts, publicKey: rsaKey([0]) })).toBe('RSA-0');
  });

  it('an EC curve parameter on a key declared as another algorithm is KEY_ALGORITHM_MISMATCH, never used as an EC key', async () => {
    for (const name of ['p256', 'bp256'] as const) {
      const ecSig = new Uint8Array(sign('sha256', data, keys[name].priv));
      const declaredRsa = { ...keys[name].parts, publicKeyAlgorithm: OID.rsaEncryption };
      expect(await verifySignature(declaredRsa, { oid: '1.2.840.10045.4.3.2' }, data, ecSig), name).toEqual({ valid: false, scheme: 'ECDSA', hash: 'SHA-256', problem: 'KEY_ALGORITHM_MISMATCH' });
    }
  });

  it('RSA PKCS#1 v1.5 with each named hash: valid, and not valid for other data or a changed signature', async () => {
    for (const [alg, hash] of [['1.2.840.113549.1.1.5', 'SHA-1'], ['1.2.840.113549.1.1.11', 'SHA-256'], ['1.2.840.113549.1.1.12', 'SHA-384'], ['1.2.840.113549.1.1.13', 'SHA-512']] as const) {
      const sig = new Uint8Array(sign(hash.replace('-', '').toLowerCase(), data, keys.rsa.priv));
      expect(await verifySignature(keys.rsa.parts, { oid: alg }, data, sig)).toEqual({ valid: true, scheme: 'RSASSA-PKCS1-v1_5', hash });
      expect(await verifySignature(keys.rsa.parts, { oid: alg }, flip(data), sig)).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', hash });
      expect((await verifySignature(keys.rsa.parts, { oid: alg }, data, flip(sig, 7))).valid).toBe(false);
    }
  });

  it('rsaEncryption as signature algorithm takes the hash from the hint; without one it is UNSUPPORTED_', async () => {
    const sig = new Uint8Array(sign('sha384', data, keys.rsa.priv));
    expect(await verifySignature(keys.rsa.parts, { oid: OID.rsaEncryption }, data, sig, 'SHA-384')).toEqual({ valid: true, scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' });
    expect((await verifySignature(keys.rsa.parts, { oid: OID.rsaEncryption }, data, sig, 'SHA-256')).valid).toBe(false);
    const none = await verifySignature(keys.rsa.parts, { oid: OID.rsaEncryption }, data, sig);
    expect(none.valid).toBe(false);
    expect(none.problem).toMatch(/^UNSUPPORTED_DIGEST_ALGORITHM: no hash for 1\.2\.840\.113549\.1\.1\.1$/);
    expect(isUnsupported(none.problem)).toBe(true);
  });

  it('an RSA signature one byte longer than the modulus is refused (RFC 8017 §8.2.2), without a problem code', async () => {
    const sig = new Uint8Array(sign('sha256', data, keys.rsa.priv));
    const longer = Uint8Array.of(0, ...sig);
    expect(await verifySignature(keys.rsa.parts, { oid: '1.2.840.113549.1.1.11' }, data, longer)).toEqual({ valid: false, scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' });
  });

  it('a key of the wrong type is KEY_ALGORITHM_MISMATCH, not UNSUPPORTED_', async () => {
    const rsaSig = new Uint8Array(sign('sha256', data, keys.rsa.priv));
    const ecSig = new Uint8Array(sign('sha256', data, keys.p256.priv));
    const edSig = new Uint8Array(sign(null, data, keys.ed25519.priv));
    const cases: [CertificateParts, string, Uint8Array, object][] = [
      [keys.p256.parts, '1.2.840.113549.1.1.11', rsaSig, { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }],
      [keys.rsa.parts, '1.2.840.10045.4.3.2', ecSig, { scheme: 'ECDSA', hash: 'SHA-256' }],
      [keys.ed448.parts, OID.ed25519, edSig, { scheme: 'Ed25519' }],
      [keys.ed25519.parts, OID.ed448, edSig, { scheme: 'Ed448' }],
      [keys.p256.parts, OID.rsassaPss, rsaSig, { scheme: 'RSA-PSS', hash: 'SHA-1' }],
      [{ ...keys.p256.parts, publicKeyCurve: undefined }, '1.2.840.10045.4.3.2', ecSig, { scheme: 'ECDSA', hash: 'SHA-256' }],
    ];
    for (const [parts, alg, sig, what] of cases) {
      const r = await verifySignature(parts, { oid: alg }, data, sig);
      expect(r).toEqual({ valid: false, ...what, problem: 'KEY_ALGORITHM_MISMATCH' });
      expect(isUnsupported(r.problem)).toBe(false);
    }
  });

  it('ECDSA on P-256, P-384, P-521 and brainpoolP256r1; a mangled DER signature is just not valid', async () => {
    for (const [name, alg, hash] of [['p256', '1.2.840.10045.4.3.2', 'SHA-256'], ['p384', '1.2.840.10045.4.3.3', 'SHA-384'], ['p521', '1.2.840.10045.4.3.4', 'SHA-512'], ['bp256', '1.2.840.10045.4.3.2', 'SHA-256'], ['p256', '1.2.840.10045.4.1', 'SHA-1']] as const) {
      const k = keys[name];
      const sig = new Uint8Array(sign(hash.replace('-', '').toLowerCase(), data, k.priv));
      expect(await verifySignature(k.parts, { oid: alg }, data, sig), name).toEqual({ valid: true, scheme: 'ECDSA', hash });
      expect(await verifySignature(k.parts, { oid: alg }, flip(data), sig), name).toEqual({ valid: false, scheme: 'ECDSA', hash });
      expect(await verifySignature(k.parts, { oid: alg }, data, sig.subarray(0, 5)), name).toEqual({ valid: false, scheme: 'ECDSA', hash });
    }
    // id-ecPublicKey as the signature algorithm: hash from the hint.
    const sig = new Uint8Array(sign('sha384', data, keys.p256.priv));
    expect(await verifySignature(keys.p256.parts, { oid: OID.ecPublicKey }, data, sig, 'SHA-384')).toEqual({ valid: true, scheme: 'ECDSA', hash: 'SHA-384' });
  });

  it('ECDSA on an unknown or unsupported curve is UNSUPPORTED_, naming the curve', async () => {
    const sig = new Uint8Array(sign('sha256', data, keys.p256.priv));
    const odd = await verifySignature({ ...keys.p256.parts, publicKeyCurve: '1.2.3.4' }, { oid: '1.2.840.10045.4.3.2' }, data, sig);
    expect(odd).toEqual({ valid: false, scheme: 'ECDSA', hash: 'SHA-256', problem: 'UNSUPPORTED_SIGNATURE_ALGORITHM: ECDSA on curve 1.2.3.4' });
    // brainpool with a point the curve code cannot read (compressed marker): indeterminate, not bad.
    const bp = keys.bp256;
    const bpSig = new Uint8Array(sign('sha256', data, bp.priv));
    const compressed = Uint8Array.of(0x02, ...bp.parts.publicKey.subarray(1, 33));
    const r = await verifySignature({ ...bp.parts, publicKey: compressed, spki: compressed }, { oid: '1.2.840.10045.4.3.2' }, data, bpSig);
    expect(r).toEqual({ valid: false, scheme: 'ECDSA', hash: 'SHA-256', problem: 'UNSUPPORTED_SIGNATURE_ALGORITHM: ECDSA key on brainpoolP256r1 (compressed or invalid point)' });
  });

  it('Ed25519 and Ed448 (PureEdDSA over the data itself)', async () => {
    for (const [name, alg] of [['ed25519', OID.ed25519], ['ed448', OID.ed448]] as const) {
      const sig = new Uint8Array(sign(null, data, keys[name].priv));
      expect(await verifySignature(keys[name].parts, { oid: alg }, data, sig)).toEqual({ valid: true, scheme: name === 'ed25519' ? 'Ed25519' : 'Ed448' });
      expect((await verifySignature(keys[name].parts, { oid: alg }, flip(data), sig)).valid).toBe(false);
    }
  });

  describe('RSA-PSS', () => {
    const hashAlg = (o: string) => tlv(0xa0, algorithmIdentifier(o));
    const mgf = (o: string) => tlv(0xa1, tlv(SEQ, oid(OID.mgf1), algorithmIdentifier(o)));
    const salt = (n: number) => tlv(0xa2, smallInteger(n));
    const trailer = (n: number) => tlv(0xa3, smallInteger(n));
    const params = (...f: Uint8Array[]) => tlv(SEQ, ...f);
    const pss = (hash: string, saltLength: number) => {
      return new Uint8Array(sign(hash, data, { key: keys.rsa.priv, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }));
    };

    it('SHA-256 with a 32-byte salt, and the defaults (SHA-1, salt 20) when the parameters are absent', async () => {
      const p = params(hashAlg(OID.sha256), mgf(OID.sha256), salt(32), trailer(1));
      expect(await verifySignature(keys.rsa.parts, { oid: OID.rsassaPss, parameters: p }, data, pss('sha256', 32))).toEqual({ valid: true, scheme: 'RSA-PSS', hash: 'SHA-256' });
      // The salt length matters: the same signature read with salt 20 does not verify.
      const p20 = params(hashAlg(OID.sha256), mgf(OID.sha256), salt(20));
      expect((await verifySignature(keys.rsa.parts, { oid: OID.rsassaPss, parameters: p20 }, data, pss('sha256', 32))).valid).toBe(false);
      expect(await verifySignature(keys.rsa.parts, { oid: OID.rsassaPss }, data, pss('sha1', 20))).toEqual({ valid: true, scheme: 'RSA-PSS', hash: 'SHA-1' });
      expect(await verifySignature(keys.rsa.parts, { oid: OID.rsassaPss, parameters: tlv(SEQ) }, data, pss('sha1', 20))).toEqual({ valid: true, scheme: 'RSA-PSS', hash: 'SHA-1' });
      expect((await verifySignature(keys.rsa.parts, { oid: OID.rsassaPss }, flip(data), pss('sha1', 20))).valid).toBe(false);
      // Parameters that are not a SEQUENCE (an explicit NULL) mean the defaults too.
      expect(await verifySignature(keys.rsa.parts, { oid: OID.rsassaPss, parameters: Uint8Array.of(0x05, 0x00) }, data, pss('sha1', 20))).toEqual({ valid: true, scheme: 'RSA-PSS', hash: 'SHA-1' });
    });

    it('a field after the four RFC 4055 fields is ignored, whatever its value', async () => {
      const p = params(hashAlg(OID.sha256), mgf(OID.sha256), salt(32), tlv(0xa4, smallInteger(2)));
      expect(await verifySignature(keys.rsa.parts, { oid: OID.rsassaPss, parameters: p }, data, pss('sha256', 32))).toEqual({ valid: true, scheme: 'RSA-PSS', hash: 'SHA-256' });
    });

    it('parameters WebCrypto cannot honour are UNSUPPORTED_, each named', async () => {
      const sig = pss('sha256', 32);
      const cases: [Uint8Array, string][] = [
        [params(hashAlg(OID.sha256), mgf(OID.sha1), salt(32)), 'UNSUPPORTED_SIGNATURE_ALGORITHM: PSS with a different MGF1 hash'],
        [params(hashAlg(OID.sha256), tlv(0xa1, tlv(SEQ, oid('1.2.3.4'), algorithmIdentifier(OID.sha256))), salt(32)), 'UNSUPPORTED_SIGNATURE_ALGORITHM: PSS mask generation'],
        [params(hashAlg(OID.sha256), tlv(0xa1, tlv(SEQ, oid(OID.mgf1))), salt(32)), 'UNSUPPORTED_SIGNATURE_ALGORITHM: PSS mask generation'],
        [params(hashAlg(OID.sha256), mgf(OID.sha256), salt(32), trailer(2)), 'UNSUPPORTED_SIGNATURE_ALGORITHM: PSS trailer field'],
        [params(hashAlg('2.16.840.1.101.3.4.2.8'), mgf('2.16.840.1.101.3.4.2.8')), 'UNSUPPORTED_SIGNATURE_ALGORITHM: RSA-PSS with SHA3-256'],
        [params(hashAlg('1.2.3.4'), mgf('1.2.3.4')), 'UNSUPPORTED_SIGNATURE_ALGORITHM: RSA-PSS with 1.2.3.4'],
      ];
      for (const [p, problem] of cases) {
        expect(await verifySignature(keys.rsa.parts, { oid: OID.rsassaPss, parameters: p }, data, sig)).toEqual({ valid: false, scheme: 'RSA-PSS', problem });
      }
    });
  });

  it('an unknown signature algorithm is UNSUPPORTED_, with its name when known (SHA-3)', async () => {
    const sig = new Uint8Array(sign('sha256', data, keys.rsa.priv));
    expect(await verifySignature(keys.rsa.parts, { oid: '2.16.840.1.101.3.4.3.14' }, data, sig)).toEqual({ valid: false, problem: 'UNSUPPORTED_SIGNATURE_ALGORITHM: RSASSA-PKCS1-v1_5/SHA3-256' });
    expect(await verifySignature(keys.rsa.parts, { oid: '1.2.3.4.5' }, data, sig)).toEqual({ valid: false, problem: 'UNSUPPORTED_SIGNATURE_ALGORITHM: 1.2.3.4.5' });
    expect(isUnsupported(undefined)).toBe(false);
    expect(isUnsupported('BAD_SIGNATURE: UNSUPPORTED_')).toBe(false);
  });

  it('a remembered good result is never served for different input (memo confirms every byte)', async () => {
    const sig = new Uint8Array(sign('sha256', data, keys.p256.priv));
    const alg = { oid: '1.2.840.10045.4.3.2' };
    for (let i = 0; i < 2; i++) expect((await verifySignature(keys.p256.parts, alg, data, sig)).valid).toBe(true);
    expect((await verifySignature(keys.p256.parts, alg, flip(data, 0), sig)).valid).toBe(false);
    expect((await verifySignature(keys.p256.parts, alg, data, flip(sig, 10))).valid).toBe(false);
    expect((await verifySignature(keys.p384.parts, alg, data, sig)).valid).toBe(false);
    expect((await verifySignature(keys.p256.parts, { oid: '1.2.840.10045.4.3.3' }, data, sig)).valid).toBe(false);
    expect((await verifySignature(keys.p256.parts, { oid: OID.ecPublicKey }, data, sig, 'SHA-384')).valid).toBe(false);
    // Data above the memo's size limit is checked every time, still correctly.
    const big = new Uint8Array(70 * 1024).fill(7);
    const bigSig = new Uint8Array(sign('sha256', big, keys.p256.priv));
    for (let i = 0; i < 2; i++) expect((await verifySignature(keys.p256.parts, alg, big, bigSig)).valid).toBe(true);
    expect((await verifySignature(keys.p256.parts, alg, flip(big), bigSig)).valid).toBe(false);
  });
});
