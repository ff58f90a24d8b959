/**
 * The outer shape of certificates and CRLs, and the certificate key as a WebCrypto key (issue 14): each layout
 * error, the exact tbs bytes, and which keys are supported, on bytes written by hand and a key made by WebCrypto.
 */
import { describe, expect, it } from 'vitest';
import { derNull, oid, seq, smallInteger, tlv, TAG } from '../../../core/asn1/der.js';
import { readSignedObject } from '../../../core/pki/signed-object.js';
import { importPublicKey, signatureAlgorithmOf, verifySha256Signature } from '../../../core/pki/public-key.js';
import type { CertificateParts } from '../../../core/pki/cert-parts.js';

const bits = (...b: number[]) => tlv(TAG.BIT_STRING, Uint8Array.of(...b));

describe('readSignedObject', () => {
  it('the exact tbs bytes, the algorithm with or without parameters, the signature without its unused-bits octet', () => {
    const tbs = seq(smallInteger(7));
    const r = readSignedObject(seq(tbs, seq(oid('1.2.840.113549.1.1.11'), derNull()), bits(0, 0xaa, 0xbb)));
    expect(r.tbs).toEqual(tbs);
    expect(r.algorithm).toEqual({ oid: '1.2.840.113549.1.1.11', parameters: derNull() });
    expect(r.signature).toEqual(Uint8Array.of(0xaa, 0xbb));
    expect(readSignedObject(seq(tbs, seq(oid('1.2.840.10045.4.3.2')), bits(0))).algorithm).toEqual({ oid: '1.2.840.10045.4.3.2', parameters: undefined });
  });

  it('refuses every other layout with its reason', () => {
    const alg = seq(oid('1.2.840.10045.4.3.2'));
    const cases: [Uint8Array, string][] = [
      [seq(seq(), alg), 'a signed object must have three elements'],
      [seq(seq(), alg, bits(0), bits(0)), 'a signed object must have three elements'],
      [seq(smallInteger(1), alg, bits(0)), 'unexpected signed object layout'],
      [seq(seq(), oid('1.2'), bits(0)), 'unexpected signed object layout'],
      [seq(seq(), alg, tlv(TAG.OCTET_STRING, Uint8Array.of(0))), 'unexpected signed object layout'],
      [seq(seq(), alg, tlv(TAG.BIT_STRING, new Uint8Array(0))), 'signature BIT STRING with unused bits'],
      [seq(seq(), alg, bits(3, 0xf8)), 'signature BIT STRING with unused bits'],
    ];
    for (const [der, reason] of cases) expect(() => readSignedObject(der), reason).toThrow(reason);
  });
});

describe('the certificate key', () => {
  const parts = (over: Partial<CertificateParts>): CertificateParts => ({ der: new Uint8Array(), tbs: new Uint8Array(), issuer: new Uint8Array(), subject: new Uint8Array(), serialNumber: new Uint8Array(), validity: new Uint8Array(), spki: new Uint8Array(), publicKeyAlgorithm: '', publicKey: new Uint8Array(), ...over });

  it('RSA keys and EC keys on P-256 only', () => {
    expect(signatureAlgorithmOf(parts({ publicKeyAlgorithm: '1.2.840.113549.1.1.1' }))).toBe('RSASSA-PKCS1-v1_5');
    expect(signatureAlgorithmOf(parts({ publicKeyAlgorithm: '1.2.840.10045.2.1', publicKeyCurve: '1.2.840.10045.3.1.7' }))).toBe('ECDSA-P256');
    expect(signatureAlgorithmOf(parts({ publicKeyAlgorithm: '1.2.840.10045.2.1', publicKeyCurve: '1.3.132.0.34' }))).toBeUndefined();
    expect(signatureAlgorithmOf(parts({ publicKeyAlgorithm: '1.2.840.10045.2.1' }))).toBeUndefined();
    // A P-256 curve OID under another key algorithm is not an EC key.
    expect(signatureAlgorithmOf(parts({ publicKeyAlgorithm: '1.3.101.112', publicKeyCurve: '1.2.840.10045.3.1.7' }))).toBeUndefined();
  });

  it('an unsupported key is CERT_KEY_UNSUPPORTED naming its algorithm, in both languages', () => {
    expect(() => importPublicKey(parts({ publicKeyAlgorithm: '1.3.101.112' }))).toThrow(expect.objectContaining({
      code: 'CERT_KEY_UNSUPPORTED', message: 'unsupported public key algorithm 1.3.101.112', vi: 'Thuật toán khóa công khai không được hỗ trợ: 1.3.101.112',
    }));
  });

  it('verifySha256Signature: an ECDSA signature verifies, a changed one does not, a malformed DER one is false, not an error', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const p = parts({ spki, publicKeyAlgorithm: '1.2.840.10045.2.1', publicKeyCurve: '1.2.840.10045.3.1.7' });
    const data = new TextEncoder().encode('bản sao');
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data));
    const int = (b: Uint8Array) => tlv(TAG.INTEGER, b[0] & 0x80 ? Uint8Array.of(0, ...b) : b);
    const der = seq(int(raw.subarray(0, 32)), int(raw.subarray(32)));
    expect(await verifySha256Signature(p, data, der)).toBe(true);
    expect(await verifySha256Signature(p, new TextEncoder().encode('bản khác'), der)).toBe(false);
    expect(await verifySha256Signature(p, data, raw)).toBe(false); // raw r||s is not the CMS form
    expect((await importPublicKey(p)).algorithm.name).toBe('ECDSA');
  });
});
