/**
 * RFC 3161 over HTTP(S) (RFC 3161 §3.4): POST an application/timestamp-query, expect an
 * application/timestamp-reply. Only used when the user configures --tsa-url (docs/SECURITY.md "Offline by default").
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createTimestampRequest, parseTimestampResponse } from '../core/cms/timestamp-request.js';
import { isSaoyError } from '../core/errors.js';
import { CliError } from './fail.js';

const TIMEOUT_MS = 15_000;
const MAX_REPLY = 1 << 20;

/** Checks `--tsa-url` up front so a typo fails before anything is signed. */
export function parseTsaUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`--tsa-url must be an http:// or https:// URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--tsa-url must be an http:// or https:// URL, got "${value}"`);
  return url;
}

/** A timestamp callback for signPdf: stamps the signature value at `url`. */
export function tsaTimestamper(url: URL, timeoutMs = TIMEOUT_MS): (signatureValue: Uint8Array) => Promise<Uint8Array> {
  return async (signatureValue) => {
    const req = await createTimestampRequest(signatureValue);
    const reply = await post(url, req.der, timeoutMs);
    try {
      return parseTimestampResponse(reply, req);
    } catch (e) {
      if (isSaoyError(e)) throw new CliError(`${e.message} (${url.origin})`);
      throw e;
    }
  };
}

function post(url: URL, body: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  const where = url.origin;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: CliError | undefined, value?: Uint8Array): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value as Uint8Array);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', 'Content-Length': body.length, Accept: 'application/timestamp-reply' },
    });
    const timer = setTimeout(() => {
      finish(new CliError(`the timestamp authority at ${where} did not answer within ${Math.round(timeoutMs / 1000)} s`));
      req.destroy();
    }, timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      finish(new CliError(`cannot reach the timestamp authority at ${where}: ${e.code ?? e.message}`));
    });
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        finish(new CliError(`the timestamp authority at ${where} answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`));
        return;
      }
      const type = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/timestamp-reply') {
        res.resume();
        finish(new CliError(`bad reply from the timestamp authority at ${where}: content type "${type || 'none'}", expected application/timestamp-reply`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_REPLY) {
          finish(new CliError(`bad reply from the timestamp authority at ${where}: the reply is larger than 1 MB`));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => finish(undefined, new Uint8Array(Buffer.concat(chunks))));
      res.on('error', (e: Error) => finish(new CliError(`cannot read the reply of the timestamp authority at ${where}: ${e.message}`)));
    });
    req.end(body);
  });
}
