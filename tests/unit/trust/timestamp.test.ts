import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData, parseSignedData } from '../../../core/cms/signed-data.js';
import { verifyTimestampToken } from '../../../core/cms/timestamp.js';
import { verifySignerInfo } from '../../../core/cms/verify-signed-data.js';
import { evaluateSigner } from '../../../core/pki/trust.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { makeTempDir, type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { DAY, expectProblem, HOUR, makeTsa, sha } from './fixtures.js';

describe.skipIf(skipWithout('openssl'))('RFC 3161 signature timestamps from openssl ts', () => {
  const tmp = makeTempDir('saoy-trust-ts-');
  afterAll(() => tmp.cleanup());
  let root: TestIdentity;
  let tsa: Awaited<ReturnType<typeof makeTsa>>;
  let signature: Uint8Array;

  beforeAll(async () => {
    assertTools('openssl');
    root = await makeRoot();
    tsa = await makeTsa(tmp.dir, root);
    signature = crypto.getRandomValues(new Uint8Array(256));
  });

  it('verifies a token over the signature value', async () => {
    const before = Date.now();
    const r = await verifyTimestampToken(tsa.stamp(signature), signature);
    expect(r.problems).toEqual([]);
    expect(r.imprintMatches).toBe(true);
    expect(r.signatureValid).toBe(true);
    expect(r.tsaCertificate).toEqual(tsa.cert.der);
    expect(r.certificates).toContainEqual(tsa.cert.der);
    expect(Math.abs(r.genTime.getTime() - before)).toBeLessThan(60_000);
  });

  it('accepts a SHA-512 imprint', async () => {
    const r = await verifyTimestampToken(tsa.stamp(signature, 'sha512'), signature);
    expect(r.imprintMatches && r.signatureValid).toBe(true);
  });

  it('reports a token over another signature value', async () => {
    const other = Uint8Array.from(signature);
    other[0] ^= 1;
    const r = await verifyTimestampToken(tsa.stamp(signature), other);
    expect(r.imprintMatches).toBe(false);
    expect(r.signatureValid).toBe(true);
    expectProblem(r.problems, 'TIMESTAMP_IMPRINT_MISMATCH');
  });

  it('reports a token whose TSTInfo was altered', async () => {
    const token = tsa.stamp(signature);
    // Change one digit of genTime (a GeneralizedTime 0x18 0x0f "YYYYMMDDhhmmssZ") inside the TSTInfo.
    const i = token.findIndex((b, k) => b === 0x18 && token[k + 1] === 0x0f);
    expect(i).toBeGreaterThan(0);
    token[i + 2 + 3] = token[i + 2 + 3] === 0x30 ? 0x31 : 0x30; // year's last digit
    const r = await verifyTimestampToken(token, signature);
    expect(r.signatureValid).toBe(false);
    expectProblem(r.problems, 'DIGEST_MISMATCH');
  });

  it('reports garbage without throwing', async () => {
    const r = await verifyTimestampToken(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01), signature);
    expect(r.signatureValid).toBe(false);
    expect(Number.isNaN(r.genTime.getTime())).toBe(true);
    expectProblem(r.problems, 'TIMESTAMP_MALFORMED');
  });

  it('end to end: a timestamp on a CMS signature proves a time before the signer certificate expired', async () => {
    const leaf = await makeLeaf(root, { notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + HOUR) });
    const digest = await sha('SHA-256', new TextEncoder().encode('signed bytes'));
    const cms = parseSignedData(
      await buildSignedData({ contentDigest: digest, signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]) }),
    );
    const token = tsa.stamp(cms.signature);
    const check = await verifySignerInfo({ ...cms, unsignedAttributeList: [{ type: '1.2.840.113549.1.9.16.2.14', values: [token] }] }, digest);
    expect(check.timestampToken).toEqual(token);
    const ts = await verifyTimestampToken(check.timestampToken!, cms.signature);
    expect(ts.imprintMatches && ts.signatureValid).toBe(true);

    const later = new Date(Date.now() + 2 * HOUR); // the claimed /M, after expiry
    const at = new Date(Date.now() + 3 * HOUR);
    const tsaTrust = await evaluateSigner({
      signerCertificate: ts.tsaCertificate!, pool: ts.certificates, anchors: [root.certificate], crls: [],
      signingTime: ts.genTime, at, purpose: 'timestamping',
    });
    expect(tsaTrust.status).toBe('TRUSTED');
    const base = { signerCertificate: check.signerCertificate!, pool: cms.certificates, anchors: [root.certificate], crls: [], signingTime: later, at };
    expect((await evaluateSigner(base)).status).toBe('EXPIRED');
    expect((await evaluateSigner({ ...base, timestampTime: ts.genTime })).status).toBe('TRUSTED');
  });
});
