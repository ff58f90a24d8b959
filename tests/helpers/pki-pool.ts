/**
 * Fast test PKI: the same makeRoot/makeLeaf/makeChain as tests/helpers/pki.ts, but the key pairs come from a pool
 * instead of being generated on every run. RSA-2048 generation is most of the time the pki/cms/trust unit tests
 * take (seconds per file on a loaded machine), which made mutation testing of core/pki and core/cms impractical:
 * Stryker re-runs a file's beforeAll for every mutant.
 *
 * The Nth key of a kind asked for in a process is slot N of the pool, so keys stay distinct within a test file
 * (tests that need "same name, another key" still get another key). A slot is generated once and kept as PKCS#8 in
 * test-output/pki-key-pool/<VERSION>/ (ignored by git: private keys are never committed); bump VERSION to regenerate.
 * Certificates are still issued fresh on every run, with the validity each test asks for.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyPair, issueCertificate, type KeyKind } from '../../core/pki/issue.js';
import type { LeafOptions, RootOptions, TestIdentity } from './pki.js';

const VERSION = 'v1';
const DIR = fileURLToPath(new URL(`../../test-output/pki-key-pool/${VERSION}/`, import.meta.url));
const DAY = 86_400_000;

const next = new Map<KeyKind, number>();

function importParams(kind: KeyKind): RsaHashedImportParams | EcKeyImportParams {
  return kind === 'RSA-2048' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
}

/** The next pooled key pair of this kind (extractable, like tests/helpers/pki.ts makes them). */
export async function pooledKeyPair(kind: KeyKind): Promise<CryptoKeyPair> {
  const slot = next.get(kind) ?? 0;
  next.set(kind, slot + 1);
  const file = join(DIR, `${kind}-${slot}.json`);
  if (existsSync(file)) {
    const { pkcs8, spki } = JSON.parse(readFileSync(file, 'utf8')) as { pkcs8: string; spki: string };
    const params = importParams(kind);
    const privateKey = await crypto.subtle.importKey('pkcs8', Buffer.from(pkcs8, 'base64'), params, true, ['sign']);
    const publicKey = await crypto.subtle.importKey('spki', Buffer.from(spki, 'base64'), params, true, ['verify']);
    return { privateKey, publicKey };
  }
  const keys = await generateKeyPair(kind, { extractable: true });
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', keys.publicKey)).toString('base64');
  mkdirSync(DIR, { recursive: true });
  // Write then rename: two test processes filling the same slot never leave a half-written file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ pkcs8, spki }));
  renameSync(tmp, file);
  return keys;
}

export async function makeRoot(opts: RootOptions = {}): Promise<TestIdentity> {
  const kind = opts.key ?? 'RSA-2048';
  const keys = await pooledKeyPair(kind);
  const now = Date.now();
  const certificate = await issueCertificate({
    subject: opts.subject ?? { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST Root CA' },
    publicKey: keys.publicKey,
    issuerKey: keys.privateKey,
    notBefore: opts.notBefore ?? new Date(now - DAY),
    notAfter: opts.notAfter ?? new Date(now + 3650 * DAY),
    isCA: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return { keys, certificate, kind };
}

export async function makeLeaf(issuer: TestIdentity, opts: LeafOptions & { pathLen?: number } = {}): Promise<TestIdentity> {
  const kind = opts.key ?? 'RSA-2048';
  const keys = await pooledKeyPair(kind);
  const now = Date.now();
  const certificate = await issueCertificate({
    subject: opts.subject ?? { country: 'VN', organization: 'UBND phường Thử (TEST)', commonName: 'Nguyễn Văn Thử (TEST)' },
    publicKey: keys.publicKey,
    issuerCertificate: issuer.certificate,
    issuerKey: issuer.keys.privateKey,
    serial: opts.serial,
    notBefore: opts.notBefore ?? new Date(now - DAY),
    notAfter: opts.notAfter ?? new Date(now + 365 * DAY),
    isCA: opts.isCA ?? false,
    pathLen: opts.pathLen,
    keyUsage: opts.keyUsage ?? ['digitalSignature', 'nonRepudiation'],
    extKeyUsage: opts.extKeyUsage,
  });
  return { keys, certificate, kind };
}

/** Root + leaf in one call. */
export async function makeChain(opts: { root?: RootOptions; leaf?: LeafOptions } = {}): Promise<{ root: TestIdentity; leaf: TestIdentity }> {
  const root = await makeRoot(opts.root);
  const leaf = await makeLeaf(root, opts.leaf);
  return { root, leaf };
}
