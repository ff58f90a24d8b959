/**
 * A SoftHSM2 token made for one test file: its own token directory (SOFTHSM2_CONF), an RSA-2048 and an ECDSA
 * P-256 key generated ON the token by OpenSC's pkcs11-tool (the private keys never exist outside it), and
 * certificates from the test PKI for those keys written back onto the token under the same CKA_ID.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derToPem } from '../../core/pki/pem.js';
import { issueCertificate } from '../../core/pki/issue.js';
import { makeRoot, type TestIdentity } from './pki.js';
import { run } from './tools.js';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
export const TOKEN_TOOLS = ['softhsm2-util', 'pkcs11-tool'];
const DAY = 86_400_000;

export interface TokenKey {
  readonly keyId: string;
  readonly label: string;
  readonly kind: 'RSA-2048' | 'ECDSA-P256';
  readonly certificate: Uint8Array;
}

export interface TestToken {
  readonly dir: string;
  readonly module: string;
  readonly label: string;
  readonly pin: string;
  readonly env: NodeJS.ProcessEnv;
  readonly root: TestIdentity;
  readonly rootPem: string;
  readonly rsa: TokenKey;
  readonly ec: TokenKey;
  /** A key pair with no certificate, to prove the host says so. */
  readonly bare: { keyId: string; label: string };
  remove(): void;
}

function must(r: ReturnType<typeof run>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

export async function makeTestToken(opts: { label?: string; pin?: string } = {}): Promise<TestToken> {
  const dir = mkdtempSync(join(tmpdir(), 'saoy-token-'));
  const label = opts.label ?? 'saoy-test';
  const pin = opts.pin ?? '123456';
  run('mkdir', ['-p', join(dir, 'tokens')]);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { SOFTHSM2_CONF: conf };
  must(run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '87654321', '--pin', pin], { env }), 'softhsm2-util --init-token');
  const tool = (args: string[], what: string) => must(run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, ...args], { env }), what);

  const root = await makeRoot({ subject: { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST Token Root CA' } });
  const rootPem = join(dir, 'root.pem');
  writeFileSync(rootPem, derToPem(root.certificate, 'CERTIFICATE'));

  const addKey = async (keyId: string, keyLabel: string, kind: TokenKey['kind'], commonName: string): Promise<TokenKey> => {
    tool(['--login', '--pin', pin, '--keypairgen', '--key-type', kind === 'RSA-2048' ? 'rsa:2048' : 'EC:prime256v1', '--id', keyId, '--label', keyLabel], `key generation ${keyLabel}`);
    const pub = join(dir, `${keyLabel}.pub.der`);
    tool(['--read-object', '--type', 'pubkey', '--id', keyId, '-o', pub], `reading public key ${keyLabel}`);
    const algorithm = kind === 'RSA-2048' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
    const publicKey = await crypto.subtle.importKey('spki', readFileSync(pub), algorithm, true, ['verify']);
    const now = Date.now();
    const certificate = await issueCertificate({
      subject: { country: 'VN', organization: 'Ủy ban nhân dân phường Hạc Thành', commonName },
      publicKey,
      issuerCertificate: root.certificate,
      issuerKey: root.keys.privateKey,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 365 * DAY),
      isCA: false,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    const certFile = join(dir, `${keyLabel}.cert.der`);
    writeFileSync(certFile, certificate);
    tool(['--login', '--pin', pin, '--write-object', certFile, '--type', 'cert', '--id', keyId, '--label', keyLabel], `writing certificate ${keyLabel}`);
    return { keyId, label: keyLabel, kind, certificate };
  };

  const rsa = await addKey('01', 'certifier-rsa', 'RSA-2048', 'Nguyễn Văn Token (TEST)');
  const ec = await addKey('02', 'certifier-ec', 'ECDSA-P256', 'Trần Thị Token (TEST)');
  tool(['--login', '--pin', pin, '--keypairgen', '--key-type', 'rsa:2048', '--id', '09', '--label', 'no-cert'], 'key generation no-cert');
  return {
    dir, module: SOFTHSM_MODULE, label, pin, env, root, rootPem, rsa, ec,
    bare: { keyId: '09', label: 'no-cert' },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
