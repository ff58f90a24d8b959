// Background (service worker in Chrome, event page in Firefox): routes messages, fetches and verifies attachments.
import browser, { type Runtime } from 'webextension-polyfill';
import { syncPortalScripts } from './portal-scripts.js';
import { forgetTab, handleMessage, tabLoading } from './router.js';

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => handleMessage(msg, sender));
browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
// The tab's URL is there only for hosts the extension may access (no "tabs" permission): portals, not other sites.
browser.tabs.onUpdated.addListener((_tabId, change, tab) => {
  if (change.status === 'loading' && tab.url) void tabLoading(tab.url).catch(() => undefined);
});
browser.runtime.onInstalled.addListener(() => void syncPortalScripts().catch(() => undefined));
browser.runtime.onStartup.addListener(() => void syncPortalScripts().catch(() => undefined));
browser.permissions.onRemoved.addListener(() => void syncPortalScripts().catch(() => undefined));
