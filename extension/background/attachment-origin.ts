/**
 * Which attachment URLs a portal page may have the extension fetch, and with which credentials. The page is
 * hostile until proven otherwise: it may only point badges at its own origin (scheme + host + port) or at an
 * origin its adapter lists; cookies go only to the page's own origin. Anything else is refused before any
 * request is made, so a page cannot use the extension to probe other servers or ports.
 */
import { adapterMatches, type PortalAdapter } from '../../core/store/portals.js';
import { isHttpUrl } from '../services/fetch-attachment.js';

export interface AttachmentPolicy {
  /** The origin the fetch must stay on (redirects elsewhere are refused). */
  origin: string;
  /** Send cookies: only to the page's own origin. */
  credentials: boolean;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The policy for fetching `url` on behalf of `pageUrl` (as the browser reports it), or undefined: refused. */
export function attachmentPolicy(pageUrl: string, url: string, adapter: PortalAdapter | undefined): AttachmentPolicy | undefined {
  if (!adapter || !isHttpUrl(url) || !isHttpUrl(pageUrl) || !adapterMatches(adapter, pageUrl)) return undefined;
  const page = originOf(pageUrl);
  const target = originOf(url);
  if (!page || !target || target === 'null') return undefined;
  if (target === page) return { origin: target, credentials: true };
  return adapterMatches(adapter, url) ? { origin: target, credentials: false } : undefined;
}
