/**
 * The verify page for phones (issue 17) in Chromium with a phone viewport: reached from the demo portal's link,
 * installable (Chromium's own installability check), then offline (context.setOffline) reloaded from the service
 * worker's cache, and a valid, a tampered and an untrusted copy verified there; the full report, its signed
 * revision, the English switch and "Share → saoy" (the share target's multipart POST) work offline too.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipE2e } from './helpers.js';
import { importRoot, startWebHarness, verifyOnPage, webShot, type WebHarness } from './web-helpers.js';

describe.skipIf(skipE2e())('web verify page: install, offline, verdicts', () => {
  let h: WebHarness;
  let page: Page;
  /** Console errors and uncaught exceptions of the page (CSP violations are console errors). */
  const errors: string[] = [];
  beforeAll(async () => {
    h = await startWebHarness();
    page = await h.context.newPage();
    // The portal (first stop) has no favicon: only what happens on the web page counts.
    page.on('console', (m) => void (m.type() === 'error' && page.url().startsWith(h.web) && errors.push(`${page.url()}: ${m.text()} ${m.location().url}`)));
    page.on('pageerror', (e) => void errors.push(e.message));
  }, 120_000);
  afterAll(async () => h?.close());

  it('is linked from the demo portal, registers its service worker and is installable', async () => {
    await page.goto(`${h.server.origin}/`);
    await page.click('a#web-verify');
    await page.waitForURL(h.web);
    await page.waitForSelector('#verify-file', { state: 'attached' });
    expect(await page.textContent('.topbar .title')).toBe('Kiểm tra bản sao điện tử');
    await page.waitForSelector('#offline-ready', { timeout: 15_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cdp = await h.context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data?: string };
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? '{}').share_target).toMatchObject({ method: 'POST', enctype: 'multipart/form-data' });
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // A Playwright context is an incognito-like profile; every other criterion (manifest, icons, worker) must pass.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await importRoot(h, page);
    await webShot(page, 'settings');
  });

  it('reloads offline from the cache and verifies a valid copy, with the full report and its signed revision', async () => {
    await h.context.setOffline(true);
    await page.goto(h.web);
    await page.reload();
    await page.waitForSelector('#verify-file', { state: 'attached' });
    expect(await verifyOnPage(page, h.file('ban-sao-giay-khai-sinh-16.pdf'))).toBe('valid');
    await webShot(page, 'valid');
    await page.click('#open-report');
    await page.waitForSelector('#verdict');
    expect(page.url()).toMatch(/report\.html#[0-9a-f]{64}$/);
    expect(await page.locator('.sig-card, section.card').count()).toBeGreaterThan(2);
    // The extension's report, minus its online check: the web page never contacts a CA about the document.
    expect(await page.locator('#online-check').count()).toBe(0);
    expect(await page.locator('button.open-signed').count()).toBe(2);
    await webShot(page, 'report-valid');
    const opened = h.context.waitForEvent('page');
    await page.locator('button.open-signed').first().click();
    const signed = await opened;
    expect(signed.url()).toMatch(/^blob:/);
    await signed.close();
    await page.click('#back');
    await page.waitForSelector('#verify-file', { state: 'attached' });
  });

  it('offline: a tampered copy is invalid and an untrusted one indeterminate', async () => {
    expect(await verifyOnPage(page, h.file('ban-sao-bang-diem-17.pdf'))).toBe('invalid');
    await webShot(page, 'tampered');
    expect(await verifyOnPage(page, h.file('ban-sao-khong-ro-nguon-19.pdf'))).toBe('indeterminate');
    await webShot(page, 'untrusted');
    await page.click('#open-report');
    await page.waitForSelector('#verdict');
    await webShot(page, 'report-untrusted');
  });

  it('offline: a PDF dropped on the page (drag and drop) is verified', async () => {
    await page.goto(h.web);
    const b64 = readFileSync(h.file('ban-sao-bang-diem-17.pdf')).toString('base64');
    const dt = await page.evaluateHandle((data) => {
      const bin = atob(data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const t = new DataTransfer();
      t.items.add(new File([bytes], 'keo-tha.pdf', { type: 'application/pdf' }));
      return t;
    }, b64);
    await page.dispatchEvent('label.drop', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('label.drop', 'drop', { dataTransfer: dt });
    await page.waitForFunction(() => ['valid', 'invalid', 'indeterminate', 'error', 'unsigned'].includes(document.querySelector('#result')?.getAttribute('data-verdict') ?? ''), undefined, { timeout: 30_000 });
    expect(await page.getAttribute('#result', 'data-verdict')).toBe('invalid');
    expect(await page.textContent('.result-name')).toBe('keo-tha.pdf');
  });

  it('"Share → saoy": the service worker takes the multipart POST and the page shows the verdict (offline)', async () => {
    await page.goto(h.web);
    // What a phone's share sheet sends: a multipart POST to the manifest's share_target action.
    await page.evaluate(() => {
      const form = Object.assign(document.createElement('form'), { method: 'POST', action: 'share', enctype: 'multipart/form-data' });
      form.append(Object.assign(document.createElement('input'), { type: 'file', name: 'file', id: 'share-input' }));
      document.body.append(form);
    });
    await page.setInputFiles('#share-input', h.file('ban-sao-giay-khai-sinh-16.pdf'));
    await Promise.all([page.waitForURL(h.web), page.evaluate(() => (document.querySelector('form') as HTMLFormElement).submit())]);
    await page.waitForFunction(() => ['valid', 'invalid', 'indeterminate', 'error', 'unsigned'].includes(document.querySelector('#result')?.getAttribute('data-verdict') ?? ''), undefined, { timeout: 30_000 });
    expect(await page.getAttribute('#result', 'data-verdict')).toBe('valid');
    expect(await page.textContent('.result-name')).toBe('ban-sao-giay-khai-sinh-16.pdf');
    await webShot(page, 'shared');
  });

  it('switches to English and back (offline), strings from the extension locales', async () => {
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const en = JSON.parse(readFileSync('extension/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
    expect(await page.textContent('.topbar .title')).toBe(en.web_title.message);
    expect(await verifyOnPage(page, h.file('ban-sao-khong-ro-nguon-19.pdf'))).toBe('indeterminate');
    await webShot(page, 'english');
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'vi');
    await h.context.setOffline(false);
  });

  it('no page error and no CSP violation on any page along the way (verify, report, settings)', () => {
    expect(errors).toEqual([]);
  });
});
