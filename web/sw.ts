/// <reference lib="webworker" />
/**
 * The web page's service worker: the app shell is precached under a versioned name (the build writes the file
 * list and a hash of their contents), served cache-first so the page works in airplane mode after the first
 * visit; older shell caches are removed on activate. It also is the Web Share Target: a shared PDF arrives as a
 * multipart POST to ./share, is kept in a cache for the page and the browser is sent on to ./?shared=1.
 */
import { SHARE_CACHE, SHARED_FILE_PATH, SHARED_NAME_HEADER } from './shared-file.js';

declare const __SAOY_SHELL__: string[];
declare const __SAOY_VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const PREFIX = 'saoy-web-shell-';
const SHELL_CACHE = PREFIX + __SAOY_VERSION__;

const at = (path: string) => new URL(path, sw.registration.scope).href;

sw.addEventListener('install', (e) => {
  e.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((c) => c.addAll(__SAOY_SHELL__.map(at)))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

async function receiveShare(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => undefined);
  const file = form ? [...form.values()].find((v): v is File => typeof v !== 'string') : undefined;
  if (file) {
    const cache = await caches.open(SHARE_CACHE);
    const headers = { 'content-type': file.type || 'application/pdf', [SHARED_NAME_HEADER]: encodeURIComponent(file.name) };
    await cache.put(at(SHARED_FILE_PATH), new Response(file, { headers }));
  }
  return Response.redirect(at('./?shared=1'), 303);
}

/** Shell files by path (a page's query and fragment do not pick another file); "./" is index.html. */
async function fromShell(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const key = url.href === at('./') || url.pathname === new URL(at('./')).pathname ? at('index.html') : url.origin + url.pathname;
  // caches.match, not caches.open(…).match: an old worker still answering a fetch must not re-create its deleted cache.
  return (await caches.match(key, { cacheName: SHELL_CACHE })) ?? fetch(request);
}

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (url.origin !== location.origin || !url.href.startsWith(sw.registration.scope)) return;
  if (e.request.method === 'POST' && url.href === at('share')) return e.respondWith(receiveShare(e.request));
  if (e.request.method === 'GET') e.respondWith(fromShell(e.request));
});
