/**
 * `npm run bench`: figures, not a timed test. Each figure is printed next to a reference measured in
 * the same run on the same machine (openssl doing comparable work), so the ratio is what to compare.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import jpeg from 'jpeg-js';
import { certifyCopy } from '../core/certify/certify-copy.js';
import { vietnamDay } from '../core/certify/signing-day.js';
import { createDemoIdentity, DEMO_NAMES } from '../core/signers/demo.js';
import { derToPem } from '../core/pki/pem.js';
import { loadPkcs12 } from '../core/signers/pkcs12.js';
import { createWebCryptoSigner } from '../core/signers/webcrypto.js';
import { loadCopyFonts } from '../cli/fonts.js';
import { createNodeDigester } from '../cli/node-digester.js';
import { verifyPdf } from '../core/verify/index.js';
import type { Signer } from '../core/signers/signer.js';

const OUT = 'bench-output';
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A 4000×3000 photo-like JPEG (smooth shading plus sensor-like noise), made once and cached. */
function twelveMegapixelJpeg(): Uint8Array {
  const path = join(OUT, 'original-12mp.jpg');
  if (existsSync(path)) return new Uint8Array(readFileSync(path));
  const width = 4000;
  const height = 3000;
  const data = Buffer.alloc(width * height * 4);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed >> 16) % 24;
      const i = (y * width + x) * 4;
      const paper = 235 - ((x * 7 + y * 3) % 997) / 40;
      const ink = (x % 180 < 140 && y % 60 < 14 && y > 400 && y < 2600) ? 120 : 0;
      data[i] = paper - ink + n;
      data[i + 1] = paper - ink * 0.9 + n;
      data[i + 2] = paper - 10 - ink * 0.7 + n;
      data[i + 3] = 255;
    }
  }
  const encoded = jpeg.encode({ data, width, height }, 90).data;
  writeFileSync(path, encoded);
  return new Uint8Array(encoded);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const original = twelveMegapixelJpeg();
  const id = await createDemoIdentity();
  const cert = await loadPkcs12(id.certifierP12, id.password);
  const auth = await loadPkcs12(id.authorityP12, id.password);
  const certifier = createWebCryptoSigner(cert.privateKey, cert.certificates);
  const authority = createWebCryptoSigner(auth.privateKey, auth.certificates);
  const fonts = await loadCopyFonts();
  const fields = {
    certNo: '15', bookNo: '01/2026-SCT/BS', date: vietnamDay(new Date()), // a copy is dated the day it is signed
    office: 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa',
    // The names the demo certificates carry, so the e-copy checks pass and every copy verifies valid.
    certifier: DEMO_NAMES.certifier.commonName, authority: DEMO_NAMES.authority.commonName, docName: 'Bằng tốt nghiệp đại học', pageCount: 1,
  };
  const certifyOnce = () => certifyCopy({ pages: [{ bytes: original, name: 'original-12mp.jpg' }], fields, fonts, certifier, authority });

  for (let i = 0; i < 3; i++) await certifyOnce(); // warm-up: JIT, font parsing cache
  const times: number[] = [];
  let output: Uint8Array | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const copy = await certifyOnce();
    times.push(performance.now() - t0);
    output = copy.final;
  }
  if (!output) throw new Error('no output');
  writeFileSync(join(OUT, 'ecopy-12mp.pdf'), output);

  // Reference: openssl signing the same JPEG as detached CMS (SHA-256, same RSA-2048 key), one process each.
  writeFileSync(join(OUT, 'signer.pem'), derToPem(cert.certificates[0], 'CERTIFICATE'));
  writeFileSync(join(OUT, 'certifier.p12'), id.certifierP12);
  execFileSync('openssl', ['pkcs12', '-in', join(OUT, 'certifier.p12'), '-nocerts', '-nodes', '-passin', `pass:${id.password}`, '-out', join(OUT, 'key.pem')], { stdio: 'ignore' });
  const ref: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-in', join(OUT, 'original-12mp.jpg'), '-signer', join(OUT, 'signer.pem'), '-inkey', join(OUT, 'key.pem'), '-outform', 'DER', '-out', join(OUT, 'ref.p7s')]);
    ref.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`openssl cms -sign failed: ${r.stderr}`);
  }

  const m = median(times);
  const mr = median(ref);
  const overhead = output.length - original.length;
  const lines = [
    `certify 12 MP JPEG (${(original.length / 1e6).toFixed(2)} MB) → two-signature e-copy, in-process, median of ${RUNS}: ${m.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}); goal ≤ 400 ms`,
    `reference: openssl cms -sign of the same JPEG (one signature, one process), median of ${RUNS}: ${mr.toFixed(1)} ms`,
    `ratio certify / openssl-one-signature: ${(m / mr).toFixed(2)}`,
    `output size ${output.length} B − input JPEG ${original.length} B = ${overhead} B (${(overhead / 1024).toFixed(1)} KB); goal ≤ 60 KB`,
  ];
  lines.push(...(await sealBench(original, fields, fonts, certifier, authority, m, output.length)));
  lines.push(...(await verifyBench(original, fields, fonts, certifier, authority, id.rootCertificate)));
  console.log(lines.join('\n'));
  writeFileSync(join(OUT, 'bench.txt'), lines.join('\n') + '\n');
}

