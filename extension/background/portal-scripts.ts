/**
 * Content scripts for portals the user added are registered at run time, only for origins whose optional host
 * permission is granted; the local demo portal's script is declared in the manifest.
 */
import browser from 'webextension-polyfill';
import { getSetting } from '../../core/store/settings.js';
import type { PortalAdapter } from '../../core/store/portals.js';
import { database } from '../services/db.js';
import { CONTENT_SCRIPT_FILE } from '../shared/adapters.js';

const PREFIX = 'portal-';

export async function userPortals(): Promise<PortalAdapter[]> {
  return getSetting(await database(), 'portals');
}

export async function syncPortalScripts(): Promise<void> {
  const registered = await browser.scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => s.id.startsWith(PREFIX)).map((s) => s.id);
  if (ours.length) await browser.scripting.unregisterContentScripts({ ids: ours });
  const scripts = [];
  for (const p of await userPortals()) {
    if (!(await browser.permissions.contains({ origins: p.matches }))) continue;
    scripts.push({ id: PREFIX + p.id, matches: p.matches, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle' as const });
  }
  if (scripts.length) await browser.scripting.registerContentScripts(scripts);
}
