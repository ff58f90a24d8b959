/**
 * Issue 12 UX defects in the clerk's pages, in real headless Chromium with the built extension:
 * - the authority signs a queued copy in the manage page: the copy is delivered to the portal tab (after the same
 *   origin confirmation as the certify flow) and downloadable — before, the page ended at download only;
 * - the copies page re-verifies with one click (before: a first click loaded the copy, a second verified) and
 *   hands a final copy to the portal too;
 * - importing a certificate again under the other role asks; "Cancel" changes nothing and says so (before, the
 *   first import was replaced silently);
 * - a key that chains to an untrusted root is never preselected, and the page says why.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createDemoIdentity, DEMO_NAMES } from '../../core/signers/demo.js';
import { clerkShot, FAKE_MEDIA, fillAndConfirm, idbAll, openManage, openPanelTab, setUpClerk, writeOriginalPages, type StoredCopy } from './clerk-helpers.js';
import { skipE2e, startHarness, type Harness } from './helpers.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** SHA-256 of the file the portal's own input holds now (what its form would upload), or null. */
async function portalFile(portal: Page): Promise<{ name: string; sha256: string } | null> {
  return portal.evaluate(async () => {
    const input = document.querySelector('input[type=file][name=ban_sao_dien_tu]') as HTMLInputElement;
    const f = input.files?.[0];
    if (!f) return null;
    const d = new Uint8Array(await crypto.subtle.digest('SHA-256', await f.arrayBuffer()));
    return { name: f.name, sha256: Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('') };
  });
}

