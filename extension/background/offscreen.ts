/**
 * Chrome's offscreen document: hosts the verification workers for the service worker (which cannot start
 * Workers itself). It answers only our own background (our id, no tab): content scripts can message extension
 * pages too, and must never reach this.
 */
import browser from 'webextension-polyfill';
import { fromExtension } from '../shared/messages.js';
import { checkAttachment, parseCheckJob, warmWorkers } from './verifier-host.js';

browser.runtime.onMessage.addListener((msg: unknown, sender: { id?: string; tab?: { id?: number }; url?: string }) => {
  if (!fromExtension(sender, browser.runtime.id)) return undefined;
  const job = parseCheckJob(msg);
  return job ? checkAttachment(job) : undefined;
});

// The document exists because checks are about to come: have the workers ready for them.
void warmWorkers();
