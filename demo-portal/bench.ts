/**
 * Extension figures (printed, never asserted as timings): content script size gzipped, popup bundle size, and the
 * time until every badge shows on a portal page with N attachments of about 1 MB each (cold, then from the cache).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import type { CopyFonts } from '../core/certify/certify-copy.js';
import { waitForBadges } from './badges.js';
import { importTrustAnchors, launchWithExtension } from './browser.js';
import { makePortalFixtures } from './fixtures.js';
import { closedPort, startPortalServer } from './server.js';

export interface Size {
  bytes: number;
  gzip: number;
}

export interface ExtensionFigures {
  contentScript: Size;
  /** The popup's HTML entry and every script/style it loads. */
  popup: Size & { files: string[] };
  attachments: number;
  averageAttachmentBytes: number;
  /** goto → every badge final, first visit (fetch + verify). */
  coldMs: number;
  /** Same after a reload (fetch + SHA-256 + cache hit). */
  warmMs: number;
  /**
   * The reference, same browser and run: a plain page on the portal downloading the same files and hashing each
   * (SHA-256), two at a time. Every first-visit check must do at least this, so no badge pipeline beats it.
   */
  fetchHashMs: number;
  verdicts: Record<string, number>;
}

function size(paths: string[]): Size {
  let bytes = 0;
  let gzip = 0;
  for (const p of paths) {
    const b = readFileSync(p);
    bytes += b.length;
    gzip += gzipSync(b, { level: 9 }).length;
  }
  return { bytes, gzip };
}

/** Files an HTML page loads: its scripts and styles, and the JS chunks they import statically, transitively. */
export function pageFiles(extDir: string, htmlPath: string): string[] {
  const html = readFileSync(join(extDir, htmlPath), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => join(extDir, m[1].replace(/^\//, '')));
  while (queue.length) {
    const f = queue.shift() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    if (!f.endsWith('.js')) continue;
    const js = readFileSync(f, 'utf8');
    for (const m of js.matchAll(/(?:from|import)\s*["']([^"']+\.js)["']/g)) queue.push(resolve(dirname(f), m[1]));
  }
  return [...seen];
}

export function bundleSizes(extDir: string): { contentScript: Size; popup: Size & { files: string[] } } {
  const popupFiles = ['extension/ui/popup/index.html', ...pageFiles(extDir, 'extension/ui/popup/index.html').map((f) => f.slice(extDir.length + 1))];
  return {
    contentScript: size([join(extDir, 'extension/content/index.js')]),
    popup: { ...size(popupFiles.map((f) => join(extDir, f))), files: popupFiles },
  };
}

export async function measureExtension(opts: { extDir: string; count: number; original: Uint8Array; fonts: CopyFonts; addPortal?: boolean }): Promise<ExtensionFigures> {
  const fx = await makePortalFixtures({ original: opts.original, fonts: opts.fonts, closedPort: await closedPort(), bench: { count: opts.count, original: opts.original } });
  const server = await startPortalServer(fx);
  const dir = mkdtempSync(join(tmpdir(), 'saoy-bench-'));
  writeFileSync(join(dir, 'root.pem'), fx.rootPem);
  // Older builds matched any loopback port by themselves: `addPortal: false` measures them as they were.
  const b = await launchWithExtension({ extDir: opts.extDir, portals: opts.addPortal === false ? [] : [server.origin] });
  try {
    await importTrustAnchors(b, join(dir, 'root.pem'), 'demo');
    const page = await b.context.newPage();
    const t0 = Date.now();
    await page.goto(`${server.origin}/luu-tru`);
    const cold = await waitForBadges(page, opts.count, 300_000);
    const coldMs = Date.now() - t0;
    const t1 = Date.now();
    await page.reload();
    await waitForBadges(page, opts.count, 300_000);
    const warmMs = Date.now() - t1;
    const fetchHashMs = await fetchAndHashAll(b.context, `${server.origin}/khong-co-trang-nay`, fx.bench.map((a) => `${server.origin}${a.href}`));
    const verdicts: Record<string, number> = {};
    for (const x of cold.badges) verdicts[x.state] = (verdicts[x.state] ?? 0) + 1;
    const sizes = fx.bench.map((a) => (fx.files.get(a.href)?.body as Uint8Array).length);
    return {
      ...bundleSizes(opts.extDir),
      attachments: fx.bench.length,
      averageAttachmentBytes: Math.round(sizes.reduce((x, y) => x + y, 0) / sizes.length),
      coldMs,
      warmMs,
      fetchHashMs,
      verdicts,
    };
  } finally {
    await b.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Downloads and hashes `urls` from a page at `pageUrl` (same origin), two at a time; milliseconds in the page. */
async function fetchAndHashAll(context: BrowserContext, pageUrl: string, urls: string[]): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(pageUrl);
    // As source text: a function passed from here would carry the TypeScript runner's helpers into the page.
    return (await page.evaluate(`(async (list) => {
      const t0 = performance.now();
      let next = 0;
      async function lane() {
        while (next < list.length) {
          const res = await fetch(list[next++], { cache: 'no-store' });
          await crypto.subtle.digest('SHA-256', await res.arrayBuffer());
        }
      }
      await Promise.all([lane(), lane()]);
      return Math.round(performance.now() - t0);
    })(${JSON.stringify(urls)})`)) as number;
  } finally {
    await page.close();
  }
}

export function formatFigures(f: ExtensionFigures): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return [
    `content script: ${kb(f.contentScript.bytes)} (${kb(f.contentScript.gzip)} gzipped; goal ≤ 15 KB gzipped)`,
    `popup bundle:   ${kb(f.popup.bytes)} (${kb(f.popup.gzip)} gzipped) in ${f.popup.files.length} files (preact + core verify + idb)`,
    `${f.attachments} attachments of ${(f.averageAttachmentBytes / 1048576).toFixed(2)} MB each: all badges after ${f.coldMs} ms (first visit; goal ≤ 1000 ms), ${f.warmMs} ms after a reload (cache)`,
    `reference, same run: a plain page downloading and hashing the same files, 2 at a time: ${f.fetchHashMs} ms (first visit ${(f.coldMs / Math.max(1, f.fetchHashMs)).toFixed(2)}× that)`,
    `verdicts: ${JSON.stringify(f.verdicts)}`,
  ].join('\n');
}
