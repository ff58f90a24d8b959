/**
 * `npm run bench:web` (also run by `npm run bench`): figures of the web verify page (issue 17), printed and saved
 * to bench-output/bench-web.txt, never asserted as timings.
 * - JavaScript of the first view: the scripts index.html loads (static import closure, gzip -9) and what Chromium
 *   actually fetched for the page before it was ready (the service worker's precache is counted apart: it is
 *   fetched in the background after the first view).
 * - Time to verdict for a ~2 MB valid copy on a phone profile, CPU throttled 4× (CDP Emulation.setCPUThrottlingRate)
 *   and unthrottled, next to the reference measured in the same run: core verifyPdf in Node on the same files.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, devices, type Page } from 'playwright-core';
import { loadCopyFonts } from '../cli/fonts.js';
import { pemToDer } from '../tests/helpers/pki.js';
import { verifyPdf } from '../core/verify/index.js';
import { pageFiles } from '../demo-portal/bench.js';
import { CHROMIUM, CHROMIUM_FLAGS } from '../demo-portal/browser.js';
import { makePortalFixtures } from '../demo-portal/fixtures.js';
import { closedPort, startPortalServer } from '../demo-portal/server.js';
import { makeJpeg, noise } from '../tests/helpers/images.js';

const WEB = resolve('dist/web');
const OUT = 'bench-output';
const RUNS = 5;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** In-page: from the file input's change event to the verdict on the result card. */
async function timeToVerdict(page: Page, file: string): Promise<{ ms: number; verdict: string }> {
  await page.evaluate(() => {
    const w = window as unknown as { __t0?: number; __done?: Promise<{ ms: number; verdict: string }> };
    w.__done = new Promise((done) => {
      document.addEventListener('change', () => (w.__t0 = performance.now()), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        const v = document.querySelector('#result')?.getAttribute('data-verdict');
        if (v && v !== 'pending' && w.__t0 !== undefined) {
          obs.disconnect();
          done({ ms: performance.now() - w.__t0, verdict: v });
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-verdict'] });
    });
  });
  await page.setInputFiles('#verify-file', file);
  return page.evaluate(() => (window as unknown as { __done: Promise<{ ms: number; verdict: string }> }).__done);
}

/** A fixed amount of work (100 short tasks on the main thread; one loop in a worker), in ms: shows whether throttling took effect. */
const CALIBRATE_MAIN = `new Promise((r) => { const t = performance.now(); let n = 0; function step() { let x = 0; for (let i = 0; i < 2e5; i++) x += i % 7; if (++n < 100) setTimeout(step, 0); else r(performance.now() - t); } step(); })`;
const CALIBRATE_WORKER = `new Promise((r) => { const w = new Worker(URL.createObjectURL(new Blob(['onmessage=()=>{const t=performance.now();let x=0;for(let i=0;i<2e7;i++)x+=i%7;postMessage(performance.now()-t)}'], { type: 'text/javascript' }))); w.onmessage = (e) => { w.terminate(); r(e.data); }; w.postMessage(0); })`;

async function main() {
  const lines: string[] = [];
  const say = (s: string) => (console.log(s), lines.push(s));

  // Static: what index.html loads before anything else can happen.
  const first = pageFiles(WEB, 'index.html').filter((f) => f.endsWith('.js'));
  const firstGz = first.reduce((n, f) => n + gz(readFileSync(f)), 0);
  say(`first view JavaScript (index.html's static imports, ${first.length} files): ${kb(first.reduce((n, f) => n + readFileSync(f).length, 0))}, ${kb(firstGz)} gzipped (goal ≤ 150 KB)`);
  // Everything else the service worker precaches (report page, settings, the verification worker with core and
  // pkijs): fetched once, in the background, after the first view.
  const shell = JSON.parse(readFileSync(join(WEB, 'sw.js'), 'utf8').match(/addAll\((\[[^\]]*\])/)?.[1].replace(/`/g, '"') ?? '[]') as string[];
  const rest = shell.filter((f) => f.endsWith('.js') && !first.includes(join(WEB, f)));
  say(`rest of the precached JavaScript (${rest.length} files, incl. the verification worker): ${kb(rest.reduce((n, f) => n + gz(readFileSync(join(WEB, f))), 0))} gzipped`);

  const original = makeJpeg(1550, 2100, { dpi: 150, quality: 95, paint: noise(7, 40) });
  const fx = await makePortalFixtures({ original, fonts: await loadCopyFonts(), closedPort: await closedPort(), bench: { count: 2 * RUNS + 1, original } });
  const copies = fx.bench.map((a) => fx.files.get(a.href)?.body as Uint8Array);
  const dir = join(OUT, 'web-copies');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const paths = copies.map((c, i) => (writeFileSync(join(dir, `copy-${i}.pdf`), c), join(dir, `copy-${i}.pdf`)));
  writeFileSync(join(dir, 'root.pem'), fx.rootPem);
  const avg = copies.reduce((n, c) => n + c.length, 0) / copies.length;

  // Reference, same run, same files: core in Node on this machine.
  const anchors = [pemToDer(fx.rootPem)];
  const nodeMs: number[] = [];
  for (const c of copies.slice(0, RUNS)) {
    const t0 = performance.now();
    const r = await verifyPdf(c, { trustAnchors: anchors });
    nodeMs.push(performance.now() - t0);
    if (r.verdict !== 'valid') throw new Error(`reference verdict ${r.verdict}`);
  }

  const server = await startPortalServer(fx);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless=new', ...CHROMIUM_FLAGS] });
  try {
    const context = await browser.newContext({ ...devices['Pixel 7'], serviceWorkers: 'allow' });
    const page = await context.newPage();
    const pageJs: { url: string; bytes: number; gzip: number }[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script' || res.request().serviceWorker()) return;
      void res.body().then((b) => pageJs.push({ url: res.url(), bytes: b.length, gzip: gz(b) }), () => undefined);
    });
    await page.goto(`${server.origin}/web/`);
    await page.waitForSelector('#offline-ready', { timeout: 30_000 });
    await page.waitForTimeout(500);
    const firstFetched = pageJs.filter((j) => !j.url.includes('verify-worker'));
    say(`first view JavaScript fetched by Chromium (${firstFetched.length} scripts): ${kb(firstFetched.reduce((n, j) => n + j.bytes, 0))}, ${kb(firstFetched.reduce((n, j) => n + j.gzip, 0))} gzipped`);

    await page.goto(`${server.origin}/web/settings.html`);
    await page.selectOption('#anchor-list', 'demo');
    await page.setInputFiles('#anchor-file', join(dir, 'root.pem'));
    await page.click('#anchor-import');
    await page.waitForSelector('#anchor-table tr[data-list="demo"]');
    await page.goto(`${server.origin}/web/`);
    const cdp = await context.newCDPSession(page);
    // The first file after opening the page, CPU 4×: the page starts its worker when idle, while a person picks.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${server.origin}/web/`);
    await page.waitForTimeout(1500);
    const warm = await timeToVerdict(page, paths[2 * RUNS]);

    const measure = async (rate: number, files: string[]) => {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const out: number[] = [];
      for (const f of files) {
        const r = await timeToVerdict(page, f);
        if (r.verdict !== 'valid') throw new Error(`verdict ${r.verdict} for ${f}`);
        out.push(r.ms);
      }
      return out;
    };
    const plain = await measure(1, paths.slice(0, RUNS));
    const slow = await measure(4, paths.slice(RUNS, 2 * RUNS));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    // The same fixed work at 1× and 4× on a blank page: on a machine already short of CPU, 4× may change little.
    const cal = await context.newPage();
    await cal.goto('about:blank');
    const calCdp = await context.newCDPSession(cal);
    const calibrate = async (rate: number) => {
      await calCdp.send('Emulation.setCPUThrottlingRate', { rate });
      const mainMs: number[] = [];
      const workerMs: number[] = [];
      for (let i = 0; i < 3; i++) mainMs.push((await cal.evaluate(CALIBRATE_MAIN)) as number), workerMs.push((await cal.evaluate(CALIBRATE_WORKER)) as number);
      return { main: median(mainMs), worker: median(workerMs) };
    };
    const c1 = await calibrate(1);
    const c4 = await calibrate(4);
    const ms = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
    say(`time to verdict, ${(avg / 1048576).toFixed(2)} MB valid copies (file chosen → verdict shown, phone profile):`);
    say(`  CPU 4×, first file after opening the page (chosen 1.5 s after load): ${Math.round(warm.ms)} ms`);
    say(`  CPU 1×: ${ms(plain)} ms (median ${Math.round(median(plain))})`);
    say(`  CPU 4× (Emulation.setCPUThrottlingRate): ${ms(slow)} ms (median ${Math.round(median(slow))}; goal ≤ 1000 ms)`);
    say(`  reference, core verifyPdf in Node, same files: ${ms(nodeMs)} ms (median ${Math.round(median(nodeMs))})`);
    say(`  throttling check, fixed work: main thread ${Math.round(c1.main)} → ${Math.round(c4.main)} ms (×${(c4.main / c1.main).toFixed(2)}), worker ${Math.round(c1.worker)} → ${Math.round(c4.worker)} ms (×${(c4.worker / c1.worker).toFixed(2)}) at 1× → 4×`);
    say(`  ratios to the reference: CPU 1× ${(median(plain) / median(nodeMs)).toFixed(2)}, CPU 4× ${(median(slow) / median(nodeMs)).toFixed(2)}`);
  } finally {
    await browser.close();
    await server.close();
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'bench-web.txt'), lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
  console.error(`bench-web failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
