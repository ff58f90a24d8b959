/**
 * The built-in trust lists (VGCA, NEAC, NEAC TSA, legacy): each anchor with its subject, validity and full SHA-256,
 * and a switch per list. Turning a list off or on bumps the trust generation, so cached verdicts are re-checked.
 */
import { useEffect, useState } from 'preact/hooks';
import { isSaoyError } from '../../../core/errors.js';
import { BUILTIN_LISTS, loadBuiltinCertificates, type BuiltinListId, type LoadedBuiltinCertificate } from '../../../core/pki/trust-builtin.js';
import { builtinListsEnabled, setBuiltinList } from '../../services/builtin-trust.js';
import { database } from '../../services/db.js';
import { date, groupedHex } from '../common/format.js';
import { lang, t } from '../common/i18n.js';
import { notifyBackground } from '../common/open.js';
import { readDistinguishedNameText } from './dn.js';

export function BuiltinTrustSection() {
  const [certs, setCerts] = useState<LoadedBuiltinCertificate[]>();
  const [enabled, setEnabled] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    void (async () => {
      setEnabled(await builtinListsEnabled());
      try {
        setCerts(await loadBuiltinCertificates());
      } catch (e) {
        setError(isSaoyError(e) ? (lang() === 'vi' ? e.vi : e.message) : String(e));
      }
    })();
  }, []);

  const toggle = async (id: BuiltinListId, on: boolean) => {
    await setBuiltinList(id, on);
    setEnabled(await builtinListsEnabled());
    await notifyBackground('trust');
  };

  return (
    <section class="card" id="builtin-trust">
      <h2>{t('builtin_title')}</h2>
      <p class="muted">{t('builtin_intro')}</p>
      {error && <p class="note bad" role="alert">{error}</p>}
      {BUILTIN_LISTS.map((l) => {
        const on = enabled.includes(l.id);
        const mine = certs?.filter((c) => c.list === l.id) ?? [];
        const anchors = mine.filter((c) => c.role === 'anchor');
        const helpers = mine.filter((c) => c.role === 'intermediate');
        return (
          <div class="builtin-list" data-list={l.id} data-enabled={String(on)}>
            <label class="builtin-toggle">
              <input type="checkbox" checked={on} onChange={(e) => void toggle(l.id, e.currentTarget.checked)} />
              <strong>{lang() === 'vi' ? l.vi : l.en}</strong>
              <span class="muted small"> — {lang() === 'vi' ? l.signerVi : l.signerEn}</span>
            </label>
            {l.unofficial && <p class="note warn small">{t('builtin_unofficial')}</p>}
            {l.purpose === 'timestamping' && <p class="muted small">{t('builtin_tsa_only')}</p>}
            <table class="list builtin-anchors">
              <thead>
                <tr>
                  <th>{t('trust_col_subject')}</th>
                  <th>{t('builtin_col_validity')}</th>
                  <th>SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {anchors.map((c) => (
                  <tr data-sha256={c.sha256}>
                    <td>
                      <div class="anchor-name">{readDistinguishedNameText(c.subject)}</div>
                      <div class="muted small mono">{c.subject}</div>
                    </td>
                    <td>
                      {date(c.notBefore)} – {date(c.notAfter)}
                    </td>
                    <td class="mono small sha">{groupedHex(c.sha256)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {helpers.length > 0 && (
              <p class="muted small">
                {t('builtin_intermediates', helpers.length)} {helpers.map((c) => c.commonName ?? c.subject).join(', ')}
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
