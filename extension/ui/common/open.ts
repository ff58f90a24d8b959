/** Opening extension pages from extension pages. */
import browser from 'webextension-polyfill';

export function reportUrl(sha256: string): string {
  return `${browser.runtime.getURL('extension/ui/report/index.html')}#${sha256}`;
}

export async function openReport(sha256: string): Promise<void> {
  await browser.tabs.create({ url: reportUrl(sha256) });
}

export async function openVerifyPage(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('extension/ui/verify/index.html') });
}

export function notifyBackground(what: 'trust' | 'portals' | 'language'): Promise<unknown> {
  return browser.runtime.sendMessage({ type: 'settingsChanged', what }).catch(() => undefined);
}
