/**
 * A reserved certification number belongs to the page that is signing its copy. That page holds a Web Lock named
 * after the number until the copy is stored; when the page goes away (tab or panel closed, browser crashed) the
 * lock goes with it, and the next sweep cancels the number at once — a visible cancelled entry, never a gap —
 * instead of waiting for core's 30-minute sweep (which still runs, for contexts without locks).
 */
import { ABANDONED_REASON, cancelEntry, sweepAbandonedReservations } from '../../core/store/book-ledger.js';
import { openBooks, readLedger } from '../../core/store/book.js';
import type { BookRow } from '../../core/book/types.js';
import type { SaoyDatabase } from '../../core/store/db.js';

export interface ReservationLocks {
  /** Takes the number's lock (idempotent per page); the returned function releases it. */
  hold(bookId: string, number: number): Promise<() => void>;
  /** True when any page of the extension holds the number's lock. */
  isHeld(bookId: string, number: number): Promise<boolean>;
}

export const lockName = (bookId: string, number: number) => `saoy-reservation:${bookId}#${number}`;

interface LockManagerLike {
  request(name: string, cb: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** Web Locks (navigator.locks), shared by every page of the extension's origin. */
export function webLocks(manager: LockManagerLike | undefined = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks): ReservationLocks {
  const mine = new Map<string, Promise<() => void>>();
  return {
    hold(bookId, number) {
      const name = lockName(bookId, number);
      let existing = mine.get(name);
      if (existing) return existing;
      if (!manager) return Promise.resolve(() => undefined);
      existing = new Promise<() => void>((granted) => {
        void manager.request(name, () => new Promise<void>((release) => granted(() => {
          mine.delete(name);
          release();
        })));
      });
      mine.set(name, existing);
      return existing;
    },
    async isHeld(bookId, number) {
      if (!manager) return true; // cannot tell: leave it to core's time-based sweep
      const { held = [] } = await manager.query();
      return held.some((l) => l.name === lockName(bookId, number));
    },
  };
}

export interface SweepOptions {
  now?: Date;
  /** A reservation younger than this is left alone (its page may be taking its lock right now). */
  graceMs?: number;
}

/** Cancels every reservation whose page is gone (no lock), then core's time-based sweep. Returns what it cancelled. */
export async function sweepReservations(db: SaoyDatabase, locks: ReservationLocks, opts: SweepOptions = {}): Promise<BookRow[]> {
  const now = opts.now ?? new Date();
  const grace = opts.graceMs ?? 5000;
  const cancelled: BookRow[] = [];
  for (const book of await openBooks(db)) {
    if (book.head.openReservations.length === 0) continue;
    const records = await readLedger(db, book.config.id);
    for (const number of book.head.openReservations) {
      const entry = records.find((r) => r.kind === 'entry' && r.number === number);
      if (!entry || now.getTime() - Date.parse(entry.at) < grace) continue;
      if (await locks.isHeld(book.config.id, number)) continue;
      const row = await cancelEntry(db, book.config.id, number, ABANDONED_REASON, { now, abandoned: true, onlyIfReserved: true }).catch(() => undefined);
      if (row?.status === 'cancelled') cancelled.push(row);
    }
  }
  cancelled.push(...(await sweepAbandonedReservations(db, { now })));
  return cancelled;
}
