/**
 * The certification book: entries with the columns of the book's template (Circular 01/2020), search
 * (diacritics-insensitive), date filter, cancel an entry (reason required; the row stays, marked), CSV export
 * (UTF-8 with BOM), the print view, and the integrity check (hash chain) saying what is wrong.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { columnsTemplateById } from '../../../core/book/columns.js';
import { bookCsvBytes, rowCells } from '../../../core/book/export.js';
import { bookXlsx } from '../../../core/book/xlsx.js';
import { isoDay } from '../../../core/book/dates.js';
import { selectFeeRule } from '../../../core/book/fee.js';
import type { IntegrityReport } from '../../../core/book/integrity.js';
import { suggestBookNo } from '../../../core/book/numbering.js';
import { COMMUNE_KINDS, officeDisplayName, parseOfficeName, type CommuneKind } from '../../../core/ecopy/office.js';
import { filterRows, type RowQuery } from '../../../core/book/search.js';
import type { BookRow, BookState } from '../../../core/book/types.js';
import type { FeeRule } from '../../../core/book/fee.js';
import { books as bookService } from '../../services/book.js';
import { copies as copyService } from '../../services/copies.js';
import { announce, onClerkEvent } from '../../services/clerk-events.js';
import { database } from '../../services/db.js';
import { sweepReservations } from '../../services/reservations.js';
import { bookFileName } from '../../shared/file-names.js';
import { locks } from '../clerk/deps.js';
import { DateField } from '../common/DateField.js';
import { downloadBytes } from '../common/download.js';
import { errorText } from '../common/errors.js';
import { money } from '../common/format.js';
import { lang, t } from '../common/i18n.js';

type Status = { kind: 'ok' | 'bad'; text: string } | undefined;

/**
 * What the status filter shows. A recorded entry whose copy still awaits the authority's signature is not yet
 * certified ("Đã chứng thực" would tell the clerk to hand over a copy that is not valid yet): it is its own state.
 */
type ShownStatus = BookRow['status'] | 'awaiting';

function shownStatus(r: BookRow, awaiting: ReadonlySet<string>): ShownStatus {
  return r.status === 'recorded' && r.copyId !== undefined && awaiting.has(r.copyId) ? 'awaiting' : r.status;
}

