/**
 * The offscreen side of attachment checks: a job message is exactly {type, url, credentials, tab} (anything
 * else is refused), and the worker share leaves as many workers for other tabs as one tab may use, however many jobs it has.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: { getURL: (p: string) => p } } }));

const { parseCheckJob } = await import('../../../extension/background/verifier-host.js');
const { CORES, VERIFY_WORKERS, VERIFYING_PER_TAB, CHECKS_AT_ONCE, CHECKS_PER_TAB } = await import('../../../extension/background/parallelism.js');

describe('parseCheckJob', () => {
  it('takes exactly the four fields with their types', () => {
    expect(parseCheckJob({ type: 'offscreenCheck', url: 'https://a.test/x.pdf', credentials: true, tab: '7' })).toEqual({ type: 'offscreenCheck', url: 'https://a.test/x.pdf', credentials: true, tab: '7' });
    expect(parseCheckJob({ type: 'offscreenCheck', url: 'https://a.test/x.pdf', credentials: true })).toBeUndefined();
    expect(parseCheckJob({ type: 'offscreenCheck', url: 'https://a.test/x.pdf', credentials: 'yes', tab: '7' })).toBeUndefined();
    expect(parseCheckJob({ type: 'offscreenCheck', url: 'https://a.test/x.pdf', credentials: true, tab: 7 })).toBeUndefined();
    expect(parseCheckJob({ type: 'offscreenCheck', url: 'https://a.test/x.pdf', credentials: true, tab: '7', extra: 1 })).toBeUndefined();
    expect(parseCheckJob({ type: 'offscreenCheck', url: 'https://a.test/x.pdf', credentials: true, tab: 'x'.repeat(33) })).toBeUndefined();
  });
});

describe('parallelism', () => {
  it('one tab may verify on every core, and as many workers are left for the other tabs', () => {
    expect(CORES).toBeGreaterThanOrEqual(1);
    expect(VERIFYING_PER_TAB).toBe(CORES);
    expect(VERIFY_WORKERS - VERIFYING_PER_TAB).toBeGreaterThanOrEqual(VERIFYING_PER_TAB);
    // A tab has its verifications and exactly one fetch ahead in progress (more ahead: a flood would gain), never all slots.
    expect(CHECKS_PER_TAB).toBe(VERIFYING_PER_TAB + 1);
    expect(CHECKS_AT_ONCE).toBeGreaterThan(CHECKS_PER_TAB);
  });
});
