import { afterAll, describe, expect, it } from 'vitest';
import { describeCertificate } from '../../../core/pki/certificate.js';
import { encodeName, generateKeyPair, issueCertificate } from '../../../core/pki/issue.js';
import { readDistinguishedName } from '../../../core/pki/name.js';
import { makeTempDir, openssl, writePem } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const noOpenssl = skipWithout('openssl');
const tmp = makeTempDir('saoy-issue-');
afterAll(() => tmp.cleanup());

describe('generateKeyPair', () => {
  it.each(['RSA-2048', 'ECDSA-P256'] as const)('%s honours extractable', async (kind) => {
    const locked = await generateKeyPair(kind, { extractable: false });
    expect(locked.privateKey.extractable).toBe(false);
    const open = await generateKeyPair(kind, { extractable: true });
    expect(open.privateKey.extractable).toBe(true);
    expect(open.privateKey.algorithm.name).toBe(kind === 'RSA-2048' ? 'RSASSA-PKCS1-v1_5' : 'ECDSA');
  });
});

describe('issueCertificate', () => {
  it('writes one attribute per RDN, UTF8String for text, PrintableString for C', () => {
    const der = encodeName({ country: 'VN', organization: 'Sở Tư pháp', commonName: 'Đỗ Thị E' });
    const n = readDistinguishedName(der);
    expect(n.text).toBe('CN=Đỗ Thị E,O=Sở Tư pháp,C=VN');
    // SET{SEQ{OID 2.5.4.6, PrintableString "VN"}} is the first RDN.
    expect(Array.from(der.subarray(2, 15))).toEqual([0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, 0x56, 0x4e]);
    expect(() => encodeName({ country: 'Việt Nam' })).toThrow();
  });

  it.skipIf(noOpenssl)('openssl verifies root → sub CA → leaf, with the extensions we asked for', async () => {
    assertTools('openssl');
    const root = await makeRoot({ key: 'ECDSA-P256' });
    const sub = await makeLeaf(root, { isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], subject: { commonName: 'Sub CA' } });
    const leaf = await makeLeaf(sub, { extKeyUsage: ['1.3.6.1.5.5.7.3.4', '1.3.6.1.4.1.311.10.3.12'] });
    const rootPem = writePem(tmp.dir, 'root.pem', root.certificate);
    const subPem = writePem(tmp.dir, 'sub.pem', sub.certificate);
    const leafPem = writePem(tmp.dir, 'leaf.pem', leaf.certificate);
    const v = openssl(['verify', '-x509_strict', '-CAfile', rootPem, '-untrusted', subPem, leafPem]);
    expect(v.stdout + v.stderr).toContain(': OK');
    expect(v.status).toBe(0);

    const text = openssl(['x509', '-in', leafPem, '-noout', '-text']).stdout;
    expect(text).toMatch(/Version: 3/);
    expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/X509v3 Subject Key Identifier/);
    expect(text).toMatch(/X509v3 Authority Key Identifier/);
    expect(text).toMatch(/E-mail Protection, Microsoft Encrypted File System|E-mail Protection, 1\.3\.6\.1\.4\.1\.311\.10\.3\.12|E-mail Protection, Microsoft/);
    const subText = openssl(['x509', '-in', subPem, '-noout', '-text']).stdout;
    expect(subText).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
    expect(subText).toMatch(/Certificate Sign, CRL Sign/);
    expect(subText).toMatch(/Signature Algorithm: ecdsa-with-SHA256/); // signed by the ECDSA root
  });

  it('self-signed: issuer = subject, AKI = SKI, pathLen recorded', async () => {
    const keys = await generateKeyPair('RSA-2048', { extractable: false });
    const der = await issueCertificate({
      subject: { commonName: 'Self' },
      publicKey: keys.publicKey,
      issuerKey: keys.privateKey,
      notBefore: new Date('2026-01-01T00:00:00.789Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
      isCA: true,
      pathLen: 1,
      keyUsage: ['keyCertSign'],
      serial: Uint8Array.of(0x01, 0x02),
    });
    const d = describeCertificate(der);
    expect(d.issuer.text).toBe(d.subject.text);
    expect(d.authorityKeyIdentifierHex).toBe(d.subjectKeyIdentifierHex);
    expect(d.isCA).toBe(true);
    expect(d.pathLen).toBe(1);
    expect(d.serialHex).toBe('0102');
    expect(d.notBefore.toISOString()).toBe('2026-01-01T00:00:00.000Z'); // whole seconds
  });
});
