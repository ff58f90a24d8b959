/**
 * buildChain on the path shapes tests/unit/trust/chain.test.ts does not make: a self-issued (key rollover)
 * certificate under a pathLen 0 root, an anchor configured as a re-issued copy of the certificate met on the path,
 * a v1 root without basicConstraints (trusted only as an anchor), and what the problems name.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChain, MAX_CHAIN_LENGTH } from '../../../core/pki/chain.js';
import { issueCertificate, type NameParts } from '../../../core/pki/issue.js';
import { makeTempDir, openssl, type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, pooledKeyPair } from '../../helpers/pki-pool.js';

const DAY = 86_400_000;
const now = Date.now();
const validity = { notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) };

async function ca(subject: NameParts, issuer: TestIdentity | undefined, opts: { pathLen?: number; keys?: CryptoKeyPair; notAfter?: Date } = {}): Promise<TestIdentity> {
  const keys = opts.keys ?? (await pooledKeyPair('ECDSA-P256'));
  const certificate = await issueCertificate({
    subject, publicKey: keys.publicKey, issuerCertificate: issuer?.certificate, issuerKey: (issuer?.keys ?? keys).privateKey,
    ...validity, ...(opts.notAfter ? { notAfter: opts.notAfter } : {}), isCA: true, pathLen: opts.pathLen, keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return { keys, certificate, kind: 'ECDSA-P256' };
}

describe('buildChain path shapes', () => {
  const tmp = makeTempDir('saoy-chainpaths-');
  afterAll(() => tmp.cleanup());
  let root: TestIdentity;
  beforeAll(async () => {
    root = await ca({ country: 'VN', commonName: 'saoy TEST pathLen 0 Root' }, undefined, { pathLen: 0 });
  });

  it('a self-issued rollover certificate does not count against pathLen 0; a real intermediate does', async () => {
    const rolled = await ca({ country: 'VN', commonName: 'saoy TEST pathLen 0 Root' }, root); // same name, new key
    const leaf = await makeLeaf(rolled, { key: 'ECDSA-P256' });
    const r = await buildChain(leaf.certificate, [rolled.certificate], [root.certificate]);
    expect(r.status).toBe('TRUSTED');
    expect(r.chain).toEqual([leaf.certificate, rolled.certificate, root.certificate]);
    expect(r.problems).toEqual([]);

    const int = await ca({ country: 'VN', commonName: 'saoy TEST Int under rollover' }, rolled);
    const deep = await makeLeaf(int, { key: 'ECDSA-P256' });
    const r2 = await buildChain(deep.certificate, [int.certificate, rolled.certificate], [root.certificate]);
    expect(r2.status).toBe('NO_CHAIN');
    expect(r2.problems).toContain('PATH_LENGTH_EXCEEDED: CN=saoy TEST pathLen 0 Root,C=VN');
  });

  it('pathLen 1 allows exactly one intermediate below', async () => {
    const top = await ca({ commonName: 'saoy TEST pathLen 1 Root' }, undefined, { pathLen: 1 });
    const i1 = await ca({ commonName: 'saoy TEST I1' }, top);
    const i2 = await ca({ commonName: 'saoy TEST I2' }, i1);
    const l1 = await makeLeaf(i1, { key: 'ECDSA-P256' });
    const l2 = await makeLeaf(i2, { key: 'ECDSA-P256' });
    expect((await buildChain(l1.certificate, [i1.certificate], [top.certificate])).status).toBe('TRUSTED');
    const r = await buildChain(l2.certificate, [i1.certificate, i2.certificate], [top.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expect(r.problems[0]).toBe('PATH_LENGTH_EXCEEDED: CN=saoy TEST pathLen 1 Root');
  });

  it('an anchor given as a re-issued copy (same name and key) ends the chain as configured', async () => {
    const leaf = await makeLeaf(root, { key: 'ECDSA-P256' });
    const reissued = await ca({ country: 'VN', commonName: 'saoy TEST pathLen 0 Root' }, undefined, { pathLen: 0, keys: root.keys, notAfter: new Date(now + 20 * 365 * DAY) });
    expect(reissued).not.toEqual(root.certificate);
    const r = await buildChain(leaf.certificate, [root.certificate], [reissued.certificate]);
    expect(r.status).toBe('TRUSTED');
    expect(r.chain).toEqual([leaf.certificate, reissued.certificate]);
    expect(r.anchor).toEqual(reissued.certificate);
    // The leaf itself anchored by a re-issued copy of it.
    const leafAgain = await issueCertificate({
      subject: { country: 'VN', organization: 'UBND phường Thử (TEST)', commonName: 'Nguyễn Văn Thử (TEST)' }, publicKey: leaf.keys.publicKey,
      issuerCertificate: root.certificate, issuerKey: root.keys.privateKey, ...validity, isCA: false, keyUsage: ['digitalSignature'],
    });
    const self = await buildChain(leaf.certificate, [], [leafAgain]);
    expect(self).toEqual({ status: 'TRUSTED', chain: [leafAgain], anchor: leafAgain, problems: [] });
  });

  it('a v1 root without basicConstraints issues only as a configured anchor', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const keyFile = join(tmp.dir, 'v1.key');
    writeFileSync(keyFile, key.export({ type: 'pkcs8', format: 'pem' }));
    const out = join(tmp.dir, 'v1.der');
    // A config without extension sections: openssl writes a version 1 certificate (no basicConstraints).
    const cnf = join(tmp.dir, 'v1.cnf');
    writeFileSync(cnf, '[req]\ndistinguished_name=dn\n[dn]\n');
    const made = openssl(['req', '-x509', '-config', cnf, '-new', '-key', keyFile, '-subj', '/CN=saoy TEST v1 Root', '-days', '2', '-outform', 'DER', '-out', out]);
    expect(made.status, made.stderr).toBe(0);
    const v1 = new Uint8Array(readFileSync(out));
    const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const v1Id: TestIdentity = { keys: { privateKey, publicKey: privateKey }, certificate: v1, kind: 'ECDSA-P256' };
    const leaf = await makeLeaf(v1Id, { key: 'ECDSA-P256' });
    expect((await buildChain(leaf.certificate, [], [v1])).status).toBe('TRUSTED');
    // Not an anchor, the same certificate may not issue: under a v1 certificate hangs another anchor's name only.
    const other = await ca({ commonName: 'saoy TEST other root' }, undefined);
    const r = await buildChain(leaf.certificate, [v1], [other.certificate]);
    expect(r.status).toBe('NO_CHAIN');
    expect(r.problems).toContain('ISSUER_NOT_CA: CN=saoy TEST v1 Root');
  });

  it('a path longer than the limit names the limit; one shorter is found', async () => {
    expect(MAX_CHAIN_LENGTH).toBe(10);
    let issuer = await ca({ commonName: 'saoy TEST Deep' }, undefined);
    const top = issuer;
    const pool: Uint8Array[] = [];
    for (let k = 0; k < 8; k++) {
      issuer = await ca({ commonName: `saoy TEST D${k}` }, issuer);
      pool.push(issuer.certificate);
    }
    const leaf = await makeLeaf(issuer, { key: 'ECDSA-P256' });
    // leaf + 8 intermediates + anchor = 10: allowed.
    const r = await buildChain(leaf.certificate, pool, [top.certificate]);
    expect(r.status).toBe('TRUSTED');
    expect(r.chain).toHaveLength(10);
    const below = await ca({ commonName: 'saoy TEST D8' }, issuer);
    const leaf2 = await makeLeaf(below, { key: 'ECDSA-P256' });
    const r2 = await buildChain(leaf2.certificate, [...pool, below.certificate], [top.certificate]);
    expect(r2.status).toBe('NO_CHAIN');
    expect(r2.chain).toHaveLength(10);
    expect(r2.problems).toEqual(['CHAIN_TOO_LONG: more than 10 certificates', 'NO_ISSUER_FOUND: CN=saoy TEST Deep']);
  });

  it('a bad signature is reported over a dead end, naming both certificates', async () => {
    const int = await ca({ commonName: 'saoy TEST Int' }, root);
    const leaf = await makeLeaf(int, { key: 'ECDSA-P256' });
    const tampered = Uint8Array.from(leaf.certificate);
    tampered[tampered.length - 1] ^= 1;
    const r = await buildChain(tampered, [int.certificate], [root.certificate]);
    expect(r.status).toBe('BAD_SIGNATURE');
    expect(r.chain).toEqual([tampered, int.certificate]);
    expect(r.anchor).toBeUndefined();
    expect(r.problems).toEqual(['BAD_SIGNATURE: CN=Nguyễn Văn Thử (TEST),O=UBND phường Thử (TEST),C=VN does not verify with the key of CN=saoy TEST Int']);
  });

  it('an unreadable leaf is NO_CHAIN with the leaf alone', async () => {
    const r = await buildChain(Uint8Array.of(0x30, 0x03, 1, 2, 3), [root.certificate], [root.certificate]);
    expect(r).toEqual({ status: 'NO_CHAIN', chain: [Uint8Array.of(0x30, 0x03, 1, 2, 3)], problems: ['CERT_UNREADABLE: a certificate was skipped'] });
  });
});
