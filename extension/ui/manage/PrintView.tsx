/**
 * The book as it prints (window.print, A4 landscape): core's print view, with the chain's head hash at the end.
 * With a month: the monthly print a book kept by computer needs, that month's rows and totals (core/book/totals.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { bookPrintView, type BookPrintView } from '../../../core/book/export.js';
import { monthlyPrint } from '../../../core/book/totals.js';
import { books } from '../../services/book.js';
import { t } from '../common/i18n.js';

export function PrintView({ bookId, month }: { bookId: string; month?: string }) {
  const [view, setView] = useState<BookPrintView | null>();
  const [monthly, setMonthly] = useState<{ heading: string; totalsLine: string }>();
  useEffect(() => {
    void (async () => {
      const book = await books.get(bookId);
      if (!book) return setView(null);
      const [rows, integrity] = [await books.rows(bookId), await books.verify(bookId)];
      if (month) {
        const m = monthlyPrint(book, rows, month, integrity);
        setMonthly({ heading: m.heading, totalsLine: m.totalsLine });
        setView(m.view);
      } else setView(bookPrintView(book, rows, integrity));
      document.title = `${book.config.bookNo}${month ? ` ${month}` : ''} — ${t('manage_book')}`;
    })();
  }, [bookId, month]);
  if (view === undefined) return <p class="muted">{t('loading')}</p>;
  if (view === null) return <p class="note bad">{t('print_missing')}</p>;
  return (
    <div class="print" id="print-view-page">
      <div class="no-print print-bar">
        <button type="button" id="do-print" onClick={() => window.print()}>
          {t('print_now')}
        </button>
        <span class="muted small">{t('print_hint')}</span>
      </div>
      <header class="print-head">
        <div class="print-office">{view.office.toLocaleUpperCase('vi')}</div>
        <h1>{view.title}</h1>
        <div>{view.bookLine}</div>
        {monthly && <div id="print-month-heading">{monthly.heading}</div>}
        <div class="small">{view.legalBasis.join(' · ')}</div>
      </header>
      <table class="print-table">
        <thead>
          <tr>
            {view.headers.map((h) => (
              <th>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr class={`row-${r.status}`} data-number={r.number}>
              {r.cells.map((c) => (
                <td>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <footer class="print-foot">
        {monthly ? <p id="print-month-totals"><strong>{monthly.totalsLine}</strong></p> : <p>{view.summary}.</p>}
        {view.closed && <p>{t('print_closed')}</p>}
        {view.integrity && <p>{view.integrity.ok ? t('print_integrity_ok') : `${t('print_integrity_bad')}: ${view.integrity.problems.join('; ')}`}</p>}
        <p class="mono">
          {t('print_head_hash')}: {view.headHash}
        </p>
      </footer>
    </div>
  );
}
