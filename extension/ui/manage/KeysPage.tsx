/**
 * Signing keys: import a PKCS#12 (.p12/.pfx; the private key is stored non-extractable with its chain, the
 * password is used once and never kept), create a DEMO identity (its root goes into the demo trust list so its
 * copies verify), see each certificate (subject, issuer, serial, validity: expired or expiring soon), remove.
 */
import { useEffect, useState } from 'preact/hooks';
import { createDemoIdentity } from '../../../core/signers/demo.js';
import { addTrustAnchors } from '../../../core/store/trust-anchors.js';
import { importPkcs12ToStore, listKeys, removeKey, setKeyImage, type KeyInfo, type KeyRole } from '../../../core/store/keys.js';
import { announce, onClerkEvent } from '../../services/clerk-events.js';
import { database } from '../../services/db.js';
import { errorText } from '../common/errors.js';
import { date } from '../common/format.js';
import { t } from '../common/i18n.js';
import { daysLeft, keyValidity } from '../common/key-status.js';
import { notifyBackground } from '../common/open.js';
import { readDistinguishedNameText } from '../options/dn.js';

type Status = { kind: 'ok' | 'bad'; text: string } | undefined;

export function KeysPage() {
  const [keys, setKeys] = useState<KeyInfo[]>([]);
  const [file, setFile] = useState<File>();
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<KeyRole>('certifier');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>();

  const refresh = async () => setKeys(await listKeys(await database()));
  useEffect(() => {
    void refresh();
    return onClerkEvent((e) => e.type === 'keys' && void refresh());
  }, []);

  const importP12 = async (e: Event) => {
    e.preventDefault();
    if (!file) return setStatus({ kind: 'bad', text: t('keys_choose_file_first') });
    setBusy(true);
    setStatus(undefined);
    try {
      const info = await importPkcs12ToStore(await database(), new Uint8Array(await file.arrayBuffer()), password, role, { label: label || undefined });
      setStatus({ kind: 'ok', text: t('keys_imported', info.label, t(`keys_role_${info.role}`)) });
      setFile(undefined);
      setLabel('');
      const input = document.getElementById('key-file') as HTMLInputElement | null;
      if (input) input.value = '';
      announce({ type: 'keys' });
      await refresh();
    } catch (err) {
      setStatus({ kind: 'bad', text: errorText(err) });
    } finally {
      setPassword(''); // used once, never kept
      setBusy(false);
    }
  };

  const demo = async () => {
    setBusy(true);
    setStatus(undefined);
    try {
      const db = await database();
      const id = await createDemoIdentity();
      await importPkcs12ToStore(db, id.certifierP12, id.password, 'certifier', { demo: true, label: 'Nguyễn Thị Demo (DEMO)' });
      await importPkcs12ToStore(db, id.authorityP12, id.password, 'authority', { demo: true, label: 'UBND phường Hạc Thành (DEMO)' });
      await addTrustAnchors(db, [id.rootCertificate], 'demo');
      await notifyBackground('trust');
      announce({ type: 'keys' });
      await refresh();
      setStatus({ kind: 'ok', text: t('keys_demo_created') });
    } catch (err) {
      setStatus({ kind: 'bad', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  /** The certifier's signature image or the office's seal, drawn in every visible signature this key makes. */
  const setImage = async (k: KeyInfo, f: File | undefined) => {
    setStatus(undefined);
    try {
      await setKeyImage(await database(), k.id, f ? new Uint8Array(await f.arrayBuffer()) : undefined);
      announce({ type: 'keys' });
      await refresh();
      setStatus({ kind: 'ok', text: t(f ? 'keys_image_saved' : 'keys_image_removed', k.label) });
    } catch (err) {
      setStatus({ kind: 'bad', text: errorText(err) });
    }
  };

  const remove = async (k: KeyInfo) => {
    if (!confirm(t('keys_remove_confirm', k.label))) return;
    await removeKey(await database(), k.id);
    announce({ type: 'keys' });
    await refresh();
    setStatus({ kind: 'ok', text: t('keys_removed', k.label) });
  };

  return (
    <>
      <section class="card" id="keys-import">
        <h2>{t('keys_import_title')}</h2>
        <p class="muted">{t('keys_import_intro')}</p>
        <form class="grid-form" onSubmit={(e) => void importP12(e)} autoComplete="off">
          <div class="field">
            <span>{t('keys_file')}</span>
            <span class="file-pick">
              <label class="button secondary file-button">
                {t('keys_choose_file')}
                <input id="key-file" type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
              </label>
              <span class="muted small" id="key-file-name">
                {file ? file.name : t('keys_no_file')}
              </span>
            </span>
          </div>
          <label class="field">
            <span>{t('keys_password')}</span>
            <input id="key-password" type="password" autoComplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('keys_role')}</span>
            <select id="key-role" value={role} onChange={(e) => setRole(e.currentTarget.value as KeyRole)}>
              <option value="certifier">{t('keys_role_certifier')}</option>
              <option value="authority">{t('keys_role_authority')}</option>
            </select>
          </label>
          <label class="field">
            <span>{t('keys_label')}</span>
            <input id="key-label" type="text" value={label} placeholder={t('keys_label_ph')} onInput={(e) => setLabel(e.currentTarget.value)} />
          </label>
          <div>
            <button type="submit" id="key-import" disabled={busy}>
              {t('keys_import')}
            </button>
          </div>
        </form>
        <p class="muted small">{t('keys_storage_note')}</p>
        {status && (
          <p id="keys-status" class={`note ${status.kind === 'ok' ? 'okbg' : 'bad'}`} role="status">
            {status.text}
          </p>
        )}
      </section>

      <section class="card" id="keys-demo">
        <h2>
          {t('keys_demo_title')} <span class="demo-tag">DEMO</span>
        </h2>
        <p class="muted">{t('keys_demo_intro')}</p>
        <button type="button" class="secondary" id="demo-identity" disabled={busy} onClick={() => void demo()}>
          {t('keys_demo_create')}
        </button>
      </section>

      <section class="card" id="keys-list">
        <h2>{t('keys_list_title')}</h2>
        {keys.length === 0 ? (
          <p class="note warn">{t('keys_empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="list" id="keys-table">
              <thead>
                <tr>
                  <th>{t('keys_col_name')}</th>
                  <th>{t('keys_col_role')}</th>
                  <th>{t('keys_col_cert')}</th>
                  <th>{t('keys_col_validity')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => {
                  const v = keyValidity(k);
                  return (
                    <tr data-key={k.id} data-role={k.role} data-demo={String(k.demo)} data-validity={v}>
                      <td>
                        <strong>{k.label}</strong> {k.demo && <span class="demo-tag">DEMO</span>}
                        <div class="muted small">{k.organization ?? ''}</div>
                        <div class="muted small">
                          {k.keyAlgorithm === 'EC-P256' ? 'ECDSA P-256' : k.keyAlgorithm} · {t('keys_chain', k.chainLength)}
                        </div>
                        <div class="key-image small">
                          <span>{t(`keys_image_${k.role}`)}: </span>
                          <span class="muted key-image-state">{k.imageBytes ? t('keys_image_set', String(Math.ceil(k.imageBytes / 1024))) : t('keys_image_none')}</span>{' '}
                          <label class="button secondary file-button">
                            {t('keys_image_choose')}
                            <input class="key-image-file" type="file" accept="image/png,image/jpeg" onChange={(e) => void setImage(k, e.currentTarget.files?.[0])} />
                          </label>{' '}
                          {k.imageBytes && (
                            <button type="button" class="secondary key-image-remove" onClick={() => void setImage(k, undefined)}>
                              {t('keys_image_remove')}
                            </button>
                          )}
                        </div>
                      </td>
                      <td>{t(`keys_role_${k.role}`)}</td>
                      <td class="cert-cell">
                        <div>
                          <span class="muted small">{t('keys_subject')}</span> {k.subject}
                        </div>
                        <div>
                          <span class="muted small">{t('keys_issuer')}</span> {readDistinguishedNameText(k.issuer)}
                        </div>
                        <div>
                          <span class="muted small">{t('keys_serial')}</span> <span class="mono">{k.serialHex}</span>
                        </div>
                      </td>
                      <td class={v === 'expired' ? 'bad' : v === 'expiring' ? 'warn' : ''}>
                        {t('keys_valid_from_to', date(k.notBefore), date(k.notAfter))}
                        {v === 'expired' && <div class="small">{t('keys_expired_note')}</div>}
                        {v === 'expiring' && <div class="small">{t('keys_expiring_note', daysLeft(k.notAfter))}</div>}
                        {v === 'not-yet-valid' && <div class="small">{t('keys_not_yet_valid')}</div>}
                      </td>
                      <td>
                        <button type="button" class="danger remove-key" onClick={() => void remove(k)}>
                          {t('keys_remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
