/**
 * UI strings come from _locales (vi default, en), but the language is the user's setting, not the browser's
 * locale, so pages read the messages.json of the chosen language themselves. `$1`…`$9` are substitutions.
 */
import browser from 'webextension-polyfill';
import type { Language } from '../../core/store/settings.js';

export type Messages = Readonly<Record<string, string>>;

const loaded = new Map<Language, Promise<Messages>>();

export function loadMessages(lang: Language): Promise<Messages> {
  let p = loaded.get(lang);
  if (!p) {
    p = fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`))
      .then((r) => r.json() as Promise<Record<string, { message: string }>>)
      .then((json) => Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v.message])));
    loaded.set(lang, p);
  }
  return p;
}

export function format(messages: Messages, key: string, ...subs: (string | number)[]): string {
  const m = messages[key];
  if (m === undefined) return key;
  return m.replace(/\$([1-9])/g, (_, i: string) => String(subs[Number(i) - 1] ?? ''));
}
