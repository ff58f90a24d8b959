/**
 * Fetching for the online check, with a timeout, a size cap and no redirects (a redirect would reach a URL no
 * certificate named). Uses the platform's fetch (Node, service worker, page alike).
 */
import { concatBytes } from '../../bytes/concat.js';
export interface OnlineRequest {
  url: string;
  /** POST with this body (OCSP); GET otherwise. */
  body?: Uint8Array;
  contentType?: string;
}

export type OnlineFetcher = (req: OnlineRequest) => Promise<Uint8Array>;

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024 };

export class OnlineFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnlineFetchError';
  }
}

export function httpFetcher(limits: Partial<FetchLimits> = {}): OnlineFetcher {
  const { timeoutMs, maxBytes } = { ...DEFAULT_FETCH_LIMITS, ...limits };
  return async (req) => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    try {
      let res: Response;
      try {
        res = await fetch(req.url, {
          method: req.body ? 'POST' : 'GET',
          body: req.body as Uint8Array<ArrayBuffer> | undefined,
          headers: req.body ? { 'content-type': req.contentType ?? 'application/octet-stream' } : undefined,
          redirect: 'error',
          credentials: 'omit',
          cache: 'no-store',
          signal: ctrl.signal,
        });
      } catch (e) {
        if (ctrl.signal.aborted) throw new OnlineFetchError(`no answer within ${timeoutMs} ms`);
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new OnlineFetchError(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : 'network error'));
      }
      if (!res.ok) throw new OnlineFetchError(`HTTP ${res.status}`);
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > maxBytes) throw new OnlineFetchError(`answer larger than ${maxBytes} bytes`);
      const reader = res.body?.getReader();
      if (!reader) return new Uint8Array(await res.arrayBuffer());
      const parts: Uint8Array[] = [];
      let n = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        n += value.length;
        if (n > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new OnlineFetchError(`answer larger than ${maxBytes} bytes`);
        }
        parts.push(value);
      }
      return concatBytes(parts);
    } catch (e) {
      if (ctrl.signal.aborted && !(e instanceof OnlineFetchError)) throw new OnlineFetchError(`no answer within ${timeoutMs} ms`);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  };
}
