/**
 * Attack 2 of issue 12 ("a genuine badge can be moved"), in real Chromium with the built extension: a hostile
 * portal page (its own loopback server, registered as a portal) moves the valid file's real badge next to a
 * tampered link and hides the tampered link's badge in a display:none box, recolours a badge with a filter,
 * clips one with its parent's overflow and sends a link away from its badge. Whatever it does, a badge that is
 * shown stands right after the link it verified and names that file; the popup lists every file with its
 * verdict and SHA-256. Before the fix, the moved "Hợp lệ" badge stayed next to the tampered link.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDemoPortal } from '../../demo-portal/browser.js';
import { readBadges, waitForBadges, type BadgeView } from '../../demo-portal/badges.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';
import { shot, skipE2e, startHarness, type Harness } from './helpers.js';

const FILES = { good: 'hop-le.pdf', bad: 'bi-sua.pdf', other: 'hop-le-2.pdf', clip: 'bi-cat.pdf' } as const;

describe.skipIf(skipE2e())('a hostile page cannot make a badge vouch for a link it did not verify', () => {
  let h: Harness;
  let hostile: HostileServer;
  let page: Page;
  const body = (name: string) => h.fx.files.get(`/files/${name}`)?.body as Uint8Array;
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

  /** Every badge the user can see stands right after its link and names its file. */
  const assertBound = (badges: BadgeView[]) => {
    for (const b of badges.filter((x) => x.shown)) {
      expect(b.adjacent, `${b.text} is not beside its link`).toBe(true);
      const file = b.href.split('/').pop() as string;
      if (b.state !== 'error' && b.state !== 'pending') expect(b.text, b.href).toContain(file);
    }
  };
  const settle = async () => {
    await page.waitForTimeout(1500);
    const badges = await readBadges(page);
    assertBound(badges);
    return badges;
  };
  const badgeOf = (badges: BadgeView[], name: string) => badges.filter((b) => b.href.endsWith(`/${name}`));

  beforeAll(async () => {
    h = await startHarness();
    hostile = await startHostileServer();
    hostile.route(`/files/${FILES.good}`, { pdf: body('ban-sao-bang-tot-nghiep-15.pdf') });
    hostile.route(`/files/${FILES.other}`, { pdf: body('ban-sao-giay-khai-sinh-16.pdf') });
    hostile.route(`/files/${FILES.bad}`, { pdf: body('ban-sao-can-cuoc-18.pdf') });
    hostile.route(`/files/${FILES.clip}`, { pdf: body('ban-sao-bang-diem-17.pdf') });
    hostile.route('/', {
      html: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hồ sơ</title></head><body style="font:15px system-ui;margin:20px">
<div class="dvc-ho-so"><p id="p-good"><a class="tep-dinh-kem" href="/files/${FILES.good}">${FILES.good}</a></p>
<p id="p-bad"><a class="tep-dinh-kem" href="/files/${FILES.bad}">${FILES.bad}</a></p>
<p id="p-other"><a class="tep-dinh-kem" href="/files/${FILES.other}">${FILES.other}</a></p>
<p id="p-clip"><a class="tep-dinh-kem" href="/files/${FILES.clip}">${FILES.clip}</a></p><div id="trash" style="display:none"></div></div></body></html>`,
    });
    await addDemoPortal(h.b, hostile.origin);
    page = await h.b.context.newPage();
    await page.goto(`${hostile.origin}/`);
    const { badges } = await waitForBadges(page, 4, 60_000);
    expect(badgeOf(badges, FILES.good)[0].state).toBe('valid');
    expect(badgeOf(badges, FILES.bad)[0].state).toBe('invalid');
  });
  afterAll(async () => {
    await h?.close();
    await hostile?.close();
  });

  it('names the verified file on the badge', async () => {
    const badges = await readBadges(page);
    expect(badgeOf(badges, FILES.good)[0].text).toBe(`Hợp lệ · ${FILES.good}`);
    expect(badgeOf(badges, FILES.bad)[0].text).toBe(`Không hợp lệ · ${FILES.bad}`);
  });

  it('the valid badge moved next to the tampered link goes back; the hidden tampered badge comes back beside its link', async () => {
    await page.evaluate(() => {
      const [good, bad] = [document.querySelector('#p-good saoy-badge'), document.querySelector('#p-bad a')] as [Element, Element];
      const badBadge = document.querySelector('#p-bad saoy-badge') as Element;
      document.getElementById('trash')?.append(badBadge);
      bad.after(good);
    });
    const badges = await settle();
    const next = await page.evaluate(() => {
      const n = (sel: string) => document.querySelector(sel)?.nextElementSibling?.tagName ?? '';
      return { good: n('#p-good a'), bad: n('#p-bad a'), trash: document.getElementById('trash')?.childElementCount };
    });
    expect(next).toEqual({ good: 'SAOY-BADGE', bad: 'SAOY-BADGE', trash: 0 });
    expect(badgeOf(badges, FILES.bad).map((b) => [b.state, b.shown])).toEqual([['invalid', true]]);
    await shot(page, 'attack-badges-moved.png');
  });

  it('a recoloured (filter) or clipped badge withdraws itself; so does one whose link is sent away or hidden', async () => {
    await page.evaluate(() => {
      (document.getElementById('p-bad') as HTMLElement).style.filter = 'hue-rotate(240deg) saturate(3)';
      const clip = document.getElementById('p-clip') as HTMLElement;
      clip.style.cssText = 'overflow:hidden;white-space:nowrap;width:' + ((clip.querySelector('a') as HTMLElement).offsetWidth + 30) + 'px';
      const other = document.querySelector('#p-other a') as HTMLElement;
      other.style.cssText = 'position:absolute;left:700px;top:20px';
    });
    let badges = await settle();
    expect(badgeOf(badges, FILES.bad)[0].shown).toBe(false);
    expect(badgeOf(badges, FILES.clip)[0].shown).toBe(false);
    expect(badgeOf(badges, FILES.other)[0].shown).toBe(false);
    await shot(page, 'attack-badges-withdrawn.png');
    // The page puts things back: the badges show again.
    await page.evaluate(() => {
      for (const id of ['p-bad', 'p-clip']) (document.getElementById(id) as HTMLElement).style.cssText = '';
      (document.querySelector('#p-other a') as HTMLElement).style.cssText = '';
      (document.querySelector('#p-good a') as HTMLElement).style.display = 'none';
    });
    badges = await settle();
    expect(badgeOf(badges, FILES.bad)[0].shown).toBe(true);
    expect(badgeOf(badges, FILES.clip)[0].shown).toBe(true);
    expect(badgeOf(badges, FILES.good)[0].shown).toBe(false);
  });

  it('a badge removed by the page comes back', async () => {
    await page.evaluate(() => document.querySelector('#p-other saoy-badge')?.remove());
    const badges = await settle();
    expect(badgeOf(badges, FILES.other).map((b) => [b.state, b.shown])).toEqual([['valid', true]]);
  });

  it('the popup lists every attachment of the tab with file name, verdict and SHA-256, and says the page cannot touch it', async () => {
    const tabId = await h.b.worker.evaluate(async (url) => {
      const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } } }).chrome;
      return (await c.tabs.query({})).find((t) => t.url === url)?.id;
    }, `${hostile.origin}/`);
    const popup = await h.b.context.newPage();
    await popup.goto(h.b.url(`extension/ui/popup/index.html#tab=${tabId}`));
    await popup.waitForSelector('#tab-files li');
    const rows = await popup.$$eval('#tab-files li', (lis) => lis.map((li) => ({ name: li.querySelector('.file-name')?.textContent, verdict: li.getAttribute('data-verdict'), sha: li.getAttribute('data-sha256') })));
    expect(rows.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      [
        { name: FILES.bad, verdict: 'invalid', sha: sha(body('ban-sao-can-cuoc-18.pdf')) },
        { name: FILES.clip, verdict: 'invalid', sha: sha(body('ban-sao-bang-diem-17.pdf')) },
        { name: FILES.good, verdict: 'valid', sha: sha(body('ban-sao-bang-tot-nghiep-15.pdf')) },
        { name: FILES.other, verdict: 'valid', sha: sha(body('ban-sao-giay-khai-sinh-16.pdf')) },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(await popup.locator('#tab-untouchable').innerText()).toContain('trang web không thể sửa');
    await shot(popup, 'attack-badges-popup.png');
  });
});
