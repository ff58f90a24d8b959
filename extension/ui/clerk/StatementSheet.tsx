/** The copy's statement page drawn in HTML from core's rendered statement: the same lines the PDF carries. */
import type { EcopyFields, RenderedStatement } from '../../../core/ecopy/index.js';
import { t } from '../common/i18n.js';

export function StatementSheet({ st }: { st: RenderedStatement; fields?: EcopyFields }) {
  const [first, numbers, placeDate] = st.statement;
  const block = st.certifierBlock;
  const heading = block[0];
  const name = block[block.length - 1];
  const note = block[block.length - 2];
  const title = block.length === 4 ? block[1] : undefined;
  return (
    <div class="sheet" aria-label={t('preview_statement_page')}>
      <div class="sheet-head">
        <div class="sheet-office">
          <div>{st.header[0]}</div>
          <div>{st.header[1]}</div>
        </div>
        <div class="sheet-nation">
          <div>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div class="sheet-motto">Độc lập - Tự do - Hạnh phúc</div>
        </div>
      </div>
      <div class="sheet-statement" id="statement-lines">
        <b>{first}</b>
        <div>{numbers}</div>
      </div>
      <div class="sheet-sigs">
        <div class="sheet-sig">
          <div class="sheet-sig-box sheet-seal" title={st.officeLine} />
        </div>
        <div class="sheet-sig">
          <div class="sheet-place">{placeDate}</div>
          <b>{heading}</b>
          {title && <b>{title}</b>}
          <div>{note}</div>
          <div class="sheet-sig-box" />
          <b>{name}</b>
        </div>
      </div>
      <div class="sheet-footer">{st.footer}</div>
    </div>
  );
}
