/** The background's per-URL pipeline with its browser parts replaced: permission → fetch → verify → badge. */
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../extension/background/limiter.js';
import { fetchThenVerify, fileNameOf, verifyAttachment, type AttachmentDeps } from '../../../extension/background/verify-attachment.js';
import type { VerificationReport } from '../../../core/verify/report.js';

const report: VerificationReport = {
  sha256: 'b'.repeat(64),
  size: 3,
  verdict: 'invalid',
  reasons: [{ code: 'DIGEST_MISMATCH', en: 'altered', vi: 'bị thay đổi' }],
  signatures: [],
  checkedAt: '2026-01-01T00:00:00Z',
};

type Parts = Omit<AttachmentDeps, 'check'> & { fetch: Parameters<typeof fetchThenVerify>[0]; verify: Parameters<typeof fetchThenVerify>[1] };

function deps(over: Partial<Parts> = {}): AttachmentDeps {
  const d: Parts = {
    hasPermission: async () => true,
    fetch: async () => ({ ok: true, bytes: new Uint8Array([1, 2, 3]) }),
    verify: async () => ({ report, cached: false }),
    language: async () => 'vi',
    ...over,
  };
  return { hasPermission: d.hasPermission, language: d.language, check: fetchThenVerify(d.fetch, d.verify) };
}

describe('verifyAttachment', () => {
  it('maps a report to a badge result in the user language', async () => {
    expect(await verifyAttachment('https://x.gov.vn/a.pdf', deps())).toEqual({ verdict: 'invalid', sha256: report.sha256, cached: false, detail: 'bị thay đổi' });
    expect((await verifyAttachment('https://x.gov.vn/a.pdf', deps({ language: async () => 'en' }))).detail).toBe('altered');
  });
  it('says when the permission is missing or was revoked, without fetching', async () => {
    let fetched = false;
    const r = await verifyAttachment('https://x.gov.vn/a.pdf', deps({ hasPermission: async () => false, fetch: async () => ((fetched = true), { ok: false, kind: 'NETWORK' }) }));
    expect(r).toEqual({ verdict: 'error', fetchError: { kind: 'NO_PERMISSION' } });
    expect(fetched).toBe(false);
  });
  it('passes fetch errors through, and turns a crash into an internal error (never a silent spinner)', async () => {
    expect(await verifyAttachment('https://x.gov.vn/a.pdf', deps({ fetch: async () => ({ ok: false, kind: 'HTTP', status: 404 }) }))).toEqual({
      verdict: 'error',
      fetchError: { kind: 'HTTP', status: 404 },
    });
    expect(await verifyAttachment('https://x.gov.vn/a.pdf', deps({ verify: async () => Promise.reject(new Error('boom')) }))).toEqual({
      verdict: 'error',
      fetchError: { kind: 'INTERNAL' },
    });
    expect(await verifyAttachment('javascript:alert(1)', deps())).toEqual({ verdict: 'error', fetchError: { kind: 'BAD_URL' } });
  });
  it('names the file after the last path segment', () => {
    expect(fileNameOf('https://x.gov.vn/files/b%E1%BA%A3n%20sao.pdf?t=1')).toBe('bản sao.pdf');
  });
});

describe('createLimiter', () => {
  it('runs at most n tasks at once, all of them eventually', async () => {
    const limit = createLimiter(4);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(4);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
