/** What the clerk's pages share: the database, the statement fonts, the reservation locks, the test hooks. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CertifyDeps } from '../../services/certify.js';
import { database } from '../../services/db.js';
import { copyFonts } from '../../services/fonts.js';
import { signingTimestamper } from '../../services/ltv.js';
import { webLocks } from '../../services/reservations.js';
import { fromExtension, parsePageEvent, type CertifyTarget } from '../../shared/messages.js';

export const locks = webLocks();

/**
 * Test hook (E2E): `localStorage['saoy.test.signDelayMs']` delays signing after the number is reserved, so a test
 * can close the panel mid-certification. localStorage of the extension's origin: no web page can set it.
 */
async function testDelay(): Promise<void> {
  const ms = Number(globalThis.localStorage?.getItem('saoy.test.signDelayMs') ?? 0);
  if (ms > 0) await new Promise((r) => setTimeout(r, Math.min(ms, 120_000)));
}

/** The level chosen in the settings decides whether signatures get timestamps (refused here when no TSA is set). */
export async function certifyDeps(): Promise<CertifyDeps> {
  const db = await database();
  return { db, fonts: copyFonts, locks, beforeSign: testDelay, timestamp: await signingTimestamper(db) };
}

export async function currentWindowId(): Promise<number | undefined> {
  try {
    return (await browser.windows.getCurrent()).id;
  } catch {
    return undefined;
  }
}

export async function fetchTarget(): Promise<CertifyTarget | null> {
  const windowId = await currentWindowId();
  const msg = windowId === undefined ? { type: 'certifyTarget' } : { type: 'certifyTarget', windowId };
  return ((await browser.runtime.sendMessage(msg).catch(() => null)) as CertifyTarget | null) ?? null;
}

export function manageUrl(route: string): string {
  return `${browser.runtime.getURL('extension/ui/manage/index.html')}#${route}`;
}

/** Opens the manage page on a route, in a new tab beside the panel. */
export async function openManage(route: 'book' | 'copies' | 'keys' | 'authority'): Promise<void> {
  await browser.tabs.create({ url: manageUrl(route) });
}

/**
 * The portal tab this window's clerk pressed Certify on (null when none), for pages outside the side panel (the
 * manage page's authority queue and copies): read again when the background says the target changed (the
 * clerk pressed Certify after this page was opened) and when the page is shown again.
 */
export function useCertifyTarget(): CertifyTarget | null {
  const [target, setTarget] = useState<CertifyTarget | null>(null);
  useEffect(() => {
    const load = () => void fetchTarget().then(setTarget);
    load();
    const onMessage = (msg: unknown, sender: { id?: string; tab?: { id?: number } }) => {
      if (fromExtension(sender, browser.runtime.id) && parsePageEvent(msg)) load();
      return undefined;
    };
    const onVisible = () => document.visibilityState === 'visible' && load();
    browser.runtime.onMessage.addListener(onMessage);
    window.addEventListener('focus', load);
    window.addEventListener('hashchange', load);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      window.removeEventListener('focus', load);
      window.removeEventListener('hashchange', load);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return target;
}
