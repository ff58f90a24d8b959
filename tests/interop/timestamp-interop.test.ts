import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg } from '../helpers/images.js';
import { rawSignatures } from '../helpers/pdf-signatures.js';
import { makeRoot, writePem } from '../helpers/pki.js';
import { assertTools, ensureCliBuilt, run, saoyBin, skipWithout } from '../helpers/tools.js';
import { makeTsa } from '../unit/trust/fixtures.js';

const TOOLS = ['pdfsig', 'openssl', 'certutil'];
const env = { SAOY_P12_PASSWORD: 'demo' };

/** Async, so the loopback TSA in this process can answer while the CLI waits for it. */
function saoyAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [saoyBin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(skipWithout(...TOOLS))('saoy certify/approve --tsa-url: PAdES B-T against a loopback RFC 3161 TSA', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saoy-tsa-interop-'));
  const nssDb = `sql:${join(dir, 'nss')}`;
  const idDir = join(dir, 'id');
  const pending = join(dir, 'pending.pdf');
  const final = join(dir, 'final.pdf');
  let server: Server;
  let tsaUrl = '';
  let tsaRootPem = '';
  let requests = 0;

  beforeAll(async () => {
    assertTools(...TOOLS);
    ensureCliBuilt();
    const tsaRoot = await makeRoot();
    tsaRootPem = writePem(dir, 'tsa-root.pem', tsaRoot.certificate);
    const tsa = await makeTsa(dir, tsaRoot);
    const config = join(dir, 'ts.cnf');
    let k = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
          res.writeHead(400).end();
          return;
        }
        requests++;
        const q = join(dir, `http${++k}.tsq`);
        const out = join(dir, `http${k}.tsr`);
        writeFileSync(q, Buffer.concat(chunks));
        execFile('openssl', ['ts', '-reply', '-queryfile', q, '-signer', tsa.cert.certPath, '-inkey', tsa.cert.keyPath, '-config', config, '-out', out], (err) => {
          if (err) {
            res.writeHead(500).end();
            return;
          }
          res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(out));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tsaUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    run('mkdir', ['-p', join(dir, 'nss')]);
    expect(run('certutil', ['-N', '-d', nssDb, '--empty-password']).status).toBe(0);
    const id = await saoyAsync(['demo-identity', idDir]);
    expect(id.stderr).toBe('');
    expect(run('certutil', ['-A', '-d', nssDb, '-n', 'saoy-demo', '-t', 'CT,C,C', '-i', join(idDir, 'root.pem')]).status).toBe(0);
    const image = join(dir, 'page.jpg');
    writeFileSync(image, makeJpeg(600, 800, { dpi: 150 }));
    const c = await saoyAsync(['certify', '--image', image, '--doc-name', 'Bằng tốt nghiệp', '--cert-no', '7', '--book', '01/2026-SCT/BS',
      '--office-kind', 'phường', '--office', 'Hạc Thành', '--province', 'Thanh Hóa', '--certifier-p12', join(idDir, 'certifier.p12'), '--tsa-url', tsaUrl, '-o', pending]);
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    const a = await saoyAsync(['approve', pending, '--authority-p12', join(idDir, 'authority.p12'), '--tsa-url', tsaUrl, '-o', final]);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
  }, 120_000);

  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('asked the TSA once per signature', () => {
    expect(requests).toBe(2);
  });

  it('saoy verify (both roots trusted) says valid, with a timestamp time on both signatures', async () => {
    const r = await saoyAsync(['verify', final, '--json', '--trust', join(idDir, 'root.pem'), '--trust', tsaRootPem]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.verdict, r.stdout).toBe('valid');
    expect(report.signatures.length).toBe(2);
    for (const s of report.signatures) {
      expect(s.timestampTime, JSON.stringify(s)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(Math.abs(Date.parse(s.timestampTime) - Date.now())).toBeLessThan(10 * 60_000);
    }
    expect(r.status).toBe(0);
  });

  it('pdfsig still reports both signatures valid and trusted', () => {
    const r = run('pdfsig', ['-nssdir', nssDb, final]);
    expect(r.status, r.stderr).toBe(0);
    const sigs = r.stdout.split(/^Signature #\d+:/m).slice(1);
    expect(sigs.length).toBe(2);
    for (const s of sigs) {
      expect(s).toContain('Signature Validation: Signature is Valid.');
      expect(s).toContain('Certificate Validation: Certificate is Trusted.');
    }
  });

  it('openssl cms -verify accepts each CMS over its ByteRange, and each carries a token openssl can read', () => {
    const sigs = rawSignatures(new Uint8Array(readFileSync(final)));
    expect(sigs.length).toBe(2);
    sigs.forEach((s, i) => {
      const sig = join(dir, `sig${i}.der`);
      const data = join(dir, `sig${i}.bin`);
      writeFileSync(sig, s.cms);
      writeFileSync(data, s.signedData);
      const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', data, '-CAfile', join(idDir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(r.status, `sig ${i}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toContain('Verification successful');
      const dump = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sig]);
      expect(dump.stdout).toMatch(/unsignedAttrs:[\s\S]*(id-smime-aa-timeStampToken|1\.2\.840\.113549\.1\.9\.16\.2\.14)/);
    });
  });

  it('a TSA URL on a closed port fails with one clear line and a non-zero exit', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await saoyAsync(['approve', pending, '--authority-p12', join(idDir, 'authority.p12'), '--tsa-url', `http://127.0.0.1:${port}/`, '-o', join(dir, 'never.pdf')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^saoy: error: cannot reach the timestamp authority at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\n$/);
    expect(existsSync(join(dir, 'never.pdf'))).toBe(false);
  });

  it('a non-HTTP --tsa-url is refused before signing', async () => {
    const r = await saoyAsync(['approve', pending, '--authority-p12', join(idDir, 'authority.p12'), '--tsa-url', 'ftp://example.org/', '-o', join(dir, 'never2.pdf')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe('saoy: error: --tsa-url must be an http:// or https:// URL, got "ftp://example.org/"\n');
  });
});
