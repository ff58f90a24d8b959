/**
 * The online check, on request only, against loopback servers this test starts: caIssuers (the signer's CA), OCSP
 * (answered by `openssl ocsp` from our request) and CRL (`openssl ca -gencrl`). Good → valid, revoked before
 * signing → invalid, unreachable → indeterminate with a clear reason; no request goes anywhere else.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate } from '../../core/pki/certificate.js';
import { httpFetcher, type OnlineFetcher } from '../../core/pki/online/fetcher.js';
import { certificateUrls } from '../../core/pki/online/urls.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import { verifyPdf } from '../../core/verify/index.js';
import { verifyPdfOnline } from '../../core/verify/online.js';
import type { VerificationReport } from '../../core/verify/report.js';
import { signedEcopy } from '../helpers/ecopy-signed.js';
import { makeLeaf, makeRoot, makeTempDir, writePem, type TestIdentity } from '../helpers/pki.js';
import { spawn } from 'node:child_process';
import { assertTools, ensureCliBuilt, saoyBin, skipWithout } from '../helpers/tools.js';
import { DAY, makeOpensslCa, ok, opensslIssue } from '../unit/trust/fixtures.js';

// The certificate's CN is the office's short name; the statement prints the full name (with the province).
const NAME = 'UBND xã Trực Tuyến';
const OFFICE = 'Ủy ban nhân dân xã Trực Tuyến, tỉnh Thanh Hóa';
/** The CLI in a child process, without blocking this process (it serves the loopback answers). */
function saoy(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [saoyBin, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const codes = (r: VerificationReport) => [...r.reasons.map((x) => x.code), ...r.signatures.flatMap((s) => s.reasons.map((x) => x.code))];

describe.skipIf(skipWithout('openssl'))('online check (CRL, OCSP, caIssuers on loopback)', () => {
  const tmp = makeTempDir('saoy-online-');
  const requests: string[] = [];
  let server: Server;
  let closedPort: number;
  let base: string;
  let root: TestIdentity;
  let ca: TestIdentity;
  let caDir: string;
  const pdf: Record<string, Uint8Array> = {};
  const certs: Record<string, Uint8Array> = {};

  async function pkcs8Signer(keyPath: string, cert: Uint8Array, chain: Uint8Array[] = []) {
    const pem = readFileSync(keyPath, 'utf8').replace(/-----[^-]+-----|\s/g, '');
    const key = await crypto.subtle.importKey('pkcs8', Buffer.from(pem, 'base64'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return createWebCryptoSigner(key, [cert, ...chain]);
  }

  beforeAll(async () => {
    assertTools('openssl');
    root = await makeRoot({ notBefore: new Date(Date.now() - 10 * DAY) });
    ca = await makeLeaf(root, { subject: { country: 'VN', commonName: 'saoy TEST Online CA' }, isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], notAfter: new Date(Date.now() + 300 * DAY) });
    caDir = join(tmp.dir, 'ca');
    const db = await makeOpensslCa(caDir, ca);
    const caDer = ca.certificate;

    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'GET' && req.url === '/ca.cer') return res.end(Buffer.from(caDer));
        if (req.method === 'GET' && req.url === '/ca.crl') return res.end(db.crl());
        if (req.method === 'POST' && req.url === '/ocsp') {
          const reqPath = join(tmp.dir, `ocsp-${requests.length}.req`);
          const respPath = `${reqPath}.resp`;
          writeFileSync(reqPath, Buffer.concat(chunks));
          ok(['ocsp', '-index', join(caDir, 'index.txt'), '-rsigner', join(caDir, 'ca.pem'), '-rkey', join(caDir, 'ca.key'), '-CA', join(caDir, 'ca.pem'), '-reqin', reqPath, '-respout', respPath, '-ndays', '1']);
          res.setHeader('content-type', 'application/ocsp-response');
          return res.end(readFileSync(respPath));
        }
        res.statusCode = 404;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));

    const ext = (b: string, ocsp = true) => [
      'basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation',
      `authorityInfoAccess=${ocsp ? `OCSP;URI:${b}/ocsp,` : ''}caIssuers;URI:${b}/ca.cer`, `crlDistributionPoints=URI:${b}/ca.crl`,
    ];
    const markValid = (der: Uint8Array) => {
      const d = describeCertificate(der);
      const t = d.notAfter.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
      appendFileSync(join(caDir, 'index.txt'), `V\t${t}\t\t${d.serialHex.toUpperCase()}\tunknown\t/CN=${d.serialHex}\n`);
    };
    const fields = { office: OFFICE, certifier: NAME };
    const make = async (name: string, extensions: string[], opts: { chain?: boolean; at?: Date; days?: number; before?: (der: Uint8Array) => Promise<void> | void } = {}) => {
      const c = await opensslIssue(tmp.dir, ca, { cn: NAME, extensions, days: opts.days });
      certs[name] = c.der;
      await opts.before?.(c.der);
      const s = await pkcs8Signer(c.keyPath, c.der, opts.chain ? [ca.certificate] : []);
      pdf[name] = (await signedEcopy({ certifier: s, authority: s, fields, at: opts.at ?? new Date() })).final!; // openssl's notBefore is now
    };
    await make('good-ocsp', ext(base), { before: markValid });
    await make('good-crl', ext(base, false));
    await make('revoked', ext(base), {
      before: async (der) => {
        db.revoke(der);
        await new Promise((r) => setTimeout(r, 1100)); // revoked strictly before the signing time (second precision)
      },
    });
    await make('unreachable', ext(`http://127.0.0.1:${closedPort}`), { chain: true });
    // Valid for one day; signed (claimed) tomorrow + 1; checked the day after: expired, and revocation unknown too.
    await make('expired', ext(`http://127.0.0.1:${closedPort}`), { chain: true, days: 1, at: new Date(Date.now() + 2 * DAY) });
  }, 120_000);

  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    tmp.cleanup();
  });

  /** The fetcher used by the tests: the product's, recording every URL it is asked for. */
  const asked: string[] = [];
  const recording = (): OnlineFetcher => {
    const f = httpFetcher({ timeoutMs: 5000, maxBytes: 1 << 20 });
    return async (req) => {
      asked.push(req.url);
      return f(req);
    };
  };
  const opts = () => ({ trustAnchors: [root.certificate] });

  it('good (OCSP): offline indeterminate; online fetches the missing CA and an OCSP answer → valid', async () => {
    const offline = await verifyPdf(pdf['good-ocsp'], opts());
    expect(offline.verdict).toBe('indeterminate');
    expect(codes(offline)).toContain('CHAIN_UNTRUSTED');
    const before = requests.length;
    const r = await verifyPdfOnline(pdf['good-ocsp'], opts(), recording());
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(r.online?.sources.map((s) => [s.kind, s.ok])).toEqual([['caIssuers', true], ['ocsp', true]]);
    for (const s of r.online!.sources) {
      expect(s.url.startsWith(base)).toBe(true);
      expect(Date.parse(s.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(requests.slice(before)).toEqual(['GET /ca.cer', 'POST /ocsp']);
    expect(r.signatures[0].chain.map((c) => c.commonName)).toEqual([NAME, 'saoy TEST Online CA', 'saoy TEST Root CA']);
  });

  it('good (CRL only): online → valid, the answer named as a CRL', async () => {
    const before = requests.length;
    const r = await verifyPdfOnline(pdf['good-crl'], opts(), recording());
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(r.online?.sources.map((s) => [s.kind, s.url, s.ok])).toEqual([['caIssuers', `${base}/ca.cer`, true], ['crl', `${base}/ca.crl`, true]]);
    expect(requests.slice(before)).toEqual(['GET /ca.cer', 'GET /ca.crl']);
  });

  it('revoked before signing → invalid (CERT_REVOKED)', async () => {
    const r = await verifyPdfOnline(pdf.revoked, opts(), recording());
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('CERT_REVOKED');
  });

  it('unreachable → stays indeterminate, with a clear reason naming the URL', async () => {
    const offline = await verifyPdf(pdf.unreachable, opts());
    expect(codes(offline)).toContain('REVOCATION_UNKNOWN');
    const r = await verifyPdfOnline(pdf.unreachable, opts(), recording());
    expect(r.verdict).toBe('indeterminate');
    expect(codes(r)).toContain('REVOCATION_UNKNOWN');
    const failed = r.reasons.filter((x) => x.code === 'ONLINE_FETCH_FAILED');
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed[0].en).toMatch(new RegExp(`^Part of the online check could not be done: \\(ocsp http://127\\.0\\.0\\.1:${closedPort}/ocsp for ${NAME}: ECONNREFUSED\\)$`));
    expect(r.online?.sources.every((s) => !s.ok)).toBe(true);
  });

  it('every reason is reported: an expired signer without timestamp shows CERT_EXPIRED and REVOCATION_UNKNOWN', async () => {
    const r = await verifyPdf(pdf.expired, { ...opts(), at: new Date(Date.now() + 3 * DAY) });
    expect(r.verdict).toBe('indeterminate');
    const c = r.signatures[0].reasons.map((x) => x.code);
    expect(c).toContain('CERT_EXPIRED');
    expect(c).toContain('REVOCATION_UNKNOWN');
  });

  it('only URLs the certificates name were asked for; never without being asked', async () => {
    const named = new Set(Object.values(certs).flatMap((d) => Object.values(certificateUrls(d)).flat()));
    expect(asked.length).toBeGreaterThan(0);
    for (const u of asked) expect(named.has(u), u).toBe(true);
    const before = requests.length;
    await verifyPdf(pdf['good-ocsp'], opts());
    expect(requests.length).toBe(before);
  });

  it('saoy verify --online (CLI): valid with the answers listed; without --online no request', async () => {
    ensureCliBuilt();
    const file = join(tmp.dir, 'good.pdf');
    writeFileSync(file, pdf['good-ocsp']);
    const rootPem = writePem(tmp.dir, 'root.pem', root.certificate);
    const before = requests.length;
    const off = await saoy(['verify', '--json', file, '--trust', rootPem]);
    expect(off.status).toBe(2);
    expect(requests.length).toBe(before);
    const on = await saoy(['verify', '--json', '--online', file, '--trust', rootPem]);
    const rep = JSON.parse(on.stdout) as VerificationReport;
    expect([on.status, rep.verdict]).toEqual([0, 'valid']);
    expect(rep.online?.sources.map((s) => s.kind)).toEqual(['caIssuers', 'ocsp']);
    const human = (await saoy(['verify', '--online', file, '--trust', rootPem])).stdout;
    expect(human).toMatch(new RegExp(`online: ocsp ${base}/ocsp \\(${NAME}\\) answered, \\d{4}-\\d{2}-\\d{2} `));
  });
});
