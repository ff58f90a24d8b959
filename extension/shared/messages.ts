/**
 * The one message protocol between content scripts, extension pages and the background. Every message is
 * validated on receipt and the sender is checked: only our extension pages and our content scripts count.
 * Kept free of core/ (types only) so the content script stays tiny.
 */
import type { Verdict } from '../../core/verify/report.js';
import type { Language } from '../../core/store/settings.js';

export type { Verdict, Language };

/** Why a portal attachment could not be checked before verification even started. */
export type FetchErrorKind = 'NETWORK' | 'HTTP' | 'TOO_LARGE' | 'TIMEOUT' | 'NO_PERMISSION' | 'BAD_URL' | 'NO_ANSWER' | 'INTERNAL' | 'REDIRECT' | 'BUSY' | 'OTHER_ORIGIN' | 'VERIFY_TIMEOUT';

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
  adapter: { attachmentLinks: string; certifyPlacement?: string; fileInput?: string } | null;
  lang: Language;
  /** The badge_*, progress_* and portal_certify_* strings of _locales in the user's language. */
  strings: Record<string, string>;
}

/** The portal tab a certification is for (recorded when the clerk pressed the adapter's Certify action). */
export interface CertifyTarget {
  tabId: number;
  windowId: number;
  /** Origin of the page when the action was pressed: the copy is only ever handed to this origin. */
  origin: string;
  /** The page's own title: the page chose it, so it is shown as such, never as proof of where the copy goes. */
  title: string;
  /** The name of the portal adapter (from the extension's settings) that matched the origin. */
  portal?: string;
  at: string;
}

/** What the content script answers when asked to put a copy into the portal's file input. */
export type PlaceResult = { ok: true; name: string; size: number } | { ok: false; why: 'NO_INPUT' | 'BAD_DATA' | 'REFUSED' };

export type DeliverResult = PlaceResult | { ok: false; why: 'NO_TARGET' | 'TARGET_GONE' | 'TARGET_NAVIGATED' | 'NOT_FINAL' | 'NO_ANSWER' };

/** One attachment the background checked for a tab (the popup's list). */
export interface TabFile {
  url: string;
  fileName: string;
  verdict: Verdict;
  /** SHA-256 of exactly the bytes verified (absent when they could not be fetched). */
  sha256?: string;
}

export interface TabSummary {
  total: number;
  counts: Record<Verdict, number>;
  files: TabFile[];
}

/**
 * Content scripts may say hello, ask to verify an attachment or open its report, and ask to OPEN the certify
 * side panel (`openCertify`): nothing that signs, reads keys, copies or the book. Signing happens inside the
 * extension's own pages (side panel, manage page) after the clerk confirms; there is no "sign" message at all.
 */
export type ContentRequest = { type: 'hello' } | { type: 'verifyUrl'; url: string } | { type: 'openReport'; sha256: string } | { type: 'openCertify' };
export type PageRequest =
  | { type: 'settingsChanged'; what: 'trust' | 'portals' | 'language' }
  | { type: 'tabSummary'; tabId: number }
  | { type: 'certifyTarget'; windowId?: number }
  | { type: 'deliverCopy'; copyId: string; tabId: number };
export type Request = ContentRequest | PageRequest;

/** Background → content script. */
export type TabEvent = { type: 'recheck' } | { type: 'placeCopy'; name: string; data: string; sha256: string };

/** Background → extension pages. */
export type PageEvent = { type: 'certifyTargetChanged' };

export interface ReplyMap {
  hello: HelloReply;
  verifyUrl: BadgeResult;
  openReport: boolean;
  openCertify: { opened: 'panel' | 'window' | 'none' };
  settingsChanged: boolean;
  tabSummary: TabSummary | null;
  certifyTarget: CertifyTarget | null;
  deliverCopy: DeliverResult;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_URL = 4096;
/** A copy id is `${bookId}#${number}` (core/store/book-keys.ts): a UUID, '#', digits. */
const COPY_ID = /^[0-9A-Za-z-]{1,64}#\d{1,9}$/;
/** base64 of at most 100 MB. */
const MAX_DATA = Math.ceil((100 * 1024 * 1024) / 3) * 4;
const FILE_NAME = /^[A-Za-z0-9._-]{1,120}\.pdf$/;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

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
    case 'openCertify':
      return keys === 'type' ? { type: 'openCertify' } : undefined;
    case 'certifyTarget':
      if (keys === 'type') return { type: 'certifyTarget' };
      return keys === 'type,windowId' && isId(msg.windowId) ? { type: 'certifyTarget', windowId: msg.windowId } : undefined;
    case 'deliverCopy':
      return keys === 'copyId,tabId,type' && typeof msg.copyId === 'string' && COPY_ID.test(msg.copyId) && isId(msg.tabId)
        ? { type: 'deliverCopy', copyId: msg.copyId, tabId: msg.tabId }
        : undefined;
    default:
      return undefined;
  }
}

export function parseTabEvent(msg: unknown): TabEvent | undefined {
  if (!isRecord(msg)) return undefined;
  const keys = Object.keys(msg).sort().join(',');
  if (msg.type === 'recheck') return keys === 'type' ? { type: 'recheck' } : undefined;
  if (msg.type === 'placeCopy' && keys === 'data,name,sha256,type') {
    const { name, data, sha256 } = msg;
    if (typeof name === 'string' && FILE_NAME.test(name) && typeof data === 'string' && data.length <= MAX_DATA && typeof sha256 === 'string' && SHA256_HEX.test(sha256)) {
      return { type: 'placeCopy', name, data, sha256 };
    }
  }
  return undefined;
}

export function parsePageEvent(msg: unknown): PageEvent | undefined {
  return isRecord(msg) && msg.type === 'certifyTargetChanged' && Object.keys(msg).length === 1 ? { type: 'certifyTargetChanged' } : undefined;
}

/** What content scripts may ask: verify, report, and open the certify panel. Never sign, keys, copies or the book. */
const CONTENT_TYPES = new Set<Request['type']>(['hello', 'verifyUrl', 'openReport', 'openCertify']);
const PAGE_TYPES = new Set<Request['type']>(['settingsChanged', 'tabSummary', 'certifyTarget', 'deliverCopy']);

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

/**
 * A message an extension page or content script receives is only trusted when it comes from our extension's own
 * context (the background): our id and no tab. Content scripts always have a tab, and they can message our
 * pages too, so a page never acts on what a (possibly page-influenced) content script says.
 */
export function fromExtension(sender: SenderInfo, ownId: string): boolean {
  return sender.id === ownId && sender.tab === undefined;
}
