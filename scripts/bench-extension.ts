/**
 * `npm run bench:extension` (also callable from the bench): content script and popup sizes, and the time until
 * all badges show for 50 attachments of about 1 MB each, in headless Chromium with the built extension.
 * `npm run bench:extension -- --flood`: how much a tab flooding the queue delays another tab's badges.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCopyFonts } from '../cli/fonts.js';
import { readBadges, waitForBadges } from '../demo-portal/badges.js';
import { formatFigures, measureExtension, type ExtensionFigures } from '../demo-portal/bench.js';
import { importTrustAnchors, launchWithExtension } from '../demo-portal/browser.js';
import { makePortalFixtures } from '../demo-portal/fixtures.js';
import { closedPort, startPortalServer } from '../demo-portal/server.js';
import { serveFlood } from '../tests/e2e/flood-files.js';
import { startHostileServer } from '../tests/e2e/hostile-server.js';
import { makeJpeg, noise } from '../tests/helpers/images.js';

/** A photo-like JPEG of about 1 MB (paper grain makes it compress like a real photo). */
export function oneMegabyteJpeg(): Uint8Array {
  return makeJpeg(1280, 1700, { dpi: 200, quality: 90, paint: noise(3, 40) });
}

export async function benchExtension(count = Number(process.env.BENCH_ATTACHMENTS ?? 50)): Promise<ExtensionFigures> {
  // SAOY_EXT_DIR + SAOY_BENCH_NO_PORTAL=1: measure another (older) build in the same conditions, as a reference.
  const extDir = resolve(process.env.SAOY_EXT_DIR ?? 'dist/chrome');
  return measureExtension({ extDir, count, original: oneMegabyteJpeg(), fonts: await loadCopyFonts(), addPortal: process.env.SAOY_BENCH_NO_PORTAL !== '1' });
}

export interface FloodFigures {
  /** The demo portal's badges in a fresh profile, no other tab. */
  aloneMs: number;
  /** The same in another fresh profile while a tab floods the queue with crafted files. */
  floodedMs: number;
  /** Crafted files still pending on the flooding tab when the portal's badges were all done. */
  floodPending: number;
  flood: number;
}

/**
 * Issue 12's "a tab flooding the queue delays another tab's badges by ≤ 1 s": the demo portal's badges (the E2E
 * fixtures) timed alone, then in a fresh profile while another tab lists `flood` crafted slow PDFs
 * (tests/e2e/flood-files.ts, as in the attack-flood test); the delay is the difference.
 */
export async function benchFlood(flood = 12): Promise<FloodFigures> {
  const extDir = resolve(process.env.SAOY_EXT_DIR ?? 'dist/chrome');
  const original = makeJpeg(600, 800, { dpi: 100, quality: 80, paint: noise(7, 12) });
  const fx = await makePortalFixtures({ original, fonts: await loadCopyFonts(), closedPort: await closedPort() });
  const expected = fx.applications.flatMap((a) => a.attachments).length;
  const server = await startPortalServer(fx);
  const hostile = await startHostileServer();
  serveFlood(hostile, flood);
  const dir = mkdtempSync(join(tmpdir(), 'saoy-bench-'));
  writeFileSync(join(dir, 'root.pem'), fx.rootPem);
  const portalBadges = async (withFlood: boolean): Promise<{ ms: number; pending: number }> => {
    const b = await launchWithExtension({ extDir, portals: withFlood ? [server.origin, hostile.origin] : [server.origin] });
    try {
      await importTrustAnchors(b, join(dir, 'root.pem'), 'demo');
      const floodTab = withFlood ? await b.context.newPage() : undefined;
      if (floodTab) {
        await floodTab.goto(`${hostile.origin}/`);
        for (let t = Date.now(); (await readBadges(floodTab)).length < flood; ) {
          if (Date.now() - t > 30_000) throw new Error('the flood tab never showed its badges');
          await floodTab.waitForTimeout(200);
        }
        await floodTab.waitForTimeout(2000); // the flood is under way, its workers busy
      }
      const page = await b.context.newPage();
      const t0 = Date.now();
      await page.goto(`${server.origin}/`);
      await waitForBadges(page, expected, 120_000);
      const ms = Date.now() - t0;
      const pending = floodTab ? (await readBadges(floodTab)).filter((x) => x.state === 'pending').length : 0;
      return { ms, pending };
    } finally {
      await b.close();
    }
  };
  try {
    const alone = await portalBadges(false);
    const flooded = await portalBadges(true);
    return { aloneMs: alone.ms, floodedMs: flooded.ms, floodPending: flooded.pending, flood };
  } finally {
    await server.close();
    await hostile.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatFlood(f: FloodFigures): string {
  return `portal badges alone ${f.aloneMs} ms, during a flood of ${f.flood} crafted files on another tab ${f.floodedMs} ms: delayed by ${f.floodedMs - f.aloneMs} ms (goal ≤ 1000 ms); flood still pending ${f.floodPending}/${f.flood}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `npm run bench:extension -- --flood`: the cross-tab figure instead (two fresh profiles, about a minute).
  (process.argv.includes('--flood') ? benchFlood().then(formatFlood) : benchExtension().then(formatFigures))
    .then((text) => console.log(text))
    .catch((e: unknown) => {
      console.error(`bench-extension failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    });
}
