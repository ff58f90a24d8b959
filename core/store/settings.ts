/** Typed settings over the `settings` store: every value is validated on read, a bad one falls back to its default. */
import type { SaoyDatabase } from './db.js';
import { BUILTIN_LISTS } from '../pki/trust-builtin.js';
import { DEFAULT_BUILTIN_LISTS } from '../pki/trust-lists.js';
import { isPortalAdapter, type PortalAdapter } from './portals.js';
import { normaliseOrigin } from '../pki/online/allowed-origins.js';

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
  /** PAdES level of new copies (B-B: signatures only; B-T: + signature timestamps; B-LT: + /DSS; B-LTA: + document timestamp). */
  padesLevel: PadesLevel;
  /** RFC 3161 timestamp authority for B-T and up, and for renewal ('' = none). */
  tsaUrl: string;
  /** Fetch CRL/OCSP named by certificates when adding validation data: off unless the user turns it on. */
  fetchRevocation: boolean;
  /** The only origins (scheme://host:port) revocation data may be fetched from. */
  revocationOrigins: string[];
  /** A copy is due for renewal when its newest timestamp expires within this many months. */
  renewalMonths: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  language: 'vi', portals: [], trustGeneration: 0, signerTitle: '', certifierKeyId: '', authorityKeyId: '', builtinTrustLists: [...DEFAULT_BUILTIN_LISTS],
  padesLevel: 'B-B', tsaUrl: '', fetchRevocation: false, revocationOrigins: [], renewalMonths: 12,
};

/** The levels core/ltv writes (its PadesLevel; spelled out here because store sits beside ltv, not above it). */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
const PADES_LEVELS: readonly PadesLevel[] = ['B-B', 'B-T', 'B-LT', 'B-LTA'];

const isShortText = (v: unknown): v is string => typeof v === 'string' && v.length <= 200;

const VALID: { [K in keyof Settings]: (v: unknown) => v is Settings[K] } = {
  language: (v): v is Language => v === 'vi' || v === 'en',
  portals: (v): v is PortalAdapter[] => Array.isArray(v) && v.every(isPortalAdapter),
  trustGeneration: (v): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  signerTitle: isShortText,
  certifierKeyId: isShortText,
  authorityKeyId: isShortText,
  padesLevel: (v): v is PadesLevel => typeof v === 'string' && (PADES_LEVELS as readonly string[]).includes(v),
  tsaUrl: (v): v is string => typeof v === 'string' && v.length <= 500 && (v === '' || /^https?:\/\/[^\s]+$/.test(v)),
  fetchRevocation: (v): v is boolean => typeof v === 'boolean',
  revocationOrigins: (v): v is string[] => Array.isArray(v) && v.length <= 20 && v.every((x) => typeof x === 'string' && normaliseOrigin(x) === x),
  renewalMonths: (v): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= 120,
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
