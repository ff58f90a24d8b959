/** Object URLs for the page thumbnails: made once per page, revoked when the page goes away. */
import { useEffect, useRef } from 'preact/hooks';
import type { PageItem } from './flow-state.js';

export function usePageUrls(pages: readonly PageItem[]): (id: string) => string {
  const urls = useRef(new Map<string, string>());
  const live = new Set(pages.map((p) => p.id));
  for (const p of pages) {
    if (!urls.current.has(p.id)) {
      const type = p.bytes[0] === 0x89 ? 'image/png' : 'image/jpeg';
      urls.current.set(p.id, URL.createObjectURL(new Blob([p.bytes as Uint8Array<ArrayBuffer>], { type })));
    }
  }
  useEffect(() => {
    for (const [id, url] of urls.current) {
      if (!live.has(id)) {
        URL.revokeObjectURL(url);
        urls.current.delete(id);
      }
    }
  });
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);
  return (id) => urls.current.get(id) ?? '';
}
