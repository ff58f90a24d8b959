/**
 * What the background itself verified for each tab, shown on the toolbar button and in the popup: a list the
 * page cannot fake or hide, whatever it does to its own DOM (file name, verdict, SHA-256 of the bytes checked).
 */
import browser from 'webextension-polyfill';
import type { TabFile, TabSummary, Verdict } from '../shared/messages.js';
import { fileNameOf } from './verify-attachment.js';

/** Per tab, per URL; a bound so a page cannot grow the background's memory without limit. */
const MAX_FILES_PER_TAB = 500;
const byTab = new Map<number, Map<string, TabFile>>();

export function resetTab(tabId: number): void {
  byTab.delete(tabId);
  void paint(tabId);
}

export function recordResult(tabId: number, url: string, verdict: Verdict, sha256?: string): void {
  let m = byTab.get(tabId);
  if (!m) byTab.set(tabId, (m = new Map()));
  if (!m.has(url) && m.size >= MAX_FILES_PER_TAB) return;
  m.set(url, { url, fileName: fileNameOf(url) ?? url, verdict, ...(sha256 ? { sha256 } : {}) });
  void paint(tabId);
}

export function tabSummary(tabId: number): TabSummary | null {
  const m = byTab.get(tabId);
  if (!m) return null;
  const counts: Record<Verdict, number> = { valid: 0, invalid: 0, indeterminate: 0, unsigned: 0, error: 0 };
  for (const f of m.values()) counts[f.verdict]++;
  return { total: m.size, counts, files: [...m.values()] };
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
