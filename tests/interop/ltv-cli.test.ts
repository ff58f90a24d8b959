/**
 * `saoy extend` and `--level` through the CLI, against a loopback TSA (`openssl ts -reply`) this test starts: a copy
 * signed by poppler's `pdfsig -add-signature` extended to B-LTA and renewed; `saoy certify --level B-LTA`; pdfsig and
 * `saoy verify` accept every signature; the report shows the timestamps, the /DSS and the covered-until date; bad
 * flags give one clear line.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTsa, type Loopback } from '../helpers/ltv-servers.js';
import { makeJpeg } from '../helpers/images.js';
import { makeRoot, makeTempDir, writePem } from '../helpers/pki.js';
import { assertTools, ensureCliBuilt, run, saoyBin, skipWithout } from '../helpers/tools.js';
import { DAY, opensslIssue, type OpensslCert } from '../unit/trust/fixtures.js';

const TOOLS = ['openssl', 'pdfsig', 'certutil', 'pk12util'];

function saoy(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [saoyBin, ...args], { env: { ...process.env, SAOY_P12_PASSWORD: 'demo' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(skipWithout(...TOOLS))('saoy extend / --level (CLI) with a loopback TSA', () => {
  const tmp = makeTempDir('saoy-ltv-cli-');
  const p = (f: string) => join(tmp.dir, f);
  let tsa: Loopback;
  let tsaCert: OpensslCert;
  let tsaRootPem = '';
  let nss = '';

  beforeAll(async () => {
    assertTools(...TOOLS);
    ensureCliBuilt();
    const tsaRoot = await makeRoot({ subject: { country: 'VN', commonName: 'saoy TEST TSA Root' } });
    tsaRootPem = writePem(tmp.dir, 'tsa-root.pem', tsaRoot.certificate);
    tsaCert = await opensslIssue(tmp.dir, tsaRoot, { cn: 'saoy TEST TSA', days: 730, extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=critical,timeStamping'] });
    tsa = await startTsa(tmp.dir, () => tsaCert);

    // A third-party signer (openssl PKI, NSS database) and a plain PDF signed by poppler's pdfsig.
    const ok = (cmd: string, args: string[]) => {
      const r = run(cmd, args);
      expect(r.status, `${cmd} ${args.join(' ')}: ${r.stderr}`).toBe(0);
    };
    ok('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-subj', '/C=VN/O=Third Party TEST/CN=Third Party TEST Root', '-days', '3650',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    ok('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('leaf.key'), '-out', p('leaf.csr'), '-subj', '/C=VN/O=Third Party TEST/CN=Third Party TEST Signer']);
    writeFileSync(p('leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    ok('openssl', ['x509', '-req', '-in', p('leaf.csr'), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', '4661', '-days', '365', '-extfile', p('leaf.ext'), '-out', p('leaf.pem')]);
    ok('openssl', ['pkcs12', '-export', '-inkey', p('leaf.key'), '-in', p('leaf.pem'), '-certfile', p('root.pem'), '-name', 'tpsigner', '-out', p('leaf.p12'), '-passout', 'pass:test']);
    mkdirSync(p('nss'));
    nss = `sql:${p('nss')}`;
    ok('certutil', ['-N', '-d', nss, '--empty-password']);
    ok('pk12util', ['-i', p('leaf.p12'), '-d', nss, '-W', 'test', '-K', '']);
    ok('certutil', ['-M', '-d', nss, '-n', 'Third Party TEST Root - Third Party TEST', '-t', 'CT,C,C']);
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    page.drawText('Van ban luu tru lau dai (TEST)', { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    writeFileSync(p('plain.pdf'), await doc.save({ useObjectStreams: false }));
    ok('pdfsig', ['-nssdir', nss, '-nick', 'tpsigner', '-add-signature', '-new-signature-field-name', 'tp_signature', p('plain.pdf'), p('pdfsig.pdf')]);
  }, 180_000);

  afterAll(async () => {
    await tsa?.close();
    tmp.cleanup();
  });

  const pdfsigValid = (file: string, n: number) => {
    const r = run('pdfsig', ['-nssdir', nss, file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(/Signature Validation: Signature is Valid\./g)?.length, r.stdout).toBe(n);
  };

  it('extends a pdfsig-signed PDF to B-LTA; saoy verify valid (covered until the TSA certificate expires), pdfsig still valid', async () => {
    const x = await saoy(['extend', p('pdfsig.pdf'), '--level', 'B-LTA', '--tsa-url', tsa.url, '--cert', p('root.pem'), '-o', p('pdfsig-lta.pdf')]);
    expect(x.stderr).toBe('');
    expect(x.status).toBe(0);
    expect(x.stdout).toMatch(/validation data added: 2 certificate\(s\), 0 CRL\(s\), 0 OCSP response\(s\)/);
    expect(x.stdout).toContain('note: no signature timestamp on tp_signature');
    expect(x.stdout).toMatch(/pdfsig-lta\.pdf: extended to PAdES B-LTA \(\d+ bytes added\)/);
    pdfsigValid(p('pdfsig-lta.pdf'), 1);
    const v = await saoy(['verify', '--json', p('pdfsig-lta.pdf'), '--trust', p('root.pem'), '--trust', tsaRootPem, '--no-builtin-trust']);
    const rep = JSON.parse(v.stdout);
    expect(rep.verdict, v.stdout).toBe('valid');
    expect(rep.signatures.map((s: { subFilter: string }) => s.subFilter)).toEqual(['adbe.pkcs7.detached', 'ETSI.RFC3161']);
    expect(rep.ltv.dss).toMatchObject({ certificates: 2, vriEntries: 1, signaturesWithVri: ['tp_signature'] });
    expect(rep.ltv.timestamps).toHaveLength(1);
    expect(rep.ltv.timestamps[0]).toMatchObject({ kind: 'document', tsa: 'saoy TEST TSA', relied: true });
    expect(Math.abs(Date.parse(rep.ltv.coveredUntil) - (Date.now() + 730 * DAY))).toBeLessThan(2 * DAY);
    // The pdfsig signature (no timestamp of its own) is proven by the document timestamp: valid after its signer expires.
    const late = await saoy(['verify', '--json', p('pdfsig-lta.pdf'), '--trust', p('root.pem'), '--trust', tsaRootPem, '--no-builtin-trust', '--at', new Date(Date.now() + 500 * DAY).toISOString()]);
    expect(JSON.parse(late.stdout).verdict, late.stdout).toBe('valid');
    const b = await saoy(['verify', p('pdfsig.pdf'), '--trust', p('root.pem'), '--no-builtin-trust', '--at', new Date(Date.now() + 500 * DAY).toISOString()]);
    expect(b.status).toBe(2);
    const human = await saoy(['verify', p('pdfsig-lta.pdf'), '--trust', p('root.pem'), '--trust', tsaRootPem, '--no-builtin-trust', '--lang', 'vi']);
    expect(human.stdout).toMatch(/được bảo đảm kiểm tra đến \d{4}-\d{2}-\d{2}/);
    expect(human.stdout).toMatch(/dấu thời gian tài liệu \[ArchiveTimestamp1\]/);
    expect(human.stdout).toMatch(/dữ liệu kiểm tra trong tệp \(\/DSS\): 2 chứng thư/);
  }, 240_000);

  it('--renew: not due with a 1-month margin (nothing written); due with 36 months → a second document timestamp', async () => {
    const no = await saoy(['extend', p('pdfsig-lta.pdf'), '--renew', '--months', '1', '--tsa-url', tsa.url, '-o', p('never.pdf')]);
    expect(no.status).toBe(0);
    expect(no.stdout).toMatch(/not due for renewal: the newest timestamp \(ArchiveTimestamp1\) is covered until \d{4}-\d{2}-\d{2}/);
    expect(() => readFileSync(p('never.pdf'))).toThrow();
    const yes = await saoy(['extend', p('pdfsig-lta.pdf'), '--renew', '--months', '36', '--tsa-url', tsa.url, '--cert', p('root.pem'), '-o', p('renewed.pdf')]);
    expect(yes.stderr).toBe('');
    expect(yes.stdout).toContain('document timestamp added in field ArchiveTimestamp2');
    pdfsigValid(p('renewed.pdf'), 1);
    const v = JSON.parse((await saoy(['verify', '--json', p('renewed.pdf'), '--trust', p('root.pem'), '--trust', tsaRootPem, '--no-builtin-trust'])).stdout);
    expect(v.verdict).toBe('valid');
    expect(v.ltv.timestamps.map((t: { field: string }) => t.field)).toEqual(['ArchiveTimestamp1', 'ArchiveTimestamp2']);
    expect(v.ltv.dss.signaturesWithVri).toEqual(['tp_signature', 'ArchiveTimestamp1']);
  }, 240_000);

  it('certify --level B-LTA and approve --level B-LT: saoy verify and pdfsig accept every signature', async () => {
    const id = p('id');
    expect((await saoy(['demo-identity', id])).status).toBe(0);
    writeFileSync(p('page.jpg'), makeJpeg(600, 800, { dpi: 150 }));
    const common = ['--image', p('page.jpg'), '--doc-name', 'Bằng tốt nghiệp', '--cert-no', '9', '--book', '01/2026-SCT/BS', '--office-kind', 'phường', '--office', 'Hạc Thành', '--province', 'Thanh Hóa',
      '--certifier-p12', join(id, 'certifier.p12')];
    const c = await saoy(['certify', ...common, '--authority-p12', join(id, 'authority.p12'), '--tsa-url', tsa.url, '--level', 'B-LTA', '-o', p('lta.pdf')]);
    expect(c.stderr).toBe('');
    expect(c.stdout).toMatch(/timestamped \(PAdES B-LTA\)/);
    const pending = await saoy(['certify', ...common, '--tsa-url', tsa.url, '-o', p('pending.pdf')]);
    expect(pending.status).toBe(0);
    const a = await saoy(['approve', p('pending.pdf'), '--authority-p12', join(id, 'authority.p12'), '--tsa-url', tsa.url, '--level', 'B-LT', '-o', p('lt.pdf')]);
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(/timestamped \(PAdES B-LT\)/);
    run('certutil', ['-A', '-d', nss, '-n', 'saoy-demo', '-t', 'CT,C,C', '-i', join(id, 'root.pem')]);
    for (const [file, n] of [['lta.pdf', 3], ['lt.pdf', 2]] as const) {
      const v = JSON.parse((await saoy(['verify', '--json', p(file), '--trust', join(id, 'root.pem'), '--trust', tsaRootPem])).stdout);
      expect(v.verdict, `${file}: ${JSON.stringify(v.reasons)}`).toBe('valid');
      expect(v.signatures.length).toBe(n);
      expect(v.ltv.dss.vriEntries).toBe(2);
      pdfsigValid(p(file), 2);
    }
  }, 240_000);

  it('bad flags: one clear line each, nothing written', async () => {
    const cases: [string[], RegExp][] = [
      [['extend', p('pdfsig.pdf'), '-o', p('x.pdf')], /^saoy: error: missing required option --level \(B-LT or B-LTA\)\n$/],
      [['extend', p('pdfsig.pdf'), '--level', 'B-LTA', '-o', p('x.pdf')], /^saoy: error: --level B-LTA needs a timestamp authority: add --tsa-url URL\n$/],
      [['extend', p('pdfsig.pdf'), '--level', 'B-T', '--tsa-url', tsa.url, '-o', p('x.pdf')], /^saoy: error: --level must be B-LT, B-LTA; got "B-T"\n$/],
      [['extend', p('plain.pdf'), '--level', 'B-LT', '--tsa-url', tsa.url, '-o', p('x.pdf')], /^saoy: error: the PDF carries no signature to extend\n$/],
      [['extend', p('pdfsig.pdf'), '--renew', '--months', 'soon', '--tsa-url', tsa.url, '-o', p('x.pdf')], /^saoy: error: --months must be a whole number of months \(0-600\), got "soon"\n$/],
      [['extend', p('pdfsig.pdf'), '--level', 'B-LT', '--crl', p('leaf.pem'), '-o', p('x.pdf')], /^saoy: error: nothing usable in CRL file ".*leaf\.pem"\n$/],
    ];
    for (const [args, want] of cases) {
      const r = await saoy(args);
      expect(r.stderr, args.join(' ')).toMatch(want);
      expect(r.status).not.toBe(0);
    }
    expect(() => readFileSync(p('x.pdf'))).toThrow();
  }, 240_000);
});
