/**
 * Where a certified copy would go, as the extension knows it: the portal (the adapter's name from our own
 * settings) and the full origin — scheme, host and port — that the browser reported when the clerk pressed
 * Certify. The page's title is shown last and labelled as the page's own words: a hostile page can copy a
 * portal's title, never its origin.
 */
import type { CertifyTarget } from '../../shared/messages.js';
import { t } from './i18n.js';

export function TargetOrigin({ target, id }: { target: CertifyTarget; id?: string }) {
  return (
    <dl class="target-origin" id={id}>
      <dt>{t('target_portal')}</dt>
      <dd data-field="portal">{target.portal || t('target_portal_unknown')}</dd>
      <dt>{t('target_origin')}</dt>
      <dd class="mono" data-field="origin">
        {target.origin}
      </dd>
      <dt>{t('target_title')}</dt>
      <dd class="muted" data-field="title">
        {target.title || '—'}
      </dd>
    </dl>
  );
}

/** The clerk confirms, inside the extension, exactly which page receives the copy before it is handed over. */
export function HandOverConfirm(props: { target: CertifyTarget; fileName: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="note warn hand-over" id="place-confirm-box" role="alertdialog" aria-labelledby="place-confirm-title">
      <p id="place-confirm-title">
        <strong>{t('handover_question', props.fileName)}</strong>
      </p>
      <TargetOrigin target={props.target} />
      <p class="small">{t('handover_hint')}</p>
      <div class="row-actions">
        <button type="button" id="place-confirm" onClick={props.onConfirm}>
          {t('handover_confirm')}
        </button>
        <button type="button" class="secondary" id="place-cancel" onClick={props.onCancel}>
          {t('handover_cancel')}
        </button>
      </div>
    </div>
  );
}
