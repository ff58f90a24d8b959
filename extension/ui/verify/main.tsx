import { boot } from '../common/boot.js';
import { t } from '../common/i18n.js';
import { VerifyFiles } from '../common/VerifyFiles.js';
import '../common/verify.css';

function VerifyPage() {
  return (
    <>
      <header class="topbar">
        <span class="logo">saoy</span>
        <span class="title">{t('verify_page_title')}</span>
      </header>
      <main class="wrap">
        <p class="muted">{t('verify_intro')}</p>
        <VerifyFiles />
      </main>
    </>
  );
}

void boot(VerifyPage, 'verify_page_title');
