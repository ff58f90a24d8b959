/**
 * The verification worker pool: a job past its time limit gets its worker terminated (synchronous parsing
 * cannot be interrupted otherwise) and replaced, and the pool goes on serving; bytes can be transferred.
 * Workers are stood in for by a small fake with the Worker interface the pool uses.
 */
import { describe, expect, it, vi } from 'vitest';
import { createWorkerPool, JobStoppedError, VerifyTimeoutError, type WorkerReply, type WorkerRequest } from '../../../extension/services/worker-pool.js';

vi.mock('webextension-polyfill', () => ({ default: { runtime: { getURL: (p: string) => p } } }));

class FakeWorker extends EventTarget {
  static made: FakeWorker[] = [];
  terminated = false;
  transferred = 0;
  constructor(private readonly answer: (r: WorkerRequest) => WorkerReply | undefined) {
    super();
    FakeWorker.made.push(this);
  }
  postMessage(msg: WorkerRequest, transfer: Transferable[] = []) {
    this.transferred += transfer.length;
    const reply = this.answer(msg);
    if (reply) setTimeout(() => !this.terminated && this.dispatchEvent(new MessageEvent('message', { data: reply })), 5);
  }
  terminate() {
    this.terminated = true;
  }
}

const report = (sha256: string) => ({ sha256, size: 1, verdict: 'unsigned' as const, reasons: [], signatures: [], checkedAt: '2026-01-01T00:00:00Z' });

describe('createWorkerPool', () => {
  it('terminates a worker that runs past the limit, replaces it, and keeps serving', async () => {
    FakeWorker.made = [];
    // The first worker hangs forever (a crafted PDF); workers made later answer.
    const pool = createWorkerPool({
      size: 1,
      timeoutMs: 50,
      spawn: () => new FakeWorker(FakeWorker.made.length === 0 ? () => undefined : (r) => ({ id: r.id, ok: true, report: report('a'.repeat(64)), cached: false })) as unknown as Worker,
    });
    await expect(pool.verify(new Uint8Array([1]))).rejects.toBeInstanceOf(VerifyTimeoutError);
    expect(FakeWorker.made[0].terminated).toBe(true);
    const ok = await pool.verify(new Uint8Array([2]), {}, true);
    expect(ok.report.sha256).toBe('a'.repeat(64));
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1].transferred).toBe(1);
  });

  it('runs at most `size` jobs at once; the others wait for a free worker', async () => {
    FakeWorker.made = [];
    const pool = createWorkerPool({ size: 2, timeoutMs: 1000, spawn: () => new FakeWorker((r) => ({ id: r.id, ok: true, report: report('b'.repeat(64)), cached: true })) as unknown as Worker });
    const all = await Promise.all(Array.from({ length: 5 }, (_, i) => pool.verify(new Uint8Array([i]))));
    expect(all.every((x) => x.cached)).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
  });
});

describe('warm workers and local files', () => {
  it('warm(n) starts n workers before any job, and the first jobs use them instead of starting more', async () => {
    FakeWorker.made = [];
    const pool = createWorkerPool({ size: 3, timeoutMs: 1000, spawn: () => new FakeWorker((r) => ({ id: r.id, ok: true, report: report('c'.repeat(64)), cached: false })) as unknown as Worker });
    pool.warm(2);
    expect(FakeWorker.made).toHaveLength(2);
    pool.warm(5); // never past the pool's size
    expect(FakeWorker.made).toHaveLength(3);
    await Promise.all([pool.verify(new Uint8Array([1])), pool.verify(new Uint8Array([2])), pool.verify(new Uint8Array([3]))]);
    expect(FakeWorker.made).toHaveLength(3);
  });

  it('a local file goes to the worker as its Blob (the page never reads the bytes); nothing to transfer', async () => {
    FakeWorker.made = [];
    const seen: unknown[] = [];
    const pool = createWorkerPool({
      size: 1,
      timeoutMs: 1000,
      spawn: () => new FakeWorker((r) => (seen.push(r.bytes), { id: r.id, ok: true, report: report('d'.repeat(64)), cached: false })) as unknown as Worker,
    });
    const file = new Blob([new Uint8Array(1024)]);
    await pool.verify(file, {}, true);
    expect(seen[0]).toBe(file);
    expect(FakeWorker.made[0].transferred).toBe(0);
  });
});