/** A red seal as a JPEG of about 50 KB (noise keeps the encoder from shrinking it), like a scanned office seal. */
function sealJpeg(): Uint8Array {
  const side = 420;
  for (let q = 60; q <= 100; q += 2) {
    const data = Buffer.alloc(side * side * 4);
    let seed = 7;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const d = Math.hypot(x - side / 2, y - side / 2);
        const ring = (d < 200 && d > 180) || (d < 120 && d > 110);
        const i = (y * side + x) * 4;
        const n = (seed >> 16) % 40;
        data[i] = ring ? 210 : 255 - n / 4;
        data[i + 1] = ring ? 20 + n : 250 - n;
        data[i + 2] = ring ? 20 + n : 250 - n;
        data[i + 3] = 255;
      }
    }
    const out = new Uint8Array(jpeg.encode({ data, width: side, height: side }, q).data);
    if (out.length >= 48_000) return out;
  }
  throw new Error('could not make a 50 KB seal');
}

/** Issue 11: the same certify with a 50 KB seal image in the authority's appearance (goal ≤ 60 KB + image size). */
async function sealBench(
  original: Uint8Array,
  fields: Parameters<typeof certifyCopy>[0]['fields'],
  fonts: Awaited<ReturnType<typeof loadCopyFonts>>,
  certifier: Signer,
  authority: Signer,
  plainMedian: number,
  plainSize: number,
): Promise<string[]> {
  const seal = sealJpeg();
  writeFileSync(join(OUT, 'seal.jpg'), seal);
  const once = () => certifyCopy({ pages: [{ bytes: original, name: 'original-12mp.jpg' }], fields, fonts, certifier, authority, sealImage: seal });
  await once();
  const times: number[] = [];
  let out: Uint8Array | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = (await once()).final;
    times.push(performance.now() - t0);
  }
  if (!out) throw new Error('no output');
  writeFileSync(join(OUT, 'ecopy-12mp-seal.pdf'), out);
  const over = out.length - original.length;
  return [
    `certify with visible signatures + a ${(seal.length / 1024).toFixed(1)} KB seal image, median of ${RUNS}: ${median(times).toFixed(1)} ms (without image ${plainMedian.toFixed(1)} ms); goal ≤ 400 ms`,
    `output size with seal − input JPEG = ${over} B (${(over / 1024).toFixed(1)} KB; ${((out.length - plainSize) / 1024).toFixed(1)} KB more than without); goal ≤ 60 KB + ${(seal.length / 1024).toFixed(1)} KB`,
  ];
}

