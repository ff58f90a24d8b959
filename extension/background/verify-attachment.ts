/** One attachment URL → one BadgeResult: permission, fetch, verify; every failure becomes a stated error. */
import type { Language } from '../../core/store/settings.js';
import type { VerificationReport } from '../../core/verify/report.js';
import type { BadgeResult, FetchErrorKind } from '../shared/messages.js';
import type { FetchOutcome } from '../services/fetch-attachment.js';
import { isHttpUrl } from '../services/fetch-attachment.js';

type Checked = { report: VerificationReport; cached: boolean } | { fetchError: { kind: FetchErrorKind; status?: number } };

export interface AttachmentDeps {
  hasPermission(url: string): Promise<boolean>;
  /** Download and verify (in one worker, which then never hands the bytes across threads). */
  check(url: string, meta: { fileName?: string; source: string }): Promise<Checked>;
  language(): Promise<Language>;
}

/** A check made of a separate download and verification (tests; callers that already hold the bytes' fetcher). */
export function fetchThenVerify(
  fetch: (url: string) => Promise<FetchOutcome>,
  verify: (bytes: Uint8Array, meta: { fileName?: string; source: string }) => Promise<{ report: VerificationReport; cached: boolean }>,
): AttachmentDeps['check'] {
  return async (url, meta) => {
    const got = await fetch(url);
    if (!got.ok) return { fetchError: got.status === undefined ? { kind: got.kind } : { kind: got.kind, status: got.status } };
    return verify(got.bytes, meta);
  };
}

export async function verifyAttachment(url: string, deps: AttachmentDeps): Promise<BadgeResult> {
  if (!isHttpUrl(url)) return { verdict: 'error', fetchError: { kind: 'BAD_URL' } };
  try {
    if (!(await deps.hasPermission(url))) return { verdict: 'error', fetchError: { kind: 'NO_PERMISSION' } };
    const got = await deps.check(url, { fileName: fileNameOf(url), source: url });
    if ('fetchError' in got) return { verdict: 'error', fetchError: got.fetchError };
    const { report, cached } = got;
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
