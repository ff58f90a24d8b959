/**
 * The web page's Content-Security-Policy: in a meta tag of every page (the build puts it there) and in the
 * demo server's headers (which can also say frame-ancestors, ignored in a meta tag). connect-src 'self' is what
 * keeps a document on the device: no fetch, XHR, beacon or WebSocket to any other origin can leave the page.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "connect-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

export const WEB_CSP_META = DIRECTIVES.join('; ');
export const WEB_CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
