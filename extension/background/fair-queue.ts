/**
 * A fair scheduler for attachment checks. Every tab has its own queue with a cap; slots are handed out round
 * robin between tabs, and one tab may hold only some of the slots, so a tab that floods the queue (hundreds of
 * crafted PDFs) delays another tab by at most the start of one job, never by its whole backlog.
 */
export class QueueFullError extends Error {
  constructor() {
    super('queue full');
  }
}

export interface FairQueueOptions {
  /** Jobs running at once across all tabs. */
  concurrency: number;
  /** Jobs running at once for one tab (less than `concurrency`: a slot stays free for other tabs). */
  perKeyActive: number;
  /** Jobs waiting for one tab; beyond that, new jobs are refused at once (QueueFullError). */
  perKeyQueued: number;
  /**
   * Keys that start jobs only while no other key has work (a tab whose files run long: a flood of crafted PDFs
   * waits while another tab's badges are checked). Asked at every start, so a key's priority may change; call
   * `pump` after it does.
   */
  lowPriority?: (key: string | number) => boolean;
  /** Besides no other key having work: may a low-priority key start now? (A pause after other work, see yield-slow.ts.) */
  lowMayStart?: () => boolean;
}

interface Job {
  start: () => void;
}

export interface FairQueue {
  run<T>(key: string | number, task: () => Promise<T>): Promise<T>;
  /** Drops the waiting jobs of a key (its tab closed or navigated); they reject with QueueFullError. */
  drop(key: string | number): void;
  /** Waiting and running jobs of a key (tests, diagnostics). */
  stats(key: string | number): { queued: number; active: number };
  /** Keys with work, waiting or running. */
  busyKeys(): (string | number)[];
  /** Starts what may start now (after a key's priority changed). */
  pump(): void;
}

export function createFairQueue(opts: FairQueueOptions): FairQueue {
  const queues = new Map<string | number, (Job & { reject: (e: Error) => void })[]>();
  const active = new Map<string | number, number>();
  /**
   * Keys in round-robin order; the next slot goes to the first eligible key, which then moves to the end. Exactly the
   * keys with work (waiting or running): a key leaves when its last job ends or its waiting jobs are dropped.
   */
  const order: (string | number)[] = [];
  let running = 0;

  const pump = () => {
    while (running < opts.concurrency) {
      const low = opts.lowPriority ?? (() => false);
      // A low-priority key starts nothing while any other key has work, waiting or running.
      const othersBusy = order.some((k) => !low(k)) || !(opts.lowMayStart?.() ?? true);
      const i = order.findIndex((k) => (queues.get(k)?.length ?? 0) > 0 && (active.get(k) ?? 0) < opts.perKeyActive && (!low(k) || !othersBusy));
      if (i < 0) return;
      const [key] = order.splice(i, 1);
      order.push(key);
      const job = queues.get(key)?.shift() as Job;
      running++;
      active.set(key, (active.get(key) ?? 0) + 1);
      job.start();
    }
  };

  const finish = (key: string | number) => {
    running--;
    const n = (active.get(key) ?? 1) - 1;
    if (n > 0) active.set(key, n);
    else active.delete(key);
    forgetIfIdle(key);
    pump();
  };

  const forgetIfIdle = (key: string | number) => {
    if (active.has(key) || (queues.get(key)?.length ?? 0) > 0) return;
    queues.delete(key);
    const i = order.indexOf(key);
    if (i >= 0) order.splice(i, 1);
  };

  return {
    run(key, task) {
      let q = queues.get(key);
      if (!q) {
        queues.set(key, (q = []));
        // A tab not served yet goes first: keys already served wait at the end of the round.
        if (!order.includes(key)) order.unshift(key);
      }
      if (q.length >= opts.perKeyQueued) return Promise.reject(new QueueFullError());
      return new Promise((resolve, reject) => {
        (q as (Job & { reject: (e: Error) => void })[]).push({
          reject,
          start: () => {
            // A task that throws instead of rejecting must still give its slot back.
            Promise.resolve()
              .then(task)
              .then(resolve, reject)
              .finally(() => finish(key));
          },
        });
        pump();
      });
    },
    drop(key) {
      const q = queues.get(key);
      if (!q) return;
      for (const job of q.splice(0)) job.reject(new QueueFullError());
      forgetIfIdle(key);
    },
    stats(key) {
      return { queued: queues.get(key)?.length ?? 0, active: active.get(key) ?? 0 };
    },
    busyKeys() {
      return [...order];
    },
    pump,
  };
}
