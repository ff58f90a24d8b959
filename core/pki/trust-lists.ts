/**
 * Trust as named lists (built-in VGCA / NEAC / NEAC TSA / legacy, the user's, the demo's): what verification
 * needs from them is the anchors per purpose, the chain-building helpers, and which list an anchor came from so a
 * report can name it. Anchors are matched by their exact bytes only.
 */
import { BUILTIN_LISTS, type BuiltinListId, type LoadedBuiltinCertificate, type TrustPurpose } from './trust-builtin.js';

export interface TrustList {
  /** 'vgca' | 'neac' | 'neac-tsa' | 'legacy' | 'user' | 'demo' ... (shown in reports). */
  id: string;
  anchors: readonly Uint8Array[];
  /** Chain-building help: never an anchor. */
  intermediates?: readonly Uint8Array[];
  /** Default 'signing'; a 'timestamping' list vouches only for timestamp authorities. */
  purpose?: TrustPurpose;
}

export interface ResolvedTrust {
  /** Anchors for document signatures. */
  anchors: Uint8Array[];
  /** Anchors for timestamp authorities: the signing anchors plus the timestamping-only lists. */
  timestampAnchors: Uint8Array[];
  intermediates: Uint8Array[];
  /** The id of the (first) list that holds exactly these bytes as an anchor. */
  listOf(anchor: Uint8Array): string | undefined;
}

export const DEFAULT_BUILTIN_LISTS: readonly BuiltinListId[] = BUILTIN_LISTS.filter((l) => l.enabledByDefault).map((l) => l.id);

/** The built-in lists that are switched on, as TrustLists (legacy only when asked for). */
export function builtinTrustLists(loaded: readonly LoadedBuiltinCertificate[], enabled: readonly string[] = DEFAULT_BUILTIN_LISTS): TrustList[] {
  return BUILTIN_LISTS.filter((l) => enabled.includes(l.id)).map((l) => ({
    id: l.id,
    purpose: l.purpose,
    anchors: loaded.filter((c) => c.list === l.id && c.role === 'anchor').map((c) => c.der),
    intermediates: loaded.filter((c) => c.list === l.id && c.role === 'intermediate').map((c) => c.der),
  }));
}

const key = (der: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < der.length; i += 4096) s += String.fromCharCode(...der.subarray(i, i + 4096));
  return s;
};

/** The last resolution: verifying many files resolves the same lists (same arrays) once per file. */
let last: { lists: readonly TrustList[]; sizes: string; trust: ResolvedTrust } | undefined;

// The sizes catch an array grown in place between two calls.
const sizesOf = (lists: readonly TrustList[]): string => lists.map((l) => `${l.anchors.length}/${l.intermediates?.length ?? 0}`).join(',');
// Empty arrays are alike whoever made them: callers pass a fresh `[]` for "no anchors of my own" on every file, and
// without this each file resolved (and re-keyed) every built-in anchor again.
const sameArray = (x: readonly Uint8Array[] | undefined, y: readonly Uint8Array[] | undefined): boolean => x === y || ((x?.length ?? 0) === 0 && (y?.length ?? 0) === 0);
const sameLists = (a: readonly TrustList[], b: readonly TrustList[]): boolean =>
  a.length === b.length &&
  a.every((l, i) => l.id === b[i].id && l.purpose === b[i].purpose && sameArray(l.anchors, b[i].anchors) && sameArray(l.intermediates, b[i].intermediates));

export function resolveTrust(lists: readonly TrustList[]): ResolvedTrust {
  const sizes = sizesOf(lists);
  if (last && last.sizes === sizes && sameLists(last.lists, lists)) return last.trust;
  const trust = resolveUncached(lists);
  last = { lists: lists.map((l) => ({ ...l })), sizes, trust };
  return trust;
}

function resolveUncached(lists: readonly TrustList[]): ResolvedTrust {
  const byBytes = new Map<string, string>();
  const anchors: Uint8Array[] = [];
  const timestampAnchors: Uint8Array[] = [];
  const intermediates: Uint8Array[] = [];
  for (const l of lists) {
    for (const a of l.anchors) {
      const k = key(a);
      if (!byBytes.has(k)) byBytes.set(k, l.id);
      timestampAnchors.push(a);
      if ((l.purpose ?? 'signing') === 'signing') anchors.push(a);
    }
    intermediates.push(...(l.intermediates ?? []));
  }
  // The anchor a chain ends at is usually one of these very arrays: found without re-reading its bytes.
  const byIdentity = new Map<Uint8Array, string>();
  for (const l of lists) for (const a of l.anchors) if (!byIdentity.has(a)) byIdentity.set(a, byBytes.get(key(a)) as string);
  return { anchors, timestampAnchors, intermediates, listOf: (der) => byIdentity.get(der) ?? byBytes.get(key(der)) };
}