function OpenBookForm({ books, onOpened }: { books: BookState[]; onOpened: (b: BookState) => void }) {
  const year = new Date().getFullYear();
  const last = books[0];
  // The office as structured data (kind, name, province): the book keeps its full name, which every copy prints.
  const prev = last ? parseOfficeName(last.config.office) : undefined;
  const [kind, setKind] = useState<CommuneKind>(prev && (COMMUNE_KINDS as readonly string[]).includes(prev.kind) ? (prev.kind as CommuneKind) : 'phường');
  const [unitName, setUnitName] = useState(prev?.name ?? '');
  const [province, setProvince] = useState(prev?.province ?? '');
  const office = unitName.trim() && province.trim() ? officeDisplayName({ kind, name: unitName.trim(), province: province.trim() }) : '';
  const [bookNo, setBookNo] = useState(() => suggestBookNo(books, last?.config.office ?? '', 'SCT/BS', year));
  const [suffix, setSuffix] = useState('');
  const [status, setStatus] = useState<Status>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const b = await bookService.open({ office, year, bookNo, numberSuffix: suffix });
      announce({ type: 'book' });
      setStatus({ kind: 'ok', text: t('book_opened', b.config.bookNo) });
      onOpened(b);
    } catch (err) {
      setStatus({ kind: 'bad', text: errorText(err) });
    }
  };
  return (
    <form class="grid-form" id="open-book-form" onSubmit={(e) => void submit(e)}>
      <label class="field">
        <span>{t('book_f_office_kind')}</span>
        <select id="book-office-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as CommuneKind)}>
          {COMMUNE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('book_f_office_name')}</span>
        <input id="book-office-name" type="text" required value={unitName} placeholder="Hạc Thành" onInput={(e) => setUnitName(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('book_f_province')}</span>
        <input id="book-office-province" type="text" required value={province} placeholder="Thanh Hóa" onInput={(e) => setProvince(e.currentTarget.value)} />
      </label>
      <p class="muted small" id="book-office">
        {office ? t('book_f_office_full', office) : t('book_f_office')}
      </p>
      <label class="field">
        <span>{t('book_f_bookNo')}</span>
        <input id="book-number" type="text" required value={bookNo} onInput={(e) => setBookNo(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('book_f_suffix')}</span>
        <input id="book-suffix" type="text" value={suffix} placeholder="/ĐT" onInput={(e) => setSuffix(e.currentTarget.value)} />
      </label>
      <p class="muted small">{t('book_f_hint', year)}</p>
      <div>
        <button type="submit" id="open-book">
          {t('book_open')}
        </button>
      </div>
      {status && <p class={`note ${status.kind === 'ok' ? 'okbg' : 'bad'}`}>{status.text}</p>}
    </form>
  );
}

function IntegrityResult({ r }: { r: IntegrityReport & { checkedAt: string } }) {
  return (
    <div class={`note ${r.ok ? 'okbg' : 'bad'}`} id="integrity-result" data-ok={String(r.ok)} role="status">
      <strong>{r.ok ? t('book_integrity_ok') : t('book_integrity_bad', r.problems.length)}</strong>
      {!r.ok && (
        <ul>
          {r.problems.map((p) => (
            <li data-kind={p.kind}>{lang() === 'vi' ? p.vi : p.en}</li>
          ))}
        </ul>
      )}
      <div class="small muted">{t('book_integrity_when', new Date(r.checkedAt).toLocaleTimeString(lang() === 'vi' ? 'vi-VN' : 'en-GB'))}</div>
    </div>
  );
}

export function BookPage() {
  const [books, setBooks] = useState<BookState[]>([]);
  const [bookId, setBookId] = useState('');
  const [rows, setRows] = useState<BookRow[]>([]);
  /** Ids of this book's copies still awaiting the authority. */
  const [awaiting, setAwaiting] = useState<ReadonlySet<string>>(new Set());
  const [statusFilter, setStatusFilter] = useState<ShownStatus | ''>('');
  /** Date filters typed but not a day (32/13/2026): said so, and nothing is filtered with them. */
  const [dateErr, setDateErr] = useState<{ from?: string; to?: string }>({});
  const [rules, setRules] = useState<FeeRule[]>([]);
  const [q, setQ] = useState<RowQuery>({});
  const [integrity, setIntegrity] = useState<IntegrityReport & { checkedAt: string }>();
  const [cancelling, setCancelling] = useState<number>();
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<Status>();
  const [showOpen, setShowOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);

  const refresh = async (id = bookId) => {
    const bs = await bookService.list();
    setBooks(bs);
    const chosen = bs.find((b) => b.config.id === id) ?? bs.find((b) => !b.head.closed) ?? bs[0];
    setBookId(chosen?.config.id ?? '');
    setRows(chosen ? await bookService.rows(chosen.config.id) : []);
    const pending = chosen ? await copyService.list({ status: 'awaiting-authority', bookId: chosen.config.id }).catch(() => []) : [];
    setAwaiting(new Set(pending.map((c) => c.id)));
    setRules(await bookService.feeRules().catch(() => []));
    setLoaded(true);
  };

  useEffect(() => {
    void (async () => {
      // Numbers whose page went away mid-certification become visible cancelled entries first.
      const swept = await sweepReservations(await database(), locks).catch(() => []);
      if (swept.length) announce({ type: 'book' });
      await refresh();
    })();
    // The authority signing a copy changes what the book shows for it as well.
    return onClerkEvent((e) => (e.type === 'book' || e.type === 'copies') && void refresh());
  }, []);

  const book = books.find((b) => b.config.id === bookId);
  const template = book ? columnsTemplateById(book.config.columnsTemplateId) : undefined;
  const shown = useMemo(() => filterRows(rows, q).filter((r) => !statusFilter || shownStatus(r, awaiting) === statusFilter), [rows, q, statusFilter, awaiting]);
  const badDate = dateErr.from ?? dateErr.to;
  const rule = selectFeeRule(rules, isoDay(new Date()));

  const check = async () => {
    if (!book) return;
    const report = await bookService.verify(book.config.id);
    await refresh(book.config.id); // show the book as it is stored now, next to what is wrong with it
    setIntegrity({ ...report, checkedAt: new Date().toISOString() });
  };
  const flagged = new Set((integrity && !integrity.ok ? integrity.problems : []).map((p) => p.number).filter((n) => n !== undefined));

  const doCancel = async (row: BookRow) => {
    if (!book) return;
    if (!reason.trim()) return setStatus({ kind: 'bad', text: t('book_cancel_need_reason') });
    try {
      await bookService.cancel(book.config.id, row.number, reason);
      announce({ type: 'book' });
      setStatus({ kind: 'ok', text: t('book_cancelled', row.certNo) });
      setCancelling(undefined);
      setReason('');
      await refresh();
    } catch (err) {
      setStatus({ kind: 'bad', text: errorText(err) });
    }
  };

  const exportCsv = () => {
    if (!book) return;
    downloadBytes([bookCsvBytes(book, rows)], bookFileName(book.config.bookNo, 'csv'), 'text/csv;charset=utf-8');
  };

  const [month, setMonth] = useState(() => isoDay(new Date()).slice(0, 7));

  const closeYear = async () => {
    if (!book || !window.confirm(t('book_close_year_confirm', String(book.config.year), book.config.bookNo))) return;
    try {
      await bookService.closeYear(book);
      announce({ type: 'book' });
      setStatus({ kind: 'ok', text: t('book_year_closed', book.config.bookNo) });
      await refresh(book.config.id);
    } catch (err) {
      setStatus({ kind: 'bad', text: errorText(err) });
    }
  };

  const exportXlsx = () => {
    if (!book) return;
    downloadBytes([bookXlsx(book, rows)], bookFileName(book.config.bookNo, 'xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };

  if (loaded && books.length === 0) {
    return (
      <section class="card" id="book-first">
        <h2>{t('book_first_title')}</h2>
        <p class="muted">{t('book_first_intro')}</p>
        <OpenBookForm books={books} onOpened={(b) => void refresh(b.config.id)} />
      </section>
    );
  }

  const edit = (k: keyof RowQuery) => (e: Event) => setQ({ ...q, [k]: (e.currentTarget as HTMLInputElement).value || undefined });
  return (
    <>
      <section class="card" id="book-head">
        <div class="book-title-row">
          <div>
            <h2 class="book-title">{template?.title ?? t('manage_book')}</h2>
            {book && (
              <div class="muted">
                {book.config.office} · <strong id="book-current-no">{t('book_no_line', book.config.bookNo)}</strong>
                {book.head.closed && <span class="warn"> · {t('book_closed')}</span>}
              </div>
            )}
          </div>
          <div class="actions">
            {books.length > 1 && (
              <select id="book-select" value={bookId} onChange={(e) => void refresh(e.currentTarget.value)}>
                {books.map((b) => (
                  <option value={b.config.id}>
                    {b.config.bookNo}
                    {b.head.closed ? ` (${t('book_closed')})` : ''}
                  </option>
                ))}
              </select>
            )}
            <button type="button" class="secondary" id="toggle-open-book" onClick={() => setShowOpen(!showOpen)}>
              {t('book_new')}
            </button>
          </div>
        </div>
        {showOpen && (
          <OpenBookForm
            books={books}
            onOpened={(b) => {
              setShowOpen(false);
              void refresh(b.config.id);
            }}
          />
        )}
        {rule && (
          <p class="muted small" id="fee-rule">
            {t('book_fee_rule', rule.legalBasis, money(rule.tiers[0]?.perPage ?? 0), money(rule.tiers[1]?.perPage ?? rule.tiers[0]?.perPage ?? 0), money(rule.maxPerCopy ?? 0))}
          </p>
        )}
      </section>

      <section class="card">
        <div class="filters">
          <label class="grow">
            <span class="muted small">{t('book_search')}</span>
            <input id="book-search" type="search" placeholder={t('book_search_ph')} value={q.text ?? ''} onInput={edit('text')} />
          </label>
          <label>
            <span class="muted small">{t('book_from')}</span>
            <DateField id="book-from" value={q.from} onChange={(v) => setQ((x) => ({ ...x, from: v }))} onError={(text) => setDateErr((x) => ({ ...x, from: text }))} />
          </label>
          <label>
            <span class="muted small">{t('book_to')}</span>
            <DateField id="book-to" value={q.to} onChange={(v) => setQ((x) => ({ ...x, to: v }))} onError={(text) => setDateErr((x) => ({ ...x, to: text }))} />
          </label>
          <label>
            <span class="muted small">{t('book_status')}</span>
            <select id="book-status" value={statusFilter} onChange={(e) => setStatusFilter(e.currentTarget.value as ShownStatus | '')}>
              <option value="">{t('book_status_all')}</option>
              <option value="recorded">{t('book_status_recorded')}</option>
              <option value="awaiting">{t('book_status_awaiting')}</option>
              <option value="reserved">{t('book_status_reserved')}</option>
              <option value="cancelled">{t('book_status_cancelled')}</option>
            </select>
          </label>
        </div>
        <div class="toolbar">
          <button type="button" class="secondary" id="export-csv" disabled={!book} onClick={exportCsv}>
            {t('book_export_csv')}
          </button>
          <button type="button" class="secondary" id="export-xlsx" disabled={!book} onClick={exportXlsx}>
            {t('book_export_xlsx')}
          </button>
          <a class="button secondary" id="print-view" href={book ? `#print/${book.config.id}` : '#book'} target="_blank" rel="noopener">
            {t('book_print')}
          </a>
          <input id="print-month" type="month" value={month} aria-label={t('book_print_month')} onInput={(e) => setMonth((e.currentTarget as HTMLInputElement).value)} />
          <a class="button secondary" id="print-month-view" href={book && month ? `#print/${book.config.id}/${month}` : '#book'} target="_blank" rel="noopener">
            {t('book_print_month')}
          </a>
          {book && !book.head.closed && (
            <button type="button" class="secondary" id="close-year" onClick={() => void closeYear()}>
              {t('book_close_year')}
            </button>
          )}
          <button type="button" class="secondary" id="check-integrity" disabled={!book} onClick={() => void check()}>
            {t('book_check')}
          </button>
          <span class="spacer" />
          <span class="muted small" id="book-count">
            {t('book_count', shown.length, rows.length)}
          </span>
        </div>
        {badDate && (
          <p class="note bad" id="book-date-error" role="alert">
            {t('book_date_invalid', badDate)}
          </p>
        )}
        {integrity && <IntegrityResult r={integrity} />}
        {status && (
          <p class={`note ${status.kind === 'ok' ? 'okbg' : 'bad'}`} id="book-msg" role="status">
            {status.text}
          </p>
        )}
        {template && (
          <div class="table-wrap">
            <table class="list book-table" id="book-table">
              <thead>
                <tr>
                  {template.columns.map((c) => (
                    <th data-col={c.key}>{lang() === 'vi' ? c.vi : c.en}</th>
                  ))}
                  <th />
                </tr>
              </thead>
              <tbody>
                {badDate && (
                  <tr>
                    <td colSpan={template.columns.length + 1} class="bad" id="book-filter-error">
                      {t('book_filter_bad_date')}
                    </td>
                  </tr>
                )}
                {!badDate && shown.length === 0 && (
                  <tr>
                    <td colSpan={template.columns.length + 1} class="muted">
                      {rows.length ? t('book_no_match') : t('book_empty')}
                    </td>
                  </tr>
                )}
                {!badDate && shown.map((r) => {
                  const cells = rowCells(r, template);
                  const state = shownStatus(r, awaiting);
                  return (
                    <tr
                      data-number={r.number}
                      data-status={r.status}
                      data-shown-status={state}
                      class={`row-${state}${flagged.has(r.number) ? ' row-problem' : ''}`}
                      title={flagged.has(r.number) ? t('book_row_problem') : undefined}
                    >
                      {cells.map((c, i) => (
                        <td data-col={template.columns[i].key}>
                          {template.columns[i].key === 'fee' ? money(r.fee) : c}
                          {template.columns[i].key === 'note' && state === 'awaiting' && (
                            <span class="row-state awaiting" data-state="awaiting">
                              {c ? ' · ' : ''}
                              {t('book_status_awaiting')}
                            </span>
                          )}
                        </td>
                      ))}
                      <td class="row-actions-cell">
                        {r.status !== 'cancelled' && cancelling !== r.number && (
                          <button type="button" class="danger small-btn cancel-entry" onClick={() => (setCancelling(r.number), setReason(''), setStatus(undefined))}>
                            {t('book_cancel')}
                          </button>
                        )}
                        {cancelling === r.number && (
                          <div class="cancel-form">
                            <input type="text" class="cancel-reason" placeholder={t('book_cancel_reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
                            <button type="button" class="danger small-btn confirm-cancel" onClick={() => void doCancel(r)}>
                              {t('book_cancel_confirm')}
                            </button>
                            <button type="button" class="secondary small-btn" onClick={() => setCancelling(undefined)}>
                              {t('book_cancel_keep')}
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
