/**
 * RFC 3161 client side, transport-free: build a TimeStampReq and read a TimeStampResp. Sending the request
 * (HTTP, a configured URL) is the shell's business, so core stays offline.
 */
import { SaoyError } from '../errors.js';
import { algorithmIdentifier, children, octetString, readOne, readSmallInt, seq, smallInteger, TAG, unsignedInteger, type Tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { encapsulatedContent, parseTstInfo } from './tst-info.js';
import { sha256 } from '../bytes/sha.js';
import { bytesEqual } from '../bytes/concat.js';

export interface TimestampRequest {
  /** DER TimeStampReq, the body of an `application/timestamp-query` POST. */
  readonly der: Uint8Array;
  /** SHA-256 of the data (the messageImprint's hashedMessage). */
  readonly imprint: Uint8Array;
  /** The nonce as an unsigned big-endian magnitude (no leading zeros). */
  readonly nonce: Uint8Array;
}

/** TimeStampReq v1: messageImprint SHA-256(data), a random 64-bit nonce, certReq TRUE. */
export async function createTimestampRequest(data: Uint8Array, opts: { nonce?: Uint8Array } = {}): Promise<TimestampRequest> {
  const imprint = await sha256(data);
  let nonce = opts.nonce ?? globalThis.crypto.getRandomValues(new Uint8Array(8));
  nonce = stripZeros(nonce);
  if (nonce.length === 0) nonce = Uint8Array.of(1);
  const der = seq(
    smallInteger(1),
    seq(algorithmIdentifier(OID.sha256), octetString(imprint)),
    unsignedInteger(nonce),
    Uint8Array.of(TAG.BOOLEAN, 1, 0xff), // certReq TRUE: the token carries the TSA certificate
  );
  return { der, imprint, nonce };
}

/**
 * Reads a TimeStampResp: the status must be granted (0) or grantedWithMods (1), and the token's TSTInfo must
 * carry the request's imprint and nonce. Returns the TimeStampToken (DER ContentInfo). Its signature and the
 * TSA's trust are checked later, by the verifier.
 */
export function parseTimestampResponse(response: Uint8Array, request: TimestampRequest): Uint8Array {
  let fields: Tlv[];
  let status: number;
  let statusText: string[] = [];
  let failInfo: string | undefined;
  try {
    fields = children(readOne(response, TAG.SEQUENCE));
    const statusInfo = children(fields[0] ? expectSeq(fields[0]) : fail('no status'));
    status = readSmallInt(statusInfo[0]);
    for (const f of statusInfo.slice(1)) {
      if (f.tag === TAG.SEQUENCE) statusText = children(f).map((s) => new TextDecoder().decode(s.content));
      else if (f.tag === TAG.BIT_STRING) failInfo = failureNames(f.content);
    }
  } catch (e) {
    throw badReply(e instanceof Error ? e.message : String(e), e);
  }
  if (status !== 0 && status !== 1) {
    const name = STATUS_NAMES[status] ?? `status ${status}`;
    const detail = [name, ...statusText, ...(failInfo ? [failInfo] : [])].join(': ');
    throw new SaoyError('TSA_REJECTED', `the timestamp authority rejected the request (${detail})`, `Máy chủ cấp dấu thời gian từ chối yêu cầu (${detail})`);
  }
  const tokenTlv = fields[1];
  if (!tokenTlv || fields.length !== 2) throw badReply('no timestamp token in a granted reply');
  const token = Uint8Array.from(tokenTlv.bytes);
  let tst: ReturnType<typeof parseTstInfo>;
  try {
    const content = encapsulatedContent(token);
    if (!content) throw new Error('the token has no TSTInfo');
    tst = parseTstInfo(content);
  } catch (e) {
    throw badReply(e instanceof Error ? e.message : String(e), e);
  }
  if (tst.hashAlgorithm !== OID.sha256 || !bytesEqual(tst.hashedMessage, request.imprint)) {
    throw badReply('the token is for other data (message imprint mismatch)');
  }
  if (!tst.nonce || !bytesEqual(stripZeros(tst.nonce), request.nonce)) throw badReply('the token nonce does not match the request');
  return token;
}

const STATUS_NAMES: Record<number, string> = {
  2: 'rejection',
  3: 'waiting',
  4: 'revocationWarning',
  5: 'revocationNotification',
};

const FAILURE_NAMES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

function failureNames(bitString: Uint8Array): string | undefined {
  const names: string[] = [];
  for (let i = 0; i < (bitString.length - 1) * 8; i++) {
    if (bitString[1 + (i >> 3)] & (0x80 >> (i & 7))) names.push(FAILURE_NAMES[i] ?? `failure bit ${i}`);
  }
  return names.length ? names.join(', ') : undefined;
}

function expectSeq(t: Tlv): Tlv {
  if (t.tag !== TAG.SEQUENCE) fail('the status is not a SEQUENCE');
  return t;
}

function fail(detail: string): never {
  throw new Error(detail);
}

function badReply(detail: string, cause?: unknown): SaoyError {
  return new SaoyError(
    'TSA_BAD_REPLY',
    `bad reply from the timestamp authority: ${detail}`,
    `Phản hồi không hợp lệ từ máy chủ cấp dấu thời gian: ${detail}`,
    { cause },
  );
}

function stripZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

