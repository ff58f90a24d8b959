/**
 * Where the background runs an attachment check: in Firefox's event page directly (it can start Workers), in
 * Chrome in the offscreen document (created on first use, reason WORKERS).
 */
import browser from 'webextension-polyfill';
import type { BadgeResult } from '../shared/messages.js';
import { checkAttachment, warmWorkers, type CheckJob } from './verifier-host.js';

export const OFFSCREEN_PATH = 'extension/background/offscreen.html';

interface ChromeOffscreen {
  offscreen?: { createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void> };
  runtime: { getContexts?(f: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]> };
}

let creating: Promise<void> | undefined;

/**
 * One creation at a time, and a second call that read "no document yet" just before the first one finished must not
 * create again: Chrome allows a single offscreen document and throws on a second createDocument, which made the
 * first badge of a fresh profile read "internal error" (the hello's warm-up and the first check raced).
 */
async function ensureOffscreen(c: ChromeOffscreen): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  if (creating) return creating;
  const existing = (await c.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] })) ?? [];
  if (existing.length) return;
  creating ??= (c.offscreen as NonNullable<ChromeOffscreen['offscreen']>)
    .createDocument({ url: OFFSCREEN_PATH, reasons: ['WORKERS'], justification: 'Verify untrusted PDFs in workers that can be stopped at a time limit' })
    .catch(async (e: unknown) => {
      // Created meanwhile by another call: that is what we wanted.
      const now = (await c.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] })) ?? [];
      if (!now.length) throw e;
    })
    .finally(() => (creating = undefined));
  await creating;
}

/** Starts the verifier (offscreen document and its workers) before the first check needs it. */
export async function warmVerifier(): Promise<void> {
  if (typeof Worker !== 'undefined') return warmWorkers();
  await ensureOffscreen((globalThis as unknown as { chrome: ChromeOffscreen }).chrome);
}

/** `tab`: whose check it is (workers are shared fairly between tabs). */
export async function runCheck(url: string, credentials: boolean, tab: string): Promise<BadgeResult> {
  const job: CheckJob = { type: 'offscreenCheck', url, credentials, tab };
  if (typeof Worker !== 'undefined') return checkAttachment(job);
  const c = (globalThis as unknown as { chrome: ChromeOffscreen }).chrome;
  await ensureOffscreen(c);
  return (await browser.runtime.sendMessage(job)) as BadgeResult;
}
