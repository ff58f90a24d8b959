/** Trust anchors: import PEM (one or many certificates) or DER into a list, see subject and expiry, remove. */
import { useEffect, useState } from 'preact/hooks';
import type { TrustAnchorRecord, TrustList } from '../../../core/store/db.js';
import { isSaoyError } from '../../../core/errors.js';
import { certificatesFromFile } from '../../../core/pki/pem.js';
import { readDistinguishedNameText } from './dn.js';
import { addTrustAnchors, listTrustAnchors, removeTrustAnchor, TRUST_LISTS } from '../../../core/store/trust-anchors.js';
import { database } from '../../services/db.js';
import { date } from '../common/format.js';
import { lang, t } from '../common/i18n.js';
import { notifyBackground } from '../common/open.js';

export function TrustSection() {
  const [anchors, setAnchors] = useState<TrustAnchorRecord[]>([]);
  const [list, setList] = useState<TrustList>('neac');
  const [files, setFiles] = useState<File[]>([]);
  const [status, setStatus] = useState<{ kind: 'ok' | 'bad'; text: string }>();

  const refresh = async () => setAnchors((await listTrustAnchors(await database())).sort((a, b) => a.subject.localeCompare(b.subject)));
  useEffect(() => void refresh(), []);

  const importFiles = async () => {
    if (!files.length) return setStatus({ kind: 'bad', text: t('trust_choose_first') });
    let added = 0;
    let dup = 0;
    const failed: string[] = [];
    for (const f of files) {
      try {
        const ders = certificatesFromFile(new Uint8Array(await f.arrayBuffer()));
        if (!ders.length) throw new Error('no certificate');
        const r = await addTrustAnchors(await database(), ders, list);
        added += r.added.length;
        dup += r.duplicates.length;
      } catch (e) {
        failed.push(isSaoyError(e) ? `${f.name} (${lang() === 'vi' ? e.vi : e.message})` : f.name);
      }
    }
    await refresh();
    if (added) await notifyBackground('trust');
    const parts = [t('trust_added', added)];
    if (dup) parts.push(t('trust_duplicates', dup));
    if (failed.length) parts.push(t('trust_failed', failed.join(', ')));
    setStatus({ kind: failed.length ? 'bad' : 'ok', text: parts.join(' ') });
  };

  const remove = async (a: TrustAnchorRecord) => {
    await removeTrustAnchor(await database(), a.id);
    await refresh();
    await notifyBackground('trust');
    setStatus({ kind: 'ok', text: t('trust_removed', readDistinguishedNameText(a.subject)) });
  };

  const now = new Date().toISOString();
  return (
    <section class="card" id="trust">
      <h2>{t('trust_title')}</h2>
      <p class="muted">{t('trust_intro')}</p>
      <div class="form-row">
        <label>
          {t('trust_list_label')}{' '}
          <select id="anchor-list" value={list} onChange={(e) => setList(e.currentTarget.value as TrustList)}>
            {TRUST_LISTS.map((l) => (
              <option value={l}>{t(`list_${l}`)}</option>
            ))}
          </select>
        </label>
        <label class="button secondary file-button">
          {t('trust_choose_files')}
          <input id="anchor-file" type="file" multiple accept=".pem,.crt,.cer,.der,application/x-pem-file,application/pkix-cert" onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])} />
        </label>
        <span class="muted small file-names">{files.length ? files.map((f) => f.name).join(', ') : t('trust_no_file')}</span>
        <button id="anchor-import" type="button" onClick={() => void importFiles()}>
          {t('trust_import')}
        </button>
      </div>
      {status && (
        <p id="anchor-status" class={`note ${status.kind}`} role="status">
          {status.text}
        </p>
      )}
      {anchors.length === 0 ? (
        <p class="note warn">{t('trust_empty')}</p>
      ) : (
        <table class="list" id="anchor-table">
          <thead>
            <tr>
              <th>{t('trust_col_subject')}</th>
              <th>{t('trust_col_list')}</th>
              <th>{t('trust_col_expiry')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {anchors.map((a) => (
              <tr data-list={a.list} data-id={a.id}>
                <td>
                  <div class="anchor-name">{readDistinguishedNameText(a.subject)}</div>
                  <div class="muted small mono">{a.subject}</div>
                  <div class="muted small mono">SHA-256 {a.id.slice(0, 32)}…</div>
                </td>
                <td>
                  {t(`list_${a.list}`)}
                  {a.list === 'demo' && <div class="warn small">{t('trust_demo_warning')}</div>}
                </td>
                <td class={a.notAfter < now ? 'bad' : ''}>
                  {date(a.notAfter)}
                  {a.notAfter < now && <div class="small">{t('trust_expired')}</div>}
                </td>
                <td>
                  <button type="button" class="danger" onClick={() => void remove(a)}>
                    {t('trust_remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
