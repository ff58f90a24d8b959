/** Choosing a key to sign with: only keys that chain to a trusted root are chosen by default. */
import type { KeyTrust } from '../../../core/certify/key-trust.js';
import type { KeyInfo } from '../../../core/store/keys.js';
import { defaultKeyId } from '../common/key-status.js';

export { trustOfKeys } from '../../services/key-trust.js';
export type { KeyTrust };

/** The key chosen by default: usable today and chaining to a trusted root; none when no key qualifies. */
export function preferredKeyId(keys: readonly KeyInfo[], trust: ReadonlyMap<string, KeyTrust>, preferredId: string): string {
  return defaultKeyId(keys.filter((k) => trust.get(k.id)?.trusted === true), preferredId);
}
