/**
 * Hands a final copy to the portal tab it was made for: the content script sets it into the adapter's file input
 * (DataTransfer) and the clerk submits the portal's own form. The copy is read from the store here (a page can
 * only name a stored, final copy, never send bytes of its choosing), and the tab must be a recorded target that
 * still shows the origin where the clerk pressed Certify.
 */
import type { CopyRecord } from '../../core/store/db.js';
import { toBase64 } from '../shared/base64.js';
import { copyFileName } from '../shared/file-names.js';
import type { CertifyTarget, DeliverResult, PlaceResult, TabEvent } from '../shared/messages.js';

export interface DeliverDeps {
  target(tabId: number): Promise<CertifyTarget | undefined>;
  /** The tab's current URL (undefined when the tab is gone or its URL is not visible to us). */
  tabUrl(tabId: number): Promise<string | undefined | null>;
  copy(copyId: string): Promise<CopyRecord | undefined>;
  send(tabId: number, msg: TabEvent): Promise<unknown>;
}

function isPlaceResult(v: unknown): v is PlaceResult {
  const r = v as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return false;
  if (r.ok === true) return typeof r.name === 'string' && typeof r.size === 'number';
  return r.ok === false && (r.why === 'NO_INPUT' || r.why === 'BAD_DATA' || r.why === 'REFUSED');
}

export async function deliverCopy(copyId: string, tabId: number, deps: DeliverDeps): Promise<DeliverResult> {
  const target = await deps.target(tabId);
  if (!target) return { ok: false, why: 'NO_TARGET' };
  const url = await deps.tabUrl(tabId).catch(() => null);
  if (url === null) return { ok: false, why: 'TARGET_GONE' };
  let origin: string | undefined;
  try {
    origin = url ? new URL(url).origin : undefined;
  } catch {
    origin = undefined;
  }
  if (origin !== target.origin) return { ok: false, why: 'TARGET_NAVIGATED' };
  const copy = await deps.copy(copyId);
  if (!copy || copy.status !== 'final') return { ok: false, why: 'NOT_FINAL' };
  const msg: TabEvent = { type: 'placeCopy', name: copyFileName(copy), data: toBase64(copy.pdf), sha256: copy.sha256 };
  const reply = await deps.send(tabId, msg).catch(() => undefined);
  return isPlaceResult(reply) ? reply : { ok: false, why: 'NO_ANSWER' };
}
