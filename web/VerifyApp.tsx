/**
 * The web page's first view: pick, drop or share one PDF → progress → verdict → the full report (report.html,
 * the extension's report page). Verification runs in a Worker; the file never leaves the device.
 */
import { useEffect, useState } from 'preact/hooks';
import type { VerificationReport } from '../core/verify/report.js';
import { MAX_FILE_BYTES } from '../extension/services/verify.js';
import { VerifyTimeoutError } from '../extension/services/worker-pool.js';
import { bytes as fmtBytes } from '../extension/ui/common/format.js';
import { t } from '../extension/ui/common/i18n.js';
import { verdictLine } from '../extension/ui/common/sentence.js';
import { VerdictMark } from '../extension/ui/common/VerdictMark.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import type { ProgressMessage } from './protocol.js';
import { takeSharedFile } from './shared-file.js';
import { verifyFile, warmUp } from './verify-client.js';

type Job =
  | { state: 'idle' }
  | { state: 'working'; name: string; size: number; progress?: ProgressMessage; started: number }
  | { state: 'done'; name: string; size: number; report: VerificationReport; stored: boolean }
  | { state: 'failed'; name: string; size: number; error: string };

export function VerifyApp() {
  const [job, setJob] = useState<Job>({ state: 'idle' });
  const [over, setOver] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [offline, setOffline] = useState(false);

  const run = async (file: File) => {
    const base = { name: file.name, size: file.size };
    if (file.size > MAX_FILE_BYTES) return setJob({ state: 'failed', ...base, error: t('verify_too_large', fmtBytes(MAX_FILE_BYTES)) });
    const started = Date.now();
    setJob({ state: 'working', ...base, started });
    try {
      const { report, stored } = await verifyFile(file, (progress) => setJob({ state: 'working', ...base, started, progress }));
      setJob({ state: 'done', ...base, report, stored: false });
      // The report page needs the kept bytes ("open the signed revision"): its button waits for them.
      await stored;
      setJob((j) => (j.state === 'done' && j.report === report ? { ...j, stored: true } : j));
    } catch (e) {
      setJob({ state: 'failed', ...base, error: e instanceof VerifyTimeoutError ? t('verify_too_slow') : t('verify_read_failed') });
    }
  };

  useEffect(() => {
    // Arrived from "Share → saoy": the service worker kept the file for this page.
    if (new URLSearchParams(location.search).has('shared')) {
      history.replaceState(null, '', location.pathname);
      void takeSharedFile().then((f) => (f ? run(f) : setJob({ state: 'failed', name: '', size: 0, error: t('web_shared_missing') })));
    }
    void navigator.serviceWorker?.ready.then(() => setOffline(true));
    if ('requestIdleCallback' in window) requestIdleCallback(warmUp, { timeout: 2000 });
    else setTimeout(warmUp, 500);
  }, []);

  useEffect(() => {
    if (job.state !== 'working') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [job.state]);

  const pick = (files: FileList | null | undefined) => {
    const f = files?.[0];
    if (f) void run(f);
  };

  return (
    <>
      <header class="topbar">
        <span class="logo">saoy</span>
        <span class="title">{t('web_title')}</span>
        <LanguageSwitch />
      </header>
      <main class="wrap">
        <p class="muted">{t('web_intro')}</p>
        <label
          class={`drop${over ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            pick(e.dataTransfer?.files);
          }}
        >
          <span class="drop-title">{t('web_drop_title')}</span>
          <span class="button">{t('web_choose')}</span>
          <input
            id="verify-file"
            type="file"
            accept="application/pdf,.pdf"
            disabled={job.state === 'working'}
            onChange={(e) => {
              const input = e.currentTarget;
              const files = input.files;
              pick(files);
              input.value = '';
            }}
          />
        </label>
        {job.state !== 'idle' && <JobCard job={job} now={now} />}
        <p class="muted small web-foot">
          {offline && <span id="offline-ready">{t('web_offline_ready')} </span>}
          <a href="settings.html" id="open-settings">
            {t('web_settings')}
          </a>
        </p>
      </main>
    </>
  );
}

function JobCard({ job, now }: { job: Exclude<Job, { state: 'idle' }>; now: number }) {
  const state = job.state === 'done' ? job.report.verdict : job.state === 'failed' ? 'error' : 'pending';
  return (
    <section class="result web-result" id="result" data-verdict={state} aria-live="polite">
      <div class="result-head">
        <VerdictMark state={state} />
        <span class="result-name" title={job.name}>
          {job.name}
        </span>
        <span class="muted small">{fmtBytes(job.size)}</span>
      </div>
      {job.state === 'working' && <Progress job={job} now={now} />}
      {job.state === 'failed' && <div class="result-line">{job.error}</div>}
      {job.state === 'done' && (
        <>
          <div class="result-line" id="verdict-line">{verdictLine(job.report)}</div>
          <button type="button" id="open-report" disabled={!job.stored} onClick={() => location.assign(`report.html#${job.report.sha256}`)}>
            {t('verify_open_report')}
          </button>
        </>
      )}
    </section>
  );
}

function Progress({ job, now }: { job: Extract<Job, { state: 'working' }>; now: number }) {
  const p = job.progress;
  const reading = !p || p.phase === 'read';
  const pct = p && p.total ? Math.floor((p.done / p.total) * 100) : 0;
  return (
    <div class="web-progress" id="progress" data-phase={reading ? 'read' : 'verify'}>
      {/* Reading has a measurable fraction; checking signatures has none, so that bar is indeterminate. */}
      {reading ? <progress max={100} value={pct} /> : <progress />}
      <div class="small muted">{reading ? t('web_reading', pct) : t('web_verifying', Math.floor((now - job.started) / 1000))}</div>
    </div>
  );
}
