/**
 * A hostile portal page against the clerk's workflow (docs/SECURITY.md), in real Chromium with the
 * built extension. While the clerk's panel waits on its confirmation screen, the page's own scripts: click the
 * Certify action synthetically, post messages to every window and frame (and to a window/iframe of the panel it
 * tries to open), pretend to be the content script with DOM events and messages, call chrome.runtime with our
 * id, try to read the extension's files and database, and swap the file input. None of it signs anything, opens
 * the panel, or reads keys, copies or the book; the real clerk's click and "Đưa vào hồ sơ" still work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clerkShot, FAKE_MEDIA, fillAndConfirm, idbAll, openPanelTab, setUpClerk, writeOriginalPages } from './clerk-helpers.js';
import { skipE2e, startHarness, type Harness } from './helpers.js';

describe.skipIf(skipE2e())('a hostile portal page cannot sign, open the panel, or read keys, copies or the book', () => {
  let h: Harness;
  let manage: Page;
  let portal: Page;
  let panel: Page;
  let files: string[];

  /** What the extension holds, read from one of its pages. */
  const snapshot = async () => ({
    entries: (await idbAll(manage, 'bookEntries')).length,
    copies: (await idbAll(manage, 'copies')).length,
    keys: (await idbAll(manage, 'keys')).length,
  });
  const target = () => manage.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'certifyTarget' }));
  const sidePanels = async () =>
    JSON.parse(
      await h.b.worker.evaluate(async () => JSON.stringify(await (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] }))),
    ) as unknown[];

  beforeAll(async () => {
    h = await startHarness({ chromiumArgs: FAKE_MEDIA });
    files = writeOriginalPages(h.dir);
    manage = await setUpClerk(h);
    portal = await h.b.context.newPage();
    await portal.goto(`${h.server.origin}/xu-ly/HS-2026-000124`);
    await portal.locator('saoy-certify').waitFor();
    // The page records every message it is sent and every event on its input, for the end of the test.
    await portal.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      window.addEventListener('message', (e) => w.seen.push(`message:${JSON.stringify(e.data).slice(0, 80)}`));
    });
    // The clerk's panel, ready to sign: only a click in the panel itself may go on.
    panel = await openPanelTab(h);
    await fillAndConfirm(panel, { requester: 'Trần Thị Bình', docName: 'Căn cước công dân', files });
  });
  afterAll(async () => h?.close());

  it('synthetic clicks on the Certify action open nothing and record no target', async () => {
    const before = h.b.context.pages().length;
    const result = await portal.evaluate(() => {
      const host = document.querySelector('saoy-certify') as HTMLElement;
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      const r = host.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 10, r.top + 10) as HTMLElement | null;
      hit?.click();
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) hit?.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true }));
      host.focus();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      return { shadowRoot: host.shadowRoot === null, hit: hit?.tagName };
    });
    expect(result).toEqual({ shadowRoot: true, hit: 'SAOY-CERTIFY' }); // the page only ever reaches the closed host
    await portal.waitForTimeout(800);
    expect(await target()).toBeNull();
    expect(await sidePanels()).toEqual([]);
    expect(h.b.context.pages().length).toBe(before);
  });

  it('messages and DOM events pretending to be the content script or the background do nothing', async () => {
    const panelUrl = h.b.url('extension/ui/sidepanel/index.html');
    const out = await portal.evaluate(async ([url, id]) => {
      const fake = [
        { type: 'openCertify' },
        { type: 'placeCopy', name: 'gia-mao.pdf', data: btoa('%PDF-1.7 forged'), sha256: '0'.repeat(64) },
        { type: 'deliverCopy', copyId: 'x#1', tabId: 1 },
        { type: 'sign', sha256: '0'.repeat(64) },
        { type: 'certifyTargetChanged' },
      ];
      for (const m of fake) {
        window.postMessage(m, '*');
        window.top?.postMessage(m, '*');
        for (let i = 0; i < window.frames.length; i++) window.frames[i].postMessage(m, '*');
        window.dispatchEvent(new MessageEvent('message', { data: m, origin: `chrome-extension://${id}` }));
        document.dispatchEvent(new CustomEvent('saoy', { detail: m }));
        document.dispatchEvent(new CustomEvent(`saoy:${m.type}`, { detail: m }));
      }
      // A window and an iframe of the panel: both blocked (not web-accessible); messages to them go nowhere.
      const w = window.open(url);
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
      await new Promise((r) => setTimeout(r, 800));
      for (const m of fake) {
        try {
          w?.postMessage(m, '*');
        } catch {
          /* cross-origin */
        }
        frame.contentWindow?.postMessage(m, '*');
      }
      let frameDoc = 'unreadable';
      try {
        frameDoc = frame.contentDocument?.body?.innerText ?? 'unreadable';
      } catch {
        /* cross-origin */
      }
      w?.close();
      frame.remove();
      // The extension's messaging API is not there for pages (no externally_connectable).
      const c = (window as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }).chrome;
      let runtime = 'absent';
      if (c?.runtime?.sendMessage) {
        try {
          await c.runtime.sendMessage(id, { type: 'deliverCopy', copyId: 'x#1', tabId: 1 });
          runtime = 'answered';
        } catch {
          runtime = 'refused';
        }
      }
      return { runtime, frameDoc };
    }, [panelUrl, h.b.extensionId] as const);
    expect(out.runtime).not.toBe('answered');
    expect(out.frameDoc).not.toContain('Chứng thực');
    await portal.waitForTimeout(500);
    expect(await portal.evaluate(() => (document.querySelector('input[name=ban_sao_dien_tu]') as HTMLInputElement).files?.length)).toBe(0);
    expect(await target()).toBeNull();
    expect(await sidePanels()).toEqual([]);
    // The panel did not move on: it still waits for the clerk on its confirmation screen.
    expect(await panel.getAttribute('.flow', 'data-step')).toBe('confirm');
  });

  it('the page reads nothing of the extension: no files, no database, no badge or action internals', async () => {
    const out = await portal.evaluate(async (id) => {
      const tryFetch = async (path: string) => {
        try {
          const r = await fetch(`chrome-extension://${id}/${path}`);
          return r.ok ? 'read' : `http ${r.status}`;
        } catch {
          return 'blocked';
        }
      };
      const dbs = (await indexedDB.databases?.()) ?? [];
      const stores = await new Promise<string[]>((res) => {
        const r = indexedDB.open('saoy');
        r.onsuccess = () => {
          const names = [...r.result.objectStoreNames];
          r.result.close();
          indexedDB.deleteDatabase('saoy');
          res(names);
        };
        r.onerror = () => res(['error']);
      });
      return {
        manifest: await tryFetch('manifest.json'),
        font: await tryFetch('fonts/DejaVuSerif.ttf'),
        panel: await tryFetch('extension/ui/sidepanel/index.html'),
        dbs: dbs.map((d) => d.name),
        stores,
        action: (document.querySelector('saoy-certify') as HTMLElement).shadowRoot,
        text: document.querySelector('saoy-certify')?.textContent,
      };
    }, h.b.extensionId);
    expect(out).toEqual({ manifest: 'blocked', font: 'blocked', panel: 'blocked', dbs: [], stores: [], action: null, text: '' });
  });

  it('after all of it: no entry in the book, no copy, the same keys', async () => {
    expect(await snapshot()).toEqual({ entries: 0, copies: 0, keys: 2 });
    await clerkShot(portal, 'hostile-portal.png');
  });

  it('the clerk\'s real click and "Đưa vào hồ sơ" still work; a swapped-in non-file input gets nothing; the page never hears from us', async () => {
    await portal.locator('saoy-certify').click();
    await expect.poll(async () => ((await target()) as { tabId?: number } | null)?.tabId).toBeTypeOf('number');
    await expect.poll(async () => (await sidePanels()).length).toBe(1);
    await panel.reload();
    await panel.waitForSelector('#target.on');
    const sha = await fillAndConfirm(panel, { requester: 'Trần Thị Bình', docName: 'Căn cước công dân', files });
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await panel.click('#sign');
    await panel.waitForSelector('#go-authority');
    await panel.click('#go-authority');
    await panel.waitForSelector('#authority-certifier-check [data-verdict]');
    await panel.click('#authority-next');
    await panel.click('#authority-sign');
    await panel.waitForSelector('#authority-to-certify');
    await panel.click('#authority-to-certify');
    await panel.waitForSelector('#place-copy');

    // The page swaps its upload control for a text field of the same name: the copy is not put anywhere.
    await portal.evaluate(() => {
      const old = document.querySelector('input[name=ban_sao_dien_tu]') as HTMLInputElement;
      const fake = document.createElement('input');
      fake.type = 'text';
      fake.name = 'ban_sao_dien_tu';
      fake.id = 'swapped';
      old.replaceWith(fake);
      (window as unknown as { old: HTMLInputElement }).old = old;
    });
    await panel.click('#place-copy');
    // Nothing leaves before the clerk confirms, in the panel, the full origin (port included) it goes to.
    await panel.waitForSelector('#place-confirm-box');
    expect(await panel.locator('#place-confirm-box dd[data-field="origin"]').innerText()).toBe(h.server.origin);
    expect(await panel.locator('#place-confirm-box dd[data-field="portal"]').innerText()).toBe('Cổng dịch vụ công DEMO');
    await panel.click('#place-confirm');
    await panel.waitForSelector('#place-status.bad');
    expect(await panel.locator('#place-status').innerText()).toContain('Không tìm thấy ô tải tệp');
    expect(await portal.inputValue('#swapped')).toBe('');

    // A new file input swapped in: that is the portal's form as the page now shows it, and it gets the copy.
    await portal.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.name = 'ban_sao_dien_tu';
      input.id = 'swapped-file';
      (window as unknown as { changes: number }).changes = 0;
      input.addEventListener('change', () => (window as unknown as { changes: number }).changes++);
      document.getElementById('swapped')?.replaceWith(input);
    });
    await panel.click('#place-copy');
    await panel.click('#place-confirm');
    await panel.waitForSelector('#place-status.ok');
    const [copy] = await idbAll<{ sha256: string; pdf: Uint8Array }>(manage, 'copies');
    const got = await portal.evaluate(async () => {
      const f = (document.getElementById('swapped-file') as HTMLInputElement).files?.[0];
      const d = f ? new Uint8Array(await crypto.subtle.digest('SHA-256', await f.arrayBuffer())) : new Uint8Array();
      return { size: f?.size, sha: Array.from(d, (b) => b.toString(16).padStart(2, '0')).join(''), changes: (window as unknown as { changes: number }).changes, seen: (window as unknown as { seen: string[] }).seen };
    });
    expect(got.size).toBe(copy.pdf.length);
    expect(got.sha).toBe(copy.sha256);
    expect(got.changes).toBe(1);
    // Every message the page saw is one it posted itself: the extension never talks to the page.
    expect(got.seen.every((s) => /"type":"(openCertify|placeCopy|deliverCopy|sign|certifyTargetChanged)"/.test(s))).toBe(true);
    expect(got.seen.some((s) => s.includes(copy.sha256))).toBe(false);
    expect(await snapshot()).toEqual({ entries: 2, copies: 1, keys: 2 }); // the entry and its completion; one copy
  });
});
