/**
 * A throw-away demo PKI so people can try saoy without a real certificate: a root CA, a certifier (a person)
 * and an authority (an office), all marked DEMO in every name so no one can mistake them for real ones.
 */
import { createPkcs12 } from './pkcs12.js';
import { generateKeyPair, issueCertificate, type KeyKind, type NameParts } from '../pki/issue.js';

export interface DemoIdentity {
  readonly rootCertificate: Uint8Array;
  readonly certifierP12: Uint8Array;
  readonly authorityP12: Uint8Array;
  readonly password: 'demo';
}

const DAY = 86_400_000;
const PASSWORD = 'demo';

export const DEMO_NAMES = {
  root: {
    country: 'VN',
    organization: 'saoy DEMO',
    organizationalUnit: 'KHÔNG DÙNG THẬT / not for real use',
    commonName: 'saoy DEMO Root CA — KHÔNG DÙNG THẬT / not for real use',
  },
  // The demo office is a real ward's name (what the e-copy checks compare with the statement); DEMO is in the unit,
  // the common name and the issuing root, so no one can take these certificates for real ones.
  certifier: { country: 'VN', organization: 'Ủy ban nhân dân phường Hạc Thành', organizationalUnit: 'DEMO — KHÔNG DÙNG THẬT', commonName: 'Nguyễn Thị Demo (DEMO)' },
  authority: { country: 'VN', organization: 'Ủy ban nhân dân phường Hạc Thành', organizationalUnit: 'DEMO — KHÔNG DÙNG THẬT', commonName: 'UBND phường Hạc Thành (DEMO)' },
} as const satisfies Record<string, NameParts>;

export async function createDemoIdentity(opts: { certifierKey?: KeyKind; now?: Date } = {}): Promise<DemoIdentity> {
  const now = (opts.now ?? new Date()).getTime();
  const notBefore = new Date(now - DAY);
  const rootKeys = await generateKeyPair('RSA-2048', { extractable: false });
  const rootCertificate = await issueCertificate({
    subject: DEMO_NAMES.root,
    publicKey: rootKeys.publicKey,
    issuerKey: rootKeys.privateKey,
    notBefore,
    notAfter: new Date(now + 10 * 365 * DAY),
    isCA: true,
    pathLen: 0,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });

  const leaf = async (subject: NameParts, kind: KeyKind, friendlyName: string): Promise<Uint8Array> => {
    const keys = await generateKeyPair(kind, { extractable: true });
    const certificate = await issueCertificate({
      subject,
      publicKey: keys.publicKey,
      issuerCertificate: rootCertificate,
      issuerKey: rootKeys.privateKey,
      notBefore,
      notAfter: new Date(now + 2 * 365 * DAY),
      isCA: false,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    const pkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey));
    return createPkcs12({ pkcs8, certificates: [certificate, rootCertificate], password: PASSWORD, friendlyName });
  };

  return {
    rootCertificate,
    certifierP12: await leaf(DEMO_NAMES.certifier, opts.certifierKey ?? 'RSA-2048', 'saoy DEMO certifier'),
    authorityP12: await leaf(DEMO_NAMES.authority, 'RSA-2048', 'saoy DEMO authority'),
    password: PASSWORD,
  };
}
