/**
 * The full report for one file (by SHA-256 in the URL fragment). A cached report shows at once; when trust
 * settings changed since, it is re-checked and the page says so meanwhile.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TrustAnchorRecord } from '../../../core/store/db.js';
import { listTrustAnchors } from '../../../core/store/trust-anchors.js';
import { getCachedVerification, type CachedVerification } from '../../../core/store/verify-cache.js';
import { database } from '../../services/db.js';
import { trustGeneration } from '../../services/verify.js';
import { verifyInWorker } from '../../services/worker-pool.js';
import { SHA256_HEX } from '../../shared/messages.js';
import { bytes as fmtBytes, dateTime } from '../common/format.js';
import { lang, t } from '../common/i18n.js';
import { verdictLine } from '../common/sentence.js';
import { VerdictMark } from '../common/VerdictMark.js';
import { EcopyChecksSection } from './EcopyChecksSection.js';
import { OnlineCheckSection } from './OnlineCheckSection.js';
import { EcopySection } from './EcopySection.js';
import { reportCodes } from './codes.js';
import { SignatureCard } from './SignatureCard.js';
import { sourceBytes, type SourceBytes } from './source-bytes.js';
import { VerifiedBytes } from './VerifiedBytes.js';

type Load =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'ready'; rec: CachedVerification; anchors: TrustAnchorRecord[]; rechecking: boolean; note?: string };

function whyText(s: Extract<SourceBytes, { ok: false }>): string {
  if (s.why === 'HTTP') return t('source_http', s.status ?? '');
  return t(`source_${s.why}`);
}

export function ReportPage() {
  const sha = location.hash.slice(1).toLowerCase();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [openNote, setOpenNote] = useState<string>();

  useEffect(() => {
    void (async () => {
      const db = await database();
      const rec = SHA256_HEX.test(sha) ? await getCachedVerification(db, sha) : undefined;
      if (!rec) return setLoad({ state: 'missing' });
      const anchors = await listTrustAnchors(db);
      const stale = rec.trustGeneration !== (await trustGeneration());
      setLoad({ state: 'ready', rec, anchors, rechecking: stale });
      if (!stale) return;
      const got = await sourceBytes(rec);
      if (!got.ok) return setLoad({ state: 'ready', rec, anchors, rechecking: false, note: t('report_recheck_failed', whyText(got)) });
      await verifyInWorker(got.bytes, { fileName: rec.fileName, source: rec.source });
      const fresh = (await getCachedVerification(db, sha)) ?? rec;
      setLoad({ state: 'ready', rec: fresh, anchors, rechecking: false, note: t('report_rechecked') });
    })().catch(() => setLoad({ state: 'missing' }));
  }, [sha]);

  const openSigned = async (rec: CachedVerification, length: number, field: string) => {
    setOpenNote(t('sig_opening'));
    const got = await sourceBytes(rec);
    if (!got.ok) return setOpenNote(whyText(got));
    const url = URL.createObjectURL(new Blob([got.bytes.slice(0, length) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
    await browser.tabs.create({ url });
    setOpenNote(t('sig_opened', field, fmtBytes(length)));
  };

  return (
    <>
      <header class="topbar">
        <span class="logo">saoy</span>
        <span class="title">{t('report_title')}</span>
      </header>
      <main class="wrap">
        {load.state === 'loading' && <p class="muted">{t('report_loading')}</p>}
        {load.state === 'missing' && <p class="note warn">{t('report_missing')}</p>}
        {load.state === 'ready' && (
          <Report load={load} openNote={openNote} onOpenSigned={(len, f) => void openSigned(load.rec, len, f)} onChecked={(rec) => setLoad({ ...load, rec })} />
        )}
      </main>
    </>
  );
}

function Report({ load, openNote, onOpenSigned, onChecked }: { load: Extract<Load, { state: 'ready' }>; openNote?: string; onOpenSigned: (len: number, field: string) => void; onChecked: (rec: CachedVerification) => void }) {
  const r = load.rec.report;
  return (
    <>
      <section class="card banner" id="verdict">
        <div class="banner-row">
          <VerdictMark state={r.verdict} large />
          <div class="banner-file">
            <div class="file-name">{load.rec.fileName ?? r.file ?? t('report_unnamed')}</div>
            <div class="muted small">{fmtBytes(r.size)}</div>
          </div>
        </div>
        <p class="banner-line">{verdictLine(r)}</p>
        {load.rechecking && <p class="note">{t('report_rechecking')}</p>}
        {load.note && <p class="note">{load.note}</p>}
        {openNote && <p class="note" id="open-note">{openNote}</p>}
        <VerifiedBytes rec={load.rec} />
      </section>
      <EcopySection ecopy={r.ecopy} verdict={r.verdict} />
      <EcopyChecksSection checks={r.ecopyChecks} />
      <OnlineCheckSection rec={load.rec} onChecked={onChecked} />
      {r.signatures.length > 0 && <h2 class="section-title">{t('report_signatures_title', r.signatures.length)}</h2>}
      {r.signatures.map((s, i) => (
        <SignatureCard key={s.fieldName + i} sig={s} index={i} anchors={load.anchors} onOpenSigned={onOpenSigned} />
      ))}
      <section class="card" id="details">
        <h2>{t('report_details_title')}</h2>
        {r.reasons.length > 0 && (
          <ul class="reasons">
            {r.reasons.filter((x, i, all) => all.findIndex((y) => y.code === x.code && y.vi === x.vi) === i).map((x) => (
              <li>{x[lang()]}</li>
            ))}
          </ul>
        )}
        {reportCodes(r).length > 0 && (
          // Stable codes are for support and the CLI, not for reading: folded away, in one place.
          <details class="tech-codes" id="tech-codes">
            <summary>{t('report_codes_title')}</summary>
            <p class="mono small">{reportCodes(r).join(' · ')}</p>
          </details>
        )}
        <dl class="facts">
          <dt>SHA-256</dt>
          <dd class="mono">{r.sha256}</dd>
          <dt>{t('report_checked_at')}</dt>
          <dd>{dateTime(load.rec.checkedAt)}</dd>
          {load.rec.source && (
            <>
              <dt>{t('report_source')}</dt>
              <dd class="mono">{load.rec.source}</dd>
            </>
          )}
        </dl>
      </section>
    </>
  );
}
