/**
 * Reads the badges as the user sees them. They live in closed shadow roots that no page script can open, so
 * this goes through the DevTools protocol (DOM.getDocument with pierce), which sees the whole composed tree.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface BadgeView {
  /** The href attribute of the link the badge sits beside, as written in the page. */
  href: string;
  /** pending | valid | invalid | indeterminate | unsigned | error */
  state: string;
  text: string;
  title: string;
  /** CDP node id of the badge's button (valid for `cdp` until the document changes). */
  buttonNodeId: number;
  /** False when the badge withdrew itself (its button is hidden: page hid, clipped or distorted it). */
  shown: boolean;
  /** The badge sits right after its link (the link is its previous sibling element). */
  adjacent: boolean;
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  nodeType: number;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

const attr = (n: CdpNode, name: string): string | undefined => {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
};

function text(n: CdpNode): string {
  if (n.nodeType === 3) return n.nodeValue ?? '';
  if (n.nodeName === 'STYLE') return '';
  return (n.children ?? []).map(text).join('');
}

function find(n: CdpNode, pred: (n: CdpNode) => boolean): CdpNode | undefined {
  if (pred(n)) return n;
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
    const f = find(c, pred);
    if (f) return f;
  }
  return undefined;
}

export async function readBadgesWith(cdp: CDPSession): Promise<BadgeView[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const out: BadgeView[] = [];
  const walk = (parent: CdpNode) => {
    const kids = parent.children ?? [];
    kids.forEach((n, i) => {
      if (n.nodeName === 'SAOY-BADGE') {
        const button = n.shadowRoots?.[0] && find(n.shadowRoots[0], (x) => x.nodeName === 'BUTTON');
        const link = kids.slice(0, i).reverse().find((x) => x.nodeName === 'A');
        out.push({
          href: (link && attr(link, 'href')) ?? '',
          state: (button && attr(button, 'data-state')) ?? '',
          text: button ? text(button).trim() : '',
          title: (button && attr(button, 'title')) ?? '',
          buttonNodeId: button?.nodeId ?? 0,
          shown: button !== undefined && attr(button, 'data-shown') !== 'false',
          adjacent: i > 0 && kids[i - 1] === link,
        });
      }
      walk(n);
    });
  };
  walk(root);
  return out;
}

export async function readBadges(page: Page): Promise<BadgeView[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await readBadgesWith(cdp);
  } finally {
    await cdp.detach();
  }
}

/** How many nodes of the composed tree (closed shadow roots included) match `selector`: DevTools' own search. */
async function countNodes(cdp: CDPSession, selector: string): Promise<number> {
  const { searchId, resultCount } = (await cdp.send('DOM.performSearch', { query: selector, includeUserAgentShadowDOM: false })) as { searchId: string; resultCount: number };
  await cdp.send('DOM.discardSearchResults', { searchId });
  return resultCount;
}

/**
 * Polls until `count` badges exist and none is pending; returns them and how long it took. Between full reads it
 * only counts badges and pending ones with DevTools' search: serialising the whole page every 50 ms cost the page
 * more CPU than the badges it was waiting for (benchmarks measured the watcher as much as the extension).
 */
export async function waitForBadges(page: Page, count: number, timeoutMs = 120_000): Promise<{ badges: BadgeView[]; ms: number }> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now();
  try {
    await cdp.send('DOM.getDocument', { depth: 0 });
    for (;;) {
      const settled = (await countNodes(cdp, 'saoy-badge')) >= count && (await countNodes(cdp, 'button[data-state=pending]')) === 0;
      if (!settled && Date.now() - start <= timeoutMs) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const badges = await readBadgesWith(cdp);
      if (badges.length >= count && badges.every((b) => b.state && b.state !== 'pending')) return { badges, ms: Date.now() - start };
      if (Date.now() - start > timeoutMs) throw new Error(`badges not settled after ${timeoutMs} ms: ${JSON.stringify(badges.map((b) => b.state))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await cdp.detach();
  }
}
