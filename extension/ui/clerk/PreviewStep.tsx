/** Step 3: the copy as core built it (unsigned): its pages, the statement with the next number, the fee. */
import type { Prepared } from '../../services/certify.js';
import { dayVn, money, bytes as fmtBytes } from '../common/format.js';
import { openBytes } from '../common/download.js';
import { t } from '../common/i18n.js';
import type { PageItem } from './flow-state.js';
import { usePageUrls } from './page-urls.js';
import { StatementSheet } from './StatementSheet.js';
import { Thumb } from './Thumb.js';

export function PagesStrip({ pages, size = 'sm' }: { pages: readonly PageItem[]; size?: 'sm' | 'md' }) {
  const urlOf = usePageUrls(pages);
  return (
    <ol class="strip">
      {pages.map((p, i) => (
        <li>
          <Thumb url={urlOf(p.id)} rotate={p.rotate} label={t('pages_page_n', i + 1)} size={size} />
          <span class="small muted">{i + 1}</span>
        </li>
      ))}
    </ol>
  );
}

export function PreviewStep({ p, pages }: { p: Prepared; pages: readonly PageItem[] }) {
  const f = p.fields;
  return (
    <section class="step-body" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('step_preview_title')}</h2>
      <dl class="facts compact-facts" id="preview-facts">
        <dt>{t('preview_number')}</dt>
        <dd>
          <b id="preview-cert-no">{f.certNo}</b> <span class="muted small">{t('preview_number_note')}</span>
        </dd>
        <dt>{t('details_book')}</dt>
        <dd>{p.statement.bookNo}</dd>
        <dt>{t('details_date')}</dt>
        <dd>{dayVn(f.date)}</dd>
        <dt>{t('details_requester')}</dt>
        <dd>{f.requester}</dd>
        <dt>{t('details_docName')}</dt>
        <dd>{f.docName}</dd>
        <dt>{t('preview_pages')}</dt>
        <dd>{t('preview_pages_value', f.pageCount, f.pageCount + 1)}</dd>
        <dt>{t('details_copies')}</dt>
        <dd>{p.input.copies}</dd>
        <dt>{t('preview_fee')}</dt>
        <dd id="preview-fee">{money(p.fee)}</dd>
      </dl>
      <h3 class="sub">{t('preview_copy_pages')}</h3>
      <PagesStrip pages={pages} />
      <p class="muted small sheet-caption">{t('preview_statement_caption', f.pageCount + 1)}</p>
      <StatementSheet st={p.statement} fields={f} />
      <p class="small">
        <a
          href="#"
          id="open-preview-pdf"
          onClick={(e) => {
            e.preventDefault();
            openBytes(p.unsigned);
          }}
        >
          {t('preview_open_pdf', fmtBytes(p.unsigned.length))}
        </a>
      </p>
    </section>
  );
}
