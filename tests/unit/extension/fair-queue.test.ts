/** The background's fair scheduler: round robin between tabs, a slot always left for another tab, a cap per tab. */
import { describe, expect, it } from 'vitest';
import { createFairQueue, QueueFullError } from '../../../extension/background/fair-queue.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createFairQueue', () => {
  it('a flooding tab never holds every slot: another tab starts at once and finishes before the flood drains', async () => {
    const q = createFairQueue({ concurrency: 3, perKeyActive: 2, perKeyQueued: 100 });
    const gates: (() => void)[] = [];
    const order: string[] = [];
    const job = (name: string) => () => new Promise<string>((r) => gates.push(() => (order.push(name), r(name))));
    const flood = Array.from({ length: 20 }, (_, i) => q.run('flood', job(`f${i}`)));
    await tick();
    expect(q.stats('flood')).toEqual({ queued: 18, active: 2 });
    const other = [q.run('other', job('o0')), q.run('other', job('o1')), q.run('other', job('o2'))];
    await tick();
    expect(q.stats('other').active).toBe(1); // the free slot, immediately
    // Finish jobs in start order, one at a time: the other tab's three are done long before the flood's twenty.
    while (gates.length) {
      gates.shift()?.();
      await tick();
    }
    await Promise.all([...flood, ...other]);
    const lastOther = Math.max(...['o0', 'o1', 'o2'].map((n) => order.indexOf(n)));
    expect(lastOther).toBeLessThan(10);
    expect(order).toHaveLength(23);
  });

  it('refuses jobs past the per-tab cap at once, and drops a tab\'s waiting jobs', async () => {
    const q = createFairQueue({ concurrency: 1, perKeyActive: 1, perKeyQueued: 2 });
    let release = () => undefined as void;
    const running = q.run(1, () => new Promise<void>((r) => (release = r)));
    await tick();
    const waiting = [q.run(1, async () => 'a'), q.run(1, async () => 'b')];
    await expect(q.run(1, async () => 'c')).rejects.toBeInstanceOf(QueueFullError);
    q.drop(1);
    await expect(waiting[0]).rejects.toBeInstanceOf(QueueFullError);
    await expect(waiting[1]).rejects.toBeInstanceOf(QueueFullError);
    release();
    await running;
    expect(await q.run(1, async () => 'after')).toBe('after');
  });

  it('round robin: with one slot, tabs take turns', async () => {
    const q = createFairQueue({ concurrency: 1, perKeyActive: 1, perKeyQueued: 10 });
    const order: string[] = [];
    const job = (n: string) => async () => void order.push(n);
    await Promise.all([q.run('a', job('a1')), q.run('a', job('a2')), q.run('a', job('a3')), q.run('b', job('b1')), q.run('b', job('b2'))]);
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });
});

describe('createFairQueue busyKeys', () => {
  it('names exactly the keys with work: not a key whose jobs all ended, nor one whose waiting jobs were dropped', async () => {
    const q = createFairQueue({ concurrency: 1, perKeyActive: 1, perKeyQueued: 10 });
    let release = () => {};
    const held = q.run('a', () => new Promise<void>((r) => (release = r)));
    const waiting = q.run('b', async () => 'never');
    expect(q.busyKeys().sort()).toEqual(['a', 'b']);
    q.drop('b');
    await expect(waiting).rejects.toBeInstanceOf(QueueFullError);
    expect(q.busyKeys()).toEqual(['a']);
    release();
    await held;
    await new Promise((r) => setTimeout(r, 0));
    expect(q.busyKeys()).toEqual([]);
    expect(q.stats('a')).toEqual({ queued: 0, active: 0 });
  });

  it('a dropped key no longer holds back a low-priority one', async () => {
    const q = createFairQueue({ concurrency: 1, perKeyActive: 1, perKeyQueued: 10, lowPriority: (k) => k === 'slow' });
    let release = () => {};
    const held = q.run('slow', () => new Promise<void>((r) => (release = r)));
    const other = q.run('tab', async () => 'x');
    const second = q.run('slow', async () => 'second');
    q.drop('tab');
    await expect(other).rejects.toBeInstanceOf(QueueFullError);
    release();
    await held;
    expect(await second).toBe('second');
  });
});
