import { boot } from '../common/boot.js';
import { t } from '../common/i18n.js';
import { BuiltinTrustSection } from './BuiltinTrustSection.js';
import { LanguageSection } from './LanguageSection.js';
import { LtvSection } from './LtvSection.js';
import { PortalsSection } from './PortalsSection.js';
import { TrustSection } from './TrustSection.js';
import './options.css';

function Options() {
  return (
    <>
      <header class="topbar">
        <span class="logo">saoy</span>
        <span class="title">{t('options_title')}</span>
      </header>
      <main class="wrap">
        <BuiltinTrustSection />
        <TrustSection />
        <PortalsSection />
        <LtvSection />
        <LanguageSection />
      </main>
    </>
  );
}

void boot(Options, 'options_title');
