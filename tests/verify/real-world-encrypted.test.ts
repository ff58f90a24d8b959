/**
 * Issue 9, class 5: signed PDFs encrypted with an EMPTY user password (the usual "owner password only" file),
 * made by `qpdf --encrypt "" owner ...` and then signed by poppler's pdfsig, for every standard security handler
 * revision qpdf writes (R2 RC4-40, R3 RC4-128, R4 AES-128, R5 and R6 AES-256). A file with a user password gets
 * a clear message instead of a verdict about its signatures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePdf } from '../../core/pdf/parse/index.js';
import { openWithEmptyPassword } from '../../core/pdf/parse/security.js';
import { verifyPdf } from '../../core/verify/index.js';
import { makeTempDir } from '../helpers/pki.js';
import { assertTools, run, skipWithout } from '../helpers/tools.js';
import { makeToolPki, must, pdfsigDb, pdfsigSays, placeholderPdf, qpdf, txt, type ToolPki } from './rw/tools-pdf.js';

const TOOLS = ['openssl', 'qpdf', 'pdfsig', 'certutil', 'pk12util'];
const skip = skipWithout(...TOOLS);
const temp = makeTempDir('saoy-rw-encrypted-');
let pki: ToolPki;
let nss: string;

const MODES: [string, string[]][] = [
  ['R2 RC4 40-bit', ['--allow-weak-crypto', '--encrypt', '', 'owner', '40', '--']],
  ['R3 RC4 128-bit', ['--allow-weak-crypto', '--encrypt', '', 'owner', '128', '--use-aes=n', '--']],
  ['R4 AES-128', ['--encrypt', '', 'owner', '128', '--use-aes=y', '--']],
  ['R5 AES-256', ['--encrypt', '', 'owner', '256', '--force-R5', '--']],
  ['R6 AES-256', ['--encrypt', '', 'owner', '256', '--']],
  // Object streams are encrypted as a whole: the catalog and fields inside must still be readable.
  ['R6 AES-256 with object streams', ['--encrypt', '', 'owner', '256', '--', '--object-streams=generate']],
  ['R4 AES-128 with object streams', ['--encrypt', '', 'owner', '128', '--use-aes=y', '--', '--object-streams=generate']],
];

function pdfsigSign(pdf: Uint8Array): Uint8Array {
  const input = join(temp.dir, 'enc-in.pdf');
  const output = join(temp.dir, 'enc-signed.pdf');
  writeFileSync(input, pdf);
  must('pdfsig', ['-nssdir', nss, '-nick', 'rwsigner', '-sign', 'Signature1', input, output], 'pdfsig -sign');
  return new Uint8Array(readFileSync(output));
}

describe.skipIf(skip)('encrypted signed PDFs', () => {
  beforeAll(() => {
    assertTools(...TOOLS);
    pki = makeToolPki(temp.dir, 'rsa');
    nss = pdfsigDb(pki, { cert: pki.leafPem, key: pki.keyPem });
  }, 60_000);

  it.each(MODES)('%s, empty user password, signed by pdfsig: valid, names and times decrypted', async (_, args) => {
    const encrypted = qpdf(temp.dir, placeholderPdf({ unsigned: true }), args, 'enc');
    expect(txt(encrypted)).toMatch(/\/Encrypt/);
    const parsed = await parsePdf(encrypted);
    const open = await openWithEmptyPassword(parsed);
    expect(open.ok).toBe(true);
    expect(parsed.security?.ok).toBe(true);
    expect(parsed.anomalies.join('\n')).not.toMatch(/OBJSTM_UNREADABLE/);
    // The page content stream decrypts (and inflates) to the text written in clear before qpdf.
    const page = [...parsed.objectTable().keys()].map((n) => parsed.getObject(n)).find((o) => o?.value.kind === 'dict' && o.value.entries.get('Type')?.kind === 'name' && (o.value.entries.get('Type') as { value: string }).value === 'Page');
    const contents = parsed.resolve(page?.value.kind === 'dict' ? page.value.entries.get('Contents') : undefined);
    expect(contents.kind).toBe('stream');
    if (contents.kind === 'stream') expect(Buffer.from((await parsed.decodeStream(contents)).bytes).toString('latin1')).toContain('Ban sao chung thuc');
    const signed = pdfsigSign(encrypted);
    expect(pdfsigSays(temp.dir, nss, signed)).toEqual(['Signature is Valid.']);
    const r = await verifyPdf(signed, { trustAnchors: [pki.rootDer] });
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(r.signatures[0].fieldName).toBe('Signature1');
    expect(Math.abs(Date.parse(r.signatures[0].claimedTime!) - Date.now())).toBeLessThan(3_600_000);
    // A changed byte of the (encrypted) page content is still caught.
    const bad = signed.slice();
    const at = Buffer.from(signed).indexOf('stream') + 12;
    bad[at] ^= 1;
    expect((await verifyPdf(bad, { trustAnchors: [pki.rootDer] })).verdict).toBe('invalid');
  });

  it.each([
    ['R3 RC4 128-bit', ['--allow-weak-crypto', '--encrypt', 'secret', 'owner', '128', '--use-aes=n', '--']],
    ['R6 AES-256', ['--encrypt', 'secret', 'owner', '256', '--']],
  ])('%s with a user password: a clear "password required" error, not a verdict on the signatures', async (_, args) => {
    // An unsigned and a signed file, each encrypted by qpdf with a user password (pdfsig cannot sign those).
    const encrypted = qpdf(temp.dir, placeholderPdf({ unsigned: true }), args as string[], 'encpw');
    const signed = qpdf(temp.dir, pdfsigSign(placeholderPdf({ unsigned: true })), args as string[], 'encpw2');
    writeFileSync(join(temp.dir, 'pw.pdf'), signed);
    expect(run('pdfsig', ['-nssdir', nss, join(temp.dir, 'pw.pdf')]).stderr + run('pdfsig', ['-nssdir', nss, join(temp.dir, 'pw.pdf')]).stdout).toMatch(/password/i);
    for (const pdf of [encrypted, signed]) {
      const r = await verifyPdf(pdf, { trustAnchors: [pki.rootDer] });
      expect(r.verdict).toBe('error');
      expect(r.reasons.map((x) => x.code)).toEqual(['PDF_PASSWORD_REQUIRED']);
      expect(r.reasons[0].en).toMatch(/password/);
    }
  });
});
