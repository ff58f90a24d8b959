/**
 * The clerk's certify workflow (side panel): details → pages → preview → confirmation → signed. Defaults make the
 * usual case two names, the pages and four presses: the usable certifier key last used, the open book, today,
 * the next number, the fee from the settings' rule.
 */
import { tokenKeyInfos } from '../../services/token-keys.js';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { vietnamDay } from '../../../core/certify/signing-day.js';
import type { BookState } from '../../../core/book/types.js';
import { openBooks } from '../../../core/store/book.js';
import { listKeys, type KeyInfo } from '../../../core/store/keys.js';
import { getSetting, setSetting } from '../../../core/store/settings.js';
import { abandonPrepared, prepareCopy, signPrepared, type CertifyInput } from '../../services/certify.js';
import { announce, onClerkEvent } from '../../services/clerk-events.js';
import { database } from '../../services/db.js';
import { sweepReservations } from '../../services/reservations.js';
import type { CertifyTarget } from '../../shared/messages.js';
import { errorText } from '../common/errors.js';
import { t } from '../common/i18n.js';
import { ConfirmStep } from './ConfirmStep.js';
import { certifyDeps, locks } from './deps.js';
import { DetailsStep } from './DetailsStep.js';
import { preferredKeyId, trustOfKeys, type KeyTrust } from './key-trust.js';
import { canAdvance, copiesOf, flowReducer, initialFlow, STEPS, type FlowState } from './flow-state.js';
import { PagesStep } from './PagesStep.js';
import { PreviewStep } from './PreviewStep.js';
import { SignedStep } from './SignedStep.js';

function Stepper({ step }: { step: FlowState['step'] }) {
  const at = STEPS.indexOf(step);
  return (
    <ol class="stepper" aria-label={t('steps_label')}>
      {STEPS.map((s, i) => (
        <li class={i < at ? 'done' : i === at ? 'current' : ''} aria-current={i === at ? 'step' : undefined} data-step={s}>
          <span class="dot">{i + 1}</span>
          <span class="lbl">{t(`step_${s}`)}</span>
        </li>
      ))}
    </ol>
  );
}

function inputOf(s: FlowState, today: string): CertifyInput {
  return {
    bookId: s.details.bookId,
    keyId: s.details.keyId,
    requester: s.details.requester,
    docName: s.details.docName,
    copies: copiesOf(s.details),
    signerTitle: s.details.signerTitle,
    pages: s.pages.map((p) => ({ bytes: p.bytes, name: p.name, rotate: p.rotate, ...(p.paper ? { paper: p.paper } : {}), ...(p.crop ? { crop: p.crop } : {}) })),
    date: today,
  };
}

