/**
 * Long-term validation in the extension (issue 16): the level new copies are finished at, the timestamp authority,
 * revocation fetching only from origins the user listed (off by default), and renewal of cached copies. Core does
 * the work (core/ltv); this binds it to the settings and the copy cache. Runs in extension pages only.
 */
import type { Timestamper } from '../../core/certify/certify-copy.js';
import { SaoyError } from '../../core/errors.js';
import { copyRenewal, finishAtLevel, needsTsa, renewCopy, type CopyRenewal, type LevelTools } from '../../core/ltv/level.js';
import { fetchTimestamper } from '../../core/ltv/tsa-fetch.js';
import { allowedOriginsFetcher } from '../../core/pki/online/allowed-origins.js';
import { httpFetcher } from '../../core/pki/online/fetcher.js';
import { extendStoredCopy, getCopy, listCopies, type CopySummary } from '../../core/store/copies.js';
import type { CopyRecord, SaoyDatabase } from '../../core/store/db.js';
import { getSetting, setSetting, type PadesLevel } from '../../core/store/settings.js';
import { normaliseOrigin } from '../../core/pki/online/allowed-origins.js';
import { parseTsaUrl } from '../../core/ltv/tsa-fetch.js';
import { database } from './db.js';

const LIMITS = { timeoutMs: 15_000, maxBytes: 2 * 1024 * 1024 };

export interface LtvSettings {
  level: PadesLevel;
  tsaUrl: string;
  fetchRevocation: boolean;
  revocationOrigins: string[];
  renewalMonths: number;
}

export async function ltvSettings(db: SaoyDatabase): Promise<LtvSettings> {
  const [level, tsaUrl, fetchRevocation, revocationOrigins, renewalMonths] = await Promise.all([
    getSetting(db, 'padesLevel'), getSetting(db, 'tsaUrl'), getSetting(db, 'fetchRevocation'), getSetting(db, 'revocationOrigins'), getSetting(db, 'renewalMonths'),
  ]);
  return { level, tsaUrl, fetchRevocation, revocationOrigins, renewalMonths };
}

/**
 * Saves what the options page's "Lưu trữ dài hạn" form holds, after checking it: a level from B-T up needs a TSA,
 * the TSA is an http(s) URL, each allowed origin is exactly scheme://host[:port]. Nothing is saved when one is wrong.
 */
export async function saveLtvSettings(input: { level: PadesLevel; tsaUrl: string; fetchRevocation: boolean; revocationOrigins: readonly string[]; renewalMonths: number }): Promise<LtvSettings> {
  const tsaUrl = input.tsaUrl.trim() ? parseTsaUrl(input.tsaUrl).href : '';
  if (input.level !== 'B-B' && input.level !== 'B-LT' && !tsaUrl) throw noTsa(input.level);
  const origins: string[] = [];
  for (const raw of input.revocationOrigins.map((o) => o.trim()).filter(Boolean)) {
    const o = normaliseOrigin(raw);
    if (!o) throw new SaoyError('ORIGIN_INVALID', `"${raw}" is not an origin (scheme://host[:port])`, `"${raw}" không phải một nguồn hợp lệ (dạng https://may-chu[:cổng], không có đường dẫn)`);
    if (!origins.includes(o)) origins.push(o);
  }
  if (input.fetchRevocation && origins.length === 0) {
    throw new SaoyError('ORIGINS_EMPTY', 'fetching revocation data needs at least one allowed origin', 'Muốn tải dữ liệu thu hồi, hãy ghi ít nhất một nguồn được phép');
  }
  if (!Number.isSafeInteger(input.renewalMonths) || input.renewalMonths < 1 || input.renewalMonths > 120) {
    throw new SaoyError('MONTHS_INVALID', 'the renewal margin must be 1 to 120 months', 'Thời hạn gia hạn phải từ 1 đến 120 tháng');
  }
  const db = await database();
  await setSetting(db, 'padesLevel', input.level);
  await setSetting(db, 'tsaUrl', tsaUrl);
  await setSetting(db, 'revocationOrigins', origins);
  await setSetting(db, 'fetchRevocation', input.fetchRevocation);
  await setSetting(db, 'renewalMonths', input.renewalMonths);
  return ltvSettings(db);
}

