import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData, estimateSignedDataSize, parseSignedData } from '../../../core/cms/signed-data.js';
import { OID } from '../../../core/asn1/oids.js';
import { children, readOne, readOctets, readOid } from '../../../core/asn1/der.js';
import { certificateParts } from '../../../core/pki/cert-parts.js';
import type { KeyKind } from '../../../core/pki/issue.js';
import { isSaoyError } from '../../../core/errors.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import type { Signer } from '../../../core/signers/signer.js';
import { makeTempDir, openssl, writeBytes, writePem, type TestIdentity } from '../../helpers/pki.js';
import { makeChain } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { compareBytes } from '../../../core/bytes/concat.js';

const skipOpenssl = skipWithout('openssl');

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
}

interface Fixture {
  root: TestIdentity;
  leaf: TestIdentity;
  signer: Signer;
}

async function fixture(key: KeyKind): Promise<Fixture> {
  const { root, leaf } = await makeChain({ leaf: { key } });
  return { root, leaf, signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]) };
}

describe.each(['RSA-2048', 'ECDSA-P256'] as const)('buildSignedData with %s', (key) => {
  let f: Fixture;
  let data: Uint8Array;
  let cms: Uint8Array;
  const tmp = makeTempDir('saoy-cms-');

  beforeAll(async () => {
    f = await fixture(key);
    data = crypto.getRandomValues(new Uint8Array(5000));
    cms = await buildSignedData({ contentDigest: await sha256(data), signer: f.signer });
  });
  afterAll(() => tmp.cleanup());

  it.skipIf(skipOpenssl)('verifies with openssl cms -verify against the root', () => {
    assertTools('openssl');
    const sig = writeBytes(tmp.dir, 'sig.der', cms);
    const content = writeBytes(tmp.dir, 'data.bin', data);
    const ca = writePem(tmp.dir, 'root.pem', f.root.certificate);
    const r = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', content, '-CAfile', ca, '-purpose', 'any', '-out', '/dev/null']);
    expect(r.stderr).toContain('Verification successful');
    expect(r.status).toBe(0);
  });

  it.skipIf(skipOpenssl)('fails openssl verification for other content', () => {
    assertTools('openssl');
    const sig = writeBytes(tmp.dir, 'sig2.der', cms);
    const other = Uint8Array.from(data);
    other[0] ^= 1;
    const content = writeBytes(tmp.dir, 'other.bin', other);
    const ca = writePem(tmp.dir, 'root2.pem', f.root.certificate);
    const r = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', content, '-CAfile', ca, '-purpose', 'any', '-out', '/dev/null']);
    expect(r.status).not.toBe(0);
  });

  it('has exactly the three DER-sorted signed attributes, no signing-time', async () => {
    const p = parseSignedData(cms);
    const attrs = children(readOne(p.signedAttributes, 0x31));
    expect(attrs.map((a) => readOid(children(a)[0])).sort()).toEqual(
      [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort(),
    );
    expect(p.signedAttributeList.some((a) => a.type === OID.signingTime)).toBe(false);
    for (let i = 1; i < attrs.length; i++) expect(compareBytes(attrs[i - 1].bytes, attrs[i].bytes)).toBeLessThan(0);
    expect(p.messageDigest).toEqual(await sha256(data));
    // The [0] IMPLICIT bytes in the CMS are the signed SET with a different first byte.
    const implicit = Uint8Array.from(p.signedAttributes);
    implicit[0] = 0xa0;
    expect(Buffer.from(cms).includes(Buffer.from(implicit))).toBe(true);
  });

  it('has the expected structure (version, detached, sha256, sid, signature algorithm)', async () => {
    const p = parseSignedData(cms);
    expect(p.version).toBe(1);
    expect(p.detached).toBe(true);
    expect(p.contentType).toBe(OID.data);
    expect(p.digestAlgorithm).toBe(OID.sha256);
    expect(p.signatureAlgorithm.oid).toBe(key === 'RSA-2048' ? OID.sha256WithRSAEncryption : OID.ecdsaWithSHA256);
    expect(p.certificates).toHaveLength(2);
    const leaf = certificateParts(f.leaf.certificate);
    expect(p.signerId).toEqual({ kind: 'issuerAndSerialNumber', issuer: leaf.issuer, serialNumber: leaf.serialNumber });
    expect(p.encodedLength).toBe(cms.length);
  });

  it('carries ESS signing-certificate-v2 with the SHA-256 of the signer certificate and issuerSerial', async () => {
    const p = parseSignedData(cms);
    const attr = p.signedAttributeList.find((a) => a.type === OID.signingCertificateV2)!;
    expect(attr.values).toHaveLength(1);
    const [certs] = children(readOne(attr.values[0], 0x30));
    const [essCertId] = children(certs);
    const fields = children(essCertId);
    expect(fields).toHaveLength(2); // hashAlgorithm omitted: SHA-256 is the DEFAULT
    expect(readOctets(fields[0])).toEqual(await sha256(f.leaf.certificate));
    const [generalNames, serial] = children(fields[1]);
    const leaf = certificateParts(f.leaf.certificate);
    expect(children(generalNames)[0].tag).toBe(0xa4);
    expect(children(children(generalNames)[0])[0].bytes).toEqual(leaf.issuer);
    expect(serial.bytes).toEqual(leaf.serialNumber);
  });

  it('estimate is an upper bound, and not absurdly larger', () => {
    const estimate = estimateSignedDataSize(f.signer.certificates, f.signer.algorithm);
    expect(estimate).toBeGreaterThanOrEqual(cms.length);
    expect(estimate).toBeLessThan(cms.length + 1500);
    const withTs = estimateSignedDataSize(f.signer.certificates, f.signer.algorithm, 6000);
    expect(withTs).toBeGreaterThanOrEqual(estimate + 6000);
  });

  it('tolerates PDF zero padding but not other trailing bytes', () => {
    const padded = new Uint8Array(cms.length + 100);
    padded.set(cms);
    expect(parseSignedData(padded).encodedLength).toBe(cms.length);
    padded[cms.length + 50] = 1;
    expect(() => parseSignedData(padded)).toThrowError(/malformed/);
  });
});

describe('buildSignedData refusals', () => {
  it('refuses a signer whose key does not belong to the certificate', async () => {
    const a = await fixture('RSA-2048');
    const b = await fixture('RSA-2048');
    const wrong = createWebCryptoSigner(a.leaf.keys.privateKey, [b.leaf.certificate]);
    await expect(buildSignedData({ contentDigest: new Uint8Array(32), signer: wrong })).rejects.toMatchObject({
      code: 'CMS_SIGNATURE_MISMATCH',
    });
  });

  it('refuses a digest that is not 32 bytes', async () => {
    const a = await fixture('ECDSA-P256');
    await expect(buildSignedData({ contentDigest: new Uint8Array(20), signer: a.signer })).rejects.toMatchObject({
      code: 'CMS_BUILD_FAILED',
    });
  });
});

describe('parseSignedData on garbage', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(0x30)],
    ['huge length', Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0)],
    ['not a sequence', Uint8Array.of(0x04, 0x01, 0x00)],
    ['wrong content type', Uint8Array.of(0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x00)],
    ['random', crypto.getRandomValues(new Uint8Array(300))],
  ])('%s → CMS_INVALID', (_name, bytes) => {
    try {
      parseSignedData(bytes);
      expect.unreachable();
    } catch (e) {
      expect(isSaoyError(e) && e.code).toBe('CMS_INVALID');
    }
  });

  it('truncations of a real CMS never crash with anything but CMS_INVALID', async () => {
    const a = await fixture('ECDSA-P256');
    const cms = await buildSignedData({ contentDigest: new Uint8Array(32).fill(7), signer: a.signer });
    for (let n = 0; n < cms.length; n += 7) {
      expect(() => parseSignedData(cms.subarray(0, n))).toThrowError(/malformed/);
    }
    // Flip bytes: must either parse or fail with CMS_INVALID.
    for (let i = 0; i < cms.length; i += 13) {
      const bad = Uint8Array.from(cms);
      bad[i] ^= 0xff;
      try {
        parseSignedData(bad);
      } catch (e) {
        expect(isSaoyError(e) && e.code).toBe('CMS_INVALID');
      }
    }
  });
});
