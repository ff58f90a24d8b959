/**
 * The clerk's side of the extension in E2E: a fake camera, the side panel opened as a tab (same page, same
 * origin), the keys and the book set up through their own pages as a clerk would, and raw reads of the
 * extension's IndexedDB from one of its pages (what a test — never a web page — can do).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { makeJpeg, noise } from '../helpers/images.js';
import { repoRoot } from '../helpers/tools.js';
import type { Harness } from './helpers.js';

export const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
export const CLERK_SHOTS = join(repoRoot, 'test-output/e2e/clerk');
export const PANEL = 'extension/ui/sidepanel/index.html';
export const OFFICE = 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa';

/**
 * The whole page at its real layout: the viewport grows to the content's height first (a fullPage capture of a
 * page with a scrollbar would lay it out without the scrollbar and cut its right edge off).
 */
export async function clerkShot(page: Page, name: string): Promise<string> {
  mkdirSync(CLERK_SHOTS, { recursive: true });
  const path = join(CLERK_SHOTS, name);
  const vp = page.viewportSize();
  const height = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
  const grow = vp !== null && height > vp.height;
  if (grow) await page.setViewportSize({ width: vp.width, height });
  await page.screenshot({ path });
  if (grow) await page.setViewportSize(vp);
  console.log(`screenshot: ${path}`);
  return path;
}

/** Two "photos" of a two-page original (600×800, grainy paper), written for file inputs. */
export function writeOriginalPages(dir: string): string[] {
  return [1, 2].map((i) => {
    const p = join(dir, `trang-${i}.jpg`);
    writeFileSync(p, makeJpeg(600, 800, { dpi: 72, quality: 82, paint: noise(100 + i, 14) }));
    return p;
  });
}

/** Every record of an object store, read in an extension page; Uint8Arrays travel as base64. */
export async function idbAll<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  const json = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('saoy');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = await new Promise<unknown[]>((res, rej) => {
      const r = db.transaction(name, 'readonly').objectStore(name).getAll();
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    db.close();
    return JSON.stringify(all, (_k, v: unknown) => {
      if (v instanceof Uint8Array) {
        let s = '';
        for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
        return { __b64: btoa(s) };
      }
      if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) return { __cryptoKey: { extractable: v.extractable, type: v.type, usages: v.usages } };
      return v;
    });
  }, store);
  return JSON.parse(json, (_k, v: unknown) => (v && typeof v === 'object' && '__b64' in v ? new Uint8Array(Buffer.from((v as { __b64: string }).__b64, 'base64')) : v)) as T[];
}

export interface StoredCopy {
  id: string;
  certNo: string;
  number: number;
  status: string;
  sha256: string;
  pdf: Uint8Array;
  requester: string;
  docName: string;
}

export async function openManage(h: Harness, route: string): Promise<Page> {
  const page = await h.b.context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(h.b.url(`extension/ui/manage/index.html#${route}`));
  return page;
}

/** The DEMO identity from the keys page, and this year's book opened from the book page. */
export async function setUpClerk(h: Harness, opts: { shots?: boolean } = {}): Promise<Page> {
  const manage = await openManage(h, 'keys');
  await manage.click('#demo-identity');
  await manage.waitForSelector('#keys-table tr[data-role="certifier"][data-demo="true"]', { timeout: 60_000 });
  await manage.waitForSelector('#keys-table tr[data-role="authority"][data-demo="true"]');
  if (opts.shots) await clerkShot(manage, 'keys.png');
  await manage.goto(h.b.url('extension/ui/manage/index.html#book'));
  // The office is set as structured data (kind, name, province); the book keeps the full name copies print.
  await manage.waitForSelector('#book-office-name');
  await manage.selectOption('#book-office-kind', 'phường');
  await manage.fill('#book-office-name', 'Hạc Thành');
  await manage.fill('#book-office-province', 'Thanh Hóa');
  expect(await manage.locator('#book-office').innerText()).toContain(OFFICE);
  await manage.click('#open-book');
  await manage.waitForSelector('#book-current-no');
  return manage;
}

export async function openPanelTab(h: Harness): Promise<Page> {
  const panel = await h.b.context.newPage();
  await panel.setViewportSize({ width: 420, height: 940 });
  acceptDialogs(panel);
  await panel.goto(h.b.url(PANEL));
  await panel.waitForSelector('#requester');
  return panel;
}

function acceptDialogs(p: Page): void {
  p.on('dialog', (d) => void d.accept());
}

/** Details → pages → preview → confirmation, as the clerk does; returns the SHA-256 shown for confirmation. */
export async function fillAndConfirm(panel: Page, o: { requester: string; docName: string; files: string[] }): Promise<string> {
  await panel.fill('#requester', o.requester);
  await panel.fill('#doc-name', o.docName);
  await panel.click('#next');
  await panel.setInputFiles('#page-files', o.files);
  await panel.waitForFunction((n) => document.querySelectorAll('.page-item').length === n, o.files.length);
  await panel.click('#next');
  await panel.waitForSelector('#preview-cert-no', { timeout: 60_000 });
  await panel.click('#next');
  await panel.waitForSelector('#confirm-sha256');
  return (await panel.getAttribute('#confirm-sha256', 'data-sha256')) ?? '';
}
