/**
 * Fetching revocation data only from origins the user listed (extension setting, off by default): a certificate
 * names its CRL and OCSP URLs, and a forged or careless certificate could point anywhere (an intranet host, a
 * tracker). Origins are compared exactly: scheme, host and port.
 */
import { OnlineFetchError, type OnlineFetcher } from './fetcher.js';

/** "https://ca.example:8443/" → "https://ca.example:8443"; undefined for anything that is not an http(s) origin. */
// (The URL parser itself drops leading and trailing spaces.)
export function normaliseOrigin(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const u = new URL(value);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.username || u.password || u.pathname !== '/' || u.search || u.hash) return undefined;
  return u.origin;
}

export function originAllowed(url: string, allowed: readonly string[]): boolean {
  return URL.canParse(url) && allowed.includes(new URL(url).origin);
}

/** A fetcher that refuses, without any request, every URL outside `allowed`. */
export function allowedOriginsFetcher(inner: OnlineFetcher, allowed: readonly string[]): OnlineFetcher {
  return async (req) => {
    if (!originAllowed(req.url, allowed)) throw new OnlineFetchError(`${safeOrigin(req.url)} is not in the allowed origins`);
    return inner(req);
  };
}

function safeOrigin(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : 'the URL';
}
