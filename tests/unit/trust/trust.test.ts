import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, issueCertificate } from '../../../core/pki/issue.js';
import { evaluateSigner, type EvaluateSignerOptions } from '../../../core/pki/trust.js';
import { type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { DAY, expectProblem } from './fixtures.js';

const now = Date.now();

describe('evaluateSigner', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  let base: EvaluateSignerOptions;

  beforeAll(async () => {
    root = await makeRoot({ notBefore: new Date(now - 1000 * DAY) });
    leaf = await makeLeaf(root, { key: 'ECDSA-P256', notBefore: new Date(now - 100 * DAY), notAfter: new Date(now - 10 * DAY) });
    base = { signerCertificate: leaf.certificate, pool: [], anchors: [root.certificate], crls: [], signingTime: new Date(now - 50 * DAY), at: new Date(now) };
  });

  it('TRUSTED when valid at the claimed signing time (the certificate has expired since)', async () => {
    const r = await evaluateSigner(base);
    expect(r.status).toBe('TRUSTED');
    expect(r.chain).toEqual([leaf.certificate, root.certificate]);
    expect(r.anchor).toEqual(root.certificate);
    expect(r.proofOfExistence).toEqual(base.signingTime);
    expect(r.revokedLater).toBeUndefined();
  });

  it('EXPIRED when expired at the claimed signing time and there is no timestamp', async () => {
    const r = await evaluateSigner({ ...base, signingTime: new Date(now - 5 * DAY) });
    expect(r.status).toBe('EXPIRED');
    expectProblem(r.problems, 'SIGNER_EXPIRED');
  });

  it('TRUSTED when a timestamp proves the signature existed while the certificate was valid', async () => {
    const r = await evaluateSigner({ ...base, signingTime: new Date(now - 5 * DAY), timestampTime: new Date(now - 20 * DAY) });
    expect(r.status).toBe('TRUSTED');
    expect(r.proofOfExistence).toEqual(new Date(now - 20 * DAY));
  });

  it('a timestamp after expiry does not help, whatever the claimed time', async () => {
    const r = await evaluateSigner({ ...base, signingTime: new Date(now - 50 * DAY), timestampTime: new Date(now - 5 * DAY) });
    expect(r.status).toBe('EXPIRED');
  });

  it('NOT_YET_VALID before notBefore', async () => {
    const r = await evaluateSigner({ ...base, signingTime: new Date(now - 200 * DAY) });
    expect(r.status).toBe('NOT_YET_VALID');
  });

  it('KEY_USAGE without digitalSignature or nonRepudiation', async () => {
    const enc = await makeLeaf(root, { key: 'ECDSA-P256', keyUsage: ['keyAgreement'] });
    const r = await evaluateSigner({ ...base, signerCertificate: enc.certificate, signingTime: new Date(now) });
    expect(r.status).toBe('KEY_USAGE');
  });

  it("KEY_USAGE for purpose 'timestamping' without the timeStamping EKU", async () => {
    const r = await evaluateSigner({ ...base, purpose: 'timestamping' });
    expect(r.status).toBe('KEY_USAGE');
  });

  it('an intermediate expired at the signing time makes it EXPIRED', async () => {
    const keys = await generateKeyPair('ECDSA-P256', { extractable: true });
    const intCert = await issueCertificate({
      subject: { commonName: 'Short-lived intermediate' }, publicKey: keys.publicKey, issuerCertificate: root.certificate,
      issuerKey: root.keys.privateKey, notBefore: new Date(now - 100 * DAY), notAfter: new Date(now - 60 * DAY), isCA: true,
      keyUsage: ['keyCertSign', 'cRLSign'],
    });
    const l = await makeLeaf({ keys, certificate: intCert, kind: 'ECDSA-P256' }, { key: 'ECDSA-P256', notBefore: new Date(now - 90 * DAY) });
    const opts = { ...base, signerCertificate: l.certificate, pool: [intCert] };
    const r = await evaluateSigner({ ...opts, signingTime: new Date(now - 50 * DAY) });
    expect(r.status).toBe('EXPIRED');
    expectProblem(r.problems, 'INTERMEDIATE_EXPIRED');
    expect((await evaluateSigner({ ...opts, signingTime: new Date(now - 70 * DAY) })).status).toBe('TRUSTED');
  });

  it('NO_CHAIN for an unknown root, CHAIN_INVALID for a broken link', async () => {
    const other = await makeRoot();
    expect((await evaluateSigner({ ...base, anchors: [other.certificate] })).status).toBe('NO_CHAIN');
    const broken = Uint8Array.from(leaf.certificate);
    broken[broken.length - 1] ^= 1;
    expect((await evaluateSigner({ ...base, signerCertificate: broken })).status).toBe('CHAIN_INVALID');
  });

  it('never judges at a time after the evaluation time', async () => {
    const r = await evaluateSigner({ ...base, signingTime: new Date(now + 10 * DAY), at: new Date(now - 50 * DAY) });
    expect(r.proofOfExistence).toEqual(new Date(now - 50 * DAY));
    expect(r.status).toBe('TRUSTED');
    expectProblem(r.problems, 'SIGNING_TIME_AFTER_EVALUATION_TIME');
  });

  it('NO_CHAIN for an unreadable signer certificate, without throwing', async () => {
    const r = await evaluateSigner({ ...base, signerCertificate: Uint8Array.of(0x30, 0x00) });
    expect(r.status).toBe('NO_CHAIN');
  });
  it('reports every status found, most severe first', async () => {
    const other = await makeRoot();
    const enc = await makeLeaf(root, { key: 'ECDSA-P256', keyUsage: ['keyAgreement'], notBefore: new Date(now - 100 * DAY), notAfter: new Date(now - 10 * DAY) });
    const r = await evaluateSigner({ ...base, signerCertificate: enc.certificate, anchors: [other.certificate], signingTime: new Date(now - 5 * DAY) });
    expect(r.all).toEqual(['NO_CHAIN', 'KEY_USAGE', 'EXPIRED']);
    expect(r.status).toBe('NO_CHAIN');
    expect(r.chain).toEqual([enc.certificate]);
    expectProblem(r.problems, 'SIGNER_EXPIRED');
  });

  it('the anchor is trusted as configured, even expired; a certificate anchored by itself is still judged', async () => {
    const oldRoot = await makeRoot({ notBefore: new Date(now - 1000 * DAY), notAfter: new Date(now - 60 * DAY) });
    const l = await makeLeaf(oldRoot, { key: 'ECDSA-P256', notBefore: new Date(now - 100 * DAY), notAfter: new Date(now + 100 * DAY) });
    const r = await evaluateSigner({ ...base, signerCertificate: l.certificate, anchors: [oldRoot.certificate] });
    expect(r.status).toBe('TRUSTED');
    expect(r.all).toEqual([]);
    const self = await evaluateSigner({ ...base, anchors: [leaf.certificate], signingTime: new Date(now - 5 * DAY) });
    expect(self.chain).toEqual([leaf.certificate]);
    expect(self.status).toBe('EXPIRED');
  });

  it('an unreadable signing time is replaced by the evaluation time', async () => {
    const r = await evaluateSigner({ ...base, signingTime: new Date(Number.NaN), at: new Date(now - 50 * DAY) });
    expect(r.proofOfExistence).toEqual(new Date(now - 50 * DAY));
    expectProblem(r.problems, 'SIGNING_TIME_AFTER_EVALUATION_TIME');
    expect(r.status).toBe('TRUSTED');
  });

  it("purpose 'timestamping': a TSA certificate with a non-critical timeStamping EKU is accepted with a note", async () => {
    const tsa = await makeLeaf(root, { key: 'ECDSA-P256', extKeyUsage: ['1.3.6.1.5.5.7.3.8'], notBefore: new Date(now - 100 * DAY) });
    const r = await evaluateSigner({ ...base, signerCertificate: tsa.certificate, purpose: 'timestamping' });
    expect(r.status).toBe('TRUSTED');
    expectProblem(r.problems, 'TSA_EKU_NOT_EXCLUSIVE_CRITICAL');
    const signing = await evaluateSigner({ ...base, signerCertificate: tsa.certificate });
    expect(signing.problems.some((p) => p.startsWith('TSA_EKU'))).toBe(false);
  });
});
