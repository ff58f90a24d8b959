/** The clerk's stored keys against the extension's trust lists (core/certify/key-trust.ts), per key id. */
import { keyChainTrust, type KeyTrust } from '../../core/certify/key-trust.js';
import { getKey, type KeyInfo } from '../../core/store/keys.js';
import { database } from './db.js';
import { currentTrust } from './verify.js';

export type { KeyTrust };

export async function trustOfKeys(keys: readonly KeyInfo[]): Promise<Map<string, KeyTrust>> {
  const db = await database();
  const { lists } = await currentTrust();
  const out = new Map<string, KeyTrust>();
  for (const k of keys) {
    const rec = await getKey(db, k.id);
    out.set(k.id, rec ? await keyChainTrust(rec.certificates, lists) : { trusted: false, problem: 'NO_CHAIN' });
  }
  return out;
}
