/**
 * The service worker's cache life cycle, against a copy of dist/web served on its own: the shell cache is named
 * by the build's content hash; a new build (another hash) installs its own cache, and on activate the old shell
 * cache is deleted while a shared file waiting in the share cache is kept.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../demo-portal/browser.js';
import { startWebServer, type WebServer } from '../../web/serve.js';
import { makeTempDir } from '../helpers/pki.js';
import { repoRoot } from '../helpers/tools.js';
import { assertChromium, skipE2e } from './helpers.js';
import { ensureWebBuilt, PHONE } from './web-helpers.js';

describe.skipIf(skipE2e())('web service worker: versioned shell cache, old caches removed on activate', () => {
  let tmp: { dir: string; cleanup: () => void };
  let server: WebServer;
  let browser: Browser;
  beforeAll(async () => {
    assertChromium();
    ensureWebBuilt();
    tmp = makeTempDir('saoy-web-update-');
    cpSync(join(repoRoot, 'dist/web'), tmp.dir, { recursive: true });
    server = await startWebServer(tmp.dir);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless=new', ...CHROMIUM_FLAGS] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    tmp?.cleanup();
  });

  it('a new build replaces the shell cache and keeps the share cache', async () => {
    const swPath = join(tmp.dir, 'sw.js');
    const sw = readFileSync(swPath, 'utf8');
    const v1 = sw.match(/`([0-9a-f]{16})`/)?.[1] as string;
    expect(v1).toMatch(/^[0-9a-f]{16}$/);
    const context = await browser.newContext({ ...PHONE, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('#offline-ready', { timeout: 15_000 });
    const keys = () => page.evaluate(() => caches.keys());
    expect(await keys()).toContain(`saoy-web-shell-${v1}`);
    // A shared file waiting for the page must survive an update.
    await page.evaluate(() => caches.open('saoy-web-share').then((c) => c.put('/shared-file', new Response('x'))));

    const v2 = 'f'.repeat(16) === v1 ? '0'.repeat(16) : 'f'.repeat(16);
    writeFileSync(swPath, sw.replace(`\`${v1}\``, `\`${v2}\``));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect.poll(async () => (await keys()).sort(), { timeout: 15_000, interval: 200 }).toEqual(['saoy-web-share', `saoy-web-shell-${v2}`].sort());
    // The new cache holds the whole shell: the page still loads offline.
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('#verify-file', { state: 'attached' });
    await context.close();
  });
});
