/**
 * evaluateSigner details tests/unit/trust/trust.test.ts leaves open: the TSA purpose (EKU present, critical and
 * alone), every status found reported in precedence order, which certificates are judged at the proof-of-existence
 * time (all but the anchor; an anchored leaf itself), and the exact problem texts the report shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../../../core/asn1/oids.js';
import { evaluateSigner, type EvaluateSignerOptions } from '../../../core/pki/trust.js';
import type { TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';

const DAY = 86_400_000;
const now = Date.now();
/** Problems other than the 'no CRL given' note every TRUSTED chain without revocation data carries. */
const own = (problems: string[]) => problems.filter((p) => !p.endsWith('(NO_USABLE_CRL)'));

describe('evaluateSigner (details)', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  let base: EvaluateSignerOptions;

  beforeAll(async () => {
    root = await makeRoot({ key: 'ECDSA-P256', notBefore: new Date(now - 1000 * DAY) });
    leaf = await makeLeaf(root, { key: 'ECDSA-P256', notBefore: new Date(now - 100 * DAY), notAfter: new Date(now - 10 * DAY), subject: { commonName: 'Trần Thị Ký (TEST)' } });
    base = { signerCertificate: leaf.certificate, pool: [], anchors: [root.certificate], crls: [], signingTime: new Date(now - 50 * DAY), at: new Date(now) };
  });

  it('a TSA certificate with the timeStamping EKU is fit for timestamping; not critical or not alone is noted, not refused', async () => {
    const tsa = await makeLeaf(root, { key: 'ECDSA-P256', extKeyUsage: [OID.kpTimeStamping] });
    const r = await evaluateSigner({ ...base, signerCertificate: tsa.certificate, signingTime: new Date(now), purpose: 'timestamping' });
    expect(r.status).toBe('TRUSTED');
    expect(r.all).toEqual([]);
    expect(r.problems).toEqual(['TSA_EKU_NOT_EXCLUSIVE_CRITICAL', 'REVOCATION_UNKNOWN: Nguyễn Văn Thử (TEST) (NO_USABLE_CRL)']);
    // The same certificate signs documents as well (purpose 'signing' ignores EKU), without that note.
    const asSigner = await evaluateSigner({ ...base, signerCertificate: tsa.certificate, signingTime: new Date(now) });
    expect(own(asSigner.problems)).toEqual([]);
    const noEku = await evaluateSigner({ ...base, signingTime: new Date(now - 50 * DAY), purpose: 'timestamping' });
    expect(noEku.status).toBe('KEY_USAGE');
    expect(own(noEku.problems)).toEqual(['KEY_USAGE: not a timestamping certificate (extended key usage timeStamping missing)']);
    const otherEku = await makeLeaf(root, { key: 'ECDSA-P256', extKeyUsage: ['1.3.6.1.5.5.7.3.4'] });
    expect((await evaluateSigner({ ...base, signerCertificate: otherEku.certificate, signingTime: new Date(now), purpose: 'timestamping' })).status).toBe('KEY_USAGE');
    const encOnly = await makeLeaf(root, { key: 'ECDSA-P256', keyUsage: ['keyEncipherment'], extKeyUsage: [OID.kpTimeStamping] });
    const enc = await evaluateSigner({ ...base, signerCertificate: encOnly.certificate, signingTime: new Date(now), purpose: 'timestamping' });
    expect(enc.status).toBe('KEY_USAGE');
    expect(own(enc.problems)).toEqual(['KEY_USAGE: neither digitalSignature nor nonRepudiation']);
  });

  it('every status found is reported, most severe first, with the signer named and the time', async () => {
    const other = await makeRoot({ key: 'ECDSA-P256' });
    const enc = await makeLeaf(root, { key: 'ECDSA-P256', keyUsage: ['keyAgreement'], notBefore: new Date(now - 100 * DAY), notAfter: new Date(now - 10 * DAY), subject: { commonName: 'Khóa mã hóa (TEST)' } });
    const at = new Date(now - 5 * DAY);
    const r = await evaluateSigner({ ...base, signerCertificate: enc.certificate, anchors: [other.certificate], signingTime: at });
    expect(r.status).toBe('NO_CHAIN');
    expect(r.all).toEqual(['NO_CHAIN', 'KEY_USAGE', 'EXPIRED']);
    expect(r.problems).toContain(`SIGNER_EXPIRED: Khóa mã hóa (TEST) at ${at.toISOString()}`);
    expect(r.anchor).toBeUndefined();
    expect(r.revocation).toEqual([]);
    const early = new Date(now - 200 * DAY);
    const nyv = await evaluateSigner({ ...base, signingTime: early });
    expect(nyv.all).toEqual(['NOT_YET_VALID']);
    expect(own(nyv.problems)).toEqual([`SIGNER_NOT_YET_VALID: Trần Thị Ký (TEST) at ${early.toISOString()}`]);
  });

  it('without a path to an anchor every certificate found is judged by its dates, and revocation is not checked', async () => {
    const other = await makeRoot({ key: 'ECDSA-P256' });
    const oldInt = await makeLeaf(root, { key: 'ECDSA-P256', isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], notBefore: new Date(now - 100 * DAY), notAfter: new Date(now - 60 * DAY), subject: { commonName: 'Trung gian cũ (TEST)' } });
    const l = await makeLeaf(oldInt, { key: 'ECDSA-P256', notBefore: new Date(now - 90 * DAY) });
    const at = new Date(now - 50 * DAY);
    const r = await evaluateSigner({ ...base, signerCertificate: l.certificate, pool: [oldInt.certificate], anchors: [other.certificate], signingTime: at });
    expect(r.status).toBe('NO_CHAIN');
    expect(r.chain).toEqual([l.certificate, oldInt.certificate]); // the last one found is judged too
    expect(r.all).toEqual(['NO_CHAIN', 'EXPIRED']);
    expect(r.problems).toContain(`INTERMEDIATE_EXPIRED: Trung gian cũ (TEST) at ${at.toISOString()}`);
    expect(r.revocation).toEqual([]);
    expect('anchor' in r).toBe(false);
  });

  it('the anchor is not judged by its dates; an anchored signer is', async () => {
    const oldRoot = await makeRoot({ key: 'ECDSA-P256', notBefore: new Date(now - 1000 * DAY), notAfter: new Date(now - 500 * DAY) });
    const l = await makeLeaf(oldRoot, { key: 'ECDSA-P256', notBefore: new Date(now - 100 * DAY) });
    const r = await evaluateSigner({ ...base, signerCertificate: l.certificate, anchors: [oldRoot.certificate], signingTime: new Date(now - DAY) });
    expect(r.status).toBe('TRUSTED');
    expect(r.chain).toEqual([l.certificate, oldRoot.certificate]);
    const self = await evaluateSigner({ ...base, anchors: [leaf.certificate], signingTime: new Date(now - 5 * DAY) });
    expect(self.chain).toEqual([leaf.certificate]);
    expect(self.status).toBe('EXPIRED');
    expect(self.all).toEqual(['EXPIRED']);
  });

  it('a signing time equal to the evaluation time is used as is; an invalid one falls back to the evaluation time', async () => {
    const at = new Date(now - 50 * DAY);
    const same = await evaluateSigner({ ...base, signingTime: new Date(at), at });
    expect(own(same.problems)).toEqual([]);
    expect(same.proofOfExistence).toEqual(at);
    const bad = await evaluateSigner({ ...base, signingTime: new Date(Number.NaN), at });
    expect(bad.proofOfExistence).toEqual(at);
    expect(bad.status).toBe('TRUSTED');
    expect(own(bad.problems)).toEqual(['SIGNING_TIME_AFTER_EVALUATION_TIME: judged at the evaluation time instead']);
    // A timestamp time wins over the claimed time, even when the claimed one is later than the evaluation time.
    const ts = await evaluateSigner({ ...base, signingTime: new Date(now + DAY), timestampTime: new Date(now - 20 * DAY) });
    expect(ts.proofOfExistence).toEqual(new Date(now - 20 * DAY));
    expect(own(ts.problems)).toEqual([]);
  });

  it('an unreadable signer certificate names the reason and checks nothing else', async () => {
    const r = await evaluateSigner({ ...base, signerCertificate: Uint8Array.of(0x30, 0x00) });
    expect(r).toEqual({ status: 'NO_CHAIN', chain: [Uint8Array.of(0x30, 0x00)], proofOfExistence: base.signingTime, revocation: [], problems: ['CERT_UNREADABLE: the signer certificate'], all: ['NO_CHAIN'] });
  });
});