function tools(s: LtvSettings): LevelTools {
  return {
    timestamp: s.tsaUrl ? fetchTimestamper(s.tsaUrl, httpFetcher(LIMITS)) : undefined,
    fetcher: s.fetchRevocation && s.revocationOrigins.length ? allowedOriginsFetcher(httpFetcher(LIMITS), s.revocationOrigins) : undefined,
  };
}

/**
 * The timestamper for the signatures of a new copy (B-T and up), or undefined at B-B. Refuses before anything is
 * signed or numbered when the level needs a TSA and none is set.
 */
export async function signingTimestamper(db: SaoyDatabase): Promise<Timestamper | undefined> {
  const s = await ltvSettings(db);
  if (s.level === 'B-B') return undefined;
  if (!s.tsaUrl) throw noTsa(s.level);
  return tools(s).timestamp;
}

function noTsa(level: PadesLevel): SaoyError {
  return new SaoyError('LTV_NO_TSA', `level ${level} needs a timestamp authority`, `Mức ${level} cần máy chủ cấp dấu thời gian: nhập địa chỉ trong Cài đặt → Lưu trữ dài hạn, hoặc chọn mức B-B`);
}

export interface Finished {
  copy: CopyRecord;
  /** Set when the level could not be reached: the copy is kept as signed, and listed for renewal. */
  problem?: SaoyError;
}

/** After the authority signed: the /DSS (B-LT) and the document timestamp (B-LTA). A failure keeps the signed copy. */
export async function finishFinalCopy(db: SaoyDatabase, copy: CopyRecord): Promise<Finished> {
  const s = await ltvSettings(db);
  if (s.level !== 'B-LT' && s.level !== 'B-LTA') return { copy };
  try {
    if (needsTsa(s.level) && !s.tsaUrl) throw noTsa(s.level);
    const r = await finishAtLevel(copy.pdf, s.level, tools(s));
    if (!r) return { copy };
    return { copy: await extendStoredCopy(db, copy.id, copy.sha256, r.bytes) };
  } catch (e) {
    return { copy, problem: asSaoyError(e) };
  }
}

export interface RenewalRow {
  copy: CopySummary;
  renewal: CopyRenewal;
}

/** Final copies with their renewal state; those due first. A copy that cannot be read is listed as due with no date. */
export async function renewalList(db: SaoyDatabase, now = new Date()): Promise<RenewalRow[]> {
  const s = await ltvSettings(db);
  const rows: RenewalRow[] = [];
  for (const c of await listCopies(db, { status: 'final' })) {
    const full = await getCopy(db, c.id);
    if (!full) continue;
    const renewal = await copyRenewal(full.pdf, s.renewalMonths, s.level, now).catch((): CopyRenewal => ({ due: true, reason: 'no-timestamp', documentTimestamps: 0 }));
    rows.push({ copy: c, renewal });
  }
  return rows.sort((a, b) => Number(b.renewal.due) - Number(a.renewal.due));
}

export interface RenewOutcome {
  id: string;
  certNo: string;
  ok: boolean;
  error?: SaoyError;
}

/** Renews each copy in turn; one failing leaves it exactly as it was and the others go on. */
export async function renewCopies(db: SaoyDatabase, ids: readonly string[]): Promise<RenewOutcome[]> {
  const s = await ltvSettings(db);
  const t = tools(s);
  const out: RenewOutcome[] = [];
  for (const id of ids) {
    const copy = await getCopy(db, id);
    if (!copy) continue;
    try {
      if (!t.timestamp) throw new SaoyError('LTV_NO_TSA', 'renewal needs a timestamp authority', 'Gia hạn cần máy chủ cấp dấu thời gian: nhập địa chỉ trong Cài đặt → Lưu trữ dài hạn');
      const r = await renewCopy(copy.pdf, t);
      await extendStoredCopy(db, copy.id, copy.sha256, r.bytes);
      out.push({ id, certNo: copy.certNo, ok: true });
    } catch (e) {
      out.push({ id, certNo: copy.certNo, ok: false, error: asSaoyError(e) });
    }
  }
  return out;
}

function asSaoyError(e: unknown): SaoyError {
  if (e instanceof SaoyError) return e;
  const m = e instanceof Error ? e.message : String(e);
  return new SaoyError('LTV_FAILED', `long-term validation data could not be added: ${m}`, `Không bổ sung được dữ liệu kiểm tra dài hạn: ${m}`);
}
