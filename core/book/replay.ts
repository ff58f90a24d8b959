/**
 * A book's state rebuilt from its records, for stores that keep only the records (the CLI's book directory):
 * the head is where the chain ends. Pair it with verifyBookIntegrity before extending the book.
 */
import type { BookConfig, BookHead, BookState, LedgerRecord } from './types.js';

export function replayBook(config: BookConfig, genesisHash: string, records: readonly LedgerRecord[]): BookState {
  let lastNumber = config.firstNumber - 1;
  let lastDate: string | undefined;
  const open = new Set<number>();
  let closed = false;
  for (const r of records) {
    if (r.kind === 'entry') {
      lastNumber = Math.max(lastNumber, r.number);
      lastDate = r.date;
      if (r.state === 'reserved') open.add(r.number);
    } else if (r.kind === 'close') closed = true;
    else open.delete(r.number);
  }
  const last = records[records.length - 1];
  const head: BookHead = {
    seq: last?.seq ?? 0,
    hash: last?.hash ?? genesisHash,
    lastNumber,
    ...(lastDate ? { lastDate } : {}),
    openReservations: [...open].sort((a, b) => a - b),
    closed,
  };
  return { config, genesisHash, head };
}
