/**
 * The real-world corpus's PKI, made with the openssl command line only (nothing of saoy): a root, a signer, a
 * time-stamping unit, a CRL and an OCSP response for the signer, and an NSS database holding the signer's key for
 * poppler's pdfsig (certutil + pk12util, as tests/corpus/third-party.ts does).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../helpers/tools.js';

export const REAL_WORLD_TOOLS = ['openssl', 'certutil', 'pk12util', 'pdfsig', 'qpdf', 'mutool'];

export interface RealWorldPki {
  dir: string;
  /** NSS database argument for pdfsig -nssdir. */
  nss: string;
  nick: string;
  root: Uint8Array;
  signer: Uint8Array;
  tsa: Uint8Array;
  crl: Uint8Array;
  ocsp: Uint8Array;
  file: (name: string) => string;
}

export function must(cmd: string, args: string[], what: string, input?: string | Uint8Array): string {
  const r = run(cmd, args, { input });
  if (r.error || r.status !== 0) throw new Error(`${what} failed (${cmd} ${args.join(' ')}): ${r.error?.message ?? ''}${r.stderr}${r.stdout}`);
  return r.stdout;
}

export function makeRealWorldPki(dir: string): RealWorldPki {
  mkdirSync(dir, { recursive: true });
  const p = (f: string) => join(dir, f);
  const subj = (cn: string) => `/C=VN/O=Real World TEST/CN=${cn}`;
  must('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-subj', subj('Real World TEST Root'), '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], 'root');
  const leaf = (name: string, ext: string, serial: string) => {
    must('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', p(`${name}.key`), '-out', p(`${name}.csr`), '-subj', subj(`Real World TEST ${name}`)], `${name} request`);
    writeFileSync(p(`${name}.ext`), `basicConstraints=CA:FALSE\n${ext}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`);
    must('openssl', ['x509', '-req', '-in', p(`${name}.csr`), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', serial, '-days', '365', '-extfile', p(`${name}.ext`), '-out', p(`${name}.pem`)], name);
    must('openssl', ['x509', '-in', p(`${name}.pem`), '-outform', 'DER', '-out', p(`${name}.der`)], `${name} DER`);
  };
  leaf('signer', 'keyUsage=critical,digitalSignature,nonRepudiation', '4661');
  leaf('tsa', 'keyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping', '4662');
  must('openssl', ['x509', '-in', p('root.pem'), '-outform', 'DER', '-out', p('root.der')], 'root DER');

  // CRL and OCSP response from a minimal openssl "ca" database (what a PAdES-LT tool would fetch and embed).
  mkdirSync(p('ca'), { recursive: true });
  writeFileSync(p('ca/index.txt'), '');
  writeFileSync(p('ca/crlnumber'), '01\n');
  writeFileSync(p('ca.cnf'), `[ca]\ndefault_ca=rw\n[rw]\ndatabase=${p('ca/index.txt')}\ncrlnumber=${p('ca/crlnumber')}\ndefault_md=sha256\ndefault_crl_days=30\n`);
  must('openssl', ['ca', '-gencrl', '-config', p('ca.cnf'), '-keyfile', p('root.key'), '-cert', p('root.pem'), '-out', p('crl.pem')], 'CRL');
  must('openssl', ['crl', '-in', p('crl.pem'), '-outform', 'DER', '-out', p('crl.der')], 'CRL DER');
  const serialLine = (must('openssl', ['x509', '-in', p('signer.pem'), '-noout', '-serial'], 'serial').split('=')[1] ?? '').trim();
  const subject = must('openssl', ['x509', '-in', p('signer.pem'), '-noout', '-subject', '-nameopt', 'compat'], 'subject').replace(/^subject=\s*/, '').trim();
  const expiry = new Date(Date.now() + 300 * 86_400_000).toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  writeFileSync(p('ca/index.txt'), `V\t${expiry}\t\t${serialLine}\tunknown\t${subject}\n`);
  must('openssl', ['ocsp', '-issuer', p('root.pem'), '-cert', p('signer.pem'), '-no_nonce', '-reqout', p('ocsp.req')], 'OCSP request');
  must('openssl', ['ocsp', '-index', p('ca/index.txt'), '-rsigner', p('root.pem'), '-rkey', p('root.key'), '-CA', p('root.pem'), '-reqin', p('ocsp.req'), '-respout', p('ocsp.der'), '-ndays', '7'], 'OCSP response');

  must('openssl', ['pkcs12', '-export', '-inkey', p('signer.key'), '-in', p('signer.pem'), '-certfile', p('root.pem'), '-name', 'rwsigner', '-out', p('signer.p12'), '-passout', 'pass:test'], 'pkcs12');
  const nss = `sql:${p('nss')}`;
  mkdirSync(p('nss'), { recursive: true });
  must('certutil', ['-N', '-d', nss, '--empty-password'], 'NSS database');
  must('pk12util', ['-i', p('signer.p12'), '-d', nss, '-W', 'test', '-K', ''], 'pk12util import');
  const der = (f: string) => new Uint8Array(readFileSync(p(f)));
  return { dir, nss, nick: 'rwsigner', root: der('root.der'), signer: der('signer.der'), tsa: der('tsa.der'), crl: der('crl.der'), ocsp: der('ocsp.der'), file: p };
}
