/**
 * `npm start`: the demo. Makes a demo identity and a certified demo copy, serves a small demo portal on
 * 127.0.0.1 and opens Chromium on it with the built extension loaded. Without a display it says so,
 * runs headless, prints what it served, saves a screenshot and exits.
 */
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { certifyCopy } from '../core/certify/certify-copy.js';
import { createDemoIdentity } from '../core/pki/demo.js';
import { derToPem } from '../core/pki/pem.js';
import { loadPkcs12 } from '../core/signers/pkcs12.js';
import { createWebCryptoSigner } from '../core/signers/webcrypto.js';
import { loadCopyFonts } from '../cli/fonts.js';
import { demoOriginalHtml } from './demo-original.js';

const OUT = resolve('demo-output');
const EXT = resolve('dist/chrome');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function photographOriginal(): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', ...FLAGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2 });
    await page.setContent(demoOriginalHtml);
    return new Uint8Array(await page.screenshot({ type: 'jpeg', quality: 85 }));
  } finally {
    await browser.close();
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const id = await createDemoIdentity();
  writeFileSync(join(OUT, 'root.pem'), derToPem(id.rootCertificate, 'CERTIFICATE'));
  writeFileSync(join(OUT, 'certifier.p12'), id.certifierP12);
  writeFileSync(join(OUT, 'authority.p12'), id.authorityP12);
  const original = await photographOriginal();
  writeFileSync(join(OUT, 'original.jpg'), original);
  const c = await loadPkcs12(id.certifierP12, id.password);
  const a = await loadPkcs12(id.authorityP12, id.password);
  const copy = await certifyCopy({
    pages: [{ bytes: original, name: 'original.jpg' }],
    fields: {
      certNo: '15', bookNo: '01/2026-SCT/BS', date: new Date().toISOString().slice(0, 10),
      office: 'UBND phường Trường Thi, thành phố Thanh Hóa, tỉnh Thanh Hóa', certifier: 'Nguyễn Thị Demo (DEMO)',
      authority: 'UBND phường Demo (DEMO)', docName: 'Bằng tốt nghiệp đại học', requester: 'Nguyễn Văn Người Yêu Cầu', pageCount: 1,
    },
    fonts: await loadCopyFonts(),
    certifier: createWebCryptoSigner(c.privateKey, c.certificates),
    authority: createWebCryptoSigner(a.privateKey, a.certificates),
  });
  if (!copy.final) throw new Error('demo copy has no authority signature');
  writeFileSync(join(OUT, 'ban-sao-15.pdf'), copy.final);

  const files: Record<string, [string, Uint8Array | string]> = {
    '/': ['text/html; charset=utf-8', portalPage()],
    '/files/ban-sao-15.pdf': ['application/pdf', copy.final],
    '/files/root.pem': ['application/x-pem-file', readFileSync(join(OUT, 'root.pem'))],
  };
  const server = createServer((req, res) => {
    const f = files[(req.url ?? '/').split('?')[0]];
    if (!f) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  console.log(`demo portal: ${url}`);
  for (const p of Object.keys(files)) console.log(`  served ${url.slice(0, -1)}${p}`);
  console.log(`demo identity and copy in ${OUT} (PKCS#12 password "${id.password}"; DEMO ONLY)`);

  const headed = Boolean(process.env.DISPLAY) && process.env.CI !== 'true';
  if (!headed) console.log('no display found (DISPLAY is unset): running Chromium headless and saving a screenshot instead');
  const ctx = await chromium.launchPersistentContext(join(OUT, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: false,
    args: [...(headed ? [] : ['--headless=new']), ...FLAGS, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(url);
  if (headed) {
    console.log('close the browser window to stop');
    await new Promise<void>((r) => ctx.on('close', () => r()));
  } else {
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/start-portal.png', fullPage: true });
    console.log('screenshot: test-output/start-portal.png');
    await ctx.close();
  }
  server.close();
}

function portalPage(): string {
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cổng dịch vụ công (DEMO)</title>
<style>body{font:15px system-ui,sans-serif;margin:0;background:#f3f5f8}header{background:#b71c1c;color:#fff;padding:14px 24px;font-size:18px}
main{padding:24px;max-width:900px}table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ccd;padding:8px;text-align:left}</style>
<header>Cổng dịch vụ công tỉnh (DEMO) — Hồ sơ trực tuyến</header><main>
<h2>Hồ sơ HS-2026-000123</h2><table><tr><th>Tệp đính kèm</th><th>Mô tả</th></tr>
<tr><td><a class="attachment" href="/files/ban-sao-15.pdf">ban-sao-15.pdf</a></td><td>Bản sao điện tử được chứng thực từ bản chính: Bằng tốt nghiệp đại học</td></tr>
</table><p><a href="/files/root.pem">Chứng thư gốc DEMO (root.pem)</a> — chỉ dùng để thử nghiệm.</p></main></html>`;
}

main().catch((e: unknown) => {
  console.error(`saoy demo failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
