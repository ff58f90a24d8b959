import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSaoyError } from '../../../core/errors.js';
import { certificateParts } from '../../../core/pki/cert-parts.js';
import { verifySha256Signature } from '../../../core/pki/public-key.js';
import { createPkcs12, loadPkcs12 } from '../../../core/signers/pkcs12.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import {
  exportPkcs8,
  makeChain,
  makeLeaf,
  makeRoot,
  makeTempDir,
  openssl,
  opensslHasLegacyProvider,
  writeBytes,
  writeKeyPem,
  writePem,
  writePemBundle,
  type TestIdentity,
} from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const noOpenssl = skipWithout('openssl');
const tmp = makeTempDir('saoy-p12-');
afterAll(() => tmp.cleanup());

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isSaoyError(e) ? e.code : e).toBe(code);
    if (isSaoyError(e)) expect(e.vi.length).toBeGreaterThan(0);
    return;
  }
  expect.unreachable(`expected ${code}`);
}

async function signsForCertificate(privateKey: CryptoKey, cert: Uint8Array): Promise<boolean> {
  const signer = createWebCryptoSigner(privateKey, [cert]);
  const data = crypto.getRandomValues(new Uint8Array(100));
  const sig = await signer.sign({ data, digest: new Uint8Array(32) });
  return verifySha256Signature(certificateParts(cert), data, sig);
}

