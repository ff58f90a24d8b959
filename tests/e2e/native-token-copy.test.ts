/**
 * A copy signed in the side panel with a key on a USB token (SoftHSM2) through the native host installed for this
 * Chromium profile: the keys page chooses the token certificate for the certifier, the panel asks the PIN in its
 * own dialog — a wrong PIN is answered there (message + tries left) before any book number is taken — and the
 * signed copy verifies with pdfsig.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestToken, type TestToken, TOKEN_TOOLS } from '../helpers/token.js';
import { assertTools, ensureCliBuilt, run, saoy, skipWithout } from '../helpers/tools.js';
import { clerkShot, fillAndConfirm, idbAll, openManage, openPanelTab, setUpClerk, type StoredCopy, writeOriginalPages } from './clerk-helpers.js';
import { type Harness, skipE2e, startHarness } from './helpers.js';

describe.skipIf(skipE2e() || skipWithout(...TOKEN_TOOLS, 'pdfsig'))('side panel signs a copy with a token key', () => {
  let token: TestToken;
  let profile: string;
  let h: Harness;
  let panel: Page;

  beforeAll(async () => {
    assertTools(...TOKEN_TOOLS, 'pdfsig');
    ensureCliBuilt();
    token = await makeTestToken();
    process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
    profile = mkdtempSync(join(tmpdir(), 'saoy-token-copy-profile-'));
    expect(saoy(['native-host', 'install', '--browser', 'chromium', '--user-data-dir', profile, '--module', token.module]).status).toBe(0);
    h = await startHarness({ profileDir: profile });
    await setUpClerk(h);
    const keys = await openManage(h, 'keys');
    await keys.click('#token-refresh');
    await keys.locator('#keys-token tr[data-key-id="01"] .choose-certifier').click({ timeout: 30_000 });
    await keys.waitForFunction(() => document.querySelector('#token-choices')?.textContent?.includes('certifier-rsa'));
    await keys.locator('#keys-token tr[data-key-id="02"] .choose-authority').click();
    await keys.waitForFunction(() => document.querySelector('#token-choices')?.textContent?.includes('certifier-ec'));
    panel = await openPanelTab(h);
  });
  afterAll(async () => {
    await h?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    token?.remove();
  });

  it('wrong PIN is answered in the dialog with the tries left, then the right PIN signs; the copy verifies', async () => {
    await panel.waitForSelector('#certifier-key option[value="token:certifier"]', { state: 'attached', timeout: 30_000 });
    await panel.selectOption('#certifier-key', 'token:certifier');
    await fillAndConfirm(panel, { requester: 'Lê Văn Khách', docName: 'Giấy khai sinh', files: writeOriginalPages(h.dir) });
    expect(await panel.locator('#confirm-statement').innerText()).toContain('Nguyễn Văn Token (TEST)');
    await panel.click('#sign');

    await panel.waitForSelector('#token-pin-dialog', { timeout: 30_000 });
    await panel.fill('#token-pin-input', '000000');
    await panel.click('#token-pin-ok');
    await panel.waitForSelector('#token-pin-error', { timeout: 30_000 });
    const error = await panel.locator('#token-pin-error').innerText();
    expect(error).toContain('Mã PIN không đúng.');
    expect(error).toContain('Còn ít lần thử trước khi token bị khóa.');
    await clerkShot(panel, 'token-pin-wrong.png');
    // No number was taken for the failed try.
    expect(await idbAll(panel, 'bookEntries')).toEqual([]);

    await panel.fill('#token-pin-input', token.pin);
    await panel.click('#token-pin-ok');
    await panel.waitForSelector('#copy-status[data-status="awaiting-authority"]', { timeout: 60_000 });
    const [copy] = await idbAll<StoredCopy>(panel, 'copies');
    const file = join(h.dir, 'token-copy.pdf');
    writeFileSync(file, copy.pdf);
    const r = run('pdfsig', [file]);
    expect(r.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(r.stdout).toContain('Nguyễn Văn Token (TEST)');
    // One number in the book (the ledger holds its reservation and its completion), none cancelled.
    const entries = await idbAll<Record<string, unknown>>(panel, 'bookEntries');
    expect(new Set(entries.map((e) => e.number)).size, JSON.stringify(entries)).toBe(1);
    expect(JSON.stringify(entries)).not.toMatch(/cancel/i);
  });

  it('the authority signs from its queue with the ECDSA token key: the final copy has two valid signatures', async () => {
    await panel.click('#tab-authority');
    await panel.click('#authority-queue li[data-cert-no="01"] button.open-pending', { timeout: 30_000 });
    await panel.waitForSelector('#authority-key option[value="token:authority"]', { state: 'attached', timeout: 30_000 });
    await panel.selectOption('#authority-key', 'token:authority');
    await panel.click('#authority-next');
    await panel.click('#authority-sign');
    await panel.waitForSelector('#token-pin-dialog', { timeout: 30_000 });
    await panel.fill('#token-pin-input', token.pin);
    await panel.click('#token-pin-ok');
    await panel.waitForSelector('#authority-done[data-status="final"]', { timeout: 60_000 });
    const [copy] = await idbAll<StoredCopy>(panel, 'copies');
    const file = join(h.dir, 'token-final.pdf');
    writeFileSync(file, copy.pdf);
    const sigs = run('pdfsig', [file]).stdout.split(/^Signature #\d+:/m).slice(1);
    expect(sigs).toHaveLength(2);
    for (const s of sigs) expect(s).toContain('Signature Validation: Signature is Valid.');
    expect(sigs[1]).toContain('Trần Thị Token (TEST)');
  });
});
