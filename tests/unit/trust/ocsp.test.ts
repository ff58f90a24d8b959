import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate } from '../../../core/pki/certificate.js';
import { parseOcspResponse, readOcspFromFile } from '../../../core/pki/ocsp.js';
import { checkRevocation, readCrlsFromFile } from '../../../core/pki/revocation.js';
import { evaluateSigner } from '../../../core/pki/trust.js';
import { makeTempDir, writeKeyPem, writePem, type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { DAY, expectProblem, HOUR, makeOpensslCa, ok, opensslIssue, type OpensslCert } from './fixtures.js';

/** YYMMDDHHMMSSZ, as openssl's index.txt wants expiry dates. */
function indexTime(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

describe.skipIf(skipWithout('openssl'))('OCSP responses from openssl ocsp', () => {
  const tmp = makeTempDir('saoy-trust-ocsp-');
  afterAll(() => tmp.cleanup());
  let root: TestIdentity;
  let good: TestIdentity;
  let revoked: TestIdentity;
  let caDir: string;
  let caPem: string;
  let caKey: string;
  let delegated: OpensslCert;
  let noEku: OpensslCert;
  let n = 0;

  /** Writes a leaf into the CA database as valid (openssl ocsp answers "unknown" for serials it has no entry for). */
  const markValid = (der: Uint8Array): void => {
    const d = describeCertificate(der);
    appendFileSync(join(caDir, 'index.txt'), `V\t${indexTime(d.notAfter)}\t\t${d.serialHex.toUpperCase()}\tunknown\t/CN=x${++n}\n`);
  };

  /** A DER OCSP response about `cert`, signed by `signer` (default: the CA itself). */
  const respond = (cert: Uint8Array, opts: { signer?: { certPath: string; keyPath: string }; extra?: string[]; digest?: string; other?: string[] } = {}): Uint8Array => {
    const k = ++n;
    const certPath = writePem(tmp.dir, `c${k}.pem`, cert);
    const out = join(tmp.dir, `resp${k}.der`);
    const signer = opts.signer ?? { certPath: caPem, keyPath: caKey };
    ok(['ocsp', '-index', join(caDir, 'index.txt'), '-rsigner', signer.certPath, '-rkey', signer.keyPath, '-CA', caPem,
      ...(opts.digest ? [`-${opts.digest}`] : []), '-issuer', caPem, '-cert', certPath, ...(opts.other ?? []), '-respout', out, '-ndays', '1', ...(opts.extra ?? [])]);
    return new Uint8Array(readFileSync(out));
  };

  beforeAll(async () => {
    assertTools('openssl');
    root = await makeRoot();
    good = await makeLeaf(root, { key: 'ECDSA-P256' });
    revoked = await makeLeaf(root);
    caDir = join(tmp.dir, 'ca');
    const ca = await makeOpensslCa(caDir, root);
    caPem = join(caDir, 'ca.pem');
    caKey = join(caDir, 'ca.key');
    markValid(good.certificate);
    ca.revoke(revoked.certificate, 'keyCompromise');
    delegated = await opensslIssue(tmp.dir, root, {
      cn: 'saoy TEST OCSP responder',
      extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=OCSPSigning'],
    });
    noEku = await opensslIssue(tmp.dir, root, { cn: 'saoy TEST not a responder', extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature'] });
  });

  const chainOf = (c: TestIdentity): Uint8Array[] => [c.certificate, root.certificate];

  it('parses a response', () => {
    const p = parseOcspResponse(respond(good.certificate));
    expect(p.responses).toHaveLength(1);
    expect(p.responses[0].status.kind).toBe('good');
    expect(p.responses[0].certId.serial).toBe(describeCertificate(good.certificate).serialHex);
    expect(p.responses[0].nextUpdate!.getTime() - p.responses[0].thisUpdate.getTime()).toBe(DAY);
    expect('byName' in p.responderId).toBe(true);
    expect(readOcspFromFile(p.der)).toEqual([p.der]);
    expect(() => parseOcspResponse(Uint8Array.of(0x30, 3, 0x0a, 1, 1))).toThrow(); // malformedRequest
  });

  it('GOOD from a good response signed by the CA (SHA-1 and SHA-256 CertIDs)', async () => {
    for (const digest of [undefined, 'sha256']) {
      const [r] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [respond(good.certificate, { digest })], at: new Date() });
      expect(r.status).toBe('GOOD');
    }
  });

  it('REVOKED when revoked before the time in question, REVOKED_AFTER when after', async () => {
    const resp = respond(revoked.certificate);
    const [before] = await checkRevocation({ chain: chainOf(revoked), crls: [], ocspResponses: [resp], at: new Date(Date.now() + HOUR) });
    expect(before).toMatchObject({ status: 'REVOKED', reason: 'keyCompromise' });
    expect(Math.abs(before.revocationDate!.getTime() - Date.now())).toBeLessThan(120_000);
    const [after] = await checkRevocation({ chain: chainOf(revoked), crls: [], ocspResponses: [resp], at: new Date(Date.now() - HOUR) });
    expect(after.status).toBe('REVOKED_AFTER');
  });

  it('accepts a delegated responder with the OCSPSigning EKU (by name and by key id)', async () => {
    for (const other of [[], ['-resp_key_id']]) {
      const resp = respond(good.certificate, { signer: delegated, other });
      expect(parseOcspResponse(resp).certs.length).toBeGreaterThan(0);
      const [r] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [resp], at: new Date() });
      expect(r.status).toBe('GOOD');
    }
    const [rev] = await checkRevocation({ chain: chainOf(revoked), crls: [], ocspResponses: [respond(revoked.certificate, { signer: delegated })], at: new Date(Date.now() + HOUR) });
    expect(rev.status).toBe('REVOKED');
  });

  it('ignores a responder without the OCSPSigning EKU, and one signed by an unrelated key', async () => {
    const [r] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [respond(good.certificate, { signer: noEku })], at: new Date() });
    expect(r.status).toBe('UNKNOWN');
    expectProblem(r.problems, 'OCSP_RESPONDER_NOT_AUTHORISED');

    const impostor = await makeRoot(); // same default subject as root: responderID byName matches the real CA
    const fake = { certPath: writePem(tmp.dir, 'impostor.pem', impostor.certificate), keyPath: await writeKeyPem(tmp.dir, 'impostor.key', impostor.keys.privateKey) };
    // openssl marks the revoked one "revoked" too; the point is that a forged "good" must not be believed.
    const forged = respond(good.certificate, { signer: fake });
    const [f] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [forged], at: new Date() });
    expect(f.status).toBe('UNKNOWN');
    expectProblem(f.problems, 'OCSP_SIGNATURE_INVALID');
    // A forged response alongside a genuine "revoked" one: still REVOKED.
    const [both] = await checkRevocation({ chain: chainOf(revoked), crls: [], ocspResponses: [respond(revoked.certificate, { signer: fake }), respond(revoked.certificate)], at: new Date(Date.now() + HOUR) });
    expect(both.status).toBe('REVOKED');
  });

  it('a delegated responder counts only when this issuer signed it, for OCSP, and it was valid when the response was made', async () => {
    const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
    const as = async (id: TestIdentity, name: string) => ({ certPath: writePem(tmp.dir, `${name}.pem`, id.certificate), keyPath: await writeKeyPem(tmp.dir, `${name}.key`, id.keys.privateKey) });
    const answer = async (signer: { certPath: string; keyPath: string }, other: string[] = []) => {
      const [r] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [respond(good.certificate, { signer, other })], at: new Date() });
      return r;
    };
    const refused = (problem: string) => ({ certificate: good.certificate, status: 'UNKNOWN', crlRequired: false, problems: ['NO_USABLE_CRL', problem] });
    // Issued by a CA of another name.
    const otherCa = await makeRoot({ subject: { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST Other CA' } });
    const fromOther = await makeLeaf(otherCa, { key: 'ECDSA-P256', extKeyUsage: [OCSP_SIGNING] });
    expect(await answer(await as(fromOther, 'from-other'))).toStrictEqual(refused('OCSP_RESPONDER_NOT_AUTHORISED: issued by another CA'));
    // Issued under the CA's name by another key.
    const impostor = await makeRoot();
    const fromImpostor = await makeLeaf(impostor, { key: 'ECDSA-P256', extKeyUsage: [OCSP_SIGNING] });
    expect(await answer(await as(fromImpostor, 'from-impostor'))).toStrictEqual(refused('OCSP_RESPONDER_NOT_AUTHORISED: responder certificate not signed by the issuer'));
    // Expired, or not yet valid, when the response was produced.
    for (const [name, notBefore, notAfter] of [['expired', -10 * DAY, -DAY], ['early', DAY, 10 * DAY]] as const) {
      const r = await makeLeaf(root, { key: 'ECDSA-P256', extKeyUsage: [OCSP_SIGNING], notBefore: new Date(Date.now() + notBefore), notAfter: new Date(Date.now() + notAfter) });
      expect(await answer(await as(r, name)), name).toStrictEqual(refused('OCSP_RESPONDER_NOT_AUTHORISED: responder certificate not valid when the response was produced'));
    }
    // The same responder, valid now: believed.
    const valid = await makeLeaf(root, { key: 'ECDSA-P256', extKeyUsage: [OCSP_SIGNING] });
    expect((await answer(await as(valid, 'valid'))).status).toBe('GOOD');
    // A delegated response that does not carry the responder's certificate.
    expect(await answer(delegated, ['-resp_no_certs'])).toStrictEqual(refused('OCSP_RESPONDER_UNKNOWN: no certificate for the responder'));
  });

  it('a response about the same serial under another CA key with the same name does not match (issuerKeyHash)', async () => {
    const impostor = await makeRoot(); // same default subject as root
    const impostorPem = writePem(tmp.dir, 'impostor-issuer.pem', impostor.certificate);
    const out = join(tmp.dir, 'impostor-certid.der');
    // The CertID is computed from the -issuer given before -cert: the impostor's name (the same) and key (not the same).
    ok(['ocsp', '-index', join(caDir, 'index.txt'), '-rsigner', caPem, '-rkey', caKey, '-CA', caPem, '-issuer', impostorPem,
      '-cert', writePem(tmp.dir, 'good-again.pem', good.certificate), '-respout', out, '-ndays', '1']);
    const resp = new Uint8Array(readFileSync(out));
    const [r] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [resp], at: new Date() });
    expect(r).toStrictEqual({ certificate: good.certificate, status: 'UNKNOWN', crlRequired: false, problems: ['NO_USABLE_CRL'] });
  });

  it("another certificate's response does not match", async () => {
    const [r] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [respond(revoked.certificate)], at: new Date() });
    expect(r.status).toBe('UNKNOWN');
    const [bad] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [Uint8Array.of(0x30, 0)], at: new Date() });
    expectProblem(bad.problems, 'OCSP_UNREADABLE');
  });

  it('freshness: stale and future-dated responses do not prove GOOD; old responses are fine for earlier times', async () => {
    const resp = respond(good.certificate);
    const [stale] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [resp], at: new Date(Date.now() + 2 * DAY), now: new Date(Date.now() + 2 * DAY) });
    expect(stale.status).toBe('UNKNOWN');
    expectProblem(stale.problems, 'OCSP_STALE');
    const [future] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [resp], at: new Date(Date.now() - 2 * DAY), now: new Date(Date.now() - DAY) });
    expect(future.status).toBe('UNKNOWN');
    expectProblem(future.problems, 'OCSP_NOT_YET_VALID');
    const [earlier] = await checkRevocation({ chain: chainOf(good), crls: [], ocspResponses: [resp], at: new Date(Date.now() - 30 * DAY) });
    expect(earlier.status).toBe('GOOD');
  });

  it('a response produced after the certificate expired is fine for a signature made while it was valid', async () => {
    const expired = await makeLeaf(root, { key: 'ECDSA-P256', notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
    markValid(expired.certificate);
    const [r] = await checkRevocation({ chain: chainOf(expired), crls: [], ocspResponses: [respond(expired.certificate)], at: new Date(Date.now() - 5 * DAY) });
    expect(r.status).toBe('GOOD');
  });

  it('OCSP revoked wins over a CRL that says good', async () => {
    const other = await makeOpensslCa(join(tmp.dir, 'crlonly'), root);
    const crl = new TextEncoder().encode(other.crl()); // empty CRL: "nothing revoked"
    const [r] = await checkRevocation({ chain: chainOf(revoked), crls: readCrlsFromFile(crl), ocspResponses: [respond(revoked.certificate)], at: new Date(Date.now() + HOUR) });
    expect(r.status).toBe('REVOKED');
  });

  it('evaluateSigner: a certificate naming an OCSP responder is TRUSTED with a good response, REVOCATION_UNKNOWN without', async () => {
    const signer = await opensslIssue(tmp.dir, root, {
      cn: 'Signer with OCSP AIA',
      extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation', 'authorityInfoAccess=OCSP;URI:http://ocsp.example.invalid'],
    });
    markValid(signer.der);
    const base = { signerCertificate: signer.der, pool: [], anchors: [root.certificate], crls: [], signingTime: new Date(), at: new Date() };
    const none = await evaluateSigner(base);
    expect(none.status).toBe('REVOCATION_UNKNOWN');
    expect(none.revocation[0].crlRequired).toBe(true);
    const withOcsp = await evaluateSigner({ ...base, ocspResponses: [respond(signer.der)] });
    expect(withOcsp.status).toBe('TRUSTED');
    expect(withOcsp.revocation[0].status).toBe('GOOD');
  });
});
