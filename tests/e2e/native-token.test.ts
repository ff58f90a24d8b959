/**
 * Chromium with the built extension and saoy's token host installed for that profile only
 * (`saoy native-host install --browser chromium --user-data-dir PROFILE`), a SoftHSM2 token with keys made on it:
 * the keys page finds the token, chooses its certificate, signs with the PIN; a wrong PIN shows the message and
 * the tries left; no token and no host each say how to fix it. The signing round trip (page → host → token →
 * back) is measured 20 times next to a `version` round trip (page → host → back) as the reference.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../demo-portal/browser.js';
import { CHROMIUM_EXTENSION_ID } from '../../extension/shared/native-protocol.js';
import { makeTestToken, type TestToken, TOKEN_TOOLS } from '../helpers/token.js';
import { assertTools, ensureCliBuilt, saoy, skipWithout } from '../helpers/tools.js';
import { assertChromium, ensureExtensionBuilt, EXT_DIR, SHOTS, shot, skipE2e } from './helpers.js';

const OPENSC = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';

describe.skipIf(skipE2e() || skipWithout(...TOKEN_TOOLS))('keys page signs with a USB token through the native host', () => {
  let token: TestToken;
  let profile: string;
  let b: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    assertChromium();
    assertTools(...TOKEN_TOOLS);
    ensureCliBuilt();
    ensureExtensionBuilt();
    mkdirSync(SHOTS, { recursive: true });
    token = await makeTestToken();
    // Chromium passes its environment to the host it starts: the host finds this test's token directory.
    process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
    profile = mkdtempSync(join(tmpdir(), 'saoy-token-profile-'));
    const r = saoy(['native-host', 'install', '--browser', 'chromium', '--user-data-dir', profile]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    b = await launchWithExtension({ extDir: EXT_DIR, profileDir: profile });
    page = await b.context.newPage();
    await page.goto(b.url('extension/ui/manage/index.html#keys'));
    await page.waitForSelector('#keys-token');
  });
  afterAll(async () => {
    await b?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    token?.remove();
  });

  const status = async (): Promise<{ text: string; code: string | null }> => {
    const el = page.locator('#token-status');
    await el.waitFor({ timeout: 30_000 });
    return { text: (await el.textContent()) ?? '', code: await el.getAttribute('data-code') };
  };
  const refreshWith = async (module: string) => {
    await page.fill('#token-module', module);
    await page.click('#token-refresh');
    await page.waitForFunction(() => !(document.querySelector('#token-refresh') as HTMLButtonElement).disabled);
  };
  const trySign = async (pin: string) => {
    await page.evaluate(() => document.querySelector('#token-status')?.remove());
    await page.fill('#token-pin', pin);
    await page.click('#token-try');
    await page.waitForFunction(() => !(document.querySelector('#token-try') as HTMLButtonElement).disabled && document.querySelector('#token-status'));
    return status();
  };

  it('the extension has the fixed ID the host manifest allows', () => {
    expect(b.extensionId).toBe(CHROMIUM_EXTENSION_ID);
  });

  it('finds the token, chooses the RSA certificate for the certifier, wrong PIN then right PIN', async () => {
    await refreshWith(token.module);
    const row = page.locator('#keys-token tr[data-key-id="01"]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('Nguyễn Văn Token (TEST)');
    await row.locator('.choose-certifier').click();
    await page.waitForFunction(() => document.querySelector('#token-choices')?.textContent?.includes('certifier-rsa'));

    const wrong = await trySign('000000');
    expect(wrong.code).toBe('PIN_INCORRECT');
    expect(wrong.text).toContain('Mã PIN không đúng.');
    // SoftHSM2 raises CKF_USER_PIN_COUNT_LOW after a wrong PIN: the page says tries are running out.
    expect(wrong.text).toContain('Còn ít lần thử trước khi token bị khóa.');
    expect(await page.inputValue('#token-pin')).toBe('');
    await shot(page, 'token-wrong-pin.png');

    const right = await trySign(token.pin);
    expect(right.code).toBeNull();
    expect(right.text).toMatch(/^Ký thử thành công \(\d+ ms\): chữ ký khớp với chứng thư số\.$/);
  });

  it('the ECDSA key for the authority signs too', async () => {
    await page.locator('#keys-token tr[data-key-id="02"] .choose-authority').click();
    await page.selectOption('#token-role', 'authority');
    const r = await trySign(token.pin);
    expect(r.text).toMatch(/^Ký thử thành công/);
  });

  it('latency: 20 signatures page → host → token → back, next to 20 version round trips', async () => {
    await page.selectOption('#token-role', 'certifier');
    const sign: number[] = [];
    for (let i = 0; i < 20; i++) sign.push(Number(/\((\d+) ms\)/.exec((await trySign(token.pin)).text)?.[1]));
    // The reference: the same connection set-up (a fresh host process) without the token.
    const version: number[] = await page.evaluate(async () => {
      type Port = { onMessage: { addListener(f: () => void): void }; onDisconnect: { addListener(f: () => void): void }; postMessage(m: unknown): void; disconnect(): void };
      const chrome = (globalThis as unknown as { chrome: { runtime: { connectNative(n: string): Port; lastError?: { message?: string } } } }).chrome;
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        await new Promise<void>((resolve, reject) => {
          const port = chrome.runtime.connectNative('vn.saoy.token');
          port.onMessage.addListener(() => {
            port.disconnect();
            resolve();
          });
          port.onDisconnect.addListener(() => reject(new Error(chrome.runtime.lastError?.message)));
          port.postMessage({ v: 1, id: 1, type: 'version' });
        });
        out.push(performance.now() - t0);
      }
      return out;
    });
    const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];
    expect(sign.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    const figure = { signMedianMs: median(sign), versionMedianMs: Math.round(median(version)), ratio: +(median(sign) / median(version)).toFixed(2), sign, version: version.map(Math.round) };
    writeFileSync(join(SHOTS, 'token-latency.json'), `${JSON.stringify(figure, null, 2)}\n`);
    console.log(`token signing latency: median ${figure.signMedianMs} ms (version round trip ${figure.versionMedianMs} ms, ratio ${figure.ratio})`);
  }, 300_000); // 40 fresh host processes: slow on a shared 2-core machine

  it('no token: the page says to plug it in', async () => {
    await refreshWith(OPENSC);
    const s = await status();
    expect(s.code).toBe('NO_TOKEN');
    expect(s.text).toBe('Chưa cắm token. Cắm token USB vào máy rồi bấm “Làm mới”.');
  });

  it('no host: the page says how to install it', async () => {
    const r = saoy(['native-host', 'uninstall', '--browser', 'chromium', '--user-data-dir', profile]);
    expect(r.status).toBe(0);
    await refreshWith(token.module);
    const s = await status();
    expect(s.code).toBe('HOST_MISSING');
    expect(s.text).toContain('saoy native-host install');
    await shot(page, 'token-no-host.png');
  });
});
