/** Vietnamese first; one tap switches to English and back (the same setting the extension's pages read). */
import { setSetting } from '../core/store/settings.js';
import { database } from '../extension/services/db.js';
import { lang } from '../extension/ui/common/i18n.js';

export function LanguageSwitch() {
  const other = lang() === 'vi' ? 'en' : 'vi';
  const choose = async () => {
    await setSetting(await database(), 'language', other);
    location.reload();
  };
  return (
    <button type="button" class="secondary lang-switch" id="lang-switch" lang={other} onClick={() => void choose()}>
      {other === 'en' ? 'English' : 'Tiếng Việt'}
    </button>
  );
}
