/**
 * Attack 1 of issue 12 ("clickjacked delivery"), in real Chromium with the built extension. A hostile page on
 * another port of the portal's host copies the processing page and its title and hides the Certify place in
 * an opacity:0 box over a lure; on the real portal, a hostile script does the same to our action. One real
 * click on the lure must not make the page the certify target (so no copy can ever be handed to it). Before
 * the fix, the look-alike on another port got the Certify action and the click recorded it as the target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHostileServer, type HostileServer } from './hostile-server.js';
import { PANEL } from './clerk-helpers.js';
import { shot, skipE2e, startHarness, type Harness } from './helpers.js';

const PROCESS = '/xu-ly/HS-2026-000124';

/** Hides `.hanh-dong` (where the adapter puts Certify) in a box laid exactly over a lure button. */
const LURE_CSS = (hide: string) => `
  #lure{position:absolute;left:40px;top:120px;width:260px;height:60px;font:20px system-ui;z-index:1}
  .dvc-xu-ly .hanh-dong{position:absolute!important;left:40px;top:120px;z-index:2;${hide}}`;

describe.skipIf(skipE2e())('a clickjacking page cannot become the target of a certified copy', () => {
  let h: Harness;
  let hostile: HostileServer;
  let ext: Page;
  const target = () => ext.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'certifyTarget' }));

  /** The clerk's one real click, on the lure (where the hidden action sits). */
  const clickLure = async (page: Page) => {
    // Where the hidden action is (if the page got one), else the lure's middle: the clerk aims at the lure.
    const action = (await page.locator('saoy-certify').count()) ? await page.locator('saoy-certify').boundingBox() : null;
    const lure = await page.locator('#lure').boundingBox();
    const box = action ?? lure;
    if (!box || !lure) throw new Error('no lure');
    const x = box.x + Math.min(30, box.width / 2);
    const y = box.y + box.height / 2;
    // The click lands inside the lure's box: the clerk believes they press it.
    expect(x >= lure.x && x <= lure.x + lure.width && y >= lure.y && y <= lure.y + lure.height).toBe(true);
    await page.mouse.click(x, y);
    await page.waitForTimeout(1200);
  };

  beforeAll(async () => {
    h = await startHarness();
    hostile = await startHostileServer();
    ext = await h.b.context.newPage();
    await ext.goto(h.b.url('extension/ui/options/index.html'));
  });
  afterAll(async () => {
    await h?.close();
    await hostile?.close();
  });

  it('a copy of the portal page on another port gets no Certify action; the click records nothing', async () => {
    const real = await (await fetch(`${h.server.origin}${PROCESS}`)).text();
    hostile.route(PROCESS, { html: real.replace('</head>', `<style>${LURE_CSS('opacity:0')}</style></head>`).replace('<main>', '<main><button id="lure">Nhận quà tặng</button>') });
    const page = await h.b.context.newPage();
    await page.goto(`${hostile.origin}${PROCESS}`);
    expect(await page.title()).toBe(/<title>([^<]*)<\/title>/.exec(real)?.[1]?.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))));
    await page.waitForTimeout(1500);
    expect(await page.locator('saoy-certify').count()).toBe(0);
    await clickLure(page);
    expect(await target()).toBeNull();
    await shot(page, 'attack-clickjack-other-port.png');
    await page.close();
  });

  describe('on the real portal, a hostile script hides our action over a lure', () => {
    let page: Page;
    beforeAll(async () => {
      page = await h.b.context.newPage();
      await page.goto(`${h.server.origin}${PROCESS}`);
      await page.locator('saoy-certify').waitFor();
      await page.evaluate(() => {
        const lure = document.createElement('button');
        lure.id = 'lure';
        lure.textContent = 'Nhận quà tặng';
        document.body.prepend(lure);
        const s = document.createElement('style');
        s.id = 'hide';
        document.head.append(s);
      });
    });

    for (const [name, hide] of [
      ['opacity 0', 'opacity:0'],
      ['opacity .05', 'opacity:.05'],
      ['a filter', 'filter:opacity(0)'],
      ['a lure drawn on top (pointer-events: none)', ''],
    ] as const) {
      it(`refuses the click through ${name}`, async () => {
        await page.evaluate(
          ([css, over]) => {
            (document.getElementById('hide') as HTMLStyleElement).textContent = css + (over ? '#lure{z-index:3!important;pointer-events:none}' : '');
          },
          [LURE_CSS(hide), hide === ''] as const,
        );
        await page.waitForTimeout(400); // IntersectionObserver v2 reports visibility at most every 100 ms
        await clickLure(page);
        expect(await target()).toBeNull();
      });
    }

    it('the clerk\'s click on the action shown plainly works, and the panel shows the full origin and the portal', async () => {
      await page.evaluate(() => document.getElementById('hide')?.remove());
      await page.waitForTimeout(400);
      const box = await page.locator('saoy-certify').boundingBox();
      if (!box) throw new Error('no action');
      await page.mouse.click(box.x + 30, box.y + box.height / 2); // on the button (the host also holds its status line)
      await expect.poll(async () => ((await target()) as { origin?: string } | null)?.origin).toBe(h.server.origin);
      expect(((await target()) as { portal?: string }).portal).toBe('Cổng dịch vụ công DEMO');
      const panel = await h.b.context.newPage();
      await panel.goto(h.b.url(PANEL));
      await panel.waitForSelector('#target-origin');
      expect(await panel.locator('#target-origin dd[data-field="origin"]').innerText()).toBe(h.server.origin);
      expect(await panel.locator('#target-origin dd[data-field="portal"]').innerText()).toBe('Cổng dịch vụ công DEMO');
      await shot(panel, 'attack-clickjack-panel-target.png');
    });
  });
});
