/** The e-copy profile checks as a short ✓/✗ list (core/verify/ecopy-checks.ts), with both values side by side. */
import type { EcopyCheck } from '../../../core/verify/report.js';
import { ECOPY_MARK, ecopyCheckLabel, ecopyCheckValues } from '../../../core/verify/ecopy-summary.js';
import { lang, t } from '../common/i18n.js';

export function EcopyChecksSection({ checks }: { checks?: EcopyCheck[] }) {
  if (!checks) return null;
  const l = lang();
  return (
    <section class="card" id="ecopy-checks">
      <h2>{t('report_ecopy_checks_title')}</h2>
      <ul class="ecopy-checks">
        {checks.map((c) => {
          const values = ecopyCheckValues(c, l);
          return (
            // A failed check's code (ECOPY_…) is in the report's collapsed technical section, not in this list.
            <li class={c.status === 'pass' ? 'ok' : c.status === 'fail' ? 'bad' : 'muted'} data-check={c.id} data-status={c.status} data-code={c.code}>
              <span class="mark" aria-hidden="true">{ECOPY_MARK[c.status]}</span> {ecopyCheckLabel(c, l)}
              {c.status === 'skipped' && <span class="muted small"> — {t('report_ecopy_check_skipped')}</span>}
              {values && <div class="small check-values">{values}</div>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
