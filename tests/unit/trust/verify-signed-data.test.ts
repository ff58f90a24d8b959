import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData, parseSignedData } from '../../../core/cms/signed-data.js';
import { verifySignerInfo } from '../../../core/cms/verify-signed-data.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { makeTempDir, pemToDer, writeBytes, writeKeyPem, writePem, type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { expectProblem, ok, sha } from './fixtures.js';

describe('verifySignerInfo on CMS from buildSignedData', () => {
  let rsaRoot: TestIdentity;
  let ecRoot: TestIdentity;
  let rsaLeaf: TestIdentity;
  let data: Uint8Array;
  let digest: Uint8Array;

  beforeAll(async () => {
    rsaRoot = await makeRoot();
    ecRoot = await makeRoot({ key: 'ECDSA-P256', subject: { country: 'VN', commonName: 'saoy TEST EC Root' } });
    rsaLeaf = await makeLeaf(ecRoot);
    data = crypto.getRandomValues(new Uint8Array(3000));
    digest = await sha('SHA-256', data);
  });

  it('accepts a valid RSA signature whose signer certificate is not the first in the CMS', async () => {
    // The SET OF certificates is DER-sorted: the shorter EC root sorts before the RSA leaf.
    const other = await makeLeaf(rsaRoot, { key: 'ECDSA-P256' });
    const signer = createWebCryptoSigner(rsaLeaf.keys.privateKey, [rsaLeaf.certificate, ecRoot.certificate, other.certificate]);
    const p = parseSignedData(await buildSignedData({ contentDigest: digest, signer }));
    expect(p.certificates[0]).not.toEqual(rsaLeaf.certificate);
    const c = await verifySignerInfo(p, digest);
    expect(c).toMatchObject({
      signerCertificate: rsaLeaf.certificate,
      digestAlgorithm: 'SHA-256',
      signatureAlgorithm: 'RSASSA-PKCS1-v1_5/SHA-256',
      keyAlgorithm: 'RSA-2048',
      messageDigestMatches: true,
      signatureValid: true,
      contentTypeOk: true,
      signingCertificateV2Ok: true,
      problems: [],
    });
    expect(c.timestampToken).toBeUndefined();
  });

  it('accepts ECDSA P-256', async () => {
    const ecLeaf = await makeLeaf(rsaRoot, { key: 'ECDSA-P256' });
    const signer = createWebCryptoSigner(ecLeaf.keys.privateKey, [ecLeaf.certificate, rsaRoot.certificate]);
    const c = await verifySignerInfo(parseSignedData(await buildSignedData({ contentDigest: digest, signer })), digest);
    expect(c).toMatchObject({ signatureAlgorithm: 'ECDSA/SHA-256', keyAlgorithm: 'EC-P256', signatureValid: true, messageDigestMatches: true });
    expect(c.signerCertificate).toEqual(ecLeaf.certificate);
  });

  it('reports a changed content digest as messageDigestMatches=false (signature still valid)', async () => {
    const signer = createWebCryptoSigner(rsaLeaf.keys.privateKey, [rsaLeaf.certificate]);
    const p = parseSignedData(await buildSignedData({ contentDigest: digest, signer }));
    const other = Uint8Array.from(data);
    other[10] ^= 1;
    const c = await verifySignerInfo(p, await sha('SHA-256', other));
    expect(c.messageDigestMatches).toBe(false);
    expect(c.signatureValid).toBe(true);
    expectProblem(c.problems, 'DIGEST_MISMATCH');
  });

  it('reports a flipped signature byte as signatureValid=false', async () => {
    const signer = createWebCryptoSigner(rsaLeaf.keys.privateKey, [rsaLeaf.certificate]);
    const cms = await buildSignedData({ contentDigest: digest, signer });
    cms[cms.length - 1] ^= 0x01; // the signature OCTET STRING ends the CMS
    const c = await verifySignerInfo(parseSignedData(cms), digest);
    expect(c.signatureValid).toBe(false);
    expect(c.messageDigestMatches).toBe(true);
    expectProblem(c.problems, 'SIGNATURE_INVALID');
  });

  it('finds no signer certificate when the CMS lacks it', async () => {
    const signer = createWebCryptoSigner(rsaLeaf.keys.privateKey, [rsaLeaf.certificate, ecRoot.certificate]);
    const p = parseSignedData(await buildSignedData({ contentDigest: digest, signer }));
    const c = await verifySignerInfo({ ...p, certificates: [ecRoot.certificate] }, digest);
    expect(c.signerCertificate).toBeUndefined();
    expect(c.signatureValid).toBe(false);
    expectProblem(c.problems, 'SIGNER_CERT_NOT_FOUND');
  });

  it('picks, among certificates with the same issuer and serial, the one whose key verifies', async () => {
    const serial = Uint8Array.of(0x42, 0x42);
    const a = await makeLeaf(rsaRoot, { serial, key: 'ECDSA-P256' });
    const b = await makeLeaf(rsaRoot, { serial, key: 'ECDSA-P256' });
    const signer = createWebCryptoSigner(a.keys.privateKey, [a.certificate]);
    const p = parseSignedData(await buildSignedData({ contentDigest: digest, signer }));
    const both = await verifySignerInfo({ ...p, certificates: [b.certificate, a.certificate] }, digest);
    expect(both.signerCertificate).toEqual(a.certificate);
    expect(both.signatureValid).toBe(true);
    const onlyB = await verifySignerInfo({ ...p, certificates: [b.certificate] }, digest);
    expect(onlyB.signatureValid).toBe(false);
    expect(onlyB.signingCertificateV2Ok).toBe(false); // the ESS hash names a, not b
    expectProblem(onlyB.problems, 'SIGNING_CERTIFICATE_V2_MISMATCH');
  });

  it('without signed attributes and without the content, says the signature cannot be checked (not that it is bad)', async () => {
    const signer = createWebCryptoSigner(rsaLeaf.keys.privateKey, [rsaLeaf.certificate]);
    const p = parseSignedData(await buildSignedData({ contentDigest: digest, signer }));
    const none = { ...p, hasSignedAttributes: false, signedAttributes: new Uint8Array(0), signedAttributeList: [], messageDigest: new Uint8Array(0) };
    const c = await verifySignerInfo(none, digest);
    expect(c.signatureValid).toBe(false);
    expect(c.unsupported).toMatch(/^UNSUPPORTED_NO_SIGNED_ATTRIBUTES/);
    expectProblem(c.problems, 'UNSUPPORTED_NO_SIGNED_ATTRIBUTES');
  });

  it('returns the signature-time-stamp unsigned attribute as timestampToken', async () => {
    const signer = createWebCryptoSigner(rsaLeaf.keys.privateKey, [rsaLeaf.certificate]);
    const p = parseSignedData(await buildSignedData({ contentDigest: digest, signer }));
    const token = Uint8Array.of(0x30, 0x00);
    const c = await verifySignerInfo({ ...p, unsignedAttributeList: [{ type: '1.2.840.113549.1.9.16.2.14', values: [token] }] }, digest);
    expect(c.timestampToken).toEqual(token);
  });
});

