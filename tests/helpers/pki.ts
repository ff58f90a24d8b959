/**
 * Test PKI: make a root and leaves with chosen options (key type, key usage, validity), write PEM/DER files
 * to a temp dir, and run openssl. Built on core/pki/issue.ts so tests share one way of making certificates.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyUsageName } from '../../core/pki/certificate.js';
import { generateKeyPair, issueCertificate, type KeyKind, type NameParts } from '../../core/pki/issue.js';
import { run } from './tools.js';

export interface TestIdentity {
  readonly keys: CryptoKeyPair;
  readonly certificate: Uint8Array;
  readonly kind: KeyKind;
}

const DAY = 86_400_000;

/**
 * Test keys are generated once per machine and reused: RSA-2048 generation dominated the PKI tests' time (and made
 * mutation testing of core/pki and core/cms impractical). Certificates are still issued fresh on every run. The n-th
 * key of a kind asked for in a process is always the n-th cached key, so identities within a process never share a
 * key. The cache lives in the OS temp dir (never in the repo), keyed by a version string: bump it to regenerate.
 */
const KEY_CACHE = join(tmpdir(), 'saoy-test-keys-v1');
const keysHanded = new Map<KeyKind, number>();
const PRIVATE_JWK_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

function keyParams(kind: KeyKind): RsaHashedImportParams | EcKeyImportParams {
  return kind === 'RSA-2048' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
}

/** A key pair for a test identity (extractable), from the per-machine cache; distinct from every other in this process. */
export async function testKeyPair(kind: KeyKind): Promise<CryptoKeyPair> {
  const n = keysHanded.get(kind) ?? 0;
  keysHanded.set(kind, n + 1);
  const path = join(KEY_CACHE, `${kind}-${n}.jwk.json`);
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(readFileSync(path, 'utf8')) as JsonWebKey;
  } catch {
    const fresh = await generateKeyPair(kind, { extractable: true });
    jwk = await crypto.subtle.exportKey('jwk', fresh.privateKey);
    mkdirSync(KEY_CACHE, { recursive: true, mode: 0o700 });
    // Parallel test processes may race on the same index: write aside, then rename (atomic), last one wins.
    const aside = `${path}.${process.pid}.tmp`;
    writeFileSync(aside, JSON.stringify(jwk), { mode: 0o600 });
    renameSync(aside, path);
  }
  const publicJwk: JsonWebKey = { ...jwk, key_ops: ['verify'] };
  for (const f of PRIVATE_JWK_FIELDS) delete (publicJwk as Record<string, unknown>)[f];
  const privateKey = await crypto.subtle.importKey('jwk', { ...jwk, key_ops: ['sign'] }, keyParams(kind), true, ['sign']);
  const publicKey = await crypto.subtle.importKey('jwk', publicJwk, keyParams(kind), true, ['verify']);
  return { privateKey, publicKey };
}

export interface RootOptions {
  key?: KeyKind;
  subject?: NameParts;
  notBefore?: Date;
  notAfter?: Date;
}

export async function makeRoot(opts: RootOptions = {}): Promise<TestIdentity> {
  const kind = opts.key ?? 'RSA-2048';
  const keys = await testKeyPair(kind);
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

export interface LeafOptions {
  key?: KeyKind;
  subject?: NameParts;
  notBefore?: Date;
  notAfter?: Date;
  keyUsage?: KeyUsageName[];
  extKeyUsage?: string[];
  isCA?: boolean;
  /** basicConstraints pathLenConstraint of a CA leaf. */
  pathLen?: number;
  serial?: Uint8Array;
}

export async function makeLeaf(issuer: TestIdentity, opts: LeafOptions = {}): Promise<TestIdentity> {
  const kind = opts.key ?? 'RSA-2048';
  const keys = await testKeyPair(kind);
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
export async function makeChain(opts: { root?: RootOptions; leaf?: LeafOptions } = {}): Promise<{
  root: TestIdentity;
  leaf: TestIdentity;
}> {
  const root = await makeRoot(opts.root);
  const leaf = await makeLeaf(root, opts.leaf);
  return { root, leaf };
}

export async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
}

export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

export function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** A fresh temp dir; call the returned `cleanup` in afterAll. */
export function makeTempDir(prefix = 'saoy-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writePem(dir: string, name: string, der: Uint8Array, label = 'CERTIFICATE'): string {
  const path = join(dir, name);
  writeFileSync(path, derToPem(der, label));
  return path;
}

/** Several certificates in one PEM file (a chain or a CA bundle). */
export function writePemBundle(dir: string, name: string, ders: readonly Uint8Array[]): string {
  const path = join(dir, name);
  writeFileSync(path, ders.map((d) => derToPem(d)).join(''));
  return path;
}

export function writeBytes(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Writes a private key as unencrypted PKCS#8 PEM (the key must be extractable). */
export async function writeKeyPem(dir: string, name: string, key: CryptoKey): Promise<string> {
  return writePem(dir, name, await exportPkcs8(key), 'PRIVATE KEY');
}

export function openssl(args: string[], input?: string | Uint8Array): { status: number | null; stdout: string; stderr: string } {
  const r = run('openssl', args, { input });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Whether this openssl can use the legacy provider (RC2/3DES PKCS#12). */
export function opensslHasLegacyProvider(): boolean {
  const r = run('openssl', ['list', '-providers', '-provider', 'legacy']);
  return r.status === 0 && /legacy/i.test(r.stdout);
}
