/**
 * Which built-in trust lists are on (a setting), changed together with the trust generation in one transaction
 * so no cached verdict outlives the trust it was made with; and the lists the extension verifies with.
 */
import { loadBuiltinCertificates, type BuiltinListId } from '../pki/trust-builtin.js';
import { builtinTrustLists, type TrustList } from '../pki/trust-lists.js';
import type { SaoyDatabase, TrustAnchorRecord } from './db.js';
import { DEFAULT_SETTINGS, getSetting } from './settings.js';

export async function enabledBuiltinLists(db: SaoyDatabase): Promise<string[]> {
  return getSetting(db, 'builtinTrustLists');
}

export async function setBuiltinListEnabled(db: SaoyDatabase, id: BuiltinListId, on: boolean): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  const store = tx.objectStore('settings');
  const cur = (await store.get('builtinTrustLists'))?.value;
  const list = Array.isArray(cur) ? (cur as string[]) : [...DEFAULT_SETTINGS.builtinTrustLists];
  const next = on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
  if (next.length !== list.length || next.some((x, i) => x !== list[i])) {
    await store.put({ key: 'builtinTrustLists', value: next });
    const gen = (await store.get('trustGeneration'))?.value;
    await store.put({ key: 'trustGeneration', value: (typeof gen === 'number' ? gen : DEFAULT_SETTINGS.trustGeneration) + 1 });
  }
  await tx.done;
}

/**
 * Everything the extension trusts, as named lists: the built-in lists that are on, the demo list (only what the user
 * put in it), and the user's own anchors (list "user", whatever category they were filed under).
 */
export async function extensionTrustLists(enabled: readonly string[], imported: readonly TrustAnchorRecord[]): Promise<TrustList[]> {
  const builtin = builtinTrustLists(await loadBuiltinCertificates(), enabled);
  return [
    ...builtin,
    { id: 'demo', anchors: imported.filter((a) => a.list === 'demo').map((a) => a.der) },
    { id: 'user', anchors: imported.filter((a) => a.list !== 'demo').map((a) => a.der) },
  ];
}
