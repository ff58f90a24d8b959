// Background service worker: the message router lives here. Later issues add verify/certify queues.
import browser from 'webextension-polyfill';

browser.runtime.onInstalled.addListener(() => {
  // Nothing to migrate yet; the IndexedDB schema arrives with the store.
});
