/**
 * Long jobs yield to other tabs: a tab whose job runs past the slow mark starts nothing while another tab has work,
 * and its long-running jobs are stopped (once each) and run again after the other tab's work.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { runtime: { getURL: (p: string) => p } } }));
import { JobStoppedError } from '../../../extension/services/worker-pool.js';
import { createYieldingQueue } from '../../../extension/background/yield-slow.js';
import { createFairQueue } from '../../../extension/background/fair-queue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job of `ms` that ends early with JobStoppedError when stopped, recording what happened. */
function job(log: string[], name: string, ms: number) {
  return (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${name}`);
      const t = setTimeout(() => (log.push(`end ${name}`), resolve(name)), ms);
      signal.addEventListener('abort', () => {
        clearTimeout(t);
        log.push(`stopped ${name}`);
        reject(new JobStoppedError());
      });
    });
}

describe('createYieldingQueue', () => {
  it('stops a slow tab’s long jobs when another tab has work, runs that work first, then the stopped jobs again to the end', async () => {
    const log: string[] = [];
    const q = createYieldingQueue({ concurrency: 4, perTab: 2, slowMs: 150 });
    const flood = [q.run('flood', job(log, 'f1', 600)), q.run('flood', job(log, 'f2', 600)), q.run('flood', job(log, 'f3', 600))];
    await sleep(300); // past the slow mark: the flood tab is slow now
    expect(q.slowTabs()).toEqual(['flood']);
    const portal = await Promise.all([q.run('portal', job(log, 'p1', 50)), q.run('portal', job(log, 'p2', 50)), q.run('portal', job(log, 'p3', 50))]);
    expect(portal).toEqual(['p1', 'p2', 'p3']);
    // Both running flood jobs were stopped before the portal's work ended, and no flood job ran meanwhile.
    const p3end = log.indexOf('end p3');
    expect(log.indexOf('stopped f1')).toBeLessThan(p3end);
    expect(log.indexOf('stopped f2')).toBeLessThan(p3end);
    expect(log.slice(log.indexOf('start p1'), p3end).filter((l) => l.startsWith('start f'))).toEqual([]);
    // Then the flood finishes, each stopped job run again (and not stopped a second time).
    expect(await Promise.all(flood)).toEqual(['f1', 'f2', 'f3']);
    expect(log.filter((l) => l === 'start f1')).toHaveLength(2);
    expect(log.filter((l) => l.startsWith('stopped'))).toHaveLength(2);
    await sleep(10);
    expect(q.slowTabs()).toEqual([]); // nothing left: forgiven
  });

  it('a slow tab’s job started in a gap is stopped as soon as another tab has work, young as it is', async () => {
    const log: string[] = [];
    const q = createYieldingQueue({ concurrency: 4, perTab: 1, slowMs: 400 });
    const flood = [q.run('flood', job(log, 'f1', 450)), q.run('flood', job(log, 'f2', 2000))];
    await sleep(520); // f1 made the tab slow and ended; f2 started with nobody else waiting
    expect(q.slowTabs()).toEqual(['flood']);
    expect(log).toContain('start f2');
    expect(await q.run('portal', job(log, 'p1', 250))).toBe('p1');
    // f2 was far from the slow mark, and was stopped all the same while the portal's job ran.
    expect(log.indexOf('stopped f2')).toBeGreaterThan(log.indexOf('start p1'));
    expect(log.indexOf('stopped f2')).toBeLessThan(log.indexOf('end p1'));
    expect(await Promise.all(flood)).toEqual(['f1', 'f2']);
  });

  it('a tab alone is never stopped, however long its jobs run', async () => {
    const log: string[] = [];
    const q = createYieldingQueue({ concurrency: 4, perTab: 2, slowMs: 50 });
    expect(await Promise.all([q.run('a', job(log, 'a1', 250)), q.run('a', job(log, 'a2', 250)), q.run('a', job(log, 'a3', 100))])).toEqual(['a1', 'a2', 'a3']);
    expect(log.some((l) => l.startsWith('stopped'))).toBe(false);
  });

  it('jobs that end before the slow mark never make their tab slow', async () => {
    const log: string[] = [];
    const q = createYieldingQueue({ concurrency: 4, perTab: 2, slowMs: 400 });
    const a = Promise.all([q.run('a', job(log, 'a1', 100)), q.run('a', job(log, 'a2', 100))]);
    await Promise.all([q.run('b', job(log, 'b1', 100)), a]);
    expect(q.slowTabs()).toEqual([]);
    expect(log.some((l) => l.startsWith('stopped'))).toBe(false);
  });

  it('passes a task’s own failure through, without running it again', async () => {
    const q = createYieldingQueue({ concurrency: 2, perTab: 1 });
    let runs = 0;
    await expect(q.run('a', async () => (runs++, Promise.reject(new Error('boom'))))).rejects.toThrow('boom');
    expect(runs).toBe(1);
  });
});

describe('createFairQueue lowPriority', () => {
  it('a low-priority key starts nothing while another key has work, and goes on when that work is done', async () => {
    const low = new Set(['slow']);
    const q = createFairQueue({ concurrency: 4, perKeyActive: 2, perKeyQueued: 10, lowPriority: (k) => low.has(String(k)) });
    const order: string[] = [];
    const task = (name: string, ms: number) => async () => (order.push(name), await sleep(ms), name);
    const fast = [q.run('fast', task('a', 60)), q.run('fast', task('b', 60)), q.run('fast', task('c', 60))];
    const slow = q.run('slow', task('s', 10));
    await Promise.all([...fast, slow]);
    expect(order.indexOf('s')).toBe(3); // after every job of the normal key had started, and only once they ended
    low.clear();
    const [x, y] = await Promise.all([q.run('slow', task('s2', 10)), q.run('fast', task('d', 10))]);
    expect([x, y]).toEqual(['s2', 'd']);
  });
});

describe('the pause after another tab’s work', () => {
  it('a slow tab starts nothing until the other tab has been idle for the hold time', async () => {
    const log: string[] = [];
    const q = createYieldingQueue({ concurrency: 4, perTab: 1, slowMs: 50, holdMs: 300 });
    const first = q.run('flood', job(log, 'f1', 200));
    const second = q.run('flood', job(log, 'f2', 10)); // waits: one job per tab
    await sleep(100); // f1 is slow now, but nobody else has work: it is not stopped
    const p = q.run('portal', job(log, 'p1', 20));
    expect(await p).toBe('p1');
    const pEnd = Date.now();
    await Promise.all([first, second]);
    const f2start = log.indexOf('start f2');
    expect(f2start).toBeGreaterThan(log.indexOf('end p1'));
    // f1 was stopped for p1 and run again; f2 started only after the hold.
    expect(log).toContain('stopped f1');
    expect(Date.now() - pEnd).toBeGreaterThanOrEqual(290);
  });
});

describe('who counts as slow, and for how long', () => {
  it('tells once per tab that it became slow (workers are readied once, not every 100 ms)', async () => {
    const seen: string[] = [];
    const log: string[] = [];
    const q = createYieldingQueue({ concurrency: 4, perTab: 2, slowMs: 50, onSlow: (t) => seen.push(t) });
    await Promise.all([q.run('a', job(log, 'a1', 400)), q.run('a', job(log, 'a2', 400))]);
    expect(seen).toEqual(['a']);
  });

  it('two slow tabs do not stop each other (only a tab that is not slow is yielded to)', async () => {
    const log: string[] = [];
    const q = createYieldingQueue({ concurrency: 4, perTab: 1, slowMs: 50 });
    const a = q.run('a', job(log, 'a1', 300));
    const b = q.run('b', job(log, 'b1', 300));
    expect(await Promise.all([a, b])).toEqual(['a1', 'b1']);
    expect(log.filter((l) => l.startsWith('stopped'))).toEqual([]);
  });

  it('a slow tab stays slow while it still has jobs, and is forgiven only when it has none', async () => {
    const log: string[] = [];
    const q = createYieldingQueue({ concurrency: 4, perTab: 1, slowMs: 50, holdMs: 0 });
    const first = q.run('a', job(log, 'a1', 200));
    const second = q.run('a', job(log, 'a2', 200));
    await first;
    await sleep(20);
    expect(q.slowTabs()).toEqual(['a']);
    await second;
    await sleep(20);
    expect(q.slowTabs()).toEqual([]);
  });
});
