/**
 * Step 4: exactly what will be signed — page count and pages, the statement lines, who signs, and the SHA-256
 * of the unsigned copy. The key is used only when the clerk presses "Ký số" here.
 */
import type { KeyInfo } from '../../../core/store/keys.js';
import type { Prepared } from '../../services/certify.js';
import { groupedHex } from '../common/format.js';
import { t } from '../common/i18n.js';
import type { PageItem } from './flow-state.js';
import { PagesStrip } from './PreviewStep.js';

export function ConfirmStep({ p, pages, keyInfo, renumberedFrom }: { p: Prepared; pages: readonly PageItem[]; keyInfo?: KeyInfo; renumberedFrom?: string }) {
  const st = p.statement;
  return (
    <section class="step-body" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t('step_confirm_title')}</h2>
      {renumberedFrom !== undefined && (
        <p class="note warn" id="renumbered" role="alert">
          {t('confirm_renumbered', renumberedFrom, p.fields.certNo)}
        </p>
      )}
      <p class="note">{t('confirm_intro')}</p>
      <dl class="facts compact-facts" id="confirm-facts">
        <dt>{t('confirm_pages')}</dt>
        <dd id="confirm-page-count">{t('preview_pages_value', p.fields.pageCount, p.fields.pageCount + 1)}</dd>
      </dl>
      <PagesStrip pages={pages} />
      <h3 class="sub">{t('confirm_statement')}</h3>
      <blockquote class="statement-quote" id="confirm-statement">
        <div>{st.officeLine}</div>
        {st.statement.map((l) => (
          <div>{l}</div>
        ))}
        {st.certifierBlock.map((l) => (
          <div>{l}</div>
        ))}
      </blockquote>
      <dl class="facts compact-facts">
        <dt>{t('details_docName')}</dt>
        <dd>{p.fields.docName}</dd>
        <dt>{t('details_requester')}</dt>
        <dd>{p.fields.requester}</dd>
        <dt>{t('confirm_signer')}</dt>
        <dd>
          {keyInfo?.commonName ?? p.fields.certifier}
          {keyInfo?.demo && <span class="demo-tag">DEMO</span>}
          <div class="muted small">{t('confirm_signer_role')}</div>
        </dd>
      </dl>
      <div class="hash-box">
        <div class="muted small">{t('confirm_sha256')}</div>
        <code id="confirm-sha256" data-sha256={p.sha256}>
          {groupedHex(p.sha256)}
        </code>
      </div>
    </section>
  );
}