describe('portal attachments: the worker downloads, then verifies', () => {
  /** A worker that says "fetched" after `fetchMs`, then answers after `verifyMs` (or never, when undefined). */
  class FetchingWorker extends EventTarget {
    static made: FetchingWorker[] = [];
    terminated = false;
    requests: unknown[] = [];
    constructor(private readonly fetchMs: number, private readonly verifyMs: number | undefined, private readonly fail?: { kind: 'HTTP'; status: number }) {
      super();
      FetchingWorker.made.push(this);
    }
    postMessage(msg: { id: number }) {
      this.requests.push(msg);
      const send = (data: unknown, ms: number) => setTimeout(() => !this.terminated && this.dispatchEvent(new MessageEvent('message', { data })), ms);
      if (this.fail) return void send({ id: msg.id, ok: false, fetchError: this.fail }, this.fetchMs);
      send({ id: msg.id, fetched: true }, this.fetchMs);
      if (this.verifyMs !== undefined) send({ id: msg.id, ok: true, report: report('e'.repeat(64)), cached: false }, this.fetchMs + this.verifyMs);
    }
    terminate() {
      this.terminated = true;
    }
  }

  it('asks the worker to fetch the URL with the decided credentials, and the time limit starts only when the download is over', async () => {
    FetchingWorker.made = [];
    // A download of 120 ms and a verification of 40 ms under a 80 ms verification limit: only the verification counts.
    const pool = createWorkerPool({ size: 1, timeoutMs: 80, fetchMs: 1000, spawn: () => new FetchingWorker(120, 40) as unknown as Worker });
    const r = await pool.fetchAndVerify('http://127.0.0.1:8080/a.pdf', true, { fileName: 'a.pdf' });
    expect(r).toEqual({ report: report('e'.repeat(64)), cached: false });
    expect(FetchingWorker.made[0].requests[0]).toEqual({ id: 1, fetch: { url: 'http://127.0.0.1:8080/a.pdf', credentials: true }, meta: { fileName: 'a.pdf' } });
    expect(FetchingWorker.made[0].terminated).toBe(false);
  });

  it('a verification past the limit after the download still has its worker terminated', async () => {
    FetchingWorker.made = [];
    const pool = createWorkerPool({ size: 1, timeoutMs: 50, fetchMs: 60_000, spawn: () => new FetchingWorker(10, undefined) as unknown as Worker });
    await expect(pool.fetchAndVerify('http://127.0.0.1:8080/slow.pdf', false)).rejects.toBeInstanceOf(VerifyTimeoutError);
    expect(FetchingWorker.made[0].terminated).toBe(true);
  });

  it('a worker that never says its download is over is given up at the fetch backstop', async () => {
    FetchingWorker.made = [];
    const pool = createWorkerPool({ size: 1, timeoutMs: 5000, fetchMs: 60, spawn: () => new FetchingWorker(10_000, 0) as unknown as Worker });
    await expect(pool.fetchAndVerify('http://127.0.0.1:8080/stuck.pdf', false)).rejects.toBeInstanceOf(VerifyTimeoutError);
    expect(FetchingWorker.made[0].terminated).toBe(true);
  });

  it('passes a failed download through as it is, without a report', async () => {
    FetchingWorker.made = [];
    const pool = createWorkerPool({ size: 1, timeoutMs: 50, spawn: () => new FetchingWorker(5, 0, { kind: 'HTTP', status: 404 }) as unknown as Worker });
    expect(await pool.fetchAndVerify('http://127.0.0.1:8080/missing.pdf', false)).toEqual({ fetchError: { kind: 'HTTP', status: 404 } });
    expect(FetchingWorker.made[0].terminated).toBe(false);
  });
});

describe('stopping a job at once where memory can be shared (cross-origin isolated extension pages)', () => {
  /** Records the stop flag it was given and what the flag said when it was terminated; never answers. */
  class BusyWorker extends EventTarget {
    static made: BusyWorker[] = [];
    flag: Int32Array | undefined;
    flagAtTerminate: number | undefined;
    constructor() {
      super();
      BusyWorker.made.push(this);
    }
    postMessage(msg: { stop?: Int32Array }) {
      this.flag = msg.stop;
    }
    terminate() {
      this.flagAtTerminate = this.flag ? Atomics.load(this.flag, 0) : undefined;
    }
  }
  const isolated = (on: boolean | undefined) => {
    if (on === undefined) delete (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
    else (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated = on;
  };

  it('a stopped job’s flag is raised before its worker is terminated (the parser ends the job, the thread can go)', async () => {
    BusyWorker.made = [];
    isolated(true);
    try {
      const pool = createWorkerPool({ size: 1, timeoutMs: 60_000, spawn: () => new BusyWorker() as unknown as Worker });
      const stop = new AbortController();
      const job = pool.fetchAndVerify('http://127.0.0.1:8080/a.pdf', false, {}, stop.signal);
      await new Promise((r) => setTimeout(r, 5));
      const w = BusyWorker.made[0];
      expect(w.flag).toBeInstanceOf(Int32Array);
      expect(w.flag?.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Atomics.load(w.flag as Int32Array, 0)).toBe(0);
      stop.abort();
      await expect(job).rejects.toBeInstanceOf(JobStoppedError);
      expect(w.flagAtTerminate).toBe(1);
    } finally {
      isolated(undefined);
    }
  });

  it('a job past its time limit has its flag raised too, and each job gets a flag of its own', async () => {
    BusyWorker.made = [];
    isolated(true);
    try {
      const pool = createWorkerPool({ size: 1, timeoutMs: 30, spawn: () => new BusyWorker() as unknown as Worker });
      await expect(pool.verify(new Uint8Array([1]))).rejects.toBeInstanceOf(VerifyTimeoutError);
      const first = BusyWorker.made[0];
      expect(first.flagAtTerminate).toBe(1);
      await expect(pool.verify(new Uint8Array([2]))).rejects.toBeInstanceOf(VerifyTimeoutError);
      const second = BusyWorker.made[1];
      expect(second.flag).not.toBe(first.flag);
      expect(second.flagAtTerminate).toBe(1);
    } finally {
      isolated(undefined);
    }
  });

  it('without isolation no flag is sent (shared memory is unavailable there): stopping is terminating alone', async () => {
    BusyWorker.made = [];
    isolated(false);
    try {
      const pool = createWorkerPool({ size: 1, timeoutMs: 30, spawn: () => new BusyWorker() as unknown as Worker });
      await expect(pool.verify(new Uint8Array([1]))).rejects.toBeInstanceOf(VerifyTimeoutError);
      expect(BusyWorker.made[0].flag).toBeUndefined();
    } finally {
      isolated(undefined);
    }
  });
});
