/**
 * The copy cache: every certified copy kept in this browser with its data. Search by number, requester,
 * original's name, date; download again; check again (core verifyPdf with the trust anchors); export a copy
 * awaiting the authority or take back its final version; back everything up to one file and restore it. When the
 * browser's storage is full the clerk is told what to do (back up, then delete old copies).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CopyRecord } from '../../../core/store/db.js';
import type { CopyQuery, CopySummary } from '../../../core/store/copies.js';
import type { RestoreReport } from '../../../core/store/backup-restore.js';
import { backupFileName, copies, pendingFileName } from '../../services/copies.js';
import { announce, onClerkEvent } from '../../services/clerk-events.js';
import { copyFileName } from '../../shared/file-names.js';
import type { CertifyTarget } from '../../shared/messages.js';
import { DeliverCopy } from '../clerk/DeliverCopy.js';
import { VerifyCopy } from '../clerk/SignedStep.js';
import { DateField } from '../common/DateField.js';
import { downloadBytes } from '../common/download.js';
import { errorCode, errorText } from '../common/errors.js';
import { bytes as fmtBytes, dayVn } from '../common/format.js';
import { lang, t } from '../common/i18n.js';
import { RenewalSection } from './RenewalSection.js';

type Status = { kind: 'ok' | 'bad' | 'quota'; text: string } | undefined;

function useStorageEstimate(deps: unknown[]): { usage: number; quota: number } | undefined {
  const [est, setEst] = useState<{ usage: number; quota: number }>();
  useEffect(() => {
    void navigator.storage
      ?.estimate?.()
      .then((e) => setEst({ usage: e.usage ?? 0, quota: e.quota ?? 0 }))
      .catch(() => undefined);
  }, deps);
  return est;
}

function CopyRow({ c, onStatus, target }: { c: CopySummary; onStatus: (s: Status) => void; target: CertifyTarget | null }) {
  const [full, setFull] = useState<CopyRecord>();
  const [handing, setHanding] = useState(false);
  const [checking, setChecking] = useState(false);
  const load = async () => {
    const rec = full ?? (await copies.get(c.id));
    if (rec) setFull(rec);
    return rec;
  };
  const guard = (f: () => Promise<void>) => () =>
    void f().catch((e: unknown) => onStatus({ kind: errorCode(e) === 'STORE_QUOTA' ? 'quota' : 'bad', text: errorText(e) }));

  const download = guard(async () => {
    const rec = await load();
    if (rec) downloadBytes([rec.pdf], copyFileName(rec), 'application/pdf');
  });
  const exportFile = guard(async () => downloadBytes([await copies.exportPending(c.id)], pendingFileName(c), 'application/octet-stream'));
  const takeFinal = (f: File) =>
    guard(async () => {
      const rec = await copies.markFinal(c.id, new Uint8Array(await f.arrayBuffer()));
      announce({ type: 'copies' });
      onStatus({ kind: 'ok', text: t('copies_final_taken', rec.certNo) });
    })();
  const remove = guard(async () => {
    if (!confirm(t('copies_delete_confirm', c.certNo, c.bookNo))) return;
    await copies.remove(c.id);
    announce({ type: 'copies' });
    onStatus({ kind: 'ok', text: t('copies_deleted', c.certNo) });
  });

  return (
    <tr data-copy={c.id} data-cert-no={c.certNo} data-status={c.status}>
      <td>
        <strong>{c.certNo}</strong>
        <div class="muted small">{c.bookNo}</div>
      </td>
      <td>{dayVn(c.date)}</td>
      <td>{c.requester}</td>
      <td>{c.docName}</td>
      <td>
        <span class={`status-chip ${c.status}`}>{t(c.status === 'final' ? 'copies_status_final' : 'copies_status_awaiting')}</span>
        <div class="muted small">{fmtBytes(c.size)}</div>
      </td>
      <td>
        <div class="copy-actions">
        <button type="button" class="secondary small-btn download-copy" onClick={download}>
          {t('copies_download')}
        </button>
        {full && checking ? (
          <VerifyCopy copy={full} autoStart />
        ) : (
          <button type="button" class="secondary small-btn verify-copy-btn" onClick={guard(async () => void ((await load()) && setChecking(true)))}>
            {t('copies_verify')}
          </button>
        )}
        {c.status === 'awaiting-authority' && (
          <>
            <button type="button" class="secondary small-btn" onClick={exportFile}>
              {t('copies_export_pending')}
            </button>
            <label class="button secondary small-btn file-button">
              {t('copies_take_final')}
              <input type="file" accept="application/pdf,.pdf" onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) takeFinal(f);
              }} />
            </label>
          </>
        )}
        {c.status === 'final' && target && (full && handing ? (
          <DeliverCopy copy={full} target={target} compact askAtOnce />
        ) : (
          <button type="button" class="small-btn place-copy-load" onClick={guard(async () => void ((await load()) && setHanding(true)))}>
            {t('copies_to_portal')}
          </button>
        ))}
        {c.status === 'final' && (
          <button type="button" class="danger small-btn" onClick={remove}>
            {t('copies_delete')}
          </button>
        )}
        </div>
      </td>
    </tr>
  );
}

function RestoreResult({ r }: { r: RestoreReport }) {
  return (
    <div class={`note ${r.conflicts.length ? 'warn' : 'okbg'}`} id="restore-result">
      <div>
        {r.books.added.length + r.books.extended.length + r.copies.added + r.copies.updated === 0
          ? t('copies_restored_nothing', r.copies.unchanged, r.books.unchanged.length)
          : t('copies_restored', r.books.added.length + r.books.extended.length, r.copies.added + r.copies.updated, r.copies.unchanged)}
      </div>
      {r.conflicts.length > 0 && (
        <ul>
          {r.conflicts.map((c) => (
            <li>{lang() === 'vi' ? c.vi : c.en}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CopiesPage({ target = null }: { target?: CertifyTarget | null }) {
  const [q, setQ] = useState<CopyQuery>({});
  const [list, setList] = useState<CopySummary[]>([]);
  const [status, setStatus] = useState<Status>();
  const [restored, setRestored] = useState<RestoreReport>();
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const est = useStorageEstimate([tick]);

  const refresh = async () => {
    setList(await copies.list(q));
    setTick((n) => n + 1);
  };
  useEffect(() => void refresh(), [q]);
  useEffect(() => onClerkEvent((e) => e.type === 'copies' && void refresh()), [q]);

  const report = (s: Status) => {
    setStatus(s);
    void refresh();
  };

  const backup = async () => {
    setBusy(true);
    try {
      downloadBytes(await copies.backup(), backupFileName(), 'application/octet-stream');
      setStatus({ kind: 'ok', text: t('copies_backup_done') });
    } catch (e) {
      setStatus({ kind: errorCode(e) === 'STORE_QUOTA' ? 'quota' : 'bad', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const restore = async (f: File) => {
    setBusy(true);
    setRestored(undefined);
    try {
      const r = await copies.restore(new Uint8Array(await f.arrayBuffer()));
      setRestored(r);
      setStatus(undefined);
      announce({ type: 'copies' });
      announce({ type: 'book' });
      await refresh();
    } catch (e) {
      setStatus({ kind: errorCode(e) === 'STORE_QUOTA' ? 'quota' : 'bad', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const edit = (k: keyof CopyQuery) => (e: Event) => setQ({ ...q, [k]: (e.currentTarget as HTMLInputElement).value || undefined });
  const nearlyFull = est && est.quota > 0 && est.usage / est.quota > 0.9;
  return (
    <>
      <section class="card">
        <div class="filters">
          <label class="grow">
            <span class="muted small">{t('copies_search')}</span>
            <input id="copy-search" type="search" placeholder={t('copies_search_ph')} value={q.text ?? ''} onInput={edit('text')} />
          </label>
          <label>
            <span class="muted small">{t('copies_number')}</span>
            <input id="copy-number" type="text" class="narrow-input" value={String(q.number ?? '')} onInput={edit('number')} />
          </label>
          <label>
            <span class="muted small">{t('book_from')}</span>
            <DateField id="copy-from" value={q.from} onChange={(v) => setQ((x) => ({ ...x, from: v }))} />
          </label>
          <label>
            <span class="muted small">{t('book_to')}</span>
            <DateField id="copy-to" value={q.to} onChange={(v) => setQ((x) => ({ ...x, to: v }))} />
          </label>
          <label>
            <span class="muted small">{t('book_status')}</span>
            <select id="copy-status" value={q.status ?? ''} onChange={edit('status')}>
              <option value="">{t('book_status_all')}</option>
              <option value="final">{t('copies_status_final')}</option>
              <option value="awaiting-authority">{t('copies_status_awaiting')}</option>
            </select>
          </label>
        </div>
        {status && (
          <p class={`note ${status.kind === 'ok' ? 'okbg' : 'bad'}`} id="copies-msg" data-kind={status.kind} role="status">
            {status.text}
          </p>
        )}
        <div class="table-wrap">
          <table class="list" id="copies-table">
            <thead>
              <tr>
                <th>{t('copies_col_no')}</th>
                <th>{t('copies_col_date')}</th>
                <th>{t('copies_col_requester')}</th>
                <th>{t('copies_col_doc')}</th>
                <th>{t('copies_col_status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.length === 0 && (
                <tr>
                  <td colSpan={6} class="muted">
                    {t('copies_empty')}
                  </td>
                </tr>
              )}
              {list.map((c) => (
                <CopyRow key={`${c.id}:${c.sha256}`} c={c} onStatus={report} target={target} />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <RenewalSection />

      <section class="card" id="backup">
        <h2>{t('copies_backup_title')}</h2>
        <p class="muted">{t('copies_backup_intro')}</p>
        {est && (
          <p class={nearlyFull ? 'note bad' : 'muted small'} id="storage-estimate">
            {t('copies_storage', fmtBytes(est.usage), fmtBytes(est.quota))}
            {nearlyFull ? ` ${t('copies_storage_full')}` : ''}
          </p>
        )}
        <div class="toolbar">
          <button type="button" id="make-backup" disabled={busy} onClick={() => void backup()}>
            {t('copies_backup')}
          </button>
          <label class="button secondary file-button">
            {t('copies_restore')}
            <input id="restore-file" type="file" accept=".saoybak,application/octet-stream" onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void restore(f);
            }} />
          </label>
        </div>
        {restored && <RestoreResult r={restored} />}
      </section>
    </>
  );
}
