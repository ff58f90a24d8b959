/**
 * Nothing about the document leaves the page: while files are verified (online, first visit, no cache yet) every
 * request the page, its worker or its service worker makes is recorded at the network (context.route) and must be
 * a GET of one of the site's own files, never carrying a body; the CSP (meta tag and server header) blocks a
 * connection to another origin; a 30 MB file shows progress while the page stays responsive.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WEB_CSP_HEADER, WEB_CSP_META } from '../../web/csp.js';
import { makeTempDir, writeBytes } from '../helpers/pki.js';
import { repoRoot } from '../helpers/tools.js';
import { skipE2e } from './helpers.js';
import { importRoot, startWebHarness, verifyOnPage, webShot, type WebHarness } from './web-helpers.js';

interface Seen {
  method: string;
  url: string;
  body: number;
}

describe.skipIf(skipE2e())('web verify page: no request leaves with the document', () => {
  let h: WebHarness;
  let page: Page;
  const seen: Seen[] = [];
  beforeAll(async () => {
    h = await startWebHarness();
    // Every request that reaches the network, from the page, its dedicated worker and its service worker.
    await h.context.route('**/*', (route) => {
      const r = route.request();
      seen.push({ method: r.method(), url: r.url(), body: r.postDataBuffer()?.length ?? 0 });
      return route.continue();
    });
    page = await h.context.newPage();
  }, 120_000);
  afterAll(async () => h?.close());

  it('verifying three copies makes no request but GETs of the site\'s own files', async () => {
    await page.goto(h.web);
    await page.waitForSelector('#offline-ready', { timeout: 15_000 });
    await importRoot(h, page);
    await page.goto(h.web);
    const before = seen.length;
    expect(await verifyOnPage(page, h.file('ban-sao-giay-khai-sinh-16.pdf'))).toBe('valid');
    expect(await verifyOnPage(page, h.file('ban-sao-bang-diem-17.pdf'))).toBe('invalid');
    expect(await verifyOnPage(page, h.file('ban-sao-khong-ro-nguon-19.pdf'))).toBe('indeterminate');
    const during = seen.slice(before);
    const shell = new Set(JSON.parse(readFileSync(`${repoRoot}/dist/web/sw.js`, 'utf8').match(/addAll\((\[[^\]]*\])/)?.[1].replace(/`/g, '"') ?? '[]') as string[]);
    expect(shell.size).toBeGreaterThan(5);
    for (const r of during) {
      expect(r.method).toBe('GET');
      expect(r.body).toBe(0);
      expect(r.url.startsWith(h.web)).toBe(true);
      expect(shell.has(r.url.slice(h.web.length).split('?')[0])).toBe(true);
    }
    // Over the whole visit, nothing went anywhere but the page's own origin, and nothing was posted.
    expect(seen.filter((r) => !r.url.startsWith(h.server.origin))).toEqual([]);
    expect(seen.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('the Content-Security-Policy forbids connecting to any other origin (meta tag and header)', async () => {
    const res = await page.request.get(h.web);
    expect(res.headers()['content-security-policy']).toBe(WEB_CSP_HEADER);
    expect(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')).toBe(WEB_CSP_META);
    const blocked = await page.evaluate(async (other) => {
      const violation = new Promise<string>((r) => document.addEventListener('securitypolicyviolation', (e) => r(e.violatedDirective), { once: true }));
      const fetched = await fetch(other).then(() => 'fetched', () => 'refused');
      return { fetched, directive: await violation };
    }, h.server.origin.replace('127.0.0.1', 'localhost') + '/');
    expect(blocked).toEqual({ fetched: 'refused', directive: 'connect-src' });
    expect(seen.filter((r) => r.url.includes('localhost'))).toEqual([]);
  });

  it('a 30 MB file: progress is shown and the page answers while the worker works', async () => {
    const tmp = makeTempDir('saoy-web-big-');
    try {
      // A copy followed by 30 MB of comment lines: a real (if odd) PDF the parser must read through.
      const copy = readFileSync(h.file('ban-sao-giay-khai-sinh-16.pdf'));
      const pad = Buffer.alloc(30 * 1024 * 1024, '% saoy padding line for a big file test\n');
      const big = writeBytes(tmp.dir, 'ban-sao-30mb.pdf', new Uint8Array(Buffer.concat([copy, pad])));
      await page.goto(h.web);
      // Watched inside the page, not by polling from the test (a fast machine finishes before a poll sees a phase):
      // every progress phase shown, every long task of the main thread, and a timer that must keep ticking.
      await page.evaluate(() => {
        const w = window as unknown as { ticks: number; phases: string[]; longTasks: number[] };
        w.ticks = 0;
        w.phases = [];
        w.longTasks = [];
        setInterval(() => w.ticks++, 50);
        const note = () => {
          const phase = document.querySelector('#progress')?.getAttribute('data-phase');
          if (phase && w.phases.at(-1) !== phase) w.phases.push(phase);
        };
        new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
      });
      const ticksBefore = await page.evaluate(() => (window as unknown as { ticks: number }).ticks);
      await page.setInputFiles('#verify-file', big);
      await page.waitForFunction(() => document.querySelector('#result')?.getAttribute('data-verdict') !== 'pending' && document.querySelector('#result') !== null, undefined, { timeout: 50_000 });
      await page.waitForTimeout(120); // one more timer period after the verdict
      await webShot(page, 'big-file');
      const seen = await page.evaluate(() => {
        const w = window as unknown as { ticks: number; phases: string[]; longTasks: number[] };
        return { ticks: w.ticks, phases: [...w.phases], longTasks: [...w.longTasks] };
      });
      expect(seen.phases).toContain('verify');
      // The page's own timer kept running while the worker checked the file: the main thread never froze. The
      // issue's figure (longest task ≤ 100 ms) is measured by scripts/bench-verify-page.ts; here only a gross freeze
      // fails, so a loaded CI machine cannot make it flaky.
      expect(seen.ticks).toBeGreaterThan(ticksBefore);
      expect(Math.max(0, ...seen.longTasks)).toBeLessThan(2000);
      expect(await page.getAttribute('#result', 'data-verdict')).not.toBe('pending');
    } finally {
      tmp.cleanup();
    }
  });
});
