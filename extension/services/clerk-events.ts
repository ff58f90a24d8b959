/**
 * "Something changed" between the extension's own pages (side panel, manage page, other tabs): a BroadcastChannel
 * is bound to the extension's origin, so no web page can post to it or listen.
 */
export type ClerkEvent = { type: 'copies' } | { type: 'book' } | { type: 'keys' };

const NAME = 'saoy-clerk';

export function announce(ev: ClerkEvent): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const ch = new BroadcastChannel(NAME);
  ch.postMessage(ev);
  ch.close();
}

/** Calls `fn` for every event another page announces; returns the unsubscribe function. */
export function onClerkEvent(fn: (ev: ClerkEvent) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const ch = new BroadcastChannel(NAME);
  ch.onmessage = (e: MessageEvent) => {
    const t = (e.data as { type?: unknown } | null)?.type;
    if (t === 'copies' || t === 'book' || t === 'keys') fn({ type: t });
  };
  return () => ch.close();
}
