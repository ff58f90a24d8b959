import { beforeAll, describe, expect, it } from 'vitest';
import { buildChain } from '../../../core/pki/chain.js';
import { generateKeyPair, issueCertificate, type NameParts } from '../../../core/pki/issue.js';
import { type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { DAY, expectProblem } from './fixtures.js';

const now = Date.now();
const validity = { notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) };

async function makeCa(issuer: TestIdentity, cn: string, opts: { pathLen?: number; keys?: CryptoKeyPair } = {}): Promise<TestIdentity> {
  const keys = opts.keys ?? (await generateKeyPair('ECDSA-P256', { extractable: true }));
  const certificate = await issueCertificate({
    subject: { country: 'VN', commonName: cn },
    publicKey: keys.publicKey,
    issuerCertificate: issuer.certificate,
    issuerKey: issuer.keys.privateKey,
    ...validity,
    isCA: true,
    pathLen: opts.pathLen,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return { keys, certificate, kind: 'ECDSA-P256' };
}

async function selfSigned(subject: NameParts, opts: { pathLen?: number } = {}): Promise<TestIdentity> {
  const keys = await generateKeyPair('ECDSA-P256', { extractable: true });
  const certificate = await issueCertificate({
    subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, ...validity, isCA: true, pathLen: opts.pathLen, keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return { keys, certificate, kind: 'ECDSA-P256' };
}

function tamper(der: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(der);
  copy[copy.length - 1] ^= 0x01; // inside the signature BIT STRING
  return copy;
}

describe('buildChain', () => {
  let root: TestIdentity;
  let int: TestIdentity;
  let leaf: TestIdentity;

  beforeAll(async () => {
    root = await makeRoot();
    int = await makeCa(root, 'saoy TEST Intermediate CA');
    leaf = await makeLeaf(int);
  });

  it('root → intermediate → leaf is TRUSTED, leaf first and anchor last', async () => {
    const unrelated = await makeLeaf(root, { key: 'ECDSA-P256' });
    const r = await buildChain(leaf.certificate, [unrelated.certificate, leaf.certificate, int.certificate, root.certificate], [root.certificate]);
    expect(r.status).toBe('TRUSTED');
    expect(r.chain).toEqual([leaf.certificate, int.certificate, root.certificate]);
    expect(r.anchor).toEqual(root.certificate);
    expect(r.problems).toEqual([]);
  });

  it('a missing intermediate gives NO_CHAIN with the leaf alone', async () => {
    const r = await buildChain(leaf.certificate, [], [root.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expect(r.chain).toEqual([leaf.certificate]);
    expect(r.anchor).toBeUndefined();
    expectProblem(r.problems, 'NO_ISSUER_FOUND');
  });

  it('an unknown root gives NO_CHAIN, as far as it got', async () => {
    const other = await makeRoot();
    const r = await buildChain(leaf.certificate, [int.certificate, root.certificate], [other.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expect(r.chain).toEqual([leaf.certificate, int.certificate, root.certificate]);
  });

  it('a leaf whose issuer signature does not verify gives BAD_SIGNATURE', async () => {
    const r = await buildChain(tamper(leaf.certificate), [int.certificate], [root.certificate]);
    expect(r.status).toBe('BAD_SIGNATURE');
    expect(r.chain[1]).toEqual(int.certificate);
    expectProblem(r.problems, 'BAD_SIGNATURE');
  });

  it('an intermediate with a bad signature by the root gives BAD_SIGNATURE', async () => {
    const r = await buildChain(leaf.certificate, [tamper(int.certificate)], [root.certificate]);
    expect(r.status).toBe('BAD_SIGNATURE');
    expect(r.chain).toHaveLength(3);
  });

  it('an intermediate may be the anchor (its own issuer is not needed)', async () => {
    const r = await buildChain(leaf.certificate, [], [int.certificate]);
    expect(r.status).toBe('TRUSTED');
    expect(r.chain).toEqual([leaf.certificate, int.certificate]);
    expect(r.anchor).toEqual(int.certificate);
  });

  it('an anchored certificate is trusted by itself', async () => {
    const r = await buildChain(leaf.certificate, [], [leaf.certificate]);
    expect(r).toMatchObject({ status: 'TRUSTED', chain: [leaf.certificate] });
  });

  it('terminates on a cycle of cross-certified CAs', async () => {
    const a = await selfSigned({ commonName: 'CA A' });
    const b = await selfSigned({ commonName: 'CA B' });
    const aByB = await makeCa(b, 'CA A', { keys: a.keys });
    const bByA = await makeCa(a, 'CA B', { keys: b.keys });
    const l = await makeLeaf(a, { key: 'ECDSA-P256' });
    const r = await buildChain(l.certificate, [aByB.certificate, bByA.certificate, a.certificate, b.certificate], [root.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expect(r.chain.length).toBeLessThanOrEqual(4);
  });

  it('tries another candidate when the first one leads nowhere (cross-certified intermediate)', async () => {
    const r1 = await selfSigned({ commonName: 'Old Root' });
    const r2 = await selfSigned({ commonName: 'New Root' });
    const iByR1 = await makeCa(r1, 'Shared Intermediate');
    const iByR2 = await makeCa(r2, 'Shared Intermediate', { keys: iByR1.keys });
    const l = await makeLeaf(iByR1, { key: 'ECDSA-P256' });
    const r = await buildChain(l.certificate, [iByR1.certificate, r1.certificate, iByR2.certificate], [r2.certificate]);
    expect(r.status).toBe('TRUSTED');
    expect(r.chain).toEqual([l.certificate, iByR2.certificate, r2.certificate]);
  });

  it('chooses between same-named roots by key identifier', async () => {
    const other = await makeRoot(); // same default subject as `root`, another key
    const r = await buildChain(leaf.certificate, [int.certificate], [other.certificate, root.certificate]);
    expect(r.status).toBe('TRUSTED');
    expect(r.anchor).toEqual(root.certificate);
  });

  it('rejects an issuer that is not a CA', async () => {
    const notCa = await makeLeaf(root, { key: 'ECDSA-P256', subject: { commonName: 'Not a CA' }, keyUsage: ['digitalSignature', 'keyCertSign'] });
    const victim = await makeLeaf(notCa, { key: 'ECDSA-P256' });
    const r = await buildChain(victim.certificate, [notCa.certificate], [root.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expectProblem(r.problems, 'ISSUER_NOT_CA');
  });

  it('rejects a CA without keyCertSign', async () => {
    const keys = await generateKeyPair('ECDSA-P256', { extractable: true });
    const caCert = await issueCertificate({
      subject: { commonName: 'CA without keyCertSign' }, publicKey: keys.publicKey, issuerCertificate: root.certificate,
      issuerKey: root.keys.privateKey, ...validity, isCA: true, keyUsage: ['cRLSign'],
    });
    const l = await makeLeaf({ keys, certificate: caCert, kind: 'ECDSA-P256' }, { key: 'ECDSA-P256' });
    const r = await buildChain(l.certificate, [caCert], [root.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expectProblem(r.problems, 'ISSUER_NO_KEY_CERT_SIGN');
  });

  it('enforces pathLen', async () => {
    const strict = await selfSigned({ commonName: 'Root pathLen 0' }, { pathLen: 0 });
    const i = await makeCa(strict, 'Intermediate under pathLen 0');
    const l = await makeLeaf(i, { key: 'ECDSA-P256' });
    const r = await buildChain(l.certificate, [i.certificate], [strict.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expectProblem(r.problems, 'PATH_LENGTH_EXCEEDED');
    const direct = await makeLeaf(strict, { key: 'ECDSA-P256' });
    expect((await buildChain(direct.certificate, [], [strict.certificate])).status).toBe('TRUSTED');
  });

  it('stops at 10 certificates', async () => {
    const top = await selfSigned({ commonName: 'Deep Root' });
    const cas: TestIdentity[] = [];
    let issuer = top;
    for (let k = 0; k < 10; k++) {
      issuer = await makeCa(issuer, `Level ${k}`);
      cas.push(issuer);
    }
    const l = await makeLeaf(issuer, { key: 'ECDSA-P256' });
    const pool = cas.map((c) => c.certificate);
    const r = await buildChain(l.certificate, pool, [top.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expectProblem(r.problems, 'CHAIN_TOO_LONG');
    // Anchoring lower makes the same path short enough.
    expect((await buildChain(l.certificate, pool, [cas[3].certificate])).status).toBe('TRUSTED');
  });

  it('skips unreadable pool entries', async () => {
    const r = await buildChain(leaf.certificate, [Uint8Array.of(1, 2, 3), int.certificate], [root.certificate]);
    expect(r.status).toBe('TRUSTED');
  });
});