describe.skipIf(skipE2e())('clerk pages: delivery after the authority, one-click re-verify, key roles, untrusted keys', () => {
  let h: Harness;
  let manage: Page;
  let portal: Page;
  let panel: Page;
  let files: string[];

  beforeAll(async () => {
    h = await startHarness({ chromiumArgs: FAKE_MEDIA });
    files = writeOriginalPages(h.dir);
    manage = await setUpClerk(h);
    portal = await h.b.context.newPage();
    await portal.goto(`${h.server.origin}/xu-ly/HS-2026-000123`);
    const action = portal.locator('.dvc-xu-ly .hanh-dong saoy-certify');
    await action.waitFor();
    await action.click(); // a real click records the portal tab as the target
    panel = await openPanelTab(h);
    await panel.waitForSelector('#target.on');
    await fillAndConfirm(panel, { requester: 'Trần Thị Bích', docName: 'Giấy khai sinh', files });
    await panel.click('#sign');
    await panel.waitForSelector('#copy-status[data-status="awaiting-authority"]', { timeout: 60_000 });
  });
  afterAll(async () => h?.close());

  it('the authority signs in the manage page; the copy goes to the portal after the origin confirmation, and downloads', async () => {
    await manage.goto(h.b.url('extension/ui/manage/index.html#authority'));
    await manage.click('#authority-queue li[data-cert-no="01"] button.open-pending');
    await manage.waitForSelector('#authority-certifier-check [data-verdict]', { timeout: 30_000 });
    await manage.click('#authority-next');
    await manage.click('#authority-sign');
    await manage.waitForSelector('#authority-done[data-status="final"]', { timeout: 60_000 });
    const [final] = await idbAll<StoredCopy>(manage, 'copies');
    expect(final.status).toBe('final');

    // Not a dead end: "Đưa vào hồ sơ" is offered, names the target's full origin, and asks before handing over.
    await manage.click('#place-copy');
    const box = manage.locator('#place-confirm-box');
    await box.waitFor();
    expect(await box.locator('[data-field="origin"]').innerText()).toBe(h.server.origin);
    expect(await portalFile(portal)).toBeNull(); // nothing leaves before the confirmation
    await clerkShot(manage, 'authority-manage-deliver.png');
    await manage.click('#place-confirm');
    await manage.waitForSelector('#place-status.ok');
    expect(await portalFile(portal)).toEqual({ name: expect.stringMatching(/^ban-sao-so-01-/), sha256: final.sha256 });

    const dl = manage.waitForEvent('download');
    await manage.click('#authority-download');
    const saved = join(h.dir, 'from-authority.pdf');
    await (await dl).saveAs(saved);
    expect(sha256(new Uint8Array(readFileSync(saved)))).toBe(final.sha256);
  });

  it('the copies page re-verifies with one click and hands a final copy to the portal', async () => {
    await portal.evaluate(() => {
      const input = document.querySelector('input[type=file][name=ban_sao_dien_tu]') as HTMLInputElement;
      input.value = '';
    });
    await manage.goto(h.b.url('extension/ui/manage/index.html#copies'));
    const row = manage.locator('#copies-table tr[data-cert-no="01"][data-status="final"]');
    await row.waitFor();
    await row.locator('.verify-copy-btn').click(); // one click, nothing else
    await row.locator('.verify-result[data-verdict="valid"]').waitFor({ timeout: 30_000 });

    await row.locator('.place-copy-load').click();
    await manage.waitForSelector('#place-confirm-box');
    await manage.click('#place-confirm');
    await row.locator('.place-status.ok').waitFor();
    const [final] = await idbAll<StoredCopy>(manage, 'copies');
    expect((await portalFile(portal))?.sha256).toBe(final.sha256);
    await clerkShot(manage, 'copies-one-click.png');
  });

  it('re-importing a certificate under the other role asks; "Cancel" keeps the first, "OK" moves it', async () => {
    const other = await createDemoIdentity(); // its root is not in this browser's trust lists
    const p12 = join(h.dir, 'khoa-khac.p12');
    writeFileSync(p12, other.authorityP12);
    await manage.goto(h.b.url('extension/ui/manage/index.html#keys'));
    const importAs = async (role: string, label: string) => {
      await manage.setInputFiles('#key-file', p12);
      await manage.fill('#key-password', other.password);
      await manage.selectOption('#key-role', role);
      await manage.fill('#key-label', label);
      await manage.click('#key-import');
    };
    await importAs('certifier', 'A khóa gốc lạ');
    await manage.waitForSelector('#keys-status.okbg');
    const row = manage.locator('#keys-table tr', { hasText: 'A khóa gốc lạ' });
    expect(await row.getAttribute('data-role')).toBe('certifier');
    // The keys page says which key does not chain to a trusted root (the DEMO pair's root is trusted).
    await row.locator('.key-untrusted').waitFor();
    expect(await row.locator('.key-untrusted').innerText()).toContain('Chưa tin cậy');
    expect(await manage.locator('#keys-table tr[data-trusted="true"]').count()).toBe(2);

    manage.removeAllListeners('dialog');
    let question = '';
    manage.once('dialog', (d) => {
      question = d.message();
      void d.dismiss();
    });
    await importAs('authority', 'A khóa gốc lạ');
    await manage.waitForSelector('#keys-status.bad');
    expect(question).toContain('đã có trong danh sách với vai trò Người thực hiện chứng thực');
    expect(await manage.locator('#keys-status').innerText()).toContain('không thay đổi gì');
    expect(await row.getAttribute('data-role')).toBe('certifier');
    await clerkShot(manage, 'keys-role-kept.png');

    manage.once('dialog', (d) => void d.accept());
    await importAs('authority', 'A khóa gốc lạ');
    await manage.waitForSelector('#keys-status.okbg');
    await manage.waitForSelector('#keys-table tr[data-role="authority"]:has-text("A khóa gốc lạ")');
    expect(await manage.locator('#keys-table tr', { hasText: 'A khóa gốc lạ' }).count()).toBe(1);
    manage.on('dialog', (d) => void d.accept());
  });

  it('a key chaining to an untrusted root is not preselected, and the page says why', async () => {
    // A second copy awaiting the authority; two authority keys: the DEMO one (trusted) and "A khóa gốc lạ" (not),
    // which sorts first by name.
    await panel.click('#new-copy');
    await fillAndConfirm(panel, { requester: 'Lê Văn Cường', docName: 'Học bạ', files: files.slice(0, 1) });
    await panel.click('#sign');
    await panel.waitForSelector('#copy-status[data-status="awaiting-authority"]', { timeout: 60_000 });

    const keys = await idbAll<{ id: string; label: string; role: string }>(manage, 'keys');
    const trusted = keys.find((k) => k.role === 'authority' && k.label.includes('(DEMO)'));
    const untrusted = keys.find((k) => k.label === 'A khóa gốc lạ');
    expect(trusted && untrusted).toBeTruthy();

    await manage.goto(h.b.url('extension/ui/manage/index.html#authority'));
    await manage.click('#authority-queue li[data-cert-no="02"] button.open-pending');
    await manage.waitForSelector('#authority-key');
    await manage.waitForSelector(`#untrusted-keys li[data-key="${untrusted?.id}"]`);
    expect(await manage.inputValue('#authority-key')).toBe(trusted?.id);
    const why = await manage.locator(`#untrusted-keys li[data-key="${untrusted?.id}"]`).innerText();
    expect(why).toContain('không được chọn sẵn');
    expect(why).toContain(DEMO_NAMES.root.commonName); // the root it stops at
    expect(await manage.locator(`#authority-key option[value="${untrusted?.id}"]`).innerText()).toContain('chưa tin cậy');
    await clerkShot(manage, 'authority-untrusted-key.png');

    // Chosen by hand, it is allowed, with the consequence spelled out.
    await manage.selectOption('#authority-key', untrusted?.id ?? '');
    expect(await manage.locator(`#untrusted-keys li[data-key="${untrusted?.id}"]`).innerText()).toContain('sẽ bị báo “không tin cậy”');
  });
});
