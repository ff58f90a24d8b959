/** The full report: the extension's report page itself (fed from this origin's IndexedDB cache), plus a way back. */
import { boot } from '../extension/ui/common/boot.js';
import { t } from '../extension/ui/common/i18n.js';
import { ReportPage } from '../extension/ui/report/ReportPage.js';
import '../extension/ui/report/report.css';
import { registerServiceWorker } from './boot-web.js';
import './web.css';

function WebReport() {
  return (
    <>
      <ReportPage />
      <p class="wrap web-foot">
        <a href="./" id="back">
          {t('web_back')}
        </a>
      </p>
    </>
  );
}

registerServiceWorker();
void boot(WebReport, 'report_title');
