/** The built-in trust list switches (options page), kept in the extension's IndexedDB settings. */
import type { BuiltinListId } from '../../core/pki/trust-builtin.js';
import { enabledBuiltinLists, setBuiltinListEnabled } from '../../core/store/builtin-trust.js';
import { database } from './db.js';

export async function builtinListsEnabled(): Promise<string[]> {
  return enabledBuiltinLists(await database());
}

export async function setBuiltinList(id: BuiltinListId, on: boolean): Promise<void> {
  await setBuiltinListEnabled(await database(), id, on);
}
