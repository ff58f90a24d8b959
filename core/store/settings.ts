/** Typed settings over the `settings` store: every value is validated on read, a bad one falls back to its default. */
import type { SaoyDatabase } from './db.js';
import { BUILTIN_LISTS } from '../pki/trust-builtin.js';
import { DEFAULT_BUILTIN_LISTS } from '../pki/trust-lists.js';
import { isPortalAdapter, type PortalAdapter } from './portals.js';

export type Language = 'vi' | 'en';

export interface Settings {
  /** UI language; Vietnamese first. */
  language: Language;
  /** Portals the user added (the built-in demo adapter is not stored). */
  portals: PortalAdapter[];
  /** Bumped whenever trust anchors change; cached verifications of another generation are re-checked. */
  trustGeneration: number;
  /** The certifier's title for the book's "Họ tên, chức danh người ký chứng thực" (remembered between copies). */
  signerTitle: string;
  /** The key the clerk last signed with as certifier / as authority ('' = none chosen yet): preselected next time. */
  certifierKeyId: string;
  authorityKeyId: string;
  /** Built-in trust lists switched on (ids of core/pki/trust-builtin.ts BUILTIN_LISTS); change with setBuiltinListEnabled. */
  builtinTrustLists: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  language: 'vi', portals: [], trustGeneration: 0, signerTitle: '', certifierKeyId: '', authorityKeyId: '', builtinTrustLists: [...DEFAULT_BUILTIN_LISTS],
};

const isShortText = (v: unknown): v is string => typeof v === 'string' && v.length <= 200;

const VALID: { [K in keyof Settings]: (v: unknown) => v is Settings[K] } = {
  language: (v): v is Language => v === 'vi' || v === 'en',
  portals: (v): v is PortalAdapter[] => Array.isArray(v) && v.every(isPortalAdapter),
  trustGeneration: (v): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  signerTitle: isShortText,
  certifierKeyId: isShortText,
  authorityKeyId: isShortText,
  builtinTrustLists: (v): v is string[] => Array.isArray(v) && v.length <= 10 && v.every((x) => typeof x === 'string' && BUILTIN_LISTS.some((l) => l.id === x)),
};

export async function getSetting<K extends keyof Settings>(db: SaoyDatabase, key: K): Promise<Settings[K]> {
  const rec = await db.get('settings', key);
  const v = rec?.value;
  return VALID[key](v) ? (v as Settings[K]) : DEFAULT_SETTINGS[key];
}

export async function setSetting<K extends keyof Settings>(db: SaoyDatabase, key: K, value: Settings[K]): Promise<void> {
  if (!VALID[key](value)) throw new TypeError(`invalid value for setting ${key}`);
  await db.put('settings', { key, value });
}
