/** A signing key's chain against the trust lists: the clerk's pages preselect only keys that chain to a trusted root. */
import { beforeAll, describe, expect, it } from 'vitest';
import { keyChainTrust } from '../../../core/certify/key-trust.js';
import { createDemoIdentity, DEMO_NAMES, type DemoIdentity } from '../../../core/signers/demo.js';
import { loadPkcs12 } from '../../../core/signers/pkcs12.js';
import { preferredKeyId } from '../../../extension/ui/clerk/key-trust.js';
import type { KeyInfo } from '../../../core/store/keys.js';

let a: DemoIdentity;
let b: DemoIdentity;
let chainA: Uint8Array[];
beforeAll(async () => {
  [a, b] = await Promise.all([createDemoIdentity(), createDemoIdentity()]);
  chainA = (await loadPkcs12(a.authorityP12, a.password)).certificates;
});

describe('keyChainTrust', () => {
  it('trusts a key whose chain ends at an anchor of the lists', async () => {
    expect(await keyChainTrust(chainA, [{ id: 'demo', anchors: [a.rootCertificate] }])).toEqual({ trusted: true });
  });

  it('names the root it stopped at when that root is not in the lists (a same-named other root does not count)', async () => {
    const r = await keyChainTrust(chainA, [{ id: 'demo', anchors: [b.rootCertificate] }]);
    expect(r.trusted).toBe(false);
    expect(['NO_CHAIN', 'BAD_SIGNATURE']).toContain(r.problem);
    expect(r.untrustedIssuer).toContain(DEMO_NAMES.root.commonName);
    const none = await keyChainTrust(chainA, []);
    expect(none).toMatchObject({ trusted: false, problem: 'NO_CHAIN' });
    expect(none.untrustedIssuer).toContain(DEMO_NAMES.root.commonName);
  });
});

describe('preferredKeyId', () => {
  const key = (id: string, label: string): KeyInfo => ({
    id, label, role: 'authority', demo: false, createdAt: '', subject: label, issuer: '', serialHex: '00',
    notBefore: new Date(Date.now() - 86_400_000).toISOString(), notAfter: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    expired: false, keyAlgorithm: 'RSA', chainLength: 2,
  });
  it('skips untrusted keys even when they sort first or were used last; none when no key is trusted', () => {
    const keys = [key('x', 'A chưa tin cậy'), key('y', 'B tin cậy')];
    const trust = new Map([['x', { trusted: false }], ['y', { trusted: true }]]);
    expect(preferredKeyId(keys, trust, 'x')).toBe('y');
    expect(preferredKeyId(keys, new Map([['x', { trusted: false }], ['y', { trusted: false }]]), '')).toBe('');
  });
});
