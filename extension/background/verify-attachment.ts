/** One attachment URL → one BadgeResult: permission, fetch, verify; every failure becomes a stated error. */
import type { Language } from '../../core/store/settings.js';
import type { VerificationReport } from '../../core/verify/report.js';
import type { BadgeResult } from '../shared/messages.js';
import type { FetchOutcome } from '../services/fetch-attachment.js';
import { isHttpUrl } from '../services/fetch-attachment.js';

export interface AttachmentDeps {
  hasPermission(url: string): Promise<boolean>;
  fetch(url: string): Promise<FetchOutcome>;
  verify(bytes: Uint8Array, meta: { fileName?: string; source: string }): Promise<{ report: VerificationReport; cached: boolean }>;
  language(): Promise<Language>;
}

export async function verifyAttachment(url: string, deps: AttachmentDeps): Promise<BadgeResult> {
  if (!isHttpUrl(url)) return { verdict: 'error', fetchError: { kind: 'BAD_URL' } };
  try {
    if (!(await deps.hasPermission(url))) return { verdict: 'error', fetchError: { kind: 'NO_PERMISSION' } };
    const got = await deps.fetch(url);
    if (!got.ok) return { verdict: 'error', fetchError: got.status === undefined ? { kind: got.kind } : { kind: got.kind, status: got.status } };
    const { report, cached } = await deps.verify(got.bytes, { fileName: fileNameOf(url), source: url });
    const lang = await deps.language();
    const first = report.reasons.find((r) => r.code !== 'CERT_REVOKED_LATER') ?? report.reasons[0];
    return { verdict: report.verdict, sha256: report.sha256, cached, ...(first ? { detail: first[lang] } : {}) };
  } catch (e) {
    // A verification stopped at its time limit says so; anything else is an internal error.
    return { verdict: 'error', fetchError: { kind: e instanceof Error && e.name === 'VerifyTimeoutError' ? 'VERIFY_TIMEOUT' : 'INTERNAL' } };
  }
}

export function fileNameOf(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last).slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
