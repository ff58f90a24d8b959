/**
 * Step 1: who asks, which original, how many copies; and who signs in which book (preselected: the usable
 * certifier key last used, the open book, today's date — the clerk normally types two names and goes on).
 */
import type { BookState } from '../../../core/book/types.js';
import type { KeyInfo } from '../../../core/store/keys.js';
import { UntrustedKeys } from './UntrustedKeys.js';
import type { KeyTrust } from './key-trust.js';
import { dayVn } from '../common/format.js';
import { t } from '../common/i18n.js';
import { keyValidity } from '../common/key-status.js';
import { openManage } from './deps.js';
import type { Details, FlowAction, FlowState } from './flow-state.js';
import { detailsProblems } from './flow-state.js';

/** Originals clerks certify most (suggestions only; any name may be typed). */
const COMMON_ORIGINALS = [
  'Căn cước công dân',
  'Giấy khai sinh',
  'Bằng tốt nghiệp đại học',
  'Bằng tốt nghiệp trung học phổ thông',
  'Bảng điểm',
  'Hộ chiếu',
  'Giấy chứng nhận kết hôn',
  'Giấy phép lái xe',
  'Giấy chứng nhận quyền sử dụng đất',
  'Sổ hộ khẩu',
];

export function DetailsStep(props: { s: FlowState; dispatch: (a: FlowAction) => void; keys: KeyInfo[]; trust: ReadonlyMap<string, KeyTrust>; books: BookState[]; today: string }) {
  const { s, dispatch, keys, books, today } = props;
  const d = s.details;
  const problems = s.showProblems ? detailsProblems(d) : [];
  const edit = (field: keyof Details) => (e: Event) => dispatch({ type: 'edit', field, value: (e.currentTarget as HTMLInputElement).value });
  const bad = (k: (typeof problems)[number]) => problems.includes(k);
  const book = books.find((b) => b.config.id === d.bookId);
  const key = keys.find((k) => k.id === d.keyId);

  return (
    <section class="step-body" aria-labelledby="details-title">
      <h2 id="details-title">{t('step_details_title')}</h2>
      <label class={`field-v${bad('requester') ? ' invalid' : ''}`}>
        <span>
          {t('details_requester')} <b class="req">*</b>
        </span>
        <input id="requester" type="text" autoComplete="off" value={d.requester} onInput={edit('requester')} placeholder={t('details_requester_ph')} />
        {bad('requester') && <span class="field-error">{t('details_need_requester')}</span>}
      </label>
      <label class={`field-v${bad('docName') ? ' invalid' : ''}`}>
        <span>
          {t('details_docName')} <b class="req">*</b>
        </span>
        <input id="doc-name" type="text" list="common-originals" autoComplete="off" value={d.docName} onInput={edit('docName')} placeholder={t('details_docName_ph')} />
        <datalist id="common-originals">
          {COMMON_ORIGINALS.map((o) => (
            <option value={o} />
          ))}
        </datalist>
        {bad('docName') && <span class="field-error">{t('details_need_docName')}</span>}
      </label>
      <label class={`field-v narrow${bad('copies') ? ' invalid' : ''}`}>
        <span>{t('details_copies')}</span>
        <input id="copies" type="number" min={1} max={100} step={1} value={d.copies} onInput={edit('copies')} />
        {bad('copies') && <span class="field-error">{t('details_bad_copies')}</span>}
      </label>

      <fieldset class="signer-box">
        <legend>{t('details_signer_box')}</legend>
        {keys.length === 0 ? (
          <p class={`note ${bad('keyId') ? 'bad' : 'warn'}`}>
            {t('details_no_key')}{' '}
            <button type="button" class="secondary small-btn" onClick={() => void openManage('keys')}>
              {t('details_open_keys')}
            </button>
          </p>
        ) : (
          <label class={`field-v${bad('keyId') ? ' invalid' : ''}`}>
            <span>{t('details_key')}</span>
            <select id="certifier-key" value={d.keyId} onChange={edit('keyId')}>
              {!d.keyId && <option value="">{t('details_choose_key')}</option>}
              {keys.map((k) => {
                const v = keyValidity(k);
                return (
                  <option value={k.id} disabled={v === 'expired' || v === 'not-yet-valid'}>
                    {k.label}
                    {k.demo ? ' — DEMO' : ''}
                    {v === 'expired' ? ` (${t('keys_expired')})` : ''}
                    {props.trust.get(k.id)?.trusted === false ? ` — ${t('key_untrusted_short')}` : ''}
                  </option>
                );
              })}
            </select>
            {key?.demo && <span class="demo-tag">{t('keys_demo_short')}</span>}
            {bad('keyId') && <span class="field-error">{t('details_need_key')}</span>}
          </label>
        )}
        <UntrustedKeys keys={keys} trust={props.trust} selected={d.keyId} />
        <label class="field-v">
          <span>{t('details_title')}</span>
          <input id="signer-title" type="text" value={d.signerTitle} onInput={edit('signerTitle')} placeholder={t('details_title_ph')} />
        </label>
        {books.length === 0 ? (
          <p class={`note ${bad('bookId') ? 'bad' : 'warn'}`}>
            {t('details_no_book')}{' '}
            <button type="button" class="secondary small-btn" onClick={() => void openManage('book')}>
              {t('details_open_book')}
            </button>
          </p>
        ) : books.length > 1 ? (
          <label class="field-v">
            <span>{t('details_book')}</span>
            <select id="book" value={d.bookId} onChange={edit('bookId')}>
              {books.map((b) => (
                <option value={b.config.id}>{b.config.bookNo}</option>
              ))}
            </select>
          </label>
        ) : null}
        {book && (
          <dl class="facts compact-facts">
            <dt>{t('details_book')}</dt>
            <dd id="book-no">{book.config.bookNo}</dd>
            <dt>{t('details_office')}</dt>
            <dd>{book.config.office}</dd>
            <dt>{t('details_date')}</dt>
            <dd>{dayVn(today)}</dd>
          </dl>
        )}
      </fieldset>
    </section>
  );
}
