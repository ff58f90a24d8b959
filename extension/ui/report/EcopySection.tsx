/** The e-copy data, read by core from the signed revision only. */
import type { EcopyData, Verdict } from '../../../core/verify/report.js';
import { date } from '../common/format.js';
import { t } from '../common/i18n.js';

/** `verdict`: a broken or altered file gets "could not be read", not "no e-copy data" (which would mislead). */
export function EcopySection({ ecopy, verdict }: { ecopy?: EcopyData; verdict?: Verdict }) {
  const rows: [string, string | number | undefined][] = ecopy
    ? [
        ['ecopy_certNo', ecopy.certNo],
        ['ecopy_bookNo', ecopy.bookNo],
        ['ecopy_date', ecopy.date ? date(ecopy.date) : undefined],
        ['ecopy_office', ecopy.office],
        ['ecopy_certifier', ecopy.certifier],
        ['ecopy_authority', ecopy.authority],
        ['ecopy_docName', ecopy.docName],
        ['ecopy_pageCount', ecopy.pageCount],
      ]
    : [];
  return (
    <section class="card" id="ecopy">
      <h2>{t('report_ecopy_title')}</h2>
      {ecopy ? (
        <>
          <dl class="facts">
            {rows.map(([k, v]) => (
              <>
                <dt>{t(k)}</dt>
                <dd data-field={k.slice(6)}>{v === undefined || v === '' ? <span class="muted">{t('report_none')}</span> : String(v)}</dd>
              </>
            ))}
          </dl>
          <p class="muted small">{t('report_ecopy_note')}</p>
        </>
      ) : (
        <p class="muted" id="ecopy-absent" data-why={verdict === 'error' || verdict === 'invalid' ? 'unreadable' : 'absent'}>
          {verdict === 'error' || verdict === 'invalid' ? t('report_ecopy_unreadable') : t('report_ecopy_absent')}
        </p>
      )}
    </section>
  );
}
