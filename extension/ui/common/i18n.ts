/** The UI's strings for the chosen language, loaded once before the first render (so `t` is synchronous). */
import type { Language } from '../../../core/store/settings.js';
import { getSetting } from '../../../core/store/settings.js';
import { database } from '../../services/db.js';
import { format, loadMessages, type Messages } from '../../shared/i18n.js';

let messages: Messages = {};
let current: Language = 'vi';

export async function initI18n(): Promise<void> {
  current = await getSetting(await database(), 'language');
  messages = await loadMessages(current);
  document.documentElement.lang = current;
}

export function t(key: string, ...subs: (string | number)[]): string {
  return format(messages, key, ...subs);
}

export function lang(): Language {
  return current;
}
