/**
 * "Share → saoy": the service worker receives the share target's POST, keeps the file in a cache of its own and
 * sends the browser to `./?shared=1`; the page takes the file from there once (and deletes it).
 */
export const SHARE_CACHE = 'saoy-web-share';
export const SHARED_FILE_PATH = 'shared-file';
export const SHARED_NAME_HEADER = 'x-saoy-file-name';

export async function takeSharedFile(): Promise<File | undefined> {
  if (!('caches' in self)) return undefined;
  const cache = await caches.open(SHARE_CACHE);
  const key = new URL(SHARED_FILE_PATH, location.href).href;
  const res = await cache.match(key);
  if (!res) return undefined;
  await cache.delete(key);
  const name = decodeURIComponent(res.headers.get(SHARED_NAME_HEADER) ?? 'shared.pdf');
  return new File([await res.blob()], name, { type: res.headers.get('content-type') ?? 'application/pdf' });
}
