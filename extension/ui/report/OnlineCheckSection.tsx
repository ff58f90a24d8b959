/**
 * "Kiểm tra trực tuyến": never automatic. On the user's click, ask permission for the origins the document's
 * certificates name, fetch their CRL / OCSP / issuer, and show where each answer came from and when.
 */
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CachedVerification } from '../../../core/store/verify-cache.js';
import { namedOrigins } from '../../../core/verify/online.js';
import { checkOnline } from '../../services/online-check.js';
import { dateTime } from '../common/format.js';
import { t } from '../common/i18n.js';
import { sourceBytes } from './source-bytes.js';

export function OnlineCheckSection({ rec, onChecked }: { rec: CachedVerification; onChecked: (fresh: CachedVerification) => void }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string>();
  const r = rec.report;
  if (r.signatures.length === 0) return null;

  const run = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      const got = await sourceBytes(rec);
      if (!got.ok) return setNote(t('online_no_bytes'));
      const origins = await namedOrigins(got.bytes);
      if (origins.length && !(await browser.permissions.request({ origins }))) return setNote(t('online_denied'));
      onChecked(await checkOnline(rec, got.bytes));
    } catch (e) {
      setNote(t('online_failed', e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" id="online-check">
      <h2>{t('online_title')}</h2>
      <p class="muted small">{t('online_intro')}</p>
      <button type="button" id="online-check-run" class="secondary" disabled={busy} onClick={() => void run()}>
        {busy ? t('online_running') : t('online_button')}
      </button>
      {note && <p class="note warn" role="status">{note}</p>}
      {r.online && (
        <>
          <p class="small" id="online-checked-at">{t('online_checked_at', dateTime(r.online.checkedAt))}</p>
          {r.online.sources.length === 0 ? (
            <p class="muted small">{t('online_nothing')}</p>
          ) : (
            <ul class="online-sources">
              {r.online.sources.map((s) => (
                <li class={s.ok ? 'ok' : 'bad'} data-kind={s.kind} data-ok={String(s.ok)}>
                  {s.ok ? '✓' : '✗'} {t(`online_kind_${s.kind}`)} — <span class="mono small">{s.url}</span> ({s.certificate}){' '}
                  <span class="muted small">{dateTime(s.fetchedAt)}</span>
                  {!s.ok && s.error && <div class="small">{t('online_error', s.error)}</div>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
