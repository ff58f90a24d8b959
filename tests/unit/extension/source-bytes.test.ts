/**
 * "Tải bản đã kiểm tra" re-fetches a portal attachment: with the user's cookies exactly when the badge's check
 * sent them (recorded with the report), never otherwise, and hands out only bytes with the verified SHA-256.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../../core/bytes/sha';
import type { CachedVerification } from '../../../core/store/verify-cache';
import { sourceBytes } from '../../../extension/ui/report/source-bytes';

const bytes = new TextEncoder().encode('%PDF-1.7 verified');

async function record(extra: Partial<CachedVerification>): Promise<CachedVerification> {
  const sha256 = await sha256Hex(bytes);
  return { sha256, trustGeneration: 1, checkedAt: '2026-12-03T00:00:00Z', report: { sha256, size: bytes.length, verdict: 'valid', reasons: [], signatures: [], checkedAt: '' } as never, source: 'https://dichvucong.example.vn/files/a.pdf', ...extra };
}

describe('sourceBytes', () => {
  afterEach(() => vi.unstubAllGlobals());

  const serve = (body: Uint8Array, seen: RequestInit[]) =>
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push(init);
      // A portal behind a login: nothing without the session cookie.
      return init.credentials === 'include' ? new Response(body.slice() as Uint8Array<ArrayBuffer>, { status: 200 }) : new Response('login required', { status: 403 });
    });

  it('sends the cookies when the check did (the page’s own origin), and gets the verified bytes', async () => {
    const seen: RequestInit[] = [];
    serve(bytes, seen);
    const got = await sourceBytes(await record({ sourceCredentials: true }));
    expect(got.ok).toBe(true);
    expect(seen[0]).toMatchObject({ credentials: 'include', redirect: 'manual' });
  });

  it('sends none when the check sent none (another origin the adapter lists, or an older record)', async () => {
    for (const extra of [{ sourceCredentials: false }, {}]) {
      const seen: RequestInit[] = [];
      serve(bytes, seen);
      const got = await sourceBytes(await record(extra));
      expect(seen[0].credentials).toBe('omit');
      expect(got).toEqual({ ok: false, why: 'HTTP', status: 403 });
    }
  });

  it('refuses bytes that are not the verified ones', async () => {
    serve(new TextEncoder().encode('%PDF-1.7 forged'), []);
    expect(await sourceBytes(await record({ sourceCredentials: true }))).toEqual({ ok: false, why: 'changed' });
  });
});
