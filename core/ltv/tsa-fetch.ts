/**
 * An RFC 3161 timestamper over the platform's fetch (service worker, page, Node alike): POST a timestamp query to
 * the TSA the user configured, through an OnlineFetcher (timeout, size cap, no redirects, no cookies). Failures are
 * SaoyErrors with a Vietnamese text, so the clerk reads what went wrong instead of a stack trace.
 */
import { createTimestampRequest, parseTimestampResponse } from '../cms/timestamp-request.js';
import { SaoyError, isSaoyError } from '../errors.js';
import type { OnlineFetcher } from '../pki/online/fetcher.js';

/** The TSA URL as given in settings: http(s) only; anything else is refused before a copy is signed. */
export function parseTsaUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SaoyError('TSA_URL_INVALID', `the timestamp authority must be an http:// or https:// URL, got "${value}"`, `Địa chỉ máy chủ dấu thời gian phải bắt đầu bằng http:// hoặc https:// (đang là "${value}")`);
  }
  return url;
}

export function fetchTimestamper(tsaUrl: string, fetcher: OnlineFetcher): (data: Uint8Array) => Promise<Uint8Array> {
  const url = parseTsaUrl(tsaUrl);
  return async (data) => {
    const req = await createTimestampRequest(data);
    let reply: Uint8Array;
    try {
      reply = await fetcher({ url: url.href, body: req.der, contentType: 'application/timestamp-query' });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new SaoyError('TSA_UNREACHABLE', `the timestamp authority at ${url.origin} did not answer (${why})`, `Không lấy được dấu thời gian từ ${url.origin} (${why}). Kiểm tra địa chỉ máy chủ dấu thời gian trong Cài đặt, hoặc chọn mức B-B.`);
    }
    try {
      return parseTimestampResponse(reply, req);
    } catch (e) {
      if (isSaoyError(e)) throw new SaoyError('TSA_REFUSED', `${e.message} (${url.origin})`, `Máy chủ dấu thời gian ${url.origin} không cấp dấu thời gian hợp lệ: ${e.vi}`);
      throw e;
    }
  };
}
