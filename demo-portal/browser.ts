/**
 * Chromium with the built extension loaded unpacked (playwright-core, the system Chromium, no downloads):
 * shared by `npm start`, the E2E tests and the extension bench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { TrustList } from '../core/store/db.js';
import { DEMO_PORTAL_SELECTORS } from '../extension/shared/adapters.js';
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
  /** Demo portal origins to add on the options page (adapters match one exact origin, port included). */
  portals?: string[];
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
  const b: ExtensionBrowser = {
    context,
    extensionId,
    worker,
    url: (path) => `chrome-extension://${extensionId}/${path}`,
    close: async () => {
      await context.close();
      if (!opts.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
  for (const origin of opts.portals ?? []) await addDemoPortal(b, origin);
  return b;
}

/**
 * Adds the demo portal at `origin` on the options page as a user adds a portal (name, origin, the demo's
 * selectors); nothing when that origin is already there (a kept profile).
 */
export async function addDemoPortal(b: ExtensionBrowser, origin: string): Promise<void> {
  const page = await b.context.newPage();
  try {
    await page.goto(b.url('extension/ui/options/index.html'));
    await page.waitForSelector('#portal-table');
    const pattern = `${origin.replace(/\/+$/, '')}/*`;
    if ((await page.locator('#portal-table td.mono', { hasText: pattern }).count()) > 0) return;
    const form = page.locator('form.portal-form');
    await form.locator('input[name=name]').fill('Cổng dịch vụ công DEMO');
    await form.locator('input[name=origin]').fill(origin);
    await form.locator('input[name=links]').fill(DEMO_PORTAL_SELECTORS.attachmentLinks);
    await form.locator('input[name=certify]').fill(DEMO_PORTAL_SELECTORS.certifyPlacement);
    await form.locator('input[name=fileInput]').fill(DEMO_PORTAL_SELECTORS.fileInput);
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('#portal-status.ok', { timeout: 15_000 });
    // The background registers the portal's content script; wait until it is there.
    await b.worker.evaluate(async (p) => {
      const c = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } }).chrome;
      for (let i = 0; i < 100; i++) {
        if ((await c.scripting.getRegisteredContentScripts()).some((s) => s.matches?.some((m) => p.startsWith(m.slice(0, -2))))) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`content script for ${p} not registered`);
    }, pattern);
  } finally {
    await page.close();
  }
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
export interface DemoOffice {
  readonly kind: 'xã' | 'phường' | 'đặc khu';
  readonly name: string;
  readonly province: string;
}

export async function setUpDemoClerk(b: ExtensionBrowser, office: DemoOffice): Promise<void> {
  const page = await b.context.newPage();
  page.on('dialog', (d) => void d.accept());
  try {
    await page.goto(b.url('extension/ui/manage/index.html#keys'));
    await page.click('#demo-identity');
    await page.waitForSelector('#keys-table tr[data-role="certifier"][data-demo="true"]', { timeout: 60_000 });
    await page.goto(b.url('extension/ui/manage/index.html#book'));
    // The office is structured data (kind, name, province); the page composes the full name copies print.
    await page.waitForSelector('#book-office-name', { timeout: 15_000 });
    await page.selectOption('#book-office-kind', office.kind);
    await page.fill('#book-office-name', office.name);
    await page.fill('#book-office-province', office.province);
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
