import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeRsaVerifier } from '../../../cli/node-verify.js';
import { certificateParts } from '../../../core/pki/cert-parts.js';
import { usePlatformVerifier, verifySignature } from '../../../core/pki/verify-signature.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';

const SHA256_RSA = { oid: '1.2.840.113549.1.1.11' };

describe('the CLI’s node:crypto RSA check answers as WebCrypto does', () => {
  afterEach(() => usePlatformVerifier(undefined));

  it('agrees on a good signature, a bad one, a wrong key; leaves EC keys and malformed keys to WebCrypto', async () => {
    const root = await makeRoot();
    const leaf = await makeLeaf(root);
    const parts = certificateParts(leaf.certificate);
    const rootParts = certificateParts(root.certificate);
    // The leaf's own TBS, signed by the root: a real certificate link.
    const tbs = parts.tbs;
    const sig = parts.der.subarray(parts.der.length - 256);
    const bad = sig.slice();
    bad[10] ^= 1;
    const cases: [typeof rootParts, Uint8Array][] = [[rootParts, sig], [rootParts, bad], [parts, sig]];
    const answers = async () => Promise.all(cases.map(async ([k, s]) => (await verifySignature(k, SHA256_RSA, tbs, s)).valid));
    const webcrypto = await answers();
    usePlatformVerifier(nodeRsaVerifier);
    expect(await answers()).toEqual(webcrypto);
    expect(webcrypto).toEqual([true, false, false]);
    expect(nodeRsaVerifier({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, rootParts.spki, tbs, sig)).toBe(true);
    expect(nodeRsaVerifier({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, rootParts.spki, tbs, bad)).toBe(false);

    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecSpki = new Uint8Array(ec.publicKey.export({ type: 'spki', format: 'der' }));
    expect(nodeRsaVerifier({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ecSpki, tbs, sign('sha256', tbs, ec.privateKey))).toBeUndefined();
    expect(nodeRsaVerifier({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), tbs, sig)).toBeUndefined();
  });
});