export function CertifyFlow({ target, onAuthority }: { target: CertifyTarget | null; onAuthority: (copyId: string) => void }) {
  const [s, dispatch] = useReducer(flowReducer, undefined, () => initialFlow());
  const [keys, setKeys] = useState<KeyInfo[]>([]);
  const [trust, setTrust] = useState<Map<string, KeyTrust>>(new Map());
  const [books, setBooks] = useState<BookState[]>([]);
  // The statement is dated the signing day in Vietnam (Decree 23/2015 Art. 7), whatever the computer's time zone.
  const [today, setToday] = useState(() => vietnamDay(new Date()));
  const details = useRef(s.details);
  details.current = s.details;

  // Lists and defaults (and the sweep of numbers whose page went away), again whenever another page changes them.
  useEffect(() => {
    const load = async (first: boolean) => {
      const db = await database();
      if (first) await sweepReservations(db, locks).catch(() => undefined);
      const [ks, bs, title, lastKey] = await Promise.all([listKeys(db, 'certifier').then((k) => [...k, ...tokenKeyInfos('certifier')]), openBooks(db), getSetting(db, 'signerTitle'), getSetting(db, 'certifierKeyId')]);
      const tr = await trustOfKeys(ks).catch(() => new Map<string, KeyTrust>());
      setKeys(ks);
      setTrust(tr);
      setBooks(bs);
      setToday(vietnamDay(new Date()));
      dispatch({
        type: 'defaults',
        details: {
          ...(first ? { signerTitle: title } : {}),
          keyId: ks.some((k) => k.id === details.current.keyId) ? details.current.keyId : preferredKeyId(ks, tr, lastKey),
          bookId: bs.some((b) => b.config.id === details.current.bookId) ? details.current.bookId : (bs[0]?.config.id ?? ''),
        },
      });
    };
    void load(true);
    return onClerkEvent((e) => (e.type === 'keys' || e.type === 'book') && void load(false));
  }, []);

  const keyInfo = keys.find((k) => k.id === s.details.keyId);

  const prepare = async () => {
    dispatch({ type: 'next' });
    if (!canAdvance(s)) return;
    dispatch({ type: 'busy', busy: 'preparing' });
    try {
      const now = vietnamDay(new Date());
      setToday(now);
      dispatch({ type: 'prepared', prepared: await prepareCopy(await certifyDeps(), inputOf(s, now)) });
    } catch (e) {
      dispatch({ type: 'error', message: errorText(e) });
    }
  };

  const sign = async () => {
    const p = s.prepared;
    if (!p) return;
    dispatch({ type: 'busy', busy: 'signing' });
    const deps = await certifyDeps();
    try {
      const out = await signPrepared(deps, p, p.sha256);
      announce({ type: 'book' });
      if (out.kind === 'renumbered') return dispatch({ type: 'renumbered', prepared: out.prepared, from: out.previousCertNo });
      // The number taken for this copy was cancelled (it stays in the book, marked): prepare again.
      if (out.kind === 'failed') return dispatch({ type: 'discard', message: t('sign_failed_cancelled', out.cancelledCertNo, errorText(out.error)) });
      announce({ type: 'copies' });
      await setSetting(deps.db, 'signerTitle', p.input.signerTitle).catch(() => undefined);
      await setSetting(deps.db, 'certifierKeyId', p.input.keyId).catch(() => undefined);
      dispatch({ type: 'signed', copyId: out.copy.id, note: out.timestampProblem ? t('ltv_signed_without_timestamp', out.timestampProblem.vi) : undefined });
    } catch (e) {
      // Refused before any number was taken (key, certificate, book): nothing to undo.
      dispatch({ type: 'error', message: errorText(e) });
    }
  };

  const giveUp = async () => {
    if (!s.prepared?.reservation) return;
    dispatch({ type: 'busy', busy: 'signing' });
    await abandonPrepared(await certifyDeps(), s.prepared).catch(() => undefined);
    announce({ type: 'book' });
    dispatch({ type: 'discard', message: t('confirm_given_up', s.prepared.fields.certNo) });
  };

  const reserved = s.prepared?.reservation !== undefined;
  return (
    <div class="flow" data-step={s.step}>
      <Stepper step={s.step} />
      {s.error && (
        <p class="note bad" id="flow-error" role="alert">
          {s.error}
        </p>
      )}
      {s.step === 'details' && <DetailsStep s={s} dispatch={dispatch} keys={keys} trust={trust} books={books} today={today} />}
      {s.step === 'pages' && <PagesStep s={s} dispatch={dispatch} />}
      {s.step === 'preview' && s.prepared && <PreviewStep p={s.prepared} pages={s.pages} />}
      {s.step === 'confirm' && s.prepared && <ConfirmStep p={s.prepared} pages={s.pages} keyInfo={keyInfo} renumberedFrom={s.renumberedFrom} />}
      {s.step === 'signed' && s.copyId && <SignedStep copyId={s.copyId} target={target} onAuthority={onAuthority} onNew={() => dispatch({ type: 'reset' })} />}

      {s.step !== 'signed' && (
        <div class="nav-bar">
          {s.step !== 'details' && !reserved && (
            <button type="button" class="secondary" id="back" disabled={s.busy !== false} onClick={() => dispatch({ type: 'back' })}>
              {t('nav_back')}
            </button>
          )}
          {reserved && (
            <button type="button" class="danger" id="give-up" disabled={s.busy !== false} onClick={() => void giveUp()}>
              {t('confirm_give_up')}
            </button>
          )}
          <span class="spacer" />
          {s.step === 'details' && (
            <button type="button" id="next" onClick={() => dispatch({ type: 'next' })}>
              {t('nav_next_pages')}
            </button>
          )}
          {s.step === 'pages' && (
            <button type="button" id="next" disabled={s.busy !== false} onClick={() => void prepare()}>
              {s.busy === 'preparing' ? t('nav_preparing') : t('nav_next_preview')}
            </button>
          )}
          {s.step === 'preview' && (
            <button type="button" id="next" onClick={() => dispatch({ type: 'next' })}>
              {t('nav_next_confirm')}
            </button>
          )}
          {s.step === 'confirm' && (
            <button type="button" id="sign" class="sign-btn" disabled={s.busy !== false} onClick={() => void sign()}>
              {s.busy === 'signing' ? t('nav_signing') : t('nav_sign')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
