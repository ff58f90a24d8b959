/**
 * Fetches one portal attachment with the extension's own host permission, bounded in time and size, and says
 * plainly what went wrong (network, HTTP status, too large, timeout) instead of hanging. Redirects are never
 * followed (`redirect: 'manual'`): a page must not make the extension request an origin it did not approve, and
 * cookies are sent only when the caller says the URL is the page's own origin.
 */
import type { FetchErrorKind } from '../shared/messages.js';
import { concatBytes } from '../../core/bytes/concat.js';

export type FetchOutcome = { ok: true; bytes: Uint8Array } | { ok: false; kind: FetchErrorKind; status?: number };

export interface FetchLimits {
  /** For the whole download, headers to last byte. */
  timeoutMs: number;
  maxBytes: number;
  /** Send the user's cookies (only for the page's own origin). Default: no. */
  credentials?: boolean;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 100 * 1024 * 1024 };

export async function fetchAttachment(url: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS, fetchImpl: typeof fetch = fetch): Promise<FetchOutcome> {
  if (!isHttpUrl(url)) return { ok: false, kind: 'BAD_URL' };
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, limits.timeoutMs);
  try {
    const res = await fetchImpl(url, { credentials: limits.credentials ? 'include' : 'omit', redirect: 'manual', signal: ctrl.signal, cache: 'no-store' });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      ctrl.abort();
      return { ok: false, kind: 'REDIRECT' };
    }
    if (!res.ok) {
      ctrl.abort();
      return { ok: false, kind: 'HTTP', status: res.status };
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      ctrl.abort();
      return { ok: false, kind: 'TOO_LARGE' };
    }
    // A declared length within the limit is what the body will be (the network stack cuts or fails a body that
    // disagrees): read it whole, which costs a fraction of pulling 64 KB chunks through the stream reader.
    const bytes = Number.isSafeInteger(declared) && declared >= 0 ? await readWhole(res, limits.maxBytes) : await readCapped(res, limits.maxBytes);
    if (!bytes) {
      ctrl.abort();
      return { ok: false, kind: 'TOO_LARGE' };
    }
    return { ok: true, bytes };
  } catch {
    return { ok: false, kind: timedOut ? 'TIMEOUT' : 'NETWORK' };
  } finally {
    clearTimeout(timer);
  }
}

export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

async function readWhole(res: Response, max: number): Promise<Uint8Array | undefined> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  return bytes.length > max ? undefined : bytes;
}

/** The body, or undefined as soon as it grows past max (a lying or absent Content-Length changes nothing). */
async function readCapped(res: Response, max: number): Promise<Uint8Array | undefined> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}
