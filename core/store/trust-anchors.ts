/**
 * Trust anchors the user imported (root or intermediate certificates), kept per list (NEAC, VGCA, other, demo).
 * Every change bumps the trust generation in the same transaction, so no cached verdict outlives the trust it used.
 */
import { describeCertificate } from '../pki/certificate.js';
import type { SaoyDatabase, TrustAnchorRecord, TrustList } from './db.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { sha256Hex } from '../bytes/sha.js';

export const TRUST_LISTS: readonly TrustList[] = ['neac', 'vgca', 'other', 'demo'];

export interface AddAnchorsResult {
  added: TrustAnchorRecord[];
  /** Already present (in any list); left as they were. */
  duplicates: TrustAnchorRecord[];
}

/** Adds certificates; throws the core SaoyError (CERT_INVALID) before writing anything if one is unreadable. */
export async function addTrustAnchors(db: SaoyDatabase, ders: readonly Uint8Array[], list: TrustList, now = new Date()): Promise<AddAnchorsResult> {
  const records: TrustAnchorRecord[] = [];
  for (const der of ders) {
    const d = describeCertificate(der);
    records.push({ id: await sha256Hex(der), der: der.slice(), list, subject: d.subject.text, notAfter: d.notAfter.toISOString(), addedAt: now.toISOString() });
  }
  const tx = db.transaction(['trustAnchors', 'settings'], 'readwrite');
  const anchors = tx.objectStore('trustAnchors');
  const result: AddAnchorsResult = { added: [], duplicates: [] };
  for (const r of records) {
    const existing = await anchors.get(r.id);
    if (existing) result.duplicates.push(existing);
    else if (!result.added.some((a) => a.id === r.id)) {
      await anchors.put(r);
      result.added.push(r);
    }
  }
  if (result.added.length) await bumpGeneration(tx.objectStore('settings'));
  await tx.done;
  return result;
}

export async function removeTrustAnchor(db: SaoyDatabase, id: string): Promise<void> {
  const tx = db.transaction(['trustAnchors', 'settings'], 'readwrite');
  if (await tx.objectStore('trustAnchors').get(id)) {
    await tx.objectStore('trustAnchors').delete(id);
    await bumpGeneration(tx.objectStore('settings'));
  }
  await tx.done;
}

export async function listTrustAnchors(db: SaoyDatabase): Promise<TrustAnchorRecord[]> {
  return db.getAll('trustAnchors');
}

/** Anchors and the generation they belong to, read in one transaction (never a mixed view). */
export async function trustSnapshot(db: SaoyDatabase): Promise<{ generation: number; anchors: TrustAnchorRecord[] }> {
  const tx = db.transaction(['trustAnchors', 'settings'], 'readonly');
  const [anchors, gen] = await Promise.all([tx.objectStore('trustAnchors').getAll(), tx.objectStore('settings').get('trustGeneration')]);
  await tx.done;
  return { anchors, generation: typeof gen?.value === 'number' ? gen.value : DEFAULT_SETTINGS.trustGeneration };
}

type SettingsStore = { get(key: string): Promise<{ key: string; value: unknown } | undefined>; put(v: { key: string; value: unknown }): Promise<unknown> };

async function bumpGeneration(settings: SettingsStore): Promise<void> {
  const cur = await settings.get('trustGeneration');
  const n = typeof cur?.value === 'number' ? cur.value : DEFAULT_SETTINGS.trustGeneration;
  await settings.put({ key: 'trustGeneration', value: n + 1 });
}
