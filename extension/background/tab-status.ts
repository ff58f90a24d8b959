/**
 * What the background itself verified for each tab, shown on the toolbar button and in the popup: a summary
 * the page cannot fake, whatever it does to its own DOM.
 */
import browser from 'webextension-polyfill';
import type { TabSummary, Verdict } from '../shared/messages.js';

const byTab = new Map<number, Map<string, Verdict>>();

export function resetTab(tabId: number): void {
  byTab.delete(tabId);
  void paint(tabId);
}

export function recordResult(tabId: number, url: string, verdict: Verdict): void {
  let m = byTab.get(tabId);
  if (!m) byTab.set(tabId, (m = new Map()));
  m.set(url, verdict);
  void paint(tabId);
}

export function tabSummary(tabId: number): TabSummary | null {
  const m = byTab.get(tabId);
  if (!m) return null;
  const counts: Record<Verdict, number> = { valid: 0, invalid: 0, indeterminate: 0, unsigned: 0, error: 0 };
  for (const v of m.values()) counts[v]++;
  return { total: m.size, counts };
}

async function paint(tabId: number): Promise<void> {
  const s = tabSummary(tabId);
  const colour = !s ? '#5f6368' : s.counts.invalid ? '#d93025' : s.counts.error || s.counts.indeterminate ? '#b06000' : s.counts.unsigned ? '#5f6368' : '#188038';
  try {
    await browser.action.setBadgeText({ tabId, text: s ? String(s.total) : '' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: colour });
  } catch {
    // The tab may be gone; nothing to paint.
  }
}
