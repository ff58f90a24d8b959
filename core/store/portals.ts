/**
 * Portal adapters are data, not code (docs/ARCHITECTURE.md "Portal adapters"): URL match patterns plus CSS selectors.
 * Validation here is structural only; whether a selector parses is checked where a DOM exists (options page).
 */
export interface PortalAdapter {
  id: string;
  name: string;
  /** WebExtension match patterns, e.g. "https://dichvucong.example.gov.vn/*". */
  matches: string[];
  /** (a) Links to attached PDFs to verify. */
  attachmentLinks: string;
  /** (b) Where the Certify action goes (clerk side). */
  certifyPlacement?: string;
  /** (c) The file input that receives the signed copy (clerk side). */
  fileInput?: string;
  /** Shipped with saoy (the local demo portal); cannot be removed. */
  builtIn?: boolean;
}

const MAX_SELECTOR = 500;

/** `scheme://host[:port]/path` with `*` only where the match-pattern grammar allows it. */
const PATTERN = /^(https?|\*):\/\/(\*|\*\.[a-z0-9.-]+|[a-z0-9.-]+)(:\d{1,5})?\/.*$/i;

export function isMatchPattern(p: unknown): p is string {
  return typeof p === 'string' && p.length <= 300 && PATTERN.test(p);
}

function isSelector(s: unknown, required: boolean): boolean {
  if (s === undefined) return !required;
  return typeof s === 'string' && s.trim().length > 0 && s.length <= MAX_SELECTOR;
}

export function isPortalAdapter(v: unknown): v is PortalAdapter {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return (
    typeof a.id === 'string' &&
    typeof a.name === 'string' &&
    a.name.length <= 200 &&
    Array.isArray(a.matches) &&
    a.matches.length > 0 &&
    a.matches.length <= 20 &&
    a.matches.every(isMatchPattern) &&
    isSelector(a.attachmentLinks, true) &&
    isSelector(a.certifyPlacement, false) &&
    isSelector(a.fileInput, false) &&
    (a.builtIn === undefined || typeof a.builtIn === 'boolean')
  );
}

/**
 * Compiles a match pattern to a RegExp over full URLs (as `URL.href` writes them: no default port). The port is
 * part of the origin: a pattern without one matches the scheme's default port only, never "any port" — another
 * server on the same host is another site (a hostile page on 127.0.0.1:9999 is not the portal on :8080).
 */
export function matchPatternRegExp(pattern: string): RegExp {
  const m = /^(https?|\*):\/\/([^/:]+)(?::(\d{1,5}))?(\/.*)$/i.exec(pattern);
  if (!m) return /$^/;
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const scheme = m[1] === '*' ? 'https?' : esc(m[1].toLowerCase());
  const host = m[2] === '*' ? '[^/:]+' : m[2].startsWith('*.') ? `(?:[^/:]+\\.)?${esc(m[2].slice(2))}` : esc(m[2].toLowerCase());
  const port = m[3] && !isDefaultPort(m[1], m[3]) ? `:${Number(m[3])}` : '';
  const path = m[4].split('*').map(esc).join('.*');
  return new RegExp(`^${scheme}://${host}${port}${path}$`, 'i');
}

function isDefaultPort(scheme: string, port: string): boolean {
  const s = scheme.toLowerCase();
  return (s === 'http' && Number(port) === 80) || (s === 'https' && Number(port) === 443);
}

export function adapterMatches(adapter: PortalAdapter, url: string): boolean {
  return adapter.matches.some((p) => matchPatternRegExp(p).test(url));
}

/**
 * An origin typed by the user → the match pattern to request and register. Real portals must be https
 * (the manifest's optional host permission); http only for this machine. The port is kept: it is part of the origin.
 */
export function originToMatchPattern(input: string): string | undefined {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return undefined;
  }
  const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) return undefined;
  if (u.username || u.password || !/^[a-z0-9.-]+$/i.test(u.hostname)) return undefined;
  return `${u.protocol}//${u.host.toLowerCase()}/*`;
}
