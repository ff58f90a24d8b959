import type { KeyInfo } from '../../../core/store/keys.js';
import { t } from '../common/i18n.js';
import type { KeyTrust } from './key-trust.js';

/**
 * Why a key is not chosen by default (or, once the clerk chose it, what will happen): its certificate does not
 * chain to a root in the trust lists, so every verifier with those lists reports the copy as not trusted.
 */
export function UntrustedKeys({ keys, trust, selected }: { keys: readonly KeyInfo[]; trust: ReadonlyMap<string, KeyTrust>; selected: string }) {
  const bad = keys.filter((k) => trust.get(k.id)?.trusted === false);
  if (bad.length === 0) return null;
  return (
    <ul class="note warn untrusted-keys" id="untrusted-keys">
      {bad.map((k) => {
        const tr = trust.get(k.id);
        const issuer = tr?.untrustedIssuer ?? '?';
        return (
          <li data-key={k.id} data-selected={String(k.id === selected)}>
            {k.id === selected
              ? t('key_untrusted_selected', k.label, issuer)
              : t(tr?.problem === 'BAD_SIGNATURE' ? 'key_untrusted_bad_chain' : 'key_untrusted_not_chosen', k.label, issuer)}
          </li>
        );
      })}
    </ul>
  );
}
