/**
 * Step 5: the signed copy. Awaiting the authority: sign as authority here (same browser) or export the pending
 * file (another profile). Final: hand it to the portal tab the clerk started from ("Đưa vào hồ sơ"), download it,
 * check it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CopyRecord } from '../../../core/store/db.js';
import { getCopy } from '../../../core/store/copies.js';
import { exportPending, pendingFileName } from '../../../core/store/pending.js';
import type { VerificationReport } from '../../../core/verify/report.js';
import { onClerkEvent } from '../../services/clerk-events.js';
import { database } from '../../services/db.js';
import { verifyBytes } from '../../services/verify.js';
import { copyFileName } from '../../shared/file-names.js';
import type { CertifyTarget } from '../../shared/messages.js';
import { downloadBytes } from '../common/download.js';
import { errorText } from '../common/errors.js';
import { bytes as fmtBytes, dateTime, groupedHex } from '../common/format.js';
import { t } from '../common/i18n.js';
import { openReport } from '../common/open.js';
import { verdictLine } from '../common/sentence.js';
import { VerdictMark } from '../common/VerdictMark.js';
import { DeliverCopy } from './DeliverCopy.js';

export function useCopy(copyId: string | undefined): CopyRecord | undefined {
  const [copy, setCopy] = useState<CopyRecord>();
  useEffect(() => {
    if (!copyId) return setCopy(undefined);
    const load = async () => setCopy(await getCopy(await database(), copyId));
    void load();
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    const off = onClerkEvent((e) => e.type === 'copies' && void load());
    return () => {
      off();
      window.removeEventListener('focus', onFocus);
    };
  }, [copyId]);
  return copy;
}

/** Checks the copy on a click; `autoStart` checks it at once (the copies page loads the copy on that same click). */
export function VerifyCopy({ copy, autoStart = false }: { copy: CopyRecord; autoStart?: boolean }) {
  const [report, setReport] = useState<VerificationReport>();
  const [busy, setBusy] = useState(autoStart);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setReport(undefined);
    if (autoStart) void run();
  }, [copy.sha256]);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setReport((await verifyBytes(copy.pdf, { fileName: copyFileName(copy) })).report);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="verify-copy">
      {report ? (
        <div class="verify-result" data-verdict={report.verdict}>
          <VerdictMark state={report.verdict} />
          <span class="small">{verdictLine(report)}</span>
          <button type="button" class="link-btn" onClick={() => void openReport(report.sha256)}>
            {t('verify_open_report')}
          </button>
        </div>
      ) : (
        <button type="button" class="secondary verify-btn" disabled={busy} onClick={() => void run()}>
          {busy ? t('verify_checking') : t('signed_verify')}
        </button>
      )}
      {error && <p class="note bad">{error}</p>}
    </div>
  );
}

export function SignedStep(props: { copyId: string; target: CertifyTarget | null; onAuthority: (copyId: string) => void; onNew: () => void }) {
  const copy = useCopy(props.copyId);
  const [problem, setProblem] = useState<string>();
  if (!copy) return <p class="muted">{t('loading')}</p>;
  const final = copy.status === 'final';

  const exportFile = async () => {
    try {
      downloadBytes([await exportPending(await database(), copy.id)], pendingFileName(copy), 'application/octet-stream');
    } catch (e) {
      setProblem(errorText(e));
    }
  };

  return (
    <section class="step-body" aria-labelledby="signed-title">
      <h2 id="signed-title">{final ? t('signed_final_title', copy.certNo) : t('signed_title', copy.certNo)}</h2>
      <p class={`note ${final ? 'okbg' : 'warn'}`} id="copy-status" data-status={copy.status}>
        {final ? t('signed_final_note') : t('signed_awaiting_note')}
      </p>
      <dl class="facts compact-facts">
        <dt>{t('details_number')}</dt>
        <dd id="signed-cert-no">{copy.certNo}</dd>
        <dt>{t('details_book')}</dt>
        <dd>{copy.bookNo}</dd>
        <dt>{t('details_requester')}</dt>
        <dd>{copy.requester}</dd>
        <dt>{t('details_docName')}</dt>
        <dd>{copy.docName}</dd>
        <dt>{t('signed_size')}</dt>
        <dd>{fmtBytes(copy.pdf.length)}</dd>
        <dt>{t('signed_time')}</dt>
        <dd>{dateTime(copy.finalizedAt ?? copy.createdAt)}</dd>
        <dt>SHA-256</dt>
        <dd class="mono" id="signed-sha256" data-sha256={copy.sha256}>
          {groupedHex(copy.sha256)}
        </dd>
      </dl>
      {!final && (
        <div class="action-stack">
          <button type="button" id="go-authority" onClick={() => props.onAuthority(copy.id)}>
            {t('signed_authority_here')}
          </button>
          <button type="button" class="secondary" id="export-pending" onClick={() => void exportFile()}>
            {t('signed_export_pending')}
          </button>
          <p class="muted small">{t('signed_export_hint')}</p>
        </div>
      )}
      {problem && (
        <p class="note bad" role="status">
          {problem}
        </p>
      )}
      <DeliverCopy copy={copy} target={props.target} />
      <div class="row-actions">
        <button type="button" class="secondary" id="download-copy" onClick={() => downloadBytes([copy.pdf], copyFileName(copy), 'application/pdf')}>
          {final ? t('signed_download') : t('signed_download_pending')}
        </button>
        <VerifyCopy copy={copy} />
      </div>
      <div class="row-actions">
        <button type="button" class="secondary" id="new-copy" onClick={props.onNew}>
          {t('signed_new')}
        </button>
      </div>
    </section>
  );
}
