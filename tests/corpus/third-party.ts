/**
 * Signatures made by other software: poppler's `pdfsig` (NSS database from certutil, key and certificate imported
 * with pk12util from an OpenSSL-made PKCS#12) and MuPDF's `mutool sign` (takes the .p12 and its password). The PKI
 * is made with the openssl command line only, so nothing of saoy is in these signatures.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertTools, run, skipWithout } from '../helpers/tools.js';
import type { MadeCopy } from './copies.js';
import { dictOf, sigDicts, xrefTable } from './pdf-bytes.js';
import type { CorpusCase, Expected } from './types.js';

/**
 * Other software signing our rev0: every signature is fine, but the copy carries saoy's e-copy metadata and its
 * authority field is still empty, so the e-copy profile keeps it from `valid` (ECOPY_AUTHORITY_MISSING).
 */
const ECOPY_INCOMPLETE = (signatures: number): Expected => ({
  verdict: 'indeterminate', signatures, reasons: ['ECOPY_AUTHORITY_MISSING'], absentReasons: ['CHAIN_UNTRUSTED', 'MODIFIED_AFTER_SIGNING', 'DIGEST_MISMATCH', 'SIGNATURE_INVALID'],
});

export const THIRD_PARTY_TOOLS = ['openssl', 'certutil', 'pk12util', 'pdfsig', 'mutool', 'qpdf'];

