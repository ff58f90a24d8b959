/**
 * `npm run bench`: figures, not a timed test. Each figure is printed next to a reference measured in
 * the same run on the same machine (openssl doing comparable work), so the ratio is what to compare.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import jpeg from 'jpeg-js';
import { certifyCopy } from '../core/certify/certify-copy.js';
import { createDemoIdentity } from '../core/pki/demo.js';
import { derToPem } from '../core/pki/pem.js';
import { loadPkcs12 } from '../core/signers/pkcs12.js';
import { createWebCryptoSigner } from '../core/signers/webcrypto.js';
import { loadCopyFonts } from '../cli/fonts.js';

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
    certNo: '15', bookNo: '01/2026-SCT/BS', date: '2026-11-23',
    office: 'UBND phường Trường Thi, thành phố Thanh Hóa, tỉnh Thanh Hóa',
    certifier: 'Nguyễn Thị Demo', authority: 'UBND phường Demo', docName: 'Bằng tốt nghiệp đại học', pageCount: 1,
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
  console.log(lines.join('\n'));
  writeFileSync(join(OUT, 'bench.txt'), lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
