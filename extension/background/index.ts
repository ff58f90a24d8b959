// Background (service worker in Chrome, event page in Firefox): routes messages, fetches and verifies attachments.
import browser, { type Runtime } from 'webextension-polyfill';
import { syncPortalScripts } from './portal-scripts.js';
import { forgetTab, handleMessage } from './router.js';

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => handleMessage(msg, sender));
browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
browser.runtime.onInstalled.addListener(() => void syncPortalScripts().catch(() => undefined));
browser.runtime.onStartup.addListener(() => void syncPortalScripts().catch(() => undefined));
browser.permissions.onRemoved.addListener(() => void syncPortalScripts().catch(() => undefined));
