/**
 * The book under pressure, in real Chromium with the built extension: two panels signing at the same moment get
 * distinct consecutive numbers; a panel closed after its number was reserved (signing held back by a test hook)
 * leaves a visible cancelled entry, no gap, no half entry; a person cancels an entry with a reason; the integrity
 * check flags an entry edited behind the app's back. Also: pages from the (fake) camera, turned, moved, removed;
 * the date filter; and the authority signing in another browser profile through the pending file.
 */
import { vietnamDay } from '../../core/certify/signing-day.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyPdf } from '../../core/verify/index.js';
import { launchWithExtension } from '../../demo-portal/browser.js';
import { clerkShot, FAKE_MEDIA, fillAndConfirm, idbAll, openManage, openPanelTab, setUpClerk, writeOriginalPages, type StoredCopy } from './clerk-helpers.js';
import { EXT_DIR, skipE2e, startHarness, type Harness } from './helpers.js';

interface Row {
  number: number;
  status: string;
  note: string;
}

describe.skipIf(skipE2e())('certification book: concurrency, abandoned numbers, cancellation, integrity', () => {
  let h: Harness;
  let manage: Page;
  let files: string[];

  const rows = async (): Promise<Row[]> => {
    const url = h.b.url('extension/ui/manage/index.html#book');
    if (manage.url() === url) await manage.reload();
    else await manage.goto(url);
    await manage.waitForSelector('#book-count');
    await manage.waitForTimeout(200);
    return manage.evaluate(() =>
      [...document.querySelectorAll('#book-table tr[data-number]')].map((tr) => ({
        number: Number(tr.getAttribute('data-number')),
        status: tr.getAttribute('data-status') ?? '',
        note: (tr.querySelector('td[data-col=note]') as HTMLElement).innerText,
      })),
    );
  };

  beforeAll(async () => {
    h = await startHarness({ chromiumArgs: FAKE_MEDIA });
    files = writeOriginalPages(h.dir);
    manage = await setUpClerk(h);
  });
  afterAll(async () => h?.close());

  it('two panels confirm number 01 and sign at the same moment: 01 and 02, the second after re-confirming', async () => {
    const a = await openPanelTab(h);
    const b = await openPanelTab(h);
    const shaA = await fillAndConfirm(a, { requester: 'Lê Văn Đức', docName: 'Giấy khai sinh', files });
    const shaB = await fillAndConfirm(b, { requester: 'Phạm Thị Dung', docName: 'Hộ chiếu', files: [files[1]] });
    expect(await a.locator('#confirm-statement').innerText()).toContain('Số chứng thực: 01');
    expect(await b.locator('#confirm-statement').innerText()).toContain('Số chứng thực: 01');
    await Promise.all([a.click('#sign'), b.click('#sign')]);
    const outcome = async (p: Page) => {
      await p.waitForSelector('#copy-status, #renumbered', { timeout: 60_000 });
      return (await p.locator('#renumbered').count()) ? 'renumbered' : 'signed';
    };
    const [oa, ob] = await Promise.all([outcome(a), outcome(b)]);
    expect([oa, ob].sort()).toEqual(['renumbered', 'signed']);
    const second = oa === 'renumbered' ? a : b;
    const first = oa === 'renumbered' ? b : a;
    expect(await first.locator('#signed-cert-no').innerText()).toBe('01');
    expect(await second.locator('#renumbered').innerText()).toContain('Số 01 vừa được một phiên chứng thực khác sử dụng');
    expect(await second.locator('#confirm-statement').innerText()).toContain('Số chứng thực: 02');
    const newSha = await second.getAttribute('#confirm-sha256', 'data-sha256');
    expect(newSha).not.toBe(second === a ? shaA : shaB);
    expect(await second.locator('#back').count()).toBe(0); // the number is held: sign it or give it up
    await clerkShot(second, 'renumbered.png');
    await second.click('#sign');
    await second.waitForSelector('#copy-status', { timeout: 60_000 });
    expect(await second.locator('#signed-cert-no').innerText()).toBe('02');
    expect((await rows()).map((r) => [r.number, r.status])).toEqual([[1, 'recorded'], [2, 'recorded']]);
    await a.close();
    await b.close();
  });

  it('a panel closed after its number was reserved, before signing finished: the number shows as cancelled, the next copy gets the next number', async () => {
    const c = await openPanelTab(h);
    await fillAndConfirm(c, { requester: 'Hoàng Văn Em', docName: 'Bảng điểm', files });
    await c.evaluate(() => localStorage.setItem('saoy.test.signDelayMs', '60000')); // the test hook: hold signing back
    await c.click('#sign');
    await expect.poll(async () => (await idbAll<{ entry: { kind: string; number: number; state?: string } }>(manage, 'bookEntries')).some((e) => e.entry.kind === 'entry' && e.entry.number === 3), { timeout: 20_000 }).toBe(true);
    expect((await rows()).find((r) => r.number === 3)?.status).toBe('reserved');
    await clerkShot(manage, 'book-reserved.png');
    await c.evaluate(() => localStorage.removeItem('saoy.test.signDelayMs'));
    await c.close(); // the clerk closes the panel mid-certification

    // Next time the book (or a panel) opens, the number whose page went away is cancelled — once its grace is over.
    let r: Row[] = [];
    await expect
      .poll(
        async () => {
          r = await rows();
          return r.find((x) => x.number === 3)?.status;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('cancelled');
    expect(r.find((x) => x.number === 3)?.note).toBe('Đã hủy: Bỏ dở, không hoàn tất việc ký bản sao');
    expect((await idbAll<StoredCopy>(manage, 'copies')).map((x) => x.number).sort()).toEqual([1, 2]); // no half entry
    await manage.click('#check-integrity');
    await manage.waitForSelector('#integrity-result[data-ok="true"]');
    await clerkShot(manage, 'book-abandoned.png');

    const d = await openPanelTab(h);
    await fillAndConfirm(d, { requester: 'Hoàng Văn Em', docName: 'Bảng điểm', files });
    expect(await d.locator('#confirm-statement').innerText()).toContain('Số chứng thực: 04');
    await d.click('#sign');
    await d.waitForSelector('#copy-status');
    expect((await rows()).map((x) => [x.number, x.status])).toEqual([[1, 'recorded'], [2, 'recorded'], [3, 'cancelled'], [4, 'recorded']]);
    await d.close();
  });

  it('a person cancels an entry: a reason is required, the row stays and says why', async () => {
    await rows();
    const row = manage.locator('#book-table tr[data-number="2"]');
    await row.locator('button.cancel-entry').click();
    await row.locator('button.confirm-cancel').click();
    await manage.waitForSelector('#book-msg.bad');
    expect(await manage.locator('#book-msg').innerText()).toContain('lý do');
    await row.locator('input.cancel-reason').fill('Người yêu cầu rút hồ sơ');
    await row.locator('button.confirm-cancel').click();
    await manage.waitForSelector('#book-table tr[data-number="2"][data-status="cancelled"]');
    expect(await manage.locator('#book-table tr[data-number="2"] td[data-col=note]').innerText()).toBe('Đã hủy: Người yêu cầu rút hồ sơ');
    expect(await manage.locator('#book-table tr[data-number]').count()).toBe(4);
  });

  it('the date filter (dd/mm/yyyy) and the status filter', async () => {
    // Entries carry the signing day in Vietnam (UTC+7), whatever the machine's time zone.
    const today = vietnamDay(new Date());
    const vn = (iso: string) => iso.split('-').reverse().join('/');
    const tomorrow = vietnamDay(new Date(Date.now() + 86_400_000));
    await manage.fill('#book-from', vn(tomorrow));
    await manage.waitForFunction(() => document.querySelectorAll('#book-table tr[data-number]').length === 0);
    await manage.fill('#book-from', vn(today));
    await manage.fill('#book-to', vn(today));
    await manage.waitForFunction(() => document.querySelectorAll('#book-table tr[data-number]').length === 4);
    await manage.selectOption('#book-status', 'cancelled');
    await manage.waitForFunction(() => document.querySelectorAll('#book-table tr[data-number]').length === 2);
    await manage.fill('#book-from', '31/02/2026'); // not a date: marked, the filter keeps the last good one
    expect(await manage.getAttribute('#book-from', 'aria-invalid')).toBe('true');
    await clerkShot(manage, 'book-filtered.png');
  });

  it('the integrity check flags an entry edited behind the app\'s back', async () => {
    await rows();
    const edited = await manage.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('saoy');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const store = db.transaction('bookEntries', 'readwrite').objectStore('bookEntries');
      const all = await new Promise<{ id: string; entry: { kind: string; number: number; requester: string } }[]>((res) => {
        const r = store.getAll();
        r.onsuccess = () => res(r.result);
      });
      const rec = all.find((x) => x.entry.kind === 'entry' && x.entry.number === 1);
      if (!rec) return 'none';
      rec.entry.requester = 'Người Khác Hẳn';
      await new Promise((res) => (store.put(rec).onsuccess = res));
      db.close();
      return rec.id;
    });
    expect(edited).toMatch(/#0000000001$/);
    await manage.click('#check-integrity');
    await manage.waitForSelector('#integrity-result[data-ok="false"]');
    const text = await manage.locator('#integrity-result').innerText();
    expect(text).toContain('KHÔNG toàn vẹn');
    expect(text).toContain('Mục số 1 đã bị sửa đổi');
    // The page shows the book as stored now (the edited name) and marks the row that is wrong.
    expect(await manage.locator('#book-table tr[data-number="1"] td[data-col=requester]').innerText()).toBe('Người Khác Hẳn');
    expect(await manage.getAttribute('#book-table tr[data-number="1"]', 'class')).toContain('row-problem');
    await clerkShot(manage, 'book-integrity.png');
  });
});

describe.skipIf(skipE2e())('pages from the camera; turned, moved, removed; the authority in another profile', () => {
  let h: Harness;
  let files: string[];

  beforeAll(async () => {
    h = await startHarness({ chromiumArgs: FAKE_MEDIA });
    files = writeOriginalPages(h.dir);
    await setUpClerk(h);
  });
  afterAll(async () => h?.close());

  it('captures a page with the camera, then turns, moves and removes pages', async () => {
    const p = await openPanelTab(h);
    await p.fill('#requester', 'Vũ Thị Giang');
    await p.fill('#doc-name', 'Giấy chứng nhận kết hôn');
    await p.click('#next');
    await p.setInputFiles('#page-files', files);
    await p.click('#open-camera');
    await p.waitForSelector('#camera-capture:not([disabled])', { timeout: 20_000 });
    await p.click('#camera-capture');
    await p.waitForFunction(() => document.querySelectorAll('.page-item').length === 3);
    const names = () => p.locator('.page-item .page-info .ellipsis').allInnerTexts();
    expect(await names()).toEqual(['trang-1.jpg', 'trang-2.jpg', 'Ảnh chụp 3']);
    await clerkShot(p, 'pages-camera.png');
    await p.locator('.page-item[data-page="3"] button[aria-label="Chuyển lên trước"]').click();
    await expect.poll(names).toEqual(['trang-1.jpg', 'Ảnh chụp 3', 'trang-2.jpg']);
    await p.locator('.page-item[data-page="2"] button.rotate').click();
    await expect.poll(() => p.locator('.page-item[data-page="2"] .thumb').getAttribute('data-rotate')).toBe('90');
    // Turned the other way too: two quarter-turns left from 90° is 270°.
    await p.locator('.page-item[data-page="2"] button.rotate-left').click();
    await p.locator('.page-item[data-page="2"] button.rotate-left').click();
    await expect.poll(() => p.locator('.page-item[data-page="2"] .thumb').getAttribute('data-rotate')).toBe('270');
    await p.locator('.page-item[data-page="1"] button.remove').click();
    await expect.poll(names).toEqual(['Ảnh chụp 3', 'trang-2.jpg']);
    await p.locator('.page-item[data-page="2"]').dragTo(p.locator('.page-item[data-page="1"]'));
    await expect.poll(names).toEqual(['trang-2.jpg', 'Ảnh chụp 3']);
    await p.click('.camera-head button'); // close the camera
    // Crop the first page by dragging a rectangle over it; choose the second page's paper size.
    await p.locator('.page-item[data-page="1"] button.crop').click();
    const canvas = p.locator('#crop-canvas');
    await canvas.waitFor();
    await p.waitForFunction(() => (document.getElementById('crop-canvas') as HTMLCanvasElement | null)?.width !== 300);
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no crop canvas');
    await p.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
    await p.mouse.down();
    await p.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.9, { steps: 5 });
    await p.mouse.up();
    await clerkShot(p, 'pages-crop.png');
    await p.click('#crop-apply');
    await expect.poll(() => p.locator('.page-item[data-page="1"] .page-info').innerText()).toContain('đã cắt khung');
    await p.locator('.page-item[data-page="2"] select.page-paper').selectOption('id-card');
    await clerkShot(p, 'pages-edited.png');
    await p.click('#next');
    await p.waitForSelector('#preview-cert-no', { timeout: 60_000 });
    expect(await p.locator('#preview-facts').innerText()).toContain('trang bản chính');
    await p.click('#next');
    await p.click('#sign');
    await p.waitForSelector('#copy-status[data-status="awaiting-authority"]', { timeout: 60_000 });
  });

  it('the pending copy goes to the authority in another profile and comes back final', async () => {
    const manage = await openManage(h, 'copies');
    await manage.waitForSelector('#copies-table tr[data-status="awaiting-authority"]');
    const dl = manage.waitForEvent('download');
    await manage.click('#copies-table tr[data-status="awaiting-authority"] button:has-text("Xuất tệp chờ ký")');
    const pendingFile = join(h.dir, 'cho-ky.saoy-pending');
    await (await dl).saveAs(pendingFile);

    const otherDir = join(h.dir, 'other-profile');
    mkdirSync(otherDir);
    const other = await launchWithExtension({ extDir: EXT_DIR, profileDir: otherDir });
    let finalFile = '';
    let otherRoot: Uint8Array | undefined;
    try {
      const keys = await other.context.newPage();
      keys.on('dialog', (d) => void d.accept());
      await keys.goto(other.url('extension/ui/manage/index.html#keys'));
      await keys.click('#demo-identity');
      await keys.waitForSelector('#keys-table tr[data-role="authority"]', { timeout: 60_000 });
      otherRoot = (await idbAll<{ der: Uint8Array; list: string }>(keys, 'trustAnchors')).find((a) => a.list === 'demo')?.der;
      await keys.goto(other.url('extension/ui/manage/index.html#authority'));
      await keys.waitForSelector('#pending-file', { state: 'attached' });
      await keys.setInputFiles('#pending-file', pendingFile);
      await keys.waitForSelector('#authority-certifier-check [data-verdict]', { timeout: 30_000 });
      // The certifier's root is not trusted in this profile: the authority sees that before it signs.
      expect(await keys.getAttribute('#authority-certifier-check [data-verdict]', 'data-verdict')).toBe('indeterminate');
      await clerkShot(keys, 'authority-other-profile.png');
      await keys.click('#authority-next');
      await keys.click('#authority-sign');
      await keys.waitForSelector('#authority-done[data-status="final"]', { timeout: 60_000 });
      const dl2 = keys.waitForEvent('download');
      await keys.click('#authority-done ~ .row-actions button:has-text("Tải bản sao")');
      finalFile = join(h.dir, 'final-from-other.pdf');
      await (await dl2).saveAs(finalFile);
    } finally {
      await other.close();
    }

    await manage.bringToFront();
    await manage.setInputFiles('#copies-table tr[data-status="awaiting-authority"] input[type=file]', finalFile);
    await manage.waitForSelector('#copies-msg[data-kind="ok"]');
    await manage.waitForSelector('#copies-table tr[data-status="final"]');
    const [copy] = await idbAll<StoredCopy>(manage, 'copies');
    const anchors = (await idbAll<{ der: Uint8Array; list: string }>(manage, 'trustAnchors')).filter((a) => a.list === 'demo').map((a) => a.der);
    const report = await verifyPdf(copy.pdf, { trustAnchors: [...anchors, otherRoot as Uint8Array] });
    expect(report.verdict, JSON.stringify(report.reasons)).toBe('valid');
    expect(report.signatures.map((s) => s.fieldName)).toEqual(['saoy_certifier', 'saoy_authority']);
  });
});
