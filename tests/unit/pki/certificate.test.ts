import { beforeAll, describe, expect, it } from 'vitest';
import {
  allowsDocumentSigning,
  checkSigningCertificate,
  describeCertificate,
  validityAt,
} from '../../../core/pki/certificate.js';
import { isSaoyError } from '../../../core/errors.js';
import { makeTempDir, openssl, writePem, type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const DAY = 86_400_000;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return isSaoyError(e) ? e.code : String(e);
  }
}

describe('describeCertificate', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  beforeAll(async () => {
    root = await makeRoot();
    leaf = await makeLeaf(root, {
      key: 'ECDSA-P256',
      serial: Uint8Array.of(0x00, 0x9a, 0x01),
      subject: { country: 'VN', organization: 'UBND phường Trường Thi', commonName: 'Trần Văn B, "Phó" chủ tịch', uid: 'CCCD:038090001234' },
      extKeyUsage: ['1.3.6.1.5.5.7.3.4'],
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2060-06-30T12:00:00Z'), // GeneralizedTime
    });
  });

  it('reads names, serial, validity, key usage, EKU, key type', () => {
    const d = describeCertificate(leaf.certificate);
    expect(d.subject.commonName).toBe('Trần Văn B, "Phó" chủ tịch');
    expect(d.subject.organization).toBe('UBND phường Trường Thi');
    expect(d.subject.country).toBe('VN');
    expect(d.subject.uid).toBe('CCCD:038090001234');
    expect(d.subject.text).toBe('UID=CCCD:038090001234,CN=Trần Văn B\\, \\"Phó\\" chủ tịch,O=UBND phường Trường Thi,C=VN');
    expect(d.issuer.commonName).toBe('saoy TEST Root CA');
    expect(d.serialHex).toBe('9a01');
    expect(d.notBefore.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(d.notAfter.toISOString()).toBe('2060-06-30T12:00:00.000Z');
    expect(d.keyUsage).toMatchObject({ digitalSignature: true, nonRepudiation: true, keyCertSign: false, keyEncipherment: false });
    expect(d.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.4']);
    expect(d.isCA).toBe(false);
    expect(d.publicKeyAlgorithm).toBe('EC-P256');
    expect(d.rsaModulusBits).toBeUndefined();
    expect(d.authorityKeyIdentifierHex).toBe(describeCertificate(root.certificate).subjectKeyIdentifierHex);
  });

  it('reads a CA certificate', () => {
    const d = describeCertificate(root.certificate);
    expect(d.isCA).toBe(true);
    expect(d.keyUsage).toMatchObject({ keyCertSign: true, cRLSign: true, digitalSignature: false });
    expect(d.extendedKeyUsage).toBeUndefined();
    expect(d.publicKeyAlgorithm).toBe('RSA');
    expect(d.rsaModulusBits).toBe(2048);
  });

  it.skipIf(skipWithout('openssl'))('agrees with openssl on serial, subject and dates', () => {
    assertTools('openssl');
    const tmp = makeTempDir();
    try {
      const path = writePem(tmp.dir, 'leaf.pem', leaf.certificate);
      const r = openssl(['x509', '-in', path, '-noout', '-serial', '-enddate', '-nameopt', 'RFC2253,-esc_msb', '-subject']);
      expect(r.stdout).toContain('serial=9A01');
      expect(r.stdout).toContain('notAfter=Jun 30 12:00:00 2060 GMT');
      expect(r.stdout).toContain(`subject=${describeCertificate(leaf.certificate).subject.text}`);
    } finally {
      tmp.cleanup();
    }
  });

  it.skipIf(skipWithout('openssl'))('reads certificates made by openssl (no keyUsage extension)', async () => {
    assertTools('openssl');
    const tmp = makeTempDir();
    try {
      const r = openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', `${tmp.dir}/k.pem`,
        '-out', `${tmp.dir}/c.pem`, '-subj', '/C=VN/O=Test/CN=P-384 test', '-days', '2', '-addext', 'keyUsage=', '-outform', 'DER']);
      if (r.status !== 0) {
        // Older openssl without an empty keyUsage: fall back to the default extensions.
        const again = openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', `${tmp.dir}/k.pem`,
          '-out', `${tmp.dir}/c.pem`, '-subj', '/C=VN/O=Test/CN=P-384 test', '-days', '2', '-outform', 'DER']);
        expect(again.status, again.stderr).toBe(0);
      }
      const { readFileSync } = await import('node:fs');
      const d = describeCertificate(new Uint8Array(readFileSync(`${tmp.dir}/c.pem`)));
      expect(d.subject.text).toBe('CN=P-384 test,O=Test,C=VN');
      expect(d.publicKeyAlgorithm).toBe('OTHER');
      expect(d.keyUsage).toBeUndefined();
      expect(allowsDocumentSigning(d)).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['random', crypto.getRandomValues(new Uint8Array(500))],
    ['empty SEQUENCE', Uint8Array.of(0x30, 0)],
  ])('garbage (%s) → CERT_INVALID', (_n, bytes) => {
    expect(codeOf(() => describeCertificate(bytes))).toBe('CERT_INVALID');
  });
});

