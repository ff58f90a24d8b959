import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSigningCertificate, describeCertificate } from '../../../core/pki/certificate.js';
import { createDemoIdentity, type DemoIdentity } from '../../../core/signers/demo.js';
import { loadPkcs12 } from '../../../core/signers/pkcs12.js';
import { makeTempDir, openssl, writeBytes, writePem } from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const DAY = 86_400_000;
const tmp = makeTempDir('saoy-demo-');
afterAll(() => tmp.cleanup());

describe('createDemoIdentity', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  let id: DemoIdentity;
  beforeAll(async () => {
    id = await createDemoIdentity({ now });
  });

  it('root is a CA clearly marked as demo', () => {
    const root = describeCertificate(id.rootCertificate);
    expect(root.isCA).toBe(true);
    expect(root.subject.commonName).toBe('saoy DEMO Root CA — KHÔNG DÙNG THẬT / not for real use');
    expect(root.issuer.text).toBe(root.subject.text);
    expect(id.password).toBe('demo');
  });

  it.each(['certifier', 'authority'] as const)('%s p12 loads: [leaf, root], RSA, DEMO names, signing usage, 2 years', async (who) => {
    const loaded = await loadPkcs12(who === 'certifier' ? id.certifierP12 : id.authorityP12, id.password);
    expect(loaded.algorithm).toBe('RSASSA-PKCS1-v1_5');
    expect(loaded.certificates).toHaveLength(2);
    expect(loaded.certificates[1]).toEqual(id.rootCertificate);
    expect(loaded.privateKey.extractable).toBe(false);
    const d = describeCertificate(loaded.certificates[0]);
    expect(d.subject.commonName).toBe(who === 'certifier' ? 'Nguyễn Thị Demo (DEMO)' : 'UBND phường Hạc Thành (DEMO)');
    expect(d.subject.organization).toBe('Ủy ban nhân dân phường Hạc Thành');
    expect(d.subject.country).toBe('VN');
    // O is the demo ward (what the statement names); every other attribute says DEMO.
    for (const a of d.subject.attributes) if (a.shortName !== 'C' && a.shortName !== 'O') expect(a.value).toMatch(/DEMO/);
    expect(d.subject.attributes.map((a) => a.shortName)).toContain('OU');
    expect(d.keyUsage).toMatchObject({ digitalSignature: true, nonRepudiation: true, keyCertSign: false });
    expect(d.notBefore.getTime()).toBe(now.getTime() - DAY);
    expect(d.notAfter.getTime()).toBe(now.getTime() + 730 * DAY);
    expect(d.rsaModulusBits).toBe(2048);
    expect(() => checkSigningCertificate(loaded.certificates[0], now)).not.toThrow();
  });

  it('certifierKey ECDSA-P256 gives an ECDSA certifier', async () => {
    const ec = await createDemoIdentity({ certifierKey: 'ECDSA-P256' });
    expect((await loadPkcs12(ec.certifierP12, 'demo')).algorithm).toBe('ECDSA-P256');
    expect((await loadPkcs12(ec.authorityP12, 'demo')).algorithm).toBe('RSASSA-PKCS1-v1_5');
  });

  it.skipIf(skipWithout('openssl'))('openssl reads the p12 files and verifies the chain', () => {
    assertTools('openssl');
    const root = writePem(tmp.dir, 'root.pem', id.rootCertificate);
    for (const [name, p12] of [['certifier', id.certifierP12], ['authority', id.authorityP12]] as const) {
      const path = writeBytes(tmp.dir, `${name}.p12`, p12);
      const dump = openssl(['pkcs12', '-in', path, '-passin', 'pass:demo', '-nokeys', '-clcerts']);
      expect(dump.status).toBe(0);
      const leaf = writeBytes(tmp.dir, `${name}.pem`, new TextEncoder().encode(dump.stdout));
      const v = openssl(['verify', '-attime', String(Math.floor(now.getTime() / 1000)), '-CAfile', root, leaf]);
      expect(v.stdout).toContain(': OK');
    }
  });
});
