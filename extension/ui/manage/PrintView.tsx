/** The book as it prints (window.print, A4 landscape): core's print view, with the chain's head hash at the end. */
import { useEffect, useState } from 'preact/hooks';
import { bookPrintView, type BookPrintView } from '../../../core/book/export.js';
import { books } from '../../services/book.js';
import { t } from '../common/i18n.js';

export function PrintView({ bookId }: { bookId: string }) {
  const [view, setView] = useState<BookPrintView | null>();
  useEffect(() => {
    void (async () => {
      const book = await books.get(bookId);
      if (!book) return setView(null);
      setView(bookPrintView(book, await books.rows(bookId), await books.verify(bookId)));
      document.title = `${book.config.bookNo} — ${t('manage_book')}`;
    })();
  }, [bookId]);
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
        <p>{view.summary}.</p>
        {view.closed && <p>{t('print_closed')}</p>}
        {view.integrity && <p>{view.integrity.ok ? t('print_integrity_ok') : `${t('print_integrity_bad')}: ${view.integrity.problems.join('; ')}`}</p>}
        <p class="mono">
          {t('print_head_hash')}: {view.headHash}
        </p>
      </footer>
    </div>
  );
}
