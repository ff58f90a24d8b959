/**
 * Long jobs yield to other tabs. Verification is CPU-bound, so sharing workers fairly still halves another tab's speed
 * while a tab's crafted PDFs each run towards the time limit (a flood of 12 delayed the portal's badges by seconds).
 * So: a tab whose job has run past SLOW_MS becomes low priority (it starts nothing while another tab has work), and
 * its jobs running past SLOW_MS are stopped when another tab has work and run again later, each at most once (a
 * genuine big file is delayed, never refused). The tab is normal again once it has nothing left.
 */
import { JobStoppedError } from '../services/worker-pool.js';
import { createFairQueue, type FairQueue } from './fair-queue.js';

/**
 * A job running longer than this marks its tab as slow. Verifying a 1 MB copy takes tens of milliseconds, a few
 * hundred while a flood competes for the CPU: at 300 ms the portal's own jobs were marked slow during a flood and
 * lost their priority (8.6 s instead of 2.6 s in `npm run bench:extension -- --flood`).
 */
export const SLOW_MS = 2000;
/** How often running jobs are looked at (only while some run). */
const WATCH_MS = 100;
/**
 * After another tab's last job, slow tabs wait this long before starting anything: a portal page asks for its
 * badges in waves, and a crafted file started in the gap between two waves held the CPU through the next one.
 */
export const HOLD_MS = 500;

interface Running {
  tab: string;
  started: number;
  /** Not yet stopped once. */
  stoppable: boolean;
  stop: AbortController;
}

export interface YieldingQueue {
  /** Runs `task` for `tab`; the task must end early (JobStoppedError) when `signal` aborts. */
  run<T>(tab: string, task: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Tabs marked slow now (tests, diagnostics). */
  slowTabs(): string[];
}

export interface YieldOptions {
  concurrency: number;
  perTab: number;
  now?: () => number;
  slowMs?: number;
  holdMs?: number;
  /** A tab was found slow: have workers ready for the others (a cold worker's start is on their critical path). */
  onSlow?: (tab: string) => void;
}

export function createYieldingQueue(opts: YieldOptions): YieldingQueue {
  const now = opts.now ?? (() => Date.now());
  const slowMs = opts.slowMs ?? SLOW_MS;
  const slow = new Set<string>();
  const running = new Set<Running>();
  const share: FairQueue = createFairQueue({
    concurrency: opts.concurrency,
    perKeyActive: opts.perTab,
    perKeyQueued: Number.MAX_SAFE_INTEGER, // the background bounds what waits per tab
    lowPriority: (k) => slow.has(String(k)),
    lowMayStart: () => now() - lastNormalEnd >= holdMs,
  });
  const holdMs = opts.holdMs ?? HOLD_MS;
  let lastNormalEnd = -Infinity;
  let watch: ReturnType<typeof setInterval> | undefined;

  const look = () => {
    const t = now();
    const long = [...running].filter((r) => t - r.started >= slowMs);
    // Every slow tab is known before any job is stopped: two tabs going slow together must not stop each other.
    for (const r of long) {
      if (slow.has(r.tab)) continue;
      slow.add(r.tab);
      opts.onSlow?.(r.tab);
    }
    // Every job of a slow tab, not only its long ones: one it started in a gap between another tab's waves would
    // otherwise hold its worker for SLOW_MS more before it could be stopped.
    for (const r of running) {
      if (!slow.has(r.tab)) continue;
      const othersHaveWork = share.busyKeys().some((k) => String(k) !== r.tab && !slow.has(String(k)));
      if (r.stoppable && othersHaveWork) {
        r.stoppable = false;
        r.stop.abort();
      }
    }
    if (!running.size && watch !== undefined) {
      clearInterval(watch);
      watch = undefined;
    }
  };

  const attempt = <T>(tab: string, task: (signal: AbortSignal) => Promise<T>, stoppable: boolean): Promise<T> =>
    share
      .run(tab, async () => {
        const r: Running = { tab, started: now(), stoppable, stop: new AbortController() };
        running.add(r);
        watch ??= setInterval(look, WATCH_MS);
        try {
          return await task(r.stop.signal);
        } finally {
          running.delete(r);
        }
      })
      .then(
        (v) => (settle(tab), v),
        (e: unknown) => {
          // Stopped to make room: to the back of its tab's queue, this time to the end.
          if (e instanceof JobStoppedError && stoppable) return attempt(tab, task, false);
          settle(tab);
          throw e;
        },
      );

  /** A tab with nothing left is forgiven; others may start now. After the queue has counted the job as done. */
  const settle = (tab: string) => {
    if (!slow.has(tab)) {
      // Slow tabs wait a little longer, then look again.
      lastNormalEnd = now();
      setTimeout(() => share.pump(), holdMs + 10);
    }
    setTimeout(() => {
      if (slow.has(tab) && !share.busyKeys().some((k) => String(k) === tab)) slow.delete(tab);
      share.pump();
    }, 0);
  };

  return {
    run: (tab, task) => attempt(tab, task, true),
    slowTabs: () => [...slow],
  };
}
