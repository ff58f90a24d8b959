/**
 * Which portal tab a certification is for. The clerk presses the adapter's Certify action on a portal page; the
 * content script can only ask to open the side panel, and the background records that tab (from `sender`,
 * never from anything the page says). The side panel later hands the finished copy to exactly that tab, and
 * only while it still shows the same origin. Kept in IndexedDB too: the service worker is stopped when idle.
 */
import type { CertifyTarget } from '../shared/messages.js';

export interface TargetStorage {
  load(): Promise<unknown>;
  save(targets: CertifyTarget[]): Promise<void>;
}

/** A target older than this is forgotten (the clerk has long moved on). */
export const TARGET_TTL_MS = 8 * 3600_000;
const MAX_TARGETS = 20;

function isTarget(v: unknown): v is CertifyTarget {
  const t = v as Partial<CertifyTarget> | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    Number.isSafeInteger(t.tabId) &&
    Number.isSafeInteger(t.windowId) &&
    typeof t.origin === 'string' &&
    typeof t.title === 'string' &&
    (t.portal === undefined || typeof t.portal === 'string') &&
    typeof t.at === 'string'
  );
}

export function createTargets(storage: TargetStorage, now: () => Date = () => new Date()) {
  let cache: CertifyTarget[] | undefined;
  const fresh = (t: CertifyTarget) => now().getTime() - Date.parse(t.at) < TARGET_TTL_MS;
  const all = async (): Promise<CertifyTarget[]> => {
    if (!cache) {
      const raw = await storage.load().catch(() => undefined);
      cache = Array.isArray(raw) ? raw.filter(isTarget) : [];
    }
    cache = cache.filter(fresh);
    return cache;
  };
  const persist = async () => storage.save(cache ?? []).catch(() => undefined);

  return {
    /** The clerk pressed Certify in this tab: it becomes its window's current target (and the newest overall). */
    async record(t: Omit<CertifyTarget, 'at'>): Promise<CertifyTarget> {
      const target: CertifyTarget = { ...t, at: now().toISOString() };
      const rest = (await all()).filter((x) => x.tabId !== t.tabId);
      cache = [target, ...rest].slice(0, MAX_TARGETS);
      await persist();
      return target;
    },
    /** The target of a window, else the newest one (a panel opened in a tab of another window). */
    async current(windowId?: number): Promise<CertifyTarget | undefined> {
      const list = await all();
      return (windowId !== undefined ? list.find((t) => t.windowId === windowId) : undefined) ?? list[0];
    },
    async byTab(tabId: number): Promise<CertifyTarget | undefined> {
      return (await all()).find((t) => t.tabId === tabId);
    },
    async forgetTab(tabId: number): Promise<void> {
      const list = await all();
      if (!list.some((t) => t.tabId === tabId)) return;
      cache = list.filter((t) => t.tabId !== tabId);
      await persist();
    },
  };
}

export type Targets = ReturnType<typeof createTargets>;
