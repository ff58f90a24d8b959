/**
 * Chromium with the built extension loaded unpacked (playwright-core, the system Chromium, no downloads):
 * shared by `npm start`, the E2E tests and the extension bench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { TrustList } from '../core/store/db.js';
import { browserPath } from './browser-path.js';
import { demoOriginalHtml } from '../scripts/demo-original.js';

/** Chosen once by browser-path.ts (SAOY_BROWSER, /usr/bin/chromium, chromium/chrome on PATH). */
export const CHROMIUM = browserPath();
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** chrome-extension://ID/PATH */
  url(path: string): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Unpacked extension directory (dist/chrome). */
  extDir: string;
  headless?: boolean;
  /** Kept when given; otherwise a temp profile removed on close. */
  profileDir?: string;
  /** More Chromium switches (e.g. a fake camera for the E2E tests). */
  extraArgs?: string[];
}

export async function launchWithExtension(opts: LaunchOptions): Promise<ExtensionBrowser> {
  const profile = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'saoy-chromium-'));
  const headless = opts.headless ?? true;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // the new headless mode (below) is the one that runs extensions
    args: [...(headless ? ['--headless=new'] : []), ...CHROMIUM_FLAGS, ...(opts.extraArgs ?? []), `--disable-extensions-except=${opts.extDir}`, `--load-extension=${opts.extDir}`],
    viewport: { width: 1280, height: 900 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    url: (path) => `chrome-extension://${extensionId}/${path}`,
    close: async () => {
      await context.close();
      if (!opts.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Imports certificates through the options page exactly as a user would (file input, list, button). */
export async function importTrustAnchors(b: ExtensionBrowser, certFile: string, list: TrustList): Promise<void> {
  const page = await b.context.newPage();
  try {
    await page.goto(b.url('extension/ui/options/index.html'));
    await page.selectOption('#anchor-list', list);
    await page.setInputFiles('#anchor-file', certFile);
    await page.click('#anchor-import');
    await page.waitForSelector(`#anchor-table tr[data-list="${list}"]`, { timeout: 15_000 });
  } finally {
    await page.close();
  }
}

/**
 * The clerk's side of the demo: a DEMO certifier and authority key created on the keys page, and this
 * year's certification book opened for the demo office, as a clerk would do on first use.
 */
export async function setUpDemoClerk(b: ExtensionBrowser, office: string): Promise<void> {
  const page = await b.context.newPage();
  page.on('dialog', (d) => void d.accept());
  try {
    await page.goto(b.url('extension/ui/manage/index.html#keys'));
    await page.click('#demo-identity');
    await page.waitForSelector('#keys-table tr[data-role="certifier"][data-demo="true"]', { timeout: 60_000 });
    await page.goto(b.url('extension/ui/manage/index.html#book'));
    await page.waitForSelector('#book-office', { timeout: 15_000 });
    await page.fill('#book-office', office);
    await page.click('#open-book');
    await page.waitForSelector('#book-current-no', { timeout: 15_000 });
  } finally {
    await page.close();
  }
}

/** A "photo" of the demo paper original (a diploma), rendered by Chromium. */
export async function photographOriginal(): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', ...CHROMIUM_FLAGS] });
  try {
    const page: Page = await browser.newPage({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2 });
    await page.setContent(demoOriginalHtml);
    return new Uint8Array(await page.screenshot({ type: 'jpeg', quality: 85 }));
  } finally {
    await browser.close();
  }
}
