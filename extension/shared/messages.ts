/**
 * The one message protocol between content scripts, extension pages and the background. Every message is
 * validated on receipt and the sender is checked: only our extension pages and our content scripts count.
 * Kept free of core/ (types only) so the content script stays tiny.
 */
import type { Verdict } from '../../core/verify/report.js';
import type { Language } from '../../core/store/settings.js';

export type { Verdict, Language };

/** Why a portal attachment could not be checked before verification even started. */
export type FetchErrorKind = 'NETWORK' | 'HTTP' | 'TOO_LARGE' | 'TIMEOUT' | 'NO_PERMISSION' | 'BAD_URL' | 'NO_ANSWER' | 'INTERNAL';

/** What a badge needs: the verdict, the report's key, and one localised line for the tooltip. */
export interface BadgeResult {
  verdict: Verdict;
  /** Present when the file was read and verified: the report page's key. */
  sha256?: string;
  fetchError?: { kind: FetchErrorKind; status?: number };
  /** The first reason in the user's language (from core's reason table). */
  detail?: string;
  cached?: boolean;
}

export interface HelloReply {
  /** Null when no adapter matches this page: the content script then does nothing. */
  adapter: { attachmentLinks: string } | null;
  lang: Language;
  /** The badge_* and progress_* strings of _locales in the user's language. */
  strings: Record<string, string>;
}

export interface TabSummary {
  total: number;
  counts: Record<Verdict, number>;
}

export type ContentRequest = { type: 'hello' } | { type: 'verifyUrl'; url: string } | { type: 'openReport'; sha256: string };
export type PageRequest = { type: 'settingsChanged'; what: 'trust' | 'portals' | 'language' } | { type: 'tabSummary'; tabId: number };
export type Request = ContentRequest | PageRequest;

/** Background → content script. */
export type TabEvent = { type: 'recheck' };

export interface ReplyMap {
  hello: HelloReply;
  verifyUrl: BadgeResult;
  openReport: boolean;
  settingsChanged: boolean;
  tabSummary: TabSummary | null;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_URL = 4096;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The request if `msg` is exactly one of ours (no extra keys); undefined otherwise. */
export function parseRequest(msg: unknown): Request | undefined {
  if (!isRecord(msg) || typeof msg.type !== 'string') return undefined;
  const keys = Object.keys(msg).sort().join(',');
  switch (msg.type) {
    case 'hello':
      return keys === 'type' ? { type: 'hello' } : undefined;
    case 'verifyUrl':
      return keys === 'type,url' && typeof msg.url === 'string' && msg.url.length <= MAX_URL ? { type: 'verifyUrl', url: msg.url } : undefined;
    case 'openReport':
      return keys === 'sha256,type' && typeof msg.sha256 === 'string' && SHA256_HEX.test(msg.sha256) ? { type: 'openReport', sha256: msg.sha256 } : undefined;
    case 'settingsChanged':
      return keys === 'type,what' && (msg.what === 'trust' || msg.what === 'portals' || msg.what === 'language')
        ? { type: 'settingsChanged', what: msg.what }
        : undefined;
    case 'tabSummary':
      return keys === 'tabId,type' && typeof msg.tabId === 'number' && Number.isSafeInteger(msg.tabId) ? { type: 'tabSummary', tabId: msg.tabId } : undefined;
    default:
      return undefined;
  }
}

export function parseTabEvent(msg: unknown): TabEvent | undefined {
  return isRecord(msg) && msg.type === 'recheck' && Object.keys(msg).length === 1 ? { type: 'recheck' } : undefined;
}

const CONTENT_TYPES = new Set<Request['type']>(['hello', 'verifyUrl', 'openReport']);
const PAGE_TYPES = new Set<Request['type']>(['settingsChanged', 'tabSummary']);

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type SenderKind = 'page' | 'content';

/**
 * Who sent a message: one of our extension pages (its URL is under our origin) or our content script (in a tab,
 * with a web page URL). Anything else (another extension, no id) is refused.
 */
export function senderKind(sender: SenderInfo, ownId: string, ownOrigin: string): SenderKind | undefined {
  if (sender.id !== ownId || typeof sender.url !== 'string') return undefined;
  if (sender.url.startsWith(ownOrigin)) return 'page';
  if (sender.tab?.id !== undefined && /^https?:/.test(sender.url)) return 'content';
  return undefined;
}

export function allowedFrom(kind: SenderKind, type: Request['type']): boolean {
  return (kind === 'content' ? CONTENT_TYPES : PAGE_TYPES).has(type);
}
