/**
 * `saoy verify` through the built CLI: exit codes 0 (all valid) / 1 (any invalid or error) / 2 (worst is
 * indeterminate or unsigned), --lang, --crl, --ocsp (a response made by `openssl ocsp`) and --at, each shown to
 * change the outcome against a control run without it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../core/certify/sign-pdf.js';
import { describeCertificate } from '../../core/pki/certificate.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import { makeCrl } from '../corpus/pki.js';
import { derToPem, makeLeaf, makeRoot, makeTempDir, writePem, type TestIdentity } from '../helpers/pki.js';
import { assertTools, ensureCliBuilt, saoy, skipWithout } from '../helpers/tools.js';
import { makeOpensslCa, ok } from '../unit/trust/fixtures.js';

const DAY = 86_400_000;

interface JsonReport {
  verdict: string;
  reasons: { code: string }[];
  signatures: { reasons: { code: string }[] }[];
}

const codesOf = (r: JsonReport) => [...r.reasons, ...r.signatures.flatMap((s) => s.reasons)].map((x) => x.code);

describe.skipIf(skipWithout('openssl'))('saoy verify: exit codes and flags', () => {
  const tmp = makeTempDir('saoy-cli-verify-');
  afterAll(() => tmp.cleanup());
  const path = (name: string) => join(tmp.dir, name);
  let root: TestIdentity;
  let rootPem: string;
  let good: string;
  let tampered: string;
  let unsigned: string;
  let notPdf: string;
  let revokedSigned: string;
  let revokedLeaf: TestIdentity;
  let shortLived: string;
  let shortLivedUntil: Date;

  /** A one-page PDF, with an empty signature field "Sig1" unless `field` is false. */
  async function plainPdf(field = true): Promise<Uint8Array> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('saoy verify CLI test', { x: 50, y: 780, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
    if (field) {
      const ctx = doc.context;
      const widget = ctx.register(ctx.obj({ FT: 'Sig', T: PDFString.of('Sig1'), Type: 'Annot', Subtype: 'Widget', F: 4, P: page.ref, Rect: [0, 0, 0, 0] }));
      page.node.addAnnot(widget);
      doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widget] }));
    }
    return doc.save({ useObjectStreams: false });
  }

  async function signedBy(leaf: TestIdentity, name: string, signingTime = new Date(Date.now() - 60_000)): Promise<string> {
    const bytes = await signPdf(await plainPdf(), { fieldName: 'Sig1', signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]), signingTime });
    writeFileSync(path(name), bytes);
    return path(name);
  }

  /** `saoy verify --json` → its reports (one JSON line per file). */
  function json(args: string[]): { status: number | null; reports: JsonReport[] } {
    const r = saoy(['verify', '--json', ...args]);
    expect(r.stderr).toBe('');
    return { status: r.status, reports: r.stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonReport) };
  }

  function expectOneLineError(r: ReturnType<typeof saoy>, pattern: RegExp): void {
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^saoy: error: /);
    expect(r.stderr).toMatch(pattern);
  }

  beforeAll(async () => {
    assertTools('openssl');
    ensureCliBuilt();
    const now = Date.now();
    root = await makeRoot({ notBefore: new Date(now - 500 * DAY) });
    rootPem = writePem(tmp.dir, 'root.pem', root.certificate);
    good = await signedBy(await makeLeaf(root, { notBefore: new Date(now - 20 * DAY) }), 'good.pdf');
    const bytes = new Uint8Array(readFileSync(good));
    // Byte 10 is in the binary comment after the header: signed, but meaningless to a PDF reader.
    expect(bytes[9]).toBe(0x25);
    bytes[10] ^= 0x01;
    tampered = path('tampered.pdf');
    writeFileSync(tampered, bytes);
    unsigned = path('unsigned.pdf');
    writeFileSync(unsigned, await plainPdf(false));
    notPdf = path('not.pdf');
    writeFileSync(notPdf, 'this is not a PDF\n');
    revokedLeaf = await makeLeaf(root, { notBefore: new Date(now - 20 * DAY), serial: Uint8Array.of(0x21, 0x7a) });
    revokedSigned = await signedBy(revokedLeaf, 'revoked.pdf', new Date(now - 2 * DAY));
    shortLivedUntil = new Date(now + 2 * DAY);
    shortLived = await signedBy(await makeLeaf(root, { notBefore: new Date(now - 5 * DAY), notAfter: shortLivedUntil }), 'short-lived.pdf');
  });

  it('exit 0 when every file is valid', () => {
    const r = saoy(['verify', '--trust', rootPem, good]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/good\.pdf: /);
    expect(r.stdout).toMatch(/\bvalid\b/i);
  });

  it('exit 2 when the worst is indeterminate (untrusted root) or unsigned', () => {
    const untrusted = json([good]);
    expect(untrusted.reports[0].verdict).toBe('indeterminate');
    expect(codesOf(untrusted.reports[0])).toContain('CHAIN_UNTRUSTED');
    expect(untrusted.status).toBe(2);
    const plain = json(['--trust', rootPem, unsigned]);
    expect(plain.reports[0].verdict).toBe('unsigned');
    expect(plain.status).toBe(2);
    expect(json(['--trust', rootPem, good, unsigned]).status).toBe(2);
  });

  it('exit 1 when a file is invalid or unreadable, whatever the others are', () => {
    const bad = json(['--trust', rootPem, tampered]);
    expect(bad.reports[0].verdict).toBe('invalid');
    expect(bad.status).toBe(1);
    const garbage = json(['--trust', rootPem, notPdf]);
    expect(garbage.reports[0].verdict).toBe('error');
    expect(garbage.status).toBe(1);
    const mixed = json(['--trust', rootPem, good, unsigned, tampered]);
    expect(mixed.reports.map((r) => r.verdict)).toEqual(['valid', 'unsigned', 'invalid']);
    expect(mixed.status).toBe(1);
    const missing = saoy(['verify', '--trust', rootPem, good, path('does-not-exist.pdf')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).not.toMatch(/\n\s+at |TypeError|node:internal/);
  });

  it('--lang vi writes the report in Vietnamese; en is the default; other languages are refused', () => {
    const en = saoy(['verify', '--trust', rootPem, good]);
    const vi = saoy(['verify', '--lang', 'vi', '--trust', rootPem, good]);
    expect(vi.status).toBe(0);
    expect(vi.stdout).toMatch(/Chữ ký 1/);
    expect(vi.stdout).toMatch(/hợp lệ/);
    expect(en.stdout).toMatch(/Signature 1/);
    expect(en.stdout).not.toMatch(/Chữ ký/);
    expect(saoy(['verify', '--lang', 'en', '--trust', rootPem, good]).stdout).toBe(en.stdout);
    expectOneLineError(saoy(['verify', '--lang', 'fr', '--trust', rootPem, good]), /--lang/);
  });

  it('--crl: a signer revoked before signing is invalid only with the CRL given (DER or PEM)', async () => {
    const crl = await makeCrl(root, [{ certificate: revokedLeaf.certificate, at: new Date(Date.now() - 10 * DAY) }]);
    writeFileSync(path('root.crl'), crl);
    writeFileSync(path('root-crl.pem'), derToPem(crl, 'X509 CRL'));
    const without = json(['--trust', rootPem, revokedSigned]);
    expect(without.reports[0].verdict).not.toBe('invalid');
    expect(codesOf(without.reports[0])).not.toContain('CERT_REVOKED');
    for (const file of ['root.crl', 'root-crl.pem']) {
      const withCrl = json(['--trust', rootPem, '--crl', path(file), revokedSigned]);
      expect(withCrl.reports[0].verdict, file).toBe('invalid');
      expect(codesOf(withCrl.reports[0])).toContain('CERT_REVOKED');
      expect(withCrl.status).toBe(1);
    }
    // The same CRL does not touch a signer it does not list.
    expect(json(['--trust', rootPem, '--crl', path('root.crl'), good]).status).toBe(0);
    writeFileSync(path('empty.crl'), 'no CRL here\n');
    expectOneLineError(saoy(['verify', '--trust', rootPem, '--crl', path('empty.crl'), good]), /no CRL found/);
  });

  it('--ocsp: an `openssl ocsp` response saying revoked makes the signature invalid', async () => {
    await makeOpensslCa(path('ca'), root);
    // The CA database by hand: `openssl ca -revoke` can only revoke "now", after the signing time.
    const d = describeCertificate(revokedLeaf.certificate);
    expect(d.serialHex.toLowerCase()).toBe('217a');
    const indexTime = (t: Date) => `${t.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;
    writeFileSync(path('ca/index.txt'), `R\t${indexTime(d.notAfter)}\t${indexTime(new Date(Date.now() - 10 * DAY))},keyCompromise\t217A\tunknown\t/CN=revoked\n`);
    const certPath = writePem(tmp.dir, 'revoked-leaf.pem', revokedLeaf.certificate);
    const resp = path('revoked.ocsp');
    ok(['ocsp', '-index', path('ca/index.txt'), '-rsigner', path('ca/ca.pem'), '-rkey', path('ca/ca.key'), '-CA', path('ca/ca.pem'),
      '-issuer', path('ca/ca.pem'), '-cert', certPath, '-respout', resp, '-ndays', '1']);
    const withOcsp = json(['--trust', rootPem, '--ocsp', resp, revokedSigned]);
    expect(withOcsp.reports[0].verdict).toBe('invalid');
    expect(codesOf(withOcsp.reports[0])).toContain('CERT_REVOKED');
    expect(withOcsp.status).toBe(1);
    expect(json(['--trust', rootPem, revokedSigned]).reports[0].verdict).not.toBe('invalid');
    writeFileSync(path('not.ocsp'), 'not an OCSP response');
    expectOneLineError(saoy(['verify', '--trust', rootPem, '--ocsp', path('not.ocsp'), good]), /OCSP/);
  });

  it('--at: trust is evaluated at the given time (a certificate expired by then, without timestamp)', () => {
    expect(json(['--trust', rootPem, shortLived]).status).toBe(0);
    const later = new Date(shortLivedUntil.getTime() + DAY).toISOString();
    const atLater = json(['--trust', rootPem, '--at', later, shortLived]);
    expect(atLater.reports[0].verdict).toBe('indeterminate');
    expect(codesOf(atLater.reports[0])).toContain('CERT_EXPIRED');
    expect(atLater.status).toBe(2);
    const earlier = new Date(shortLivedUntil.getTime() - DAY).toISOString().replace('Z', '+00:00');
    expect(json(['--trust', rootPem, '--at', earlier, shortLived]).status).toBe(0);
    expectOneLineError(saoy(['verify', '--trust', rootPem, '--at', 'yesterday', good]), /--at must be an ISO time/);
  });

  it('usage errors: no file', () => {
    expectOneLineError(saoy(['verify', '--trust', rootPem]), /usage/);
  });
});
