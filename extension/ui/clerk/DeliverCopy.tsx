/**
 * "Đưa vào hồ sơ": hands a final copy to the portal tab the clerk pressed Certify on, after the clerk confirmed
 * the target's full origin inside the extension (HandOverConfirm). One component for every place a copy becomes
 * final or is looked up again: the certify flow, the authority's queue (side panel and manage page), the copies page.
 */
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CopyRecord } from '../../../core/store/db.js';
import { copyFileName } from '../../shared/file-names.js';
import type { CertifyTarget, DeliverResult } from '../../shared/messages.js';
import { errorText } from '../common/errors.js';
import { t } from '../common/i18n.js';
import { HandOverConfirm } from '../common/TargetOrigin.js';

/** `askAtOnce`: the clerk already pressed "Đưa vào hồ sơ" (the copies page loads the copy on that click). */
export function DeliverCopy({ copy, target, compact = false, askAtOnce = false }: { copy: CopyRecord; target: CertifyTarget | null; compact?: boolean; askAtOnce?: boolean }) {
  const [placed, setPlaced] = useState<{ kind: 'ok' | 'bad'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(askAtOnce);
  if (copy.status !== 'final') return null;

  const deliver = async () => {
    if (!target) return;
    setConfirming(false);
    setBusy(true);
    setPlaced(undefined);
    try {
      const r = (await browser.runtime.sendMessage({ type: 'deliverCopy', copyId: copy.id, tabId: target.tabId })) as DeliverResult;
      setPlaced(r.ok ? { kind: 'ok', text: t('signed_placed', r.name) } : { kind: 'bad', text: t(`deliver_${r.why}`) });
    } catch (e) {
      setPlaced({ kind: 'bad', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="action-stack deliver-copy">
      {target ? (
        <>
          <button type="button" id={compact ? undefined : 'place-copy'} class={compact ? 'small-btn place-copy' : 'big'} disabled={busy || confirming} onClick={() => (setPlaced(undefined), setConfirming(true))}>
            {t('signed_place')}
          </button>
          {!compact && <p class="muted small target-line">{t('signed_place_target', target.title || target.origin, target.origin)}</p>}
          {confirming && <HandOverConfirm target={target} fileName={copyFileName(copy)} onConfirm={() => void deliver()} onCancel={() => setConfirming(false)} />}
        </>
      ) : (
        !compact && <p class="muted small no-target">{t('signed_no_target')}</p>
      )}
      {placed && (
        <p class={`note ${placed.kind} place-status`} id={compact ? undefined : 'place-status'} role="status">
          {placed.text}
        </p>
      )}
    </div>
  );
}
