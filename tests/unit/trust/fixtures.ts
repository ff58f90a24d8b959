/**
 * openssl-made test PKI pieces the TypeScript issuer cannot make: certificates with critical EKU or CRL
 * distribution points, a timestamp authority (openssl ts), and a CA database to revoke and publish CRLs (openssl ca).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openssl, pemToDer, writeKeyPem, writePem, type TestIdentity } from '../../helpers/pki.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export function ok(args: string[], input?: string | Uint8Array): string {
  const r = openssl(args, input);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export async function sha(alg: 'SHA-256' | 'SHA-384' | 'SHA-512', data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(alg, data as BufferSource));
}

export interface OpensslCert {
  der: Uint8Array;
  certPath: string;
  keyPath: string;
}

let counter = 0;

/** A certificate issued by `issuer` through `openssl x509 -req`, with extensions written as openssl config lines. */
export async function opensslIssue(
  dir: string,
  issuer: TestIdentity,
  opts: { cn: string; extensions: string[]; key?: 'rsa' | 'ec-p384'; days?: number },
): Promise<OpensslCert> {
  const n = `o${++counter}`;
  const keyPath = join(dir, `${n}.key`);
  ok(
    opts.key === 'ec-p384'
      ? ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', keyPath]
      : ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath],
  );
  const csr = join(dir, `${n}.csr`);
  ok(['req', '-new', '-utf8', '-key', keyPath, '-subj', `/CN=${opts.cn}`, '-out', csr]);
  const ext = join(dir, `${n}.ext`);
  writeFileSync(ext, `[v3]\n${opts.extensions.join('\n')}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`);
  const caCert = writePem(dir, `${n}-ca.pem`, issuer.certificate);
  const caKey = await writeKeyPem(dir, `${n}-ca.key`, issuer.keys.privateKey);
  const certPath = join(dir, `${n}.pem`);
  const serial = `0x${(Date.now() * 1000 + counter).toString(16)}`;
  ok(['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-set_serial', serial, '-days', String(opts.days ?? 30),
    '-extfile', ext, '-extensions', 'v3', '-out', certPath]);
  return { der: pemToDer(readFileSync(certPath, 'utf8')), certPath, keyPath };
}

/** A TSA certificate (EKU timeStamping, critical) issued by `root`, and a function stamping a signature value. */
export async function makeTsa(dir: string, root: TestIdentity): Promise<{ cert: OpensslCert; stamp: (signatureValue: Uint8Array, hash?: string, withCert?: boolean) => Uint8Array }> {
  const cert = await opensslIssue(dir, root, {
    cn: 'saoy TEST TSA',
    extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=critical,timeStamping'],
  });
  const config = join(dir, 'ts.cnf');
  writeFileSync(
    config,
    ['[ tsa ]', 'default_tsa = tsa1', '[ tsa1 ]', `serial = ${join(dir, 'tsaserial')}`, 'crypto_device = builtin',
      'signer_digest = sha256', 'default_policy = 1.2.3.4.1', 'digests = sha256, sha384, sha512', 'accuracy = secs:1',
      'ordering = yes', 'tsa_name = yes', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', ''].join('\n'),
  );
  let k = 0;
  /** `withCert: false`: the query does not ask for the TSA's certificate, so the token carries none. */
  const stamp = (signatureValue: Uint8Array, hash = 'sha256', withCert = true): Uint8Array => {
    const base = join(dir, `ts${++k}`);
    writeFileSync(`${base}.bin`, signatureValue);
    ok(['ts', '-query', '-data', `${base}.bin`, `-${hash}`, ...(withCert ? ['-cert'] : []), '-no_nonce', '-out', `${base}.tsq`]);
    ok(['ts', '-reply', '-queryfile', `${base}.tsq`, '-signer', cert.certPath, '-inkey', cert.keyPath, '-config', config, '-out', `${base}.tsr`]);
    ok(['ts', '-reply', '-in', `${base}.tsr`, '-token_out', '-out', `${base}.tok`]);
    return new Uint8Array(readFileSync(`${base}.tok`));
  };
  return { cert, stamp };
}

/** An `openssl ca` database for `ca`: revoke certificates, publish CRLs (PEM text). `extraConfig`: more sections. */
export async function makeOpensslCa(dir: string, ca: TestIdentity, extraConfig: string[] = []) {
  mkdirSync(dir, { recursive: true });
  const caCert = writePem(dir, 'ca.pem', ca.certificate);
  const caKey = await writeKeyPem(dir, 'ca.key', ca.keys.privateKey);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const config = join(dir, 'ca.cnf');
  writeFileSync(
    config,
    ['[ ca ]', 'default_ca = CA_default', '[ CA_default ]', `database = ${join(dir, 'index.txt')}`,
      `crlnumber = ${join(dir, 'crlnumber')}`, `certificate = ${caCert}`, `private_key = ${caKey}`, `new_certs_dir = ${dir}`,
      `serial = ${join(dir, 'serial')}`, 'default_md = sha256', 'default_crl_days = 30', 'unique_subject = no', ...extraConfig, ''].join('\n'),
  );
  let k = 0;
  return {
    revoke(cert: Uint8Array, reason = 'keyCompromise'): void {
      const p = writePem(dir, `r${++k}.pem`, cert);
      ok(['ca', '-config', config, '-revoke', p, '-crl_reason', reason]);
    },
    crl(extra: string[] = []): string {
      const out = join(dir, `crl${++k}.pem`);
      ok(['ca', '-config', config, '-gencrl', ...extra, '-out', out]);
      return readFileSync(out, 'utf8');
    },
  };
}

export function expectProblem(problems: readonly string[], code: string): void {
  expect(problems.map((p) => p.split(':')[0])).toContain(code);
}
