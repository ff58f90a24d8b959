/**
 * The web verify page under test: dist/web (built once if missing) served by the demo portal under /web/ with
 * run-time fixtures (valid, tampered, untrusted copies made by core), and plain Chromium (no extension) emulating
 * a phone. Under CI=true a missing Chromium fails the run (skipE2e).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../demo-portal/browser.js';
import { makePortalFixtures, type PortalFixtures } from '../../demo-portal/fixtures.js';
import { closedPort, startPortalServer, type PortalServer } from '../../demo-portal/server.js';
import { copyFonts } from '../helpers/ecopy.js';
import { makeJpeg, noise } from '../helpers/images.js';
import { makeTempDir } from '../helpers/pki.js';
import { repoRoot } from '../helpers/tools.js';
import { assertChromium, SHOTS } from './helpers.js';

export const PHONE = devices['Pixel 7'];

export function ensureWebBuilt(): void {
  if (!existsSync(join(repoRoot, 'dist/web/sw.js'))) execFileSync('npm', ['run', 'build:web'], { cwd: repoRoot, stdio: 'ignore' });
}

export interface WebHarness {
  fx: PortalFixtures;
  server: PortalServer;
  /** e.g. http://127.0.0.1:4321/web/ */
  web: string;
  browser: Browser;
  context: BrowserContext;
  /** Temp dir with root.pem and the fixture PDFs, for file inputs. */
  dir: string;
  file(name: string): string;
  close(): Promise<void>;
}

export async function startWebHarness(): Promise<WebHarness> {
  assertChromium();
  ensureWebBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const tmp = makeTempDir('saoy-web-');
  const original = makeJpeg(600, 800, { dpi: 100, quality: 80, paint: noise(7, 12) });
  const fx = await makePortalFixtures({ original, fonts: copyFonts(), closedPort: await closedPort() });
  writeFileSync(join(tmp.dir, 'root.pem'), fx.rootPem);
  for (const [path, f] of fx.files) writeFileSync(join(tmp.dir, path.split('/').pop() as string), f.body);
  const server = await startPortalServer(fx);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless=new', ...CHROMIUM_FLAGS] });
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'allow' });
  return {
    fx,
    server,
    web: `${server.origin}/web/`,
    browser,
    context,
    dir: tmp.dir,
    file: (name) => join(tmp.dir, name),
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
      tmp.cleanup();
    },
  };
}

/** Imports the demo root through the page's own settings (as a user would). */
export async function importRoot(h: WebHarness, page: Page): Promise<void> {
  await page.goto(`${h.web}settings.html`);
  await page.selectOption('#anchor-list', 'demo');
  await page.setInputFiles('#anchor-file', h.file('root.pem'));
  await page.click('#anchor-import');
  await page.waitForSelector('#anchor-table tr[data-list="demo"]', { timeout: 15_000 });
}

/** Chooses a file on the first view and waits for its verdict. */
export async function verifyOnPage(page: Page, path: string): Promise<string> {
  await page.setInputFiles('#verify-file', path);
  await page.waitForFunction(() => {
    const v = document.querySelector('#result')?.getAttribute('data-verdict');
    return v !== undefined && v !== null && v !== 'pending';
  }, undefined, { timeout: 30_000 });
  return (await page.getAttribute('#result', 'data-verdict')) as string;
}

export async function webShot(page: Page, name: string): Promise<string> {
  const path = join(SHOTS, `web-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