function must(cmd: string, args: string[], what: string): string {
  const r = run(cmd, args);
  if (r.error || r.status !== 0) throw new Error(`${what} failed (${cmd} ${args.join(' ')}): ${r.error?.message ?? ''}${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Object number of the widget/field named `name` (our rev0 has merged field-widgets). */
function fieldObject(pdf: Uint8Array, name: string): number {
  for (const [num] of xrefTable(pdf)) {
    try {
      if (new RegExp(`/T\\s*\\(${name}\\)`).test(dictOf(pdf, num))) return num;
    } catch {
      // a stream or unreadable object: not our field
    }
  }
  throw new Error(`no field ${name}`);
}

/** Returns [] when the tools are missing outside CI; under CI=true a missing tool throws (the run must fail). */
export function thirdPartyCases(a: MadeCopy, dir: string): CorpusCase[] {
  if (skipWithout(...THIRD_PARTY_TOOLS)) return [];
  assertTools(...THIRD_PARTY_TOOLS);
  const d = join(dir, 'third-party');
  mkdirSync(d, { recursive: true });
  const p = (f: string) => join(d, f);
  const subj = (cn: string) => `/C=VN/O=Third Party TEST/CN=${cn}`;

  must('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-subj', subj('Third Party TEST Root'), '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], 'root');
  must('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('leaf.key'), '-out', p('leaf.csr'), '-subj', subj('Third Party TEST Signer')], 'leaf request');
  writeFileSync(p('leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
  must('openssl', ['x509', '-req', '-in', p('leaf.csr'), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', '4660', '-days', '365', '-extfile', p('leaf.ext'), '-out', p('leaf.pem')], 'leaf');
  must('openssl', ['pkcs12', '-export', '-inkey', p('leaf.key'), '-in', p('leaf.pem'), '-certfile', p('root.pem'), '-name', 'tpsigner', '-out', p('leaf.p12'), '-passout', 'pass:test'], 'pkcs12');
  must('openssl', ['x509', '-in', p('root.pem'), '-outform', 'DER', '-out', p('root.der')], 'root DER');
  const root = new Uint8Array(readFileSync(p('root.der')));

  const nss = `sql:${p('nss')}`;
  mkdirSync(p('nss'), { recursive: true });
  must('certutil', ['-N', '-d', nss, '--empty-password'], 'NSS database');
  must('pk12util', ['-i', p('leaf.p12'), '-d', nss, '-W', 'test', '-K', ''], 'pk12util import');

  writeFileSync(p('rev0.pdf'), a.unsigned);
  const signed = (file: string): Uint8Array => {
    if (!existsSync(p(file))) throw new Error(`${file} was not written`);
    return new Uint8Array(readFileSync(p(file)));
  };
  must('pdfsig', ['-nssdir', nss, '-nick', 'tpsigner', '-add-signature', '-new-signature-field-name', 'tp_signature', '-reason', 'third party', p('rev0.pdf'), p('pdfsig-add.pdf')], 'pdfsig -add-signature');
  must('pdfsig', ['-nssdir', nss, '-nick', 'tpsigner', '-sign', 'saoy_certifier', p('rev0.pdf'), p('pdfsig-field.pdf')], 'pdfsig -sign');
  // A linearized original (qpdf) signed twice by pdfsig: revisions whose xref sections are not in file order.
  must('qpdf', ['--linearize', p('rev0.pdf'), p('linearized.pdf')], 'qpdf --linearize');
  must('pdfsig', ['-nssdir', nss, '-nick', 'tpsigner', '-add-signature', '-new-signature-field-name', 'lin_first', p('linearized.pdf'), p('lin-1.pdf')], 'pdfsig on linearized');
  must('pdfsig', ['-nssdir', nss, '-nick', 'tpsigner', '-add-signature', '-new-signature-field-name', 'lin_second', p('lin-1.pdf'), p('lin-2.pdf')], 'pdfsig second signature');
  const widget = fieldObject(a.unsigned, 'saoy_certifier');
  must('mutool', ['sign', '-s', p('leaf.p12'), '-P', 'test', '-o', p('mutool-field.pdf'), p('rev0.pdf'), String(widget)], 'mutool sign');

  const mutool = signed('mutool-field.pdf');
  const sigs = sigDicts(mutool);
  const sha1 = sigs.length > 0 && Buffer.from(sigs[sigs.length - 1].cms).includes(Buffer.from('06052b0e03021a', 'hex'));
  return [
    {
      name: 'third-party-pdfsig-add-signature',
      class: 'third-party',
      bytes: signed('pdfsig-add.pdf'),
      expected: ECOPY_INCOMPLETE(1),
      trustAnchors: [root],
      note: 'poppler pdfsig -add-signature on our rev0 (new field tp_signature, adbe.pkcs7.detached, SHA-256, CMS signing-time)',
    },
    {
      name: 'third-party-pdfsig-sign-field',
      class: 'third-party',
      bytes: signed('pdfsig-field.pdf'),
      expected: ECOPY_INCOMPLETE(1),
      trustAnchors: [root],
      note: 'poppler pdfsig -sign saoy_certifier (fills our empty field; its update re-creates the widget appearance as generation 1)',
    },
    {
      name: 'third-party-linearized-two-pdfsig-signatures',
      class: 'third-party',
      bytes: signed('lin-2.pdf'),
      expected: ECOPY_INCOMPLETE(2),
      trustAnchors: [root],
      note: 'qpdf --linearize of our rev0, then two pdfsig -add-signature updates (new fields lin_first, lin_second)',
    },
    sha1
      ? {
          name: 'third-party-mutool-sign-field',
          class: 'third-party',
          bytes: mutool,
          expected: { verdict: 'invalid', alsoAcceptable: ['indeterminate'], signatures: 1 },
          trustAnchors: [root],
          note:
            'mutool (1.21) sign fills saoy_certifier but digests with SHA-1 (SignerInfo digestAlgorithm sha1; pdfsig: "Signing Hash Algorithm: SHA1"). ' +
            'SHA-1 is broken for signatures (chosen-prefix collisions), so it must not be reported valid: FAILED (pyHanko: weak hash) or ' +
            'INDETERMINATE (ETSI: CRYPTO_CONSTRAINTS_FAILURE_NO_POE) are both correct.',
        }
      : {
          name: 'third-party-mutool-sign-field',
          class: 'third-party',
          bytes: mutool,
          expected: ECOPY_INCOMPLETE(1),
          trustAnchors: [root],
          note: 'mutool sign fills saoy_certifier (this mutool digests with SHA-2)',
        },
  ];
}