/** Verification figures: in-process throughput vs openssl dgst; one saoy process vs a pdfsig loop. */
async function verifyBench(
  original: Uint8Array,
  fields: Parameters<typeof certifyCopy>[0]['fields'],
  fonts: Awaited<ReturnType<typeof loadCopyFonts>>,
  certifier: Signer,
  authority: Signer,
  root: Uint8Array,
): Promise<string[]> {
  const lines: string[] = [];
  // A ~30 MB two-signature e-copy: six 12 MP pages.
  const pages = Array.from({ length: 6 }, (_, i) => ({ bytes: original, name: `p${i + 1}.jpg` }));
  const big = (await certifyCopy({ pages, fields: { ...fields, pageCount: 6 }, fonts, certifier, authority })).final as Uint8Array;
  const bigPath = join(OUT, 'ecopy-30mb.pdf');
  writeFileSync(bigPath, big);
  const opts = { trustAnchors: [root] };
  for (let i = 0; i < 2; i++) await verifyPdf(big, opts, { createDigester: createNodeDigester });
  const ours: number[] = [];
  let verdict = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    verdict = (await verifyPdf(big, opts, { createDigester: createNodeDigester })).verdict;
    ours.push(performance.now() - t0);
  }
  const dg: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    execFileSync('openssl', ['dgst', '-sha256', bigPath], { stdio: 'ignore' });
    dg.push(performance.now() - t0);
  }
  const mb = big.length / 1e6;
  const oursMBs = mb / (median(ours) / 1000);
  const sslMBs = mb / (median(dg) / 1000);
  lines.push(
    `verify ${mb.toFixed(1)} MB two-signature e-copy in-process (verdict ${verdict}), median of ${RUNS}: ${median(ours).toFixed(1)} ms = ${oursMBs.toFixed(0)} MB/s`,
    `reference: openssl dgst -sha256 on the same file (one process each), median of ${RUNS}: ${median(dg).toFixed(1)} ms = ${sslMBs.toFixed(0)} MB/s`,
    `throughput ratio saoy-verify / openssl-dgst: ${(oursMBs / sslMBs).toFixed(2)} (goal ≥ 0.5; keep within 10 % of the previous figure)`,
  );

  // BENCH_MANY (default 1,000) two-signature e-copies: one saoy process (worker pool on every core) vs a pdfsig loop.
  const many = Number(process.env.BENCH_MANY ?? 1000);
  const dir = join(OUT, `many-${many}`);
  mkdirSync(dir, { recursive: true });
  const small = makeSmallOriginal();
  const files: string[] = [];
  for (let i = 0; i < many; i++) {
    const f = join(dir, `copy-${i + 1}.pdf`);
    const copy = await certifyCopy({ pages: [{ bytes: small, name: 'p.jpg' }], fields: { ...fields, certNo: String(i + 1) }, fonts, certifier, authority });
    writeFileSync(f, copy.final as Uint8Array);
    files.push(f);
  }
  writeFileSync(join(OUT, 'root.pem'), derToPem(root, 'CERTIFICATE'));
  const nss = join(OUT, 'nss');
  rmSync(nss, { recursive: true, force: true });
  mkdirSync(nss, { recursive: true });
  spawnSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  spawnSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'bench-root', '-t', 'CT,C,C', '-i', join(OUT, 'root.pem')]);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/saoy.mjs', 'verify', '--json', '--trust', join(OUT, 'root.pem'), ...files], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const saoyMs = performance.now() - t0;
  const valid = r.stdout.split('\n').filter((l) => l.includes('"verdict":"valid"')).length;
  const t1 = performance.now();
  let pdfsigValid = 0;
  for (const f of files) {
    const p = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, f], { encoding: 'utf8' });
    if ((p.stdout.match(/Signature is Valid/g) ?? []).length === 2) pdfsigValid++;
  }
  const pdfsigMs = performance.now() - t1;
  lines.push(
    `saoy verify (one process, ${availableParallelism()} cores) over ${many} two-signature e-copies: ${saoyMs.toFixed(0)} ms, ${valid}/${many} valid`,
    `reference: pdfsig looped over the same ${many} files: ${pdfsigMs.toFixed(0)} ms, ${pdfsigValid}/${many} with both signatures valid`,
    `wall-time ratio saoy / pdfsig: ${(saoyMs / pdfsigMs).toFixed(3)} (goal ≤ 0.1)`,
  );
  return lines;
}

/** A 1240×1754 (A4 at 150 dpi) original: the size of a typical scanned page. */
function makeSmallOriginal(): Uint8Array {
  const width = 1240;
  const height = 1754;
  const data = Buffer.alloc(width * height * 4, 230);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return new Uint8Array(jpeg.encode({ data, width, height }, 85).data);
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
