/**
 * Chrome allows one offscreen document and throws on a second createDocument. The hello's warm-up and the first
 * check both ask for it; when one of them read "none yet" just before the other finished creating it, the second
 * creation threw and the first badge of a fresh profile read "internal error" (seen in the portal E2E test).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const sent: unknown[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      getURL: (p: string) => `chrome-extension://id/${p}`,
      sendMessage: async (m: unknown) => (sent.push(m), { verdict: 'valid' }),
    },
  },
}));

const { runCheck, warmVerifier } = await import('../../../extension/background/verifier.js');

/** A Chrome whose getContexts answers slowly (as it does) and whose createDocument allows one document. */
function fakeChrome() {
  let docs = 0;
  let creations = 0;
  const tick = () => new Promise((r) => setTimeout(r, 5));
  return {
    stats: () => ({ docs, creations }),
    chrome: {
      // The answer reflects the moment of the call; it arrives a little later.
      runtime: {
        getContexts: async () => {
          const now = docs;
          await tick();
          return Array.from({ length: now }, () => ({}));
        },
      },
      offscreen: {
        createDocument: async () => {
          creations++;
          await tick();
          if (docs > 0) throw new Error('Only a single offscreen document may be created.');
          docs++;
        },
      },
    },
  };
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
  sent.length = 0;
});

describe('the offscreen document is created once, whatever the interleaving', () => {
  it('a warm-up and checks racing on a fresh profile all succeed, with one document', async () => {
    const f = fakeChrome();
    (globalThis as { chrome?: unknown }).chrome = f.chrome;
    const warm = warmVerifier();
    // A check that starts just as the warm-up finishes creating: it read "no document" before it existed.
    const late = new Promise((r) => setTimeout(r, 7)).then(() => runCheck('http://127.0.0.1:1/a.pdf', true, '1'));
    const results = await Promise.all([warm, runCheck('http://127.0.0.1:1/b.pdf', true, '1'), late]);
    expect(results.slice(1)).toEqual([{ verdict: 'valid' }, { verdict: 'valid' }]);
    expect(f.stats().docs).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it('a creation that really fails (no document afterwards) is reported, and the next call tries again', async () => {
    const f = fakeChrome();
    let fail = true;
    const create = f.chrome.offscreen.createDocument;
    f.chrome.offscreen.createDocument = async () => {
      if (fail) throw new Error('offscreen API unavailable');
      return create();
    };
    (globalThis as { chrome?: unknown }).chrome = f.chrome;
    await expect(runCheck('http://127.0.0.1:1/a.pdf', true, '1')).rejects.toThrow('offscreen API unavailable');
    fail = false;
    await expect(runCheck('http://127.0.0.1:1/a.pdf', true, '1')).resolves.toEqual({ verdict: 'valid' });
  });
});
