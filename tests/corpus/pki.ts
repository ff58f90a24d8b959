/**
 * The identities the corpus signs with, made once per run: the product's demo identity (RSA certifier, and a second
 * one with an ECDSA P-256 certifier), and a test PKI whose root key we hold (expired, revoked and self-signed
 * signers, CRLs signed with pkijs).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensurePkijsEngine } from '../../core/crypto/pkijs-engine.js';
import { createDemoIdentity } from '../../core/signers/demo.js';
import { generateKeyPair, issueCertificate } from '../../core/pki/issue.js';
import { loadPkcs12 } from '../../core/signers/pkcs12.js';
import type { Signer } from '../../core/signers/signer.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import { makeLeaf, makeRoot, type TestIdentity } from '../helpers/pki.js';

export const DAY = 86_400_000;

export interface DemoSigners {
  root: Uint8Array;
  certifier: Signer;
  authority: Signer;
}

export interface CorpusPki {
  /** createDemoIdentity() with an RSA certifier: the identity of most cases. */
  demo: DemoSigners;
  /** createDemoIdentity({ certifierKey: 'ECDSA-P256' }). */
  demoEc: DemoSigners;
  /** A test root whose key we hold (for CRLs), with leaves made for particular cases. */
  testRoot: TestIdentity;
  /** A root that signed nothing in the corpus: "some other trust anchor". */
  unrelatedRoot: TestIdentity;
  /** Valid from now-400d to now-30d. */
  expired: Signer;
  /** Revoked at now-10d (CRL below). */
  revokedEarly: Signer;
  /** Revoked at now-2d (CRL below). */
  revokedLate: Signer;
  /** Under the test root, never revoked (control for the CRL cases). */
  good: Signer;
  /** A self-signed end-entity certificate (digitalSignature, not a CA). */
  selfSigned: Signer;
  /** CRL of the test root listing revokedEarly and revokedLate. */
  crl: Uint8Array;
  /** When the revocations happened. */
  revokedEarlyAt: Date;
  revokedLateAt: Date;
}

export async function demoSigners(certifierKey: 'RSA-2048' | 'ECDSA-P256'): Promise<DemoSigners> {
  const id = await createDemoIdentity({ certifierKey });
  const c = await loadPkcs12(id.certifierP12, id.password);
  const a = await loadPkcs12(id.authorityP12, id.password);
  return {
    root: id.rootCertificate,
    certifier: createWebCryptoSigner(c.privateKey, c.certificates),
    authority: createWebCryptoSigner(a.privateKey, a.certificates),
  };
}

export function signerOf(id: TestIdentity, chain: readonly Uint8Array[] = []): Signer {
  return createWebCryptoSigner(id.keys.privateKey, [id.certificate, ...chain]);
}

export async function makeCorpusPki(): Promise<CorpusPki> {
  const now = Date.now();
  const [demo, demoEc, testRoot, unrelatedRoot] = await Promise.all([
    demoSigners('RSA-2048'),
    demoSigners('ECDSA-P256'),
    makeRoot({
      subject: { country: 'VN', organization: 'saoy TEST corpus', commonName: 'saoy TEST corpus Root CA' },
      notBefore: new Date(now - 500 * DAY),
    }),
    makeRoot({ subject: { country: 'VN', organization: 'Unrelated TEST', commonName: 'Unrelated TEST Root CA' } }),
  ]);
  const leaf = (cn: string, notBefore: Date, notAfter: Date, serial: number) =>
    makeLeaf(testRoot, {
      subject: { country: 'VN', organization: 'saoy TEST corpus', commonName: cn },
      notBefore,
      notAfter,
      serial: Uint8Array.of(0x10, serial),
    });
  const [expired, revokedEarly, revokedLate, good] = await Promise.all([
    leaf('Expired Signer (TEST)', new Date(now - 400 * DAY), new Date(now - 30 * DAY), 1),
    leaf('Revoked Early Signer (TEST)', new Date(now - 20 * DAY), new Date(now + 365 * DAY), 2),
    leaf('Revoked Late Signer (TEST)', new Date(now - 20 * DAY), new Date(now + 365 * DAY), 3),
    leaf('Good Signer (TEST)', new Date(now - 20 * DAY), new Date(now + 365 * DAY), 4),
  ]);
  const selfKeys = await generateKeyPair('RSA-2048', { extractable: false });
  const selfCert = await issueCertificate({
    subject: { country: 'VN', organization: 'Self TEST', commonName: 'Self-signed Signer (TEST)' },
    publicKey: selfKeys.publicKey,
    issuerKey: selfKeys.privateKey,
    notBefore: new Date(now - 10 * DAY),
    notAfter: new Date(now + 365 * DAY),
    isCA: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
  });
  const revokedEarlyAt = new Date(now - 10 * DAY);
  const revokedLateAt = new Date(now - 2 * DAY);
  const crl = await makeCrl(testRoot, [
    { certificate: revokedEarly.certificate, at: revokedEarlyAt },
    { certificate: revokedLate.certificate, at: revokedLateAt },
  ]);
  return {
    demo,
    demoEc,
    testRoot,
    unrelatedRoot,
    expired: signerOf(expired, [testRoot.certificate]),
    revokedEarly: signerOf(revokedEarly, [testRoot.certificate]),
    revokedLate: signerOf(revokedLate, [testRoot.certificate]),
    good: signerOf(good, [testRoot.certificate]),
    selfSigned: createWebCryptoSigner(selfKeys.privateKey, [selfCert]),
    crl,
    revokedEarlyAt,
    revokedLateAt,
  };
}

/** A v2 CRL (RFC 5280) signed by `issuer`: AKI and cRLNumber extensions, thisUpdate yesterday, nextUpdate in 30 days. */
export async function makeCrl(issuer: TestIdentity, revoked: { certificate: Uint8Array; at: Date }[]): Promise<Uint8Array> {
  ensurePkijsEngine();
  const now = Date.now();
  const issuerCert = pkijs.Certificate.fromBER(issuer.certificate as BufferSource);
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = issuerCert.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date(Math.floor((now - DAY) / 1000) * 1000) });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(Math.floor((now + 30 * DAY) / 1000) * 1000) });
  crl.revokedCertificates = revoked.map(
    (r) =>
      new pkijs.RevokedCertificate({
        userCertificate: pkijs.Certificate.fromBER(r.certificate as BufferSource).serialNumber,
        revocationDate: new pkijs.Time({ type: 0, value: new Date(Math.floor(r.at.getTime() / 1000) * 1000) }),
      }),
  );
  const ski = issuerCert.extensions?.find((e) => e.extnID === '2.5.29.14');
  const extensions: pkijs.Extension[] = [
    new pkijs.Extension({ extnID: '2.5.29.20', critical: false, extnValue: new asn1js.Integer({ value: 1 }).toBER(false) }),
  ];
  if (ski) {
    const keyId = (asn1js.fromBER(ski.extnValue.valueBlock.valueHexView).result as asn1js.OctetString).valueBlock.valueHexView;
    const aki = new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: keyId.slice().buffer })] });
    extensions.push(new pkijs.Extension({ extnID: '2.5.29.35', critical: false, extnValue: aki.toBER(false) }));
  }
  crl.crlExtensions = new pkijs.Extensions({ extensions });
  await crl.sign(issuer.keys.privateKey, 'SHA-256');
  return new Uint8Array(crl.toSchema(true).toBER(false));
}
