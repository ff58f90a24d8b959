/**
 * The competent authority's queue: copies the certifier signed that await the authority's signature — made in
 * this browser, or brought from another profile as a `.saoy-pending` file. The authority opens one, sees what it
 * is (data, pages, the certifier's signature checked by core), confirms, and signs with an authority key.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CopyRecord } from '../../../core/store/db.js';
import type { CopySummary } from '../../../core/store/copies.js';
import { getCopy } from '../../../core/store/copies.js';
import { listKeys, type KeyInfo } from '../../../core/store/keys.js';
import { tokenKeyInfos } from '../../services/token-keys.js';
import { importPending, listPending } from '../../../core/store/pending.js';
import { getSetting, setSetting } from '../../../core/store/settings.js';
import type { VerificationReport } from '../../../core/verify/report.js';
import { signAsAuthority } from '../../services/authority.js';
import { finishFinalCopy, signingTimestamper } from '../../services/ltv.js';
import { announce, onClerkEvent } from '../../services/clerk-events.js';
import { database } from '../../services/db.js';
import { copyFonts } from '../../services/fonts.js';
import { verifyBytes } from '../../services/verify.js';
import { copyFileName } from '../../shared/file-names.js';
import { downloadBytes, openBytes } from '../common/download.js';
import { errorText } from '../common/errors.js';
import { bytes as fmtBytes, dayVn, groupedHex } from '../common/format.js';
import { t } from '../common/i18n.js';
import { keyValidity } from '../common/key-status.js';
import { verdictLine } from '../common/sentence.js';
import { VerdictMark } from '../common/VerdictMark.js';
import type { CertifyTarget } from '../../shared/messages.js';
import { DeliverCopy } from './DeliverCopy.js';
import { preferredKeyId, trustOfKeys, type KeyTrust } from './key-trust.js';
import { UntrustedKeys } from './UntrustedKeys.js';
import { VerifyCopy } from './SignedStep.js';

type Stage = { kind: 'list' } | { kind: 'detail'; copy: CopyRecord; report?: VerificationReport } | { kind: 'confirm'; copy: CopyRecord; report?: VerificationReport } | { kind: 'done'; copy: CopyRecord };

export function usePendingCount(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const load = async () => setN((await listPending(await database())).length);
    void load();
    return onClerkEvent((e) => e.type === 'copies' && void load());
  }, []);
  return n;
}

export function AuthorityQueue({ selectId, onDone, onBackToCertify, target = null }: { selectId?: string; onDone?: (copyId: string) => void; onBackToCertify?: () => void; target?: CertifyTarget | null }) {
  const [list, setList] = useState<CopySummary[]>([]);
  const [keys, setKeys] = useState<KeyInfo[]>([]);
  const [keyId, setKeyId] = useState('');
  const [trust, setTrust] = useState<Map<string, KeyTrust>>(new Map());
  const [stage, setStage] = useState<Stage>({ kind: 'list' });
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'bad'; text: string }>();

  const refresh = async () => {
    const db = await database();
    const [pending, ks, last] = await Promise.all([listPending(db), listKeys(db, 'authority').then((k) => [...k, ...tokenKeyInfos('authority')]), getSetting(db, 'authorityKeyId')]);
    const tr = await trustOfKeys(ks).catch(() => new Map<string, KeyTrust>());
    setList(pending);
    setKeys(ks);
    setTrust(tr);
    // Never preselect a key whose chain ends at an untrusted root: the copy would verify as "not trusted".
    setKeyId((cur) => (ks.some((k) => k.id === cur) ? cur : preferredKeyId(ks, tr, last)));
  };

  const open = async (id: string) => {
    setMsg(undefined);
    const copy = await getCopy(await database(), id);
    if (!copy) return;
    if (copy.status === 'final') return setStage({ kind: 'done', copy });
    setStage({ kind: 'detail', copy });
    const { report } = await verifyBytes(copy.pdf, { fileName: copyFileName(copy) }).catch(() => ({ report: undefined }));
    setStage((st) => (st.kind === 'detail' && st.copy.id === id ? { ...st, report } : st));
  };

  useEffect(() => {
    void refresh();
    const off = onClerkEvent((e) => (e.type === 'copies' || e.type === 'keys') && void refresh());
    return off;
  }, []);
  useEffect(() => {
    if (selectId) void open(selectId);
  }, [selectId]);

  const importFile = async (f: File) => {
    setMsg(undefined);
    try {
      const copy = await importPending(await database(), new Uint8Array(await f.arrayBuffer()));
      announce({ type: 'copies' });
      await refresh();
      setMsg({ kind: 'ok', text: t('authority_imported', copy.certNo, copy.bookNo) });
      await open(copy.id);
    } catch (e) {
      setMsg({ kind: 'bad', text: errorText(e) });
    }
  };

  const sign = async (copy: CopyRecord, report?: VerificationReport) => {
    setBusy(true);
    setMsg(undefined);
    try {
      const db = await database();
      const timestamp = await signingTimestamper(db);
      let tsProblem: { vi: string } | undefined;
      const onTimestampProblem = (p: { vi: string }) => void (tsProblem = p);
      const signed = await signAsAuthority({ db, officeOf: async () => report?.ecopy?.office, fonts: copyFonts, timestamp, onTimestampProblem }, copy.id, keyId, copy.sha256);
      await setSetting(db, 'authorityKeyId', keyId).catch(() => undefined);
      // B-LT/B-LTA: validation data and the archive timestamp; if that fails the signed copy stays as it is.
      const { copy: final, problem } = await finishFinalCopy(db, signed);
      announce({ type: 'copies' });
      const missed = problem ?? tsProblem;
      if (missed) setMsg({ kind: 'bad', text: t('ltv_level_not_reached', missed.vi) });
      setStage({ kind: 'done', copy: final });
      await refresh();
      onDone?.(final.id);
    } catch (e) {
      setMsg({ kind: 'bad', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const key = keys.find((k) => k.id === keyId);
  const back = () => {
    setStage({ kind: 'list' });
    setMsg(undefined);
  };

  return (
    <div class="authority" data-stage={stage.kind}>
      {msg && (
        <p class={`note ${msg.kind === 'ok' ? 'okbg' : 'bad'}`} id="authority-msg" role="status">
          {msg.text}
        </p>
      )}
      {stage.kind === 'list' && (
        <>
          <h2>{t('authority_title')}</h2>
          <p class="muted small">{t('authority_intro')}</p>
          {list.length === 0 ? (
            <p class="note" id="authority-empty">
              {t('authority_empty')}
            </p>
          ) : (
            <ul class="queue" id="authority-queue">
              {list.map((c) => (
                <li data-copy={c.id} data-cert-no={c.certNo}>
                  <div class="queue-main">
                    <strong>
                      {t('authority_item_no', c.certNo)} · {c.bookNo}
                    </strong>
                    <span>{c.docName}</span>
                    <span class="muted small">
                      {c.requester} · {dayVn(c.date)}
                    </span>
                  </div>
                  <button type="button" class="open-pending" onClick={() => void open(c.id)}>
                    {t('authority_open')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label class="button secondary file-button">
            {t('authority_import')}
            <input id="pending-file" type="file" accept=".saoy-pending,application/octet-stream" onChange={(e) => {
              const input = e.currentTarget;
              const f = input.files?.[0];
              input.value = '';
              if (f) void importFile(f);
            }} />
          </label>
        </>
      )}

      {(stage.kind === 'detail' || stage.kind === 'confirm') && (
        <section aria-labelledby="authority-detail-title">
          <h2 id="authority-detail-title">{stage.kind === 'confirm' ? t('authority_confirm_title', stage.copy.certNo) : t('authority_detail_title', stage.copy.certNo)}</h2>
          {stage.kind === 'confirm' && <p class="note">{t('authority_confirm_intro')}</p>}
          <dl class="facts compact-facts" id="authority-facts">
            <dt>{t('details_number')}</dt>
            <dd>{stage.copy.certNo}</dd>
            <dt>{t('details_book')}</dt>
            <dd>{stage.copy.bookNo}</dd>
            <dt>{t('details_date')}</dt>
            <dd>{dayVn(stage.copy.date)}</dd>
            <dt>{t('details_requester')}</dt>
            <dd>{stage.copy.requester}</dd>
            <dt>{t('details_docName')}</dt>
            <dd>{stage.copy.docName}</dd>
            {stage.report?.ecopy?.pageCount !== undefined && (
              <>
                <dt>{t('preview_pages')}</dt>
                <dd>{t('preview_pages_value', stage.report.ecopy.pageCount, stage.report.ecopy.pageCount + 1)}</dd>
              </>
            )}
            {stage.report?.ecopy?.office && (
              <>
                <dt>{t('details_office')}</dt>
                <dd>{stage.report.ecopy.office}</dd>
              </>
            )}
            <dt>{t('authority_certifier_sig')}</dt>
            <dd id="authority-certifier-check">
              {stage.report ? (
                <>
                  <VerdictMark state={stage.report.verdict} />
                  <div class="small">{verdictLine(stage.report)}</div>
                </>
              ) : (
                <span class="muted">{t('verify_checking')}</span>
              )}
            </dd>
            <dt>{t('signed_size')}</dt>
            <dd>{fmtBytes(stage.copy.pdf.length)}</dd>
          </dl>
          <div class="hash-box">
            <div class="muted small">{t('authority_sha256')}</div>
            <code id="authority-sha256" data-sha256={stage.copy.sha256}>
              {groupedHex(stage.copy.sha256)}
            </code>
          </div>
          <p class="small">
            <a href="#" onClick={(e) => (e.preventDefault(), openBytes(stage.copy.pdf))}>
              {t('authority_view_pdf')}
            </a>
          </p>
          {keys.length === 0 ? (
            <p class="note warn">{t('authority_no_key')}</p>
          ) : (
            <label class="field-v">
              <span>{t('authority_key')}</span>
              <select id="authority-key" value={keyId} disabled={stage.kind === 'confirm'} onChange={(e) => setKeyId(e.currentTarget.value)}>
                {!keyId && <option value="">{t('details_choose_key')}</option>}
                {keys.map((k) => (
                  <option value={k.id} disabled={keyValidity(k) === 'expired'} data-trusted={String(trust.get(k.id)?.trusted ?? false)}>
                    {k.label}
                    {k.demo ? ' — DEMO' : ''}
                    {trust.get(k.id)?.trusted === false ? ` — ${t('key_untrusted_short')}` : ''}
                  </option>
                ))}
              </select>
              {key?.demo && <span class="demo-tag">{t('keys_demo_short')}</span>}
            </label>
          )}
          <UntrustedKeys keys={keys} trust={trust} selected={keyId} />
          <div class="nav-bar">
            <button type="button" class="secondary" id="authority-back" disabled={busy} onClick={stage.kind === 'confirm' ? () => setStage({ kind: 'detail', copy: stage.copy, report: stage.report }) : back}>
              {t('nav_back')}
            </button>
            <span class="spacer" />
            {stage.kind === 'detail' ? (
              <button type="button" id="authority-next" disabled={!keyId || !stage.report} onClick={() => setStage({ kind: 'confirm', copy: stage.copy, report: stage.report })}>
                {t('authority_next')}
              </button>
            ) : (
              <button type="button" id="authority-sign" class="sign-btn" disabled={busy || !keyId} onClick={() => void sign(stage.copy, stage.report)}>
                {busy ? t('nav_signing') : t('authority_sign')}
              </button>
            )}
          </div>
        </section>
      )}

      {stage.kind === 'done' && (
        <section aria-labelledby="authority-done-title">
          <h2 id="authority-done-title">{t('authority_done_title', stage.copy.certNo)}</h2>
          <p class="note okbg" id="authority-done" data-status={stage.copy.status}>
            {t('authority_done_note')}
          </p>
          <dl class="facts compact-facts">
            <dt>{t('details_docName')}</dt>
            <dd>{stage.copy.docName}</dd>
            <dt>{t('details_requester')}</dt>
            <dd>{stage.copy.requester}</dd>
            <dt>SHA-256</dt>
            <dd class="mono">{groupedHex(stage.copy.sha256)}</dd>
          </dl>
          {/* The copy is final: it goes to the portal tab (after the same origin confirmation) or is downloaded. */}
          <DeliverCopy copy={stage.copy} target={target} />
          <div class="row-actions">
            <button type="button" class="secondary" id="authority-download" onClick={() => downloadBytes([stage.copy.pdf], copyFileName(stage.copy), 'application/pdf')}>
              {t('signed_download')}
            </button>
            <VerifyCopy copy={stage.copy} />
          </div>
          <div class="row-actions">
            {onBackToCertify && (
              <button type="button" id="authority-to-certify" onClick={onBackToCertify}>
                {t('authority_back_to_certify')}
              </button>
            )}
            <button type="button" class="secondary" id="authority-list" onClick={back}>
              {t('authority_back_to_list')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
