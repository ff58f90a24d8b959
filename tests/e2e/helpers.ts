/**
 * E2E plumbing: the built extension (built once if dist is missing), the demo portal with run-time fixtures,
 * Chromium with the extension, and the screenshot folder. Under CI=true a missing Chromium fails the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, importTrustAnchors, launchWithExtension, type ExtensionBrowser } from '../../demo-portal/browser.js';
import { makePortalFixtures, type PortalFixtures } from '../../demo-portal/fixtures.js';
import { closedPort, startPortalServer, type PortalServer } from '../../demo-portal/server.js';
import { copyFonts } from '../helpers/ecopy.js';
import { makeJpeg, noise } from '../helpers/images.js';
import { makeTempDir } from '../helpers/pki.js';
import { repoRoot } from '../helpers/tools.js';

/** SAOY_EXT_DIR runs the E2E tests against another build (e.g. an older commit, to show an attack worked there). */
export const EXT_DIR = process.env.SAOY_EXT_DIR ?? join(repoRoot, 'dist/chrome');
export const SHOTS = join(repoRoot, 'test-output/e2e');

const inCI = process.env.CI === 'true';

/** True when the E2E tests must be skipped (never under CI, where a missing Chromium is a failure). */
export function skipE2e(): boolean {
  if (existsSync(CHROMIUM) || inCI) return false;
  console.warn(`skipping E2E: ${CHROMIUM} is missing (run scripts/setup-system.sh or set SAOY_BROWSER; under CI=true this fails)`);
  return true;
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`required tool missing: ${CHROMIUM} (Debian package chromium, or set SAOY_BROWSER)`);
}

/** `npm test` builds first; a developer running vitest directly gets the build here. */
export function ensureExtensionBuilt(): void {
  if (!existsSync(join(EXT_DIR, 'manifest.json')) || !existsSync(join(repoRoot, 'dist/firefox/manifest.json'))) {
    execFileSync('npm', ['run', 'build:ext'], { cwd: repoRoot, stdio: 'ignore' });
  }
}

export interface Harness {
  fx: PortalFixtures;
  server: PortalServer;
  b: ExtensionBrowser;
  /** Temp dir holding root.pem and copies of the fixture PDFs (for file inputs). */
  dir: string;
  close(): Promise<void>;
}

/** Portal with fixtures + Chromium with the extension + the demo root imported through the options page. */
export async function startHarness(opts: { trustDemoRoot?: boolean; chromiumArgs?: string[]; profileDir?: string } = {}): Promise<Harness> {
  assertChromium();
  ensureExtensionBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const tmp = makeTempDir('saoy-e2e-');
  const original = makeJpeg(600, 800, { dpi: 100, quality: 80, paint: noise(7, 12) });
  const fx = await makePortalFixtures({ original, fonts: copyFonts(), closedPort: await closedPort() });
  writeFileSync(join(tmp.dir, 'root.pem'), fx.rootPem);
  for (const [path, f] of fx.files) writeFileSync(join(tmp.dir, path.split('/').pop() as string), f.body);
  const server = await startPortalServer(fx);
  const b = await launchWithExtension({ extDir: EXT_DIR, extraArgs: opts.chromiumArgs, portals: [server.origin], profileDir: opts.profileDir });
  if (opts.trustDemoRoot ?? true) await importTrustAnchors(b, join(tmp.dir, 'root.pem'), 'demo');
  return {
    fx,
    server,
    b,
    dir: tmp.dir,
    close: async () => {
      await b.close().catch(() => undefined);
      await server.close();
      tmp.cleanup();
    },
  };
}

/** Clicks like a user (real input events, isTrusted) and returns the extension page it opened. */
export async function clickOpensPage(h: Harness, page: Page, click: () => Promise<void>): Promise<Page> {
  const opened = h.b.context.waitForEvent('page', { timeout: 15_000 });
  await click();
  const p = await opened;
  await p.waitForLoadState('domcontentloaded');
  return p;
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(SHOTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}