/** `openssl pkcs12 -export` of leaf (+ chain) with the given extra args. */
function opensslExport(name: string, leaf: TestIdentity, keyPem: string, chain: Uint8Array[], extra: string[] = []): Uint8Array {
  assertTools('openssl');
  const cert = writePem(tmp.dir, `${name}-leaf.pem`, leaf.certificate);
  const args = ['pkcs12', '-export', '-in', cert, '-inkey', keyPem, '-passout', 'pass:Mật khẩu 1', '-out', join(tmp.dir, `${name}.p12`)];
  if (chain.length) args.push('-certfile', writePemBundle(tmp.dir, `${name}-chain.pem`, chain));
  const r = openssl([...args, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return new Uint8Array(readFileSync(join(tmp.dir, `${name}.p12`)));
}

describe.each(['RSA-2048', 'ECDSA-P256'] as const)('createPkcs12 / loadPkcs12 round trip (%s)', (key) => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  let p12: Uint8Array;

  beforeAll(async () => {
    ({ root, leaf } = await makeChain({ leaf: { key } }));
    p12 = await createPkcs12({
      pkcs8: await exportPkcs8(leaf.keys.privateKey),
      certificates: [leaf.certificate, root.certificate],
      password: 'pässwörd',
      friendlyName: 'Nguyễn Văn Thử',
    });
  });

  it.skipIf(noOpenssl)('openssl pkcs12 -info accepts it with the password (PBES2/AES-256, SHA-256 MAC)', () => {
    assertTools('openssl');
    const path = writeBytes(tmp.dir, `ours-${key}.p12`, p12);
    const r = openssl(['pkcs12', '-info', '-noout', '-in', path, '-passin', 'pass:pässwörd']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/MAC: sha256/);
    expect(r.stderr).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    expect(r.stderr).toMatch(/PRF hmacWithSHA256/);
    const bad = openssl(['pkcs12', '-info', '-noout', '-in', path, '-passin', 'pass:wrong']);
    expect(bad.status).not.toBe(0);
    // The key and certificates come out intact.
    const dump = openssl(['pkcs12', '-in', path, '-passin', 'pass:pässwörd', '-nodes']);
    expect(dump.status).toBe(0);
    expect(dump.stdout).toMatch(/friendlyName: Nguyễn Văn Thử|friendlyName: Nguy/);
    expect(dump.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(dump.stdout).toContain('BEGIN PRIVATE KEY');
  });

  it('loads with our loader: leaf first, chain, algorithm, non-extractable signing key', async () => {
    const loaded = await loadPkcs12(p12, 'pässwörd');
    expect(loaded.algorithm).toBe(key === 'RSA-2048' ? 'RSASSA-PKCS1-v1_5' : 'ECDSA-P256');
    expect(loaded.certificates).toEqual([leaf.certificate, root.certificate]);
    expect(loaded.privateKey.extractable).toBe(false);
    expect(loaded.privateKey.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('pkcs8', loaded.privateKey)).rejects.toThrow();
    expect(await signsForCertificate(loaded.privateKey, leaf.certificate)).toBe(true);
  });

  it('wrong password → P12_WRONG_PASSWORD', async () => {
    await expectCode(loadPkcs12(p12, 'passwörd'), 'P12_WRONG_PASSWORD');
    await expectCode(loadPkcs12(p12, ''), 'P12_WRONG_PASSWORD');
  });
});

describe('files written by openssl pkcs12 -export', () => {
  let root: TestIdentity;
  let inter: TestIdentity;
  let leaf: TestIdentity;
  let keyPem: string;

  beforeAll(async () => {
    root = await makeRoot();
    inter = await makeLeaf(root, {
      isCA: true,
      keyUsage: ['keyCertSign', 'cRLSign'],
      subject: { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST Sub CA' },
    });
    leaf = await makeLeaf(inter);
    keyPem = await writeKeyPem(tmp.dir, 'leaf-key.pem', leaf.keys.privateKey);
  });

  it.skipIf(noOpenssl)('default (PBES2 AES-256, SHA-256 MAC) loads, chain ordered leaf → sub CA → root', async () => {
    // Chain given root first: the loader must order it.
    const p12 = opensslExport('default', leaf, keyPem, [root.certificate, inter.certificate]);
    const loaded = await loadPkcs12(p12, 'Mật khẩu 1');
    expect(loaded.certificates).toEqual([leaf.certificate, inter.certificate, root.certificate]);
    expect(loaded.privateKey.extractable).toBe(false);
    expect(await signsForCertificate(loaded.privateKey, leaf.certificate)).toBe(true);
  });

  it.skipIf(noOpenssl)('wrong password → P12_WRONG_PASSWORD', async () => {
    const p12 = opensslExport('default2', leaf, keyPem, []);
    await expectCode(loadPkcs12(p12, 'Mật khẩu 2'), 'P12_WRONG_PASSWORD');
  });

  it.skipIf(noOpenssl)('ECDSA P-256 key loads', async () => {
    const ec = await makeLeaf(root, { key: 'ECDSA-P256' });
    const ecKey = await writeKeyPem(tmp.dir, 'ec-key.pem', ec.keys.privateKey);
    const loaded = await loadPkcs12(opensslExport('ec', ec, ecKey, [root.certificate]), 'Mật khẩu 1');
    expect(loaded.algorithm).toBe('ECDSA-P256');
    expect(loaded.certificates).toEqual([ec.certificate, root.certificate]);
    expect(await signsForCertificate(loaded.privateKey, ec.certificate)).toBe(true);
  });

  it.skipIf(noOpenssl)('SHA-1 MAC, other PBKDF2 PRF and AES-128 load', async () => {
    const p12 = opensslExport('variants', leaf, keyPem, [], ['-macalg', 'sha1', '-keypbe', 'AES-128-CBC', '-certpbe', 'AES-128-CBC', '-iter', '5000']);
    const loaded = await loadPkcs12(p12, 'Mật khẩu 1');
    expect(loaded.certificates[0]).toEqual(leaf.certificate);
  });

  it.skipIf(noOpenssl)('SHA-512 MAC, PBES2 with 3DES key and AES-192 certificates load', async () => {
    const p12 = opensslExport('variants2', leaf, keyPem, [], ['-macalg', 'sha512', '-keypbe', 'DES-EDE3-CBC', '-certpbe', 'AES-192-CBC']);
    const loaded = await loadPkcs12(p12, 'Mật khẩu 1');
    expect(loaded.certificates[0]).toEqual(leaf.certificate);
    await expectCode(loadPkcs12(p12, 'x'), 'P12_WRONG_PASSWORD');
  });

  it.skipIf(noOpenssl)('without a MAC, a wrong password is still P12_WRONG_PASSWORD', async () => {
    const p12 = opensslExport('nomac', leaf, keyPem, [], ['-nomac']);
    expect((await loadPkcs12(p12, 'Mật khẩu 1')).certificates[0]).toEqual(leaf.certificate);
    await expectCode(loadPkcs12(p12, 'sai'), 'P12_WRONG_PASSWORD');
  });

  it.skipIf(noOpenssl || !opensslHasLegacyProvider())('legacy (-legacy: 3DES key, RC2-40 certs, SHA-1 MAC) loads', async () => {
    const p12 = opensslExport('legacy', leaf, keyPem, [root.certificate, inter.certificate], ['-legacy']);
    const info = openssl(['pkcs12', '-info', '-noout', '-legacy', '-in', join(tmp.dir, 'legacy.p12'), '-passin', 'pass:Mật khẩu 1']);
    expect(info.stderr).toMatch(/pbeWithSHA1And3-KeyTripleDES-CBC/);
    expect(info.stderr).toMatch(/pbeWithSHA1And40BitRC2-CBC/);
    const loaded = await loadPkcs12(p12, 'Mật khẩu 1');
    expect(loaded.certificates).toEqual([leaf.certificate, inter.certificate, root.certificate]);
    expect(loaded.privateKey.extractable).toBe(false);
    expect(await signsForCertificate(loaded.privateKey, leaf.certificate)).toBe(true);
    await expectCode(loadPkcs12(p12, 'Mật khẩu 2'), 'P12_WRONG_PASSWORD');
  });

  it.skipIf(noOpenssl || !opensslHasLegacyProvider())('legacy with RC2-128 certificates and 2-key 3DES', async () => {
    const p12 = opensslExport('legacy2', leaf, keyPem, [], [
      '-legacy',
      '-certpbe', 'PBE-SHA1-RC2-128',
      '-keypbe', 'PBE-SHA1-2DES',
    ]);
    const loaded = await loadPkcs12(p12, 'Mật khẩu 1');
    expect(loaded.certificates).toEqual([leaf.certificate]);
  });

  it.skipIf(noOpenssl)('a file with certificates only → P12_NO_KEY', async () => {
    assertTools('openssl');
    const cert = writePem(tmp.dir, 'nokey.pem', leaf.certificate);
    const out = join(tmp.dir, 'nokey.p12');
    expect(openssl(['pkcs12', '-export', '-nokeys', '-in', cert, '-passout', 'pass:x', '-out', out]).status).toBe(0);
    await expectCode(loadPkcs12(new Uint8Array(readFileSync(out)), 'x'), 'P12_NO_KEY');
  });
});

describe('garbage', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['random', crypto.getRandomValues(new Uint8Array(2000))],
    ['a PEM certificate', new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')],
    ['an empty SEQUENCE', Uint8Array.of(0x30, 0x00)],
    ['wrong version', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x02)],
  ])('%s → P12_INVALID', async (_n, bytes) => {
    await expectCode(loadPkcs12(bytes, 'x'), 'P12_INVALID');
  });

  it('truncated or corrupted files never fail with anything but a P12_ code', async () => {
    const { root, leaf } = await makeChain({ leaf: { key: 'ECDSA-P256' } });
    const p12 = await createPkcs12({ pkcs8: await exportPkcs8(leaf.keys.privateKey), certificates: [leaf.certificate, root.certificate], password: 'x' });
    for (let n = 0; n < p12.length; n += 97) await expectCode(loadPkcs12(p12.subarray(0, n), 'x'), 'P12_INVALID');
    for (let i = 0; i < p12.length; i += 101) {
      const bad = Uint8Array.from(p12);
      bad[i] ^= 0x55;
      try {
        await loadPkcs12(bad, 'x');
      } catch (e) {
        expect(isSaoyError(e) && e.code.startsWith('P12_')).toBe(true);
      }
    }
  });
});
