/**
 * The level a new copy is finished at, and the renewal of stored copies, for callers that keep copies (the
 * extension's copy cache). B-B and B-T are reached while signing (a timestamper passed to the signing steps);
 * B-LT and B-LTA are incremental updates after the last signature (extendPdf). Renewal is a B-LTA extension of
 * the copy as it is: the validation data of the newest timestamp, then a new document timestamp.
 */
import { SaoyError } from '../errors.js';
import type { OnlineFetcher } from '../pki/online/fetcher.js';
import { extendPdf, type ExtendResult, type PadesLevel } from './extend.js';
import { renewalStatus } from './renewal.js';
import { documentSignatures } from './signatures.js';
import { parsePdf } from '../pdf/parse/index.js';

/** A timestamper that always yields a token or throws (a document timestamp cannot do without one). */
export type StrictTimestamper = (data: Uint8Array) => Promise<Uint8Array>;

export interface LevelTools {
  /** Needed from B-T up. */
  timestamp?: StrictTimestamper;
  /** Revocation data is fetched only when given (an origin-restricted fetcher in the extension). */
  fetcher?: OnlineFetcher;
  now?: Date;
}

export function needsTsa(level: PadesLevel): boolean {
  return level !== 'B-B' && level !== 'B-LT';
}

/** After the last signature: nothing for B-B/B-T, the /DSS for B-LT, the /DSS and a document timestamp for B-LTA. */
export async function finishAtLevel(bytes: Uint8Array, level: PadesLevel, tools: LevelTools): Promise<ExtendResult | undefined> {
  if (level === 'B-B' || level === 'B-T') return undefined;
  if (level === 'B-LTA' && !tools.timestamp) {
    throw new SaoyError('LTV_NO_TSA', 'B-LTA needs a timestamp authority', 'Mức B-LTA cần máy chủ cấp dấu thời gian: nhập địa chỉ trong Cài đặt');
  }
  return extendPdf(bytes, { level, timestamp: tools.timestamp, fetcher: tools.fetcher, now: tools.now });
}

/** A new document timestamp over the copy, with the validation data of what it now covers. */
export async function renewCopy(bytes: Uint8Array, tools: LevelTools): Promise<ExtendResult> {
  if (!tools.timestamp) throw new SaoyError('LTV_NO_TSA', 'renewal needs a timestamp authority', 'Gia hạn cần máy chủ cấp dấu thời gian: nhập địa chỉ trong Cài đặt');
  return extendPdf(bytes, { level: 'B-LTA', timestamp: tools.timestamp, fetcher: tools.fetcher, now: tools.now });
}

export type RenewalReason = 'expiring' | 'no-archive-timestamp' | 'no-timestamp';

export interface CopyRenewal {
  due: boolean;
  reason?: RenewalReason;
  /** When the newest timestamp stops proving anything (its TSA chain's first expiry). */
  expires?: Date;
  documentTimestamps: number;
}

/**
 * Is a stored copy due for renewal? Yes when its newest timestamp's TSA chain expires within `months`, when it
 * has no timestamp at all, or when it has none of its own archive timestamps although the office keeps copies at
 * B-LTA (the level could not be reached when it was signed, e.g. the TSA did not answer). At B-B a copy without
 * timestamps is not listed: that office does not keep copies long-term.
 */
export async function copyRenewal(bytes: Uint8Array, months: number, wanted: PadesLevel, now = new Date()): Promise<CopyRenewal> {
  const status = await renewalStatus(bytes, months, now);
  const documentTimestamps = (await documentSignatures(bytes, await parsePdf(bytes))).filter((s) => s.kind === 'document-timestamp').length;
  // Without any timestamp there is nothing to renew unless the office keeps copies above B-B (the level was missed).
  if (!status.expires) return wanted === 'B-B' ? { due: false, documentTimestamps } : { due: true, reason: 'no-timestamp', documentTimestamps };
  if (status.due) return { due: true, reason: 'expiring', expires: status.expires, documentTimestamps };
  if (wanted === 'B-LTA' && documentTimestamps === 0) return { due: true, reason: 'no-archive-timestamp', expires: status.expires, documentTimestamps };
  return { due: false, expires: status.expires, documentTimestamps };
}
