/** The clerk's keys against the extension's trust lists (key-trust.ts in core), for choosing a key to sign with. */
import { keyChainTrust, type KeyTrust } from '../../../core/certify/key-trust.js';
import { getKey, type KeyInfo } from '../../../core/store/keys.js';
import { database } from '../../services/db.js';
import { currentTrust } from '../../services/verify.js';
import { defaultKeyId } from '../common/key-status.js';

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

/** The key chosen by default: usable today and chaining to a trusted root; none when no key qualifies. */
export function preferredKeyId(keys: readonly KeyInfo[], trust: ReadonlyMap<string, KeyTrust>, preferredId: string): string {
  return defaultKeyId(keys.filter((k) => trust.get(k.id)?.trusted === true), preferredId);
}