describe.skipIf(skipWithout('openssl'))('verifySignerInfo on CMS written by openssl cms -sign', () => {
  const tmp = makeTempDir('saoy-trust-cms-');
  afterAll(() => tmp.cleanup());
  let root: TestIdentity;
  let leaf: TestIdentity;
  let data: Uint8Array;
  let dataPath: string;
  let base: string[];

  beforeAll(async () => {
    assertTools('openssl');
    root = await makeRoot();
    leaf = await makeLeaf(root);
    data = crypto.getRandomValues(new Uint8Array(2000));
    dataPath = writeBytes(tmp.dir, 'data.bin', data);
    base = ['cms', '-sign', '-binary', '-outform', 'DER', '-in', dataPath,
      '-signer', writePem(tmp.dir, 'leaf.pem', leaf.certificate),
      '-inkey', await writeKeyPem(tmp.dir, 'leaf.key', leaf.keys.privateKey),
      '-certfile', writePem(tmp.dir, 'root.pem', root.certificate)];
  });

  const sign = (name: string, extra: string[]): Uint8Array => {
    const out = join(tmp.dir, `${name}.der`);
    ok([...base, ...extra, '-out', out]);
    return new Uint8Array(readFileSync(out));
  };

  it.each([
    ['SHA-256, issuerAndSerialNumber', ['-md', 'sha256'], 'RSASSA-PKCS1-v1_5/SHA-256'],
    ['SHA-256, subjectKeyIdentifier sid, CAdES (ESS v2)', ['-md', 'sha256', '-keyid', '-cades'], 'RSASSA-PKCS1-v1_5/SHA-256'],
    ['SHA-512', ['-md', 'sha512'], 'RSASSA-PKCS1-v1_5/SHA-512'],
    ['RSA-PSS', ['-md', 'sha256', '-keyopt', 'rsa_padding_mode:pss'], 'RSA-PSS/SHA-256'],
  ])('%s verifies', async (name, extra, alg) => {
    const p = parseSignedData(sign(name.replace(/\W/g, ''), extra));
    const c = await verifySignerInfo(p, async (a) => sha(a as 'SHA-256', data));
    expect(c.signatureAlgorithm).toBe(alg);
    expect(c.signerCertificate).toEqual(leaf.certificate);
    expect(c.messageDigestMatches).toBe(true);
    expect(c.signatureValid).toBe(true);
    expect(c.contentTypeOk).toBe(true);
    if (extra.includes('-cades')) expect(c.signingCertificateV2Ok).toBe(true);
    if (extra.includes('-keyid')) expect(p.signerId.kind).toBe('subjectKeyIdentifier');
  });

  it('a plain SHA-256 digest is enough for a SHA-256 CMS; a SHA-512 CMS needs the callback', async () => {
    const p256 = parseSignedData(sign('plain256', ['-md', 'sha256']));
    expect((await verifySignerInfo(p256, await sha('SHA-256', data))).messageDigestMatches).toBe(true);
    const p512 = parseSignedData(sign('plain512', ['-md', 'sha512']));
    const c = await verifySignerInfo(p512, await sha('SHA-256', data));
    expect(c.messageDigestMatches).toBe(false);
    expect(c.signatureValid).toBe(true);
    expectProblem(c.problems, 'CONTENT_DIGEST_ALGORITHM');
  });

  it('ECDSA P-384 with SHA-384 (openssl key and certificate)', async () => {
    const key = join(tmp.dir, 'p384.key');
    const cert = join(tmp.dir, 'p384.pem');
    ok(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', key, '-subj', '/CN=P-384 signer',
      '-days', '2', '-out', cert]);
    const out = join(tmp.dir, 'p384.der');
    ok(['cms', '-sign', '-binary', '-md', 'sha384', '-outform', 'DER', '-in', dataPath, '-signer', cert, '-inkey', key, '-out', out]);
    const c = await verifySignerInfo(parseSignedData(new Uint8Array(readFileSync(out))), (a) => sha(a as 'SHA-384', data));
    expect(c).toMatchObject({ digestAlgorithm: 'SHA-384', signatureAlgorithm: 'ECDSA/SHA-384', keyAlgorithm: 'EC-P384' });
    expect(c.signerCertificate).toEqual(pemToDer(readFileSync(cert, 'utf8')));
    expect(c.messageDigestMatches && c.signatureValid && c.contentTypeOk).toBe(true);
  });
});
