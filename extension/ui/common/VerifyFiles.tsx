/**
 * Drop or choose PDFs → one verdict row each → the full report. Files are read and verified one after another
 * in a Worker (the page stays responsive with a 30 MB file; a file past the time limit is stopped); local bytes are
 * kept in the cache so the report page can open the signed revision.
 */
import { useEffect, useState } from 'preact/hooks';
import type { VerificationReport } from '../../../core/verify/report.js';
import { MAX_FILE_BYTES } from '../../services/verify.js';
import { verifyInWorker, VerifyTimeoutError, warmPageWorker } from '../../services/worker-pool.js';
import { bytes as fmtBytes } from './format.js';
import { t } from './i18n.js';
import { openReport } from './open.js';
import { verdictLine } from './sentence.js';
import { VerdictMark } from './VerdictMark.js';

interface Row {
  id: number;
  name: string;
  size: number;
  report?: VerificationReport;
  error?: string;
}

let nextId = 1;

export function VerifyFiles({ compact = false }: { compact?: boolean }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [over, setOver] = useState(false);
  useEffect(() => warmPageWorker(), []);

  const update = (id: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  const add = async (files: File[]) => {
    const fresh = files.map((f) => ({ file: f, row: { id: nextId++, name: f.name, size: f.size } as Row }));
    setRows((rs) => [...fresh.map((x) => x.row), ...rs]);
    for (const { file, row } of fresh) {
      if (file.size > MAX_FILE_BYTES) {
        update(row.id, { error: t('verify_too_large', fmtBytes(MAX_FILE_BYTES)) });
        continue;
      }
      try {
        // The File itself goes to the worker, which reads it: no 30 MB buffer on this page's main thread.
        const { report } = await verifyInWorker(file, { fileName: file.name, keepBytes: true });
        update(row.id, { report });
      } catch (e) {
        update(row.id, { error: e instanceof VerifyTimeoutError ? t('verify_too_slow') : t('verify_read_failed') });
      }
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) void add(files);
  };

  return (
    <div class={`verify${compact ? ' compact' : ''}`}>
      <label
        class={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span class="drop-title">{t('verify_drop_title')}</span>
        <span class="muted small">{t('verify_drop_hint')}</span>
        <span class="button">{t('verify_choose')}</span>
        <input
          id="verify-files"
          type="file"
          accept="application/pdf,.pdf"
          multiple
          onChange={(e) => {
            const input = e.currentTarget;
            const files = [...(input.files ?? [])];
            input.value = '';
            if (files.length) void add(files);
          }}
        />
      </label>
      {rows.length > 0 && (
        <ul class="results" aria-live="polite">
          {rows.map((r) => (
            <ResultRow key={r.id} row={r} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ResultRow({ row }: { row: Row }) {
  const state = row.error ? 'error' : row.report ? row.report.verdict : 'pending';
  return (
    <li class="result" data-file={row.name} data-verdict={state}>
      <div class="result-head">
        <VerdictMark state={state} />
        <span class="result-name" title={row.name}>
          {row.name}
        </span>
        <span class="muted small">{fmtBytes(row.size)}</span>
      </div>
      <div class="result-line">{row.error ?? (row.report ? verdictLine(row.report) : t('verify_checking'))}</div>
      {row.report && (
        <button type="button" class="secondary open-report" onClick={() => void openReport(row.report!.sha256)}>
          {t('verify_open_report')}
        </button>
      )}
    </li>
  );
}
