/**
 * `npm run bench:ltv`: long-term-validation figures, each next to a reference measured in the same run — the bytes
 * B-LT and B-LTA add to a B-T copy, the extra signing latency of a signature timestamp from a loopback TSA
 * (`openssl ts -reply` behind a local HTTP server), and the verify time of a B-LTA copy against a B-B copy (ratio).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { certifyCopy } from '../core/certify/certify-copy.js';
import { vietnamDay } from '../core/certify/signing-day.js';
import { extendPdf } from '../core/ltv/extend.js';
import { createDemoIdentity, DEMO_NAMES } from '../core/signers/demo.js';
import { loadPkcs12 } from '../core/signers/pkcs12.js';
import { createWebCryptoSigner } from '../core/signers/webcrypto.js';
import { verifyPdf } from '../core/verify/index.js';
import { loadCopyFonts } from '../cli/fonts.js';
import { createNodeDigester } from '../cli/node-digester.js';
import { tsaTimestamper } from '../cli/tsa-client.js';
import { makeJpeg } from '../tests/helpers/images.js';

const OUT = resolve('bench-output/ltv');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const p = (f: string) => join(OUT, f);

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  // A TSA PKI made by openssl: root → TSA (critical EKU timeStamping), and a CRL of the root for the TSA.
  ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-subj', '/CN=bench TSA Root', '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  ssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('tsa.key'), '-out', p('tsa.csr'), '-subj', '/CN=bench TSA']);
  writeFileSync(p('tsa.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
  ssl(['x509', '-req', '-in', p('tsa.csr'), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', '77', '-days', '730', '-extfile', p('tsa.ext'), '-out', p('tsa.pem')]);
  writeFileSync(p('index.txt'), '');
  writeFileSync(p('crlnumber'), '01\n');
  writeFileSync(p('ca.cnf'), `[ ca ]\ndefault_ca = d\n[ d ]\ndatabase = ${p('index.txt')}\ncrlnumber = ${p('crlnumber')}\ncertificate = ${p('root.pem')}\nprivate_key = ${p('root.key')}\ndefault_md = sha256\ndefault_crl_days = 30\n`);
  ssl(['ca', '-config', p('ca.cnf'), '-gencrl', '-out', p('root.crl')]);
  const crl = new Uint8Array(ssl(['crl', '-in', p('root.crl'), '-outform', 'DER']));
  writeFileSync(p('ts.cnf'), `[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ${p('tsaserial')}\ncrypto_device = builtin\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\ness_cert_id_alg = sha256\n`);

  let k = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = ++k;
      writeFileSync(p(`q${n}.tsq`), Buffer.concat(chunks));
      execFile('openssl', ['ts', '-reply', '-queryfile', p(`q${n}.tsq`), '-signer', p('tsa.pem'), '-inkey', p('tsa.key'), '-config', p('ts.cnf'), '-out', p(`r${n}.tsr`)], (err) => {
        if (err) return void res.writeHead(500).end();
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(p(`r${n}.tsr`)));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const timestamp = tsaTimestamper(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`));

  const id = await createDemoIdentity();
  const cert = await loadPkcs12(id.certifierP12, id.password);
  const auth = await loadPkcs12(id.authorityP12, id.password);
  const certifier = createWebCryptoSigner(cert.privateKey, cert.certificates);
  const authority = createWebCryptoSigner(auth.privateKey, auth.certificates);
  const fonts = await loadCopyFonts();
  const signingTime = new Date();
  const fields = {
    certNo: '1', bookNo: '01/2026-SCT/BS', date: vietnamDay(signingTime), office: 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa',
    certifier: DEMO_NAMES.certifier.commonName, authority: DEMO_NAMES.authority.commonName, docName: 'Bằng tốt nghiệp', pageCount: 1,
  };
  const pages = [{ bytes: makeJpeg(1200, 1600, { dpi: 150 }), name: 'p.jpg' }];
  const sign = async (ts?: typeof timestamp) => (await certifyCopy({ pages, fields, fonts, certifier, authority, timestamp: ts, signingTime })).final as Uint8Array;

  await sign();
  await sign(timestamp);
  const bb: number[] = [];
  const bt: number[] = [];
  let bbCopy: Uint8Array = new Uint8Array();
  let btCopy: Uint8Array = new Uint8Array();
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    bbCopy = await sign();
    bb.push(performance.now() - t0);
    t0 = performance.now();
    btCopy = await sign(timestamp);
    bt.push(performance.now() - t0);
  }
  const root = new Uint8Array(ssl(['x509', '-in', p('root.pem'), '-outform', 'DER']));
  const demoRoot = cert.certificates[cert.certificates.length - 1];
  const lt = await extendPdf(btCopy, { level: 'B-LT', crls: [crl], certificates: [root, demoRoot] });
  const lta = await extendPdf(lt.bytes, { level: 'B-LTA', crls: [crl], certificates: [root, demoRoot], timestamp });
  writeFileSync(p('b-b.pdf'), bbCopy);
  writeFileSync(p('b-lta.pdf'), lta.bytes);

  const opts = { trustAnchors: [root, demoRoot] };
  // Interleaved, so both copies see the same machine load, JIT state and garbage collector.
  const once = async (bytes: Uint8Array) => {
    const t0 = performance.now();
    const verdict = (await verifyPdf(bytes, opts, { createDigester: createNodeDigester })).verdict;
    return { ms: performance.now() - t0, verdict };
  };
  for (let i = 0; i < 3; i++) await Promise.all([once(bbCopy), once(lta.bytes)].map((x) => x.then(() => undefined)));
  const tb: number[] = [];
  const tl: number[] = [];
  let vbVerdict = '';
  let vlVerdict = '';
  for (let i = 0; i < RUNS * 2; i++) {
    const b = await once(bbCopy);
    const l = await once(lta.bytes);
    tb.push(b.ms);
    tl.push(l.ms);
    vbVerdict = b.verdict;
    vlVerdict = l.verdict;
  }
  const vb = { ms: median(tb), verdict: vbVerdict };
  const vl = { ms: median(tl), verdict: vlVerdict };
  server.close();

  const lines = [
    `B-T copy: ${btCopy.length} B (B-B: ${bbCopy.length} B; two signature timestamps add ${btCopy.length - bbCopy.length} B, mostly unused /Contents reserve)`,
    `B-LT adds ${lt.bytes.length - btCopy.length} B to the B-T copy (${lt.added.certificates} certificates, ${lt.added.crls} CRL, ${lt.added.ocspResponses} OCSP; /DSS + 2 /VRI)`,
    `B-LTA adds ${lta.bytes.length - lt.bytes.length} B more (document timestamp field + token, 8 KB reserve); total over B-T: ${lta.bytes.length - btCopy.length} B`,
    `certify (2 signatures), median of ${RUNS}: B-B ${median(bb).toFixed(1)} ms, B-T ${median(bt).toFixed(1)} ms with the loopback TSA → extra ${(median(bt) - median(bb)).toFixed(1)} ms per copy (${((median(bt) - median(bb)) / 2).toFixed(1)} ms per timestamp); ratio B-T/B-B ${(median(bt) / median(bb)).toFixed(2)}`,
    `verify in-process, interleaved, median of ${RUNS * 2}: B-B ${vb.ms.toFixed(1)} ms (${vb.verdict}), B-LTA ${vl.ms.toFixed(1)} ms (${vl.verdict}); ratio B-LTA/B-B ${(vl.ms / vb.ms).toFixed(2)}`,
  ];
  writeFileSync(p('figures.txt'), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench-ltv: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
