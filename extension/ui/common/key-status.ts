/** How a signing key's certificate stands today: the keys page warns ahead of expiry, the panel refuses expired keys. */
export type KeyValidity = 'ok' | 'expiring' | 'expired' | 'not-yet-valid';

export const EXPIRING_DAYS = 30;

export function keyValidity(k: { notBefore: string; notAfter: string }, now: Date = new Date()): KeyValidity {
  const t = now.getTime();
  if (t < Date.parse(k.notBefore)) return 'not-yet-valid';
  const end = Date.parse(k.notAfter);
  if (t > end) return 'expired';
  return end - t < EXPIRING_DAYS * 86_400_000 ? 'expiring' : 'ok';
}

/** Whole days left (0 on the last day), never negative. */
export function daysLeft(notAfter: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((Date.parse(notAfter) - now.getTime()) / 86_400_000));
}

/** Keys usable for signing first (then by label); the first usable one is the default choice. */
export function sortForChoice<K extends { notBefore: string; notAfter: string; label: string; id: string }>(keys: readonly K[], preferredId: string, now = new Date()): K[] {
  const usable = (k: K) => keyValidity(k, now) === 'ok' || keyValidity(k, now) === 'expiring';
  return [...keys].sort((a, b) => Number(usable(b)) - Number(usable(a)) || Number(b.id === preferredId) - Number(a.id === preferredId) || a.label.localeCompare(b.label, 'vi'));
}

export function defaultKeyId<K extends { notBefore: string; notAfter: string; label: string; id: string }>(keys: readonly K[], preferredId: string, now = new Date()): string {
  const first = sortForChoice(keys, preferredId, now)[0];
  if (!first) return '';
  const v = keyValidity(first, now);
  return v === 'ok' || v === 'expiring' ? first.id : '';
}
