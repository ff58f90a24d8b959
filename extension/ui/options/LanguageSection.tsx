/** UI language (Vietnamese by default); the pages reload in the new language, open badges re-render. */
import { setSetting, type Language } from '../../../core/store/settings.js';
import { database } from '../../services/db.js';
import { lang, t } from '../common/i18n.js';
import { notifyBackground } from '../common/open.js';

const CHOICES: [Language, string][] = [
  ['vi', 'Tiếng Việt'],
  ['en', 'English'],
];

export function LanguageSection() {
  const choose = async (l: Language) => {
    await setSetting(await database(), 'language', l);
    await notifyBackground('language');
    location.reload();
  };
  return (
    <section class="card" id="language">
      <h2>{t('lang_title')}</h2>
      <div class="form-row">
        {CHOICES.map(([code, name]) => (
          <label class="radio">
            <input type="radio" name="lang" value={code} checked={lang() === code} onChange={() => void choose(code)} /> {name}
          </label>
        ))}
      </div>
    </section>
  );
}
