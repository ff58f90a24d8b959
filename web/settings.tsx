/** Trust settings and language: the extension's own option sections (built-in lists, imported anchors). */
import { boot } from '../extension/ui/common/boot.js';
import { t } from '../extension/ui/common/i18n.js';
import { BuiltinTrustSection } from '../extension/ui/options/BuiltinTrustSection.js';
import { LanguageSection } from '../extension/ui/options/LanguageSection.js';
import '../extension/ui/options/options.css';
import { TrustSection } from '../extension/ui/options/TrustSection.js';
import { registerServiceWorker } from './boot-web.js';
import './web.css';

function Settings() {
  return (
    <>
      <header class="topbar">
        <span class="logo">saoy</span>
        <span class="title">{t('web_settings')}</span>
      </header>
      <main class="wrap">
        <p class="web-foot">
          <a href="./" id="back">
            {t('web_back')}
          </a>
        </p>
        <BuiltinTrustSection />
        <TrustSection />
        <LanguageSection />
      </main>
    </>
  );
}

registerServiceWorker();
void boot(Settings, 'web_settings');
