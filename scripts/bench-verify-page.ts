/**
 * `npx tsx scripts/bench-verify-page.ts` (after `npm run build:ext`): the verify page's main thread while it
 * verifies a 30 MB PDF, in headless Chromium with the built extension. Reports the longest main-thread task
 * (PerformanceObserver "longtask", which only reports tasks over 50 ms; none means every task was shorter)
 * from choosing the file to its verdict row. Two files: one with a 30 MB stream (a big scan), and one of
 * 250 000 small objects (~23 MB) whose parsing is slow on purpose (stopped at the time limit).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension } from '../demo-portal/browser.js';

function bigStreamPdf(bytes: number): Uint8Array {
  const head = '%PDF-1.7\n';
  const objs = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n',
  ];
  const streamHead = `4 0 obj\n<< /Length ${bytes} >>\nstream\n`;
  const streamTail = '\nendstream\nendobj\n';
  const offsets: number[] = [];
  let at = head.length;
  for (const o of objs) offsets.push(at), (at += o.length);
  offsets.push(at);
  at += streamHead.length + bytes + streamTail.length;
  const xref = `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  const enc = new TextEncoder();
  const parts = [enc.encode(head + objs.join('') + streamHead), new Uint8Array(bytes).map((_, i) => (i * 2654435761) >>> 24), enc.encode(streamTail + xref)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) out.set(p, o), (o += p.length);
  return out;
}

function manyObjectsPdf(n: number): Uint8Array {
  const parts: string[] = ['%PDF-1.7\n'];
  const offsets: number[] = [0];
  let at = parts[0].length;
  const add = (s: string) => (offsets.push(at), parts.push(s), (at += s.length));
  add('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  add('2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n');
  add('3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n');
  for (let i = 4; i < n; i++) add(`${i} 0 obj\n<< /K [${i - 1} 0 R ${i} 0 R] /V (xxxxxxxxxxxxxxxx) >>\nendobj\n`);
  parts.push(`xref\n0 ${n}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${n} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`);
  return new TextEncoder().encode(parts.join(''));
}

export async function benchVerifyPage(): Promise<{ file: string; size: number; verdictMs: number; longestTaskMs: number; longTasks: number; longestAtMs: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'saoy-bench-vp-'));
  const files = [
    ['quet-30mb.pdf', bigStreamPdf(30 * 1024 * 1024)],
    ['250k-doi-tuong.pdf', manyObjectsPdf(250_000)],
  ] as const;
  const b = await launchWithExtension({ extDir: resolve(process.env.SAOY_EXT_DIR ?? 'dist/chrome') }); // SAOY_EXT_DIR: a reference build
  const out = [];
  try {
    for (const [name, bytes] of files) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const page = await b.context.newPage();
      await page.goto(b.url('extension/ui/verify/index.html'));
      await page.waitForSelector('input[type=file]', { state: 'attached' });
      await page.evaluate(() => {
        const w = window as unknown as { longTasks: [number, number][] };
        w.longTasks = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) w.longTasks.push([e.duration, e.startTime]);
        }).observe({ type: 'longtask' });
      });
      const t0 = Date.now();
      const chosenAt = await page.evaluate(() => performance.now());
      await page.setInputFiles('input[type=file]', path);
      await page.waitForSelector('li.result');
      await page.waitForFunction(() => [...document.querySelectorAll('li.result')].every((r) => r.getAttribute('data-verdict') !== 'pending'), undefined, { timeout: 120_000, polling: 100 });
      const verdictMs = Date.now() - t0;
      await page.waitForTimeout(300);
      const tasks = await page.evaluate(() => (window as unknown as { longTasks: [number, number][] }).longTasks);
      const longest = tasks.reduce<[number, number]>((a, t) => (t[0] > a[0] ? t : a), [0, chosenAt]);
      // When it started, from choosing the file: says which step it was (reading, rendering the verdict…).
      out.push({ file: name, size: bytes.length, verdictMs, longestTaskMs: Math.round(longest[0]), longTasks: tasks.length, longestAtMs: Math.round(longest[1] - chosenAt) });
      await page.close();
    }
  } finally {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchVerifyPage()
    .then((rows) => {
      for (const r of rows) console.log(`verify page, ${r.file} (${(r.size / 1048576).toFixed(1)} MB): result after ${r.verdictMs} ms; longest main-thread task ${r.longestTaskMs} ms at +${r.longestAtMs} ms (${r.longTasks} tasks over 50 ms)`);
    })
    .catch((e: unknown) => {
      console.error(`bench-verify-page failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    });
}