describe('checkSigningCertificate', () => {
  let root: TestIdentity;
  beforeAll(async () => {
    root = await makeRoot();
  });

  it('accepts a current certificate with digitalSignature/nonRepudiation', async () => {
    const leaf = await makeLeaf(root, { keyUsage: ['nonRepudiation'] });
    expect(checkSigningCertificate(leaf.certificate, new Date()).subject.commonName).toContain('TEST');
    const ds = await makeLeaf(root, { keyUsage: ['digitalSignature', 'keyEncipherment'] });
    expect(codeOf(() => checkSigningCertificate(ds.certificate, new Date()))).toBeUndefined();
  });

  it('rejects a certificate without a signing key usage', async () => {
    const leaf = await makeLeaf(root, { keyUsage: ['keyEncipherment'], subject: { commonName: 'Lê Thị C' } });
    try {
      checkSigningCertificate(leaf.certificate, new Date());
      expect.unreachable();
    } catch (e) {
      expect(isSaoyError(e) && e.code).toBe('CERT_KEY_USAGE');
      expect((e as Error).message).toBe('the certificate of Lê Thị C lacks the digitalSignature/nonRepudiation key usage');
      expect(isSaoyError(e) && e.vi).toContain('Lê Thị C');
    }
    expect(codeOf(() => checkSigningCertificate(root.certificate, new Date()))).toBe('CERT_KEY_USAGE');
  });

  it('rejects an expired certificate, naming the date', async () => {
    const leaf = await makeLeaf(root, {
      subject: { commonName: 'Phạm Văn D' },
      notBefore: new Date('2023-01-01T00:00:00Z'),
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    try {
      checkSigningCertificate(leaf.certificate, new Date('2025-06-01T00:00:00Z'));
      expect.unreachable();
    } catch (e) {
      expect(isSaoyError(e) && e.code).toBe('CERT_EXPIRED');
      expect((e as Error).message).toBe('the certificate of Phạm Văn D expired on 2025-01-01');
      expect(isSaoyError(e) && e.vi).toBe('Chứng thư số của Phạm Văn D đã hết hạn vào ngày 01/01/2025');
    }
    // At a time inside the validity period it is fine (the verifier checks at the signing time).
    expect(codeOf(() => checkSigningCertificate(leaf.certificate, new Date('2024-06-01T00:00:00Z')))).toBeUndefined();
  });

  it('rejects a certificate that is not yet valid', async () => {
    const now = Date.now();
    const leaf = await makeLeaf(root, { notBefore: new Date(now + 10 * DAY), notAfter: new Date(now + 20 * DAY) });
    expect(codeOf(() => checkSigningCertificate(leaf.certificate, new Date(now)))).toBe('CERT_NOT_YET_VALID');
    const d = describeCertificate(leaf.certificate);
    expect(validityAt(d, new Date(now + 15 * DAY))).toBe('valid');
    expect(validityAt(d, new Date(now + 25 * DAY))).toBe('expired');
  });

  it('key usage is checked before validity', async () => {
    const leaf = await makeLeaf(root, {
      keyUsage: ['keyAgreement'],
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    expect(codeOf(() => checkSigningCertificate(leaf.certificate, new Date()))).toBe('CERT_KEY_USAGE');
  });
});
