/**
 * The web page's stand-in for `webextension-polyfill` (vite.web.config.ts aliases the package to this file): the
 * extension's UI components and services run unchanged, and the few `browser.*` calls they make reach plain web
 * equivalents. Only what those components call exists; anything else is a build error, not a silent no-op.
 */
import { VERIFY_WORKER_URL } from './worker-url.js';

/** Extension paths the shared components ask for, and where the web build puts the same thing. */
const PATHS: Readonly<Record<string, string>> = {
  'extension/services/verify-worker.js': VERIFY_WORKER_URL,
  'extension/ui/report/index.html': 'report.html',
  'extension/ui/verify/index.html': 'index.html',
};

function getURL(path: string): string {
  return new URL(PATHS[path] ?? path, location.href).href;
}

const browser = {
  runtime: {
    getURL,
    /** Extension pages tell the background about settings changes; the web page has no background. */
    sendMessage: (_message: unknown): Promise<undefined> => Promise.resolve(undefined),
  },
  tabs: {
    /** A report opens in the same tab (phones: back returns); the signed revision (a blob: URL) in a new one. */
    create: ({ url }: { url: string }): Promise<void> => {
      if (url.startsWith('blob:')) window.open(url, '_blank');
      else location.assign(url);
      return Promise.resolve();
    },
  },
  permissions: {
    /** The web page never asks for other origins: its CSP forbids connecting to them anyway. */
    request: (_p: { origins: string[] }): Promise<boolean> => Promise.resolve(false),
  },
};

export default browser;
