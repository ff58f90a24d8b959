/** The copy's statement page drawn in HTML from core's rendered statement: the same lines the PDF carries. */
import type { EcopyFields, RenderedStatement } from '../../../core/ecopy/index.js';
import { t } from '../common/i18n.js';

export function StatementSheet({ st, fields }: { st: RenderedStatement; fields: EcopyFields }) {
  const [title, subtitle] = st.title;
  return (
    <div class="sheet" aria-label={t('preview_statement_page')}>
      <div class="sheet-head">
        <div class="sheet-office">{st.officeLine.toLocaleUpperCase('vi')}</div>
        <div class="sheet-nation">
          <div>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div class="sheet-motto">Độc lập - Tự do - Hạnh phúc</div>
        </div>
      </div>
      <div class="sheet-title">{title}</div>
      {subtitle && <div class="sheet-subtitle">{subtitle}</div>}
      <div class="sheet-rows">
        <div>
          <b>Tên bản chính:</b> {fields.docName}
        </div>
        <div>
          <b>Số trang bản chính:</b> {fields.pageCount} trang
        </div>
        {fields.requester && (
          <div>
            <b>Người yêu cầu chứng thực:</b> {fields.requester}
          </div>
        )}
      </div>
      <div class="sheet-statement" id="statement-lines">
        {st.statement.map((line, i) => (i === 0 ? <b>{line}</b> : <div>{line}</div>))}
      </div>
      <div class="sheet-sigs">
        {[st.certifierBlock, st.authorityBlock].map(([head, note, name]) => (
          <div class="sheet-sig">
            <b>{head}</b>
            <div>{note}</div>
            <div class="sheet-sig-box" />
            <b>{name}</b>
          </div>
        ))}
      </div>
    </div>
  );
}
