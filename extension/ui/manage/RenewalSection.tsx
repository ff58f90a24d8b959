/**
 * Copies due for renewal (issue 16): each final copy whose newest timestamp expires within the margin set in the
 * options, that has no timestamp, or that lacks the archive timestamp its office's level asks for; one action
 * renews them all (validation data + a new document timestamp). A copy that fails stays exactly as it was.
 */
import { useEffect, useState } from 'preact/hooks';
import { announce, onClerkEvent } from '../../services/clerk-events.js';
import { database } from '../../services/db.js';
import { renewalList, renewCopies, type RenewalRow, type RenewOutcome } from '../../services/ltv.js';
import { errorText } from '../common/errors.js';
import { dayVn } from '../common/format.js';
import { t } from '../common/i18n.js';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function RenewalSection() {
  const [rows, setRows] = useState<RenewalRow[]>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RenewOutcome[]>();
  const [error, setError] = useState<string>();

  const refresh = async () => {
    try {
      setRows(await renewalList(await database()));
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    void refresh();
    return onClerkEvent((e) => e.type === 'copies' && void refresh());
  }, []);

  const due = (rows ?? []).filter((r) => r.renewal.due);
  const renewAll = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const out = await renewCopies(await database(), due.map((r) => r.copy.id));
      setOutcome(out);
      announce({ type: 'copies' });
      await refresh();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" id="renewal">
      <h2>{t('renew_title')}</h2>
      <p class="muted small">{t('renew_intro')}</p>
      {rows === undefined ? (
        <p class="muted">{t('renew_loading')}</p>
      ) : due.length === 0 ? (
        <p class="muted" id="renew-none">{t('renew_none', String(rows.length))}</p>
      ) : (
        <>
          <ul id="renew-due" class="renew-list">
            {due.map((r) => (
              <li data-copy={r.copy.id} data-reason={r.renewal.reason}>
                <strong>{r.copy.certNo}</strong> · {r.copy.docName} —{' '}
                {t(`renew_reason_${(r.renewal.reason ?? 'expiring').replace(/-/g, '_')}`, r.renewal.expires ? dayVn(isoDay(r.renewal.expires)) : '')}
              </li>
            ))}
          </ul>
          <button type="button" id="renew-all" disabled={busy} onClick={() => void renewAll()}>
            {busy ? t('renew_busy') : t('renew_all', String(due.length))}
          </button>
        </>
      )}
      {error && (
        <p class="note bad" role="alert">
          {error}
        </p>
      )}
      {outcome && (
        <ul id="renew-outcome" class="renew-list">
          {outcome.map((o) => (
            <li data-copy={o.id} data-ok={String(o.ok)} class={o.ok ? 'ok' : 'bad'}>
              {o.ok ? t('renew_done', o.certNo) : t('renew_failed', o.certNo, o.error?.vi ?? '')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
