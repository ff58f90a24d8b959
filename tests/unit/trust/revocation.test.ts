import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCrl } from '../../../core/pki/crl.js';
import { checkRevocation, readCrlsFromFile } from '../../../core/pki/revocation.js';
import { evaluateSigner } from '../../../core/pki/trust.js';
import { makeTempDir, pemToDer, type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { DAY, expectProblem, HOUR, makeOpensslCa, opensslIssue } from './fixtures.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe.skipIf(skipWithout('openssl'))('CRLs from openssl ca', () => {
  const tmp = makeTempDir('saoy-trust-crl-');
  afterAll(() => tmp.cleanup());
  let root: TestIdentity;
  let revoked: TestIdentity;
  let good: TestIdentity;
  let crlPem: string;
  let crl: Uint8Array;
  let ca: Awaited<ReturnType<typeof makeOpensslCa>>;

  beforeAll(async () => {
    assertTools('openssl');
    root = await makeRoot();
    revoked = await makeLeaf(root);
    good = await makeLeaf(root, { key: 'ECDSA-P256' });
    ca = await makeOpensslCa(join(tmp.dir, 'ca'), root);
    ca.revoke(revoked.certificate, 'keyCompromise');
    crlPem = ca.crl();
    crl = readCrlsFromFile(enc(crlPem))[0];
  });

  it('parses the CRL', () => {
    const p = parseCrl(crl);
    expect(p.entries.size).toBe(1);
    const [entry] = [...p.entries.values()];
    expect(entry.reason).toBe('keyCompromise');
    expect(Math.abs(entry.revocationDate.getTime() - Date.now())).toBeLessThan(120_000);
    expect(p.nextUpdate!.getTime() - p.thisUpdate.getTime()).toBe(30 * DAY);
  });

  it('REVOKED when revoked before the time in question, REVOKED_AFTER when after', async () => {
    const before = await checkRevocation({ chain: [revoked.certificate, root.certificate], crls: [crl], at: new Date(Date.now() + HOUR) });
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ certificate: revoked.certificate, status: 'REVOKED', reason: 'keyCompromise', crlRequired: false });
    const after = await checkRevocation({ chain: [revoked.certificate, root.certificate], crls: [crl], at: new Date(Date.now() - HOUR) });
    expect(after[0].status).toBe('REVOKED_AFTER');
    expect(after[0].revocationDate).toEqual(before[0].revocationDate);
  });

  it('GOOD for a certificate not on a current CRL', async () => {
    const [r] = await checkRevocation({ chain: [good.certificate, root.certificate], crls: [crl], at: new Date() });
    expect(r.status).toBe('GOOD');
  });

  it('UNKNOWN without CRLs, and for a CRL that expired before the time in question', async () => {
    const [none] = await checkRevocation({ chain: [good.certificate, root.certificate], crls: [], at: new Date() });
    expect(none.status).toBe('UNKNOWN');
    expectProblem(none.problems, 'NO_USABLE_CRL');
    const short = readCrlsFromFile(enc(ca.crl(['-crldays', '1'])));
    const [stale] = await checkRevocation({ chain: [good.certificate, root.certificate], crls: short, at: new Date(Date.now() + 2 * DAY) });
    expect(stale.status).toBe('UNKNOWN');
    expectProblem(stale.problems, 'CRL_STALE');
  });

  it('ignores a CRL signed by another key with the same issuer name', async () => {
    const impostor = await makeRoot(); // same default subject as root
    const fake = await makeOpensslCa(join(tmp.dir, 'fake'), impostor);
    const fakeCrl = readCrlsFromFile(enc(fake.crl())); // empty: would say "not revoked"
    expect(parseCrl(fakeCrl[0]).issuer).toEqual(parseCrl(crl).issuer);
    const [r] = await checkRevocation({ chain: [revoked.certificate, root.certificate], crls: fakeCrl, at: new Date(Date.now() + HOUR) });
    expect(r.status).toBe('UNKNOWN');
    expectProblem(r.problems, 'CRL_SIGNATURE_INVALID');
    // ...and the genuine CRL still wins when both are given.
    const [both] = await checkRevocation({ chain: [revoked.certificate, root.certificate], crls: [...fakeCrl, crl], at: new Date(Date.now() + HOUR) });
    expect(both.status).toBe('REVOKED');
  });

  it('a CRL issued after the certificate expired does not prove it GOOD (expired entries are dropped)', async () => {
    const expired = await makeLeaf(root, { key: 'ECDSA-P256', notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
    const [r] = await checkRevocation({ chain: [expired.certificate, root.certificate], crls: [crl], at: new Date(Date.now() - 5 * DAY) });
    expect(r.status).toBe('UNKNOWN');
    expectProblem(r.problems, 'CRL_AFTER_EXPIRY');
  });

  it('reads a PEM bundle with two CRLs, and DER', () => {
    const second = ca.crl();
    const list = readCrlsFromFile(enc(`some text\n${crlPem}\n${second}`));
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual(crl);
    expect(readCrlsFromFile(crl)).toEqual([crl]);
    expect(readCrlsFromFile(enc('no CRL here'))).toEqual([]);
    expect(pemToDer(second)).toEqual(list[1]);
  });

  it('skips unreadable CRLs', async () => {
    const [r] = await checkRevocation({ chain: [revoked.certificate, root.certificate], crls: [Uint8Array.of(0x30, 0), crl], at: new Date(Date.now() + HOUR) });
    expect(r.status).toBe('REVOKED');
    expectProblem(r.problems, 'CRL_UNREADABLE');
  });

  it('checks intermediates with their own issuer; the anchor is not checked', async () => {
    const int = await opensslIssue(tmp.dir, root, { cn: 'CRL test intermediate', extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'] });
    const intCa = await makeOpensslCa(join(tmp.dir, 'int'), root);
    intCa.revoke(int.der, 'cACompromise');
    const rootCrl = readCrlsFromFile(enc(intCa.crl()));
    const results = await checkRevocation({ chain: [good.certificate, int.der, root.certificate], crls: rootCrl, at: new Date(Date.now() + HOUR) });
    expect(results).toHaveLength(2);
    expect(results[0].status).toBe('UNKNOWN'); // good was issued by root, not int: chain order is what is given
    expect(results[1]).toMatchObject({ status: 'REVOKED', reason: 'cACompromise' });
  });

  it('honours the issuingDistributionPoint scope (partitions, user-only CRLs)', async () => {
    const idp = (name: string, uri: string) => [`[ ${name} ]`, 'issuingDistributionPoint = critical, @' + name + '_dp', `[ ${name}_dp ]`, `fullname = URI:${uri}`, 'onlyuser = TRUE'];
    const part = await makeOpensslCa(join(tmp.dir, 'part'), root, [...idp('idp_a', 'http://crl.example.invalid/a.crl'), ...idp('idp_b', 'http://crl.example.invalid/b.crl')]);
    const inA = await opensslIssue(tmp.dir, root, {
      cn: 'Signer in partition A',
      extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'crlDistributionPoints=URI:http://crl.example.invalid/a.crl'],
    });
    const crlA = readCrlsFromFile(enc(part.crl(['-crlexts', 'idp_a'])));
    const crlB = readCrlsFromFile(enc(part.crl(['-crlexts', 'idp_b'])));
    const at = new Date();
    expect((await checkRevocation({ chain: [inA.der, root.certificate], crls: crlA, at }))[0]).toMatchObject({ status: 'GOOD', crlRequired: true });
    const [other] = await checkRevocation({ chain: [inA.der, root.certificate], crls: crlB, at });
    expect(other.status).toBe('UNKNOWN');
    expectProblem(other.problems, 'CRL_SCOPE_OTHER_PARTITION');
    // A certificate without distribution points is not in any partition.
    expectProblem((await checkRevocation({ chain: [good.certificate, root.certificate], crls: crlA, at }))[0].problems, 'CRL_SCOPE_OTHER_PARTITION');
    const int = await opensslIssue(tmp.dir, root, {
      cn: 'CA in partition A',
      extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'crlDistributionPoints=URI:http://crl.example.invalid/a.crl'],
    });
    const [ca] = await checkRevocation({ chain: [int.der, root.certificate], crls: crlA, at });
    expect(ca.status).toBe('UNKNOWN');
    expectProblem(ca.problems, 'CRL_SCOPE_USER_CERTS_ONLY');
  });

  describe('evaluateSigner with revocation', () => {
    it('REVOKED when revoked at or before the signing time', async () => {
      const t = new Date(Date.now() + HOUR);
      const r = await evaluateSigner({ signerCertificate: revoked.certificate, pool: [], anchors: [root.certificate], crls: [crl], signingTime: t, at: new Date(Date.now() + 2 * HOUR) });
      expect(r.status).toBe('REVOKED');
      expect(r.revocationDate).toBeInstanceOf(Date);
    });

    it('TRUSTED with revokedLater when revoked after the signing time', async () => {
      const t = new Date(Date.now() - HOUR);
      const r = await evaluateSigner({ signerCertificate: revoked.certificate, pool: [], anchors: [root.certificate], crls: [crl], signingTime: t, at: new Date() });
      expect(r.status).toBe('TRUSTED');
      expect(r.revokedLater).toBe(true);
    });

    it('a timestamp after the revocation makes it REVOKED even if the claimed time is earlier', async () => {
      const r = await evaluateSigner({
        signerCertificate: revoked.certificate, pool: [], anchors: [root.certificate], crls: [crl],
        signingTime: new Date(Date.now() - HOUR), timestampTime: new Date(Date.now() + HOUR), at: new Date(Date.now() + 2 * HOUR),
      });
      expect(r.status).toBe('REVOKED');
    });

    it('REVOCATION_UNKNOWN only when the CA publishes revocation data and no CRL covers the certificate', async () => {
      const published = await opensslIssue(tmp.dir, root, {
        cn: 'Signer with CRL DP',
        extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation', 'crlDistributionPoints=URI:http://crl.example.invalid/root.crl'],
      });
      const base = { signerCertificate: published.der, pool: [], anchors: [root.certificate], signingTime: new Date(), at: new Date() };
      const none = await evaluateSigner({ ...base, crls: [] });
      expect(none.status).toBe('REVOCATION_UNKNOWN');
      expect(none.revocation[0].crlRequired).toBe(true);
      const covered = await evaluateSigner({ ...base, crls: [crl] });
      expect(covered.status).toBe('TRUSTED');
      // Without distribution points, missing CRLs are noted but do not block trust.
      const plain = await evaluateSigner({ ...base, signerCertificate: good.certificate, crls: [] });
      expect(plain.status).toBe('TRUSTED');
      expectProblem(plain.problems, 'REVOCATION_UNKNOWN');
    });
  });
});
