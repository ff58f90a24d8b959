/**
 * The one protocol between the extension (or the CLI) and saoy's native-messaging host, which talks to USB
 * tokens through PKCS#11. Shared by both sides so a field renamed on one side fails to type-check on the other.
 *
 * Pure TypeScript (no browser.*, no Node): the extension's side panel, the host and the tests import it.
 *
 * Security shape (docs/SECURITY.md): the host only ever signs a digest the clerk confirmed in extension UI —
 * it never sees the document; the PIN travels in exactly one `sign-digest` request, is used for one login and
 * is never stored or logged; every request opens a fresh PKCS#11 connection and closes it (Web eID's pattern),
 * so no session stays logged in between operations.
 */

/** Host name registered in the native-messaging manifests (lowercase, dots: Chromium's rule). */
export const NATIVE_HOST_NAME = 'vn.saoy.token';
/** Bumped when a message changes shape; the host refuses any other version with VERSION_MISMATCH. */
export const PROTOCOL_VERSION = 1;
/** Our caps, far below the browsers' (1 MB host→browser, 64 MiB browser→host on Chromium). */
export const MAX_REQUEST_BYTES = 64 * 1024;
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export type TokenSignatureAlgorithm = 'RSASSA-PKCS1-v1_5' | 'ECDSA-P256';
export type TokenHash = 'SHA-256' | 'SHA-384' | 'SHA-512';
export const HASH_LENGTHS: Readonly<Record<TokenHash, number>> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** A token is named by label and serial: slot numbers change between connections (one per request). */
export interface TokenRef {
  readonly label: string;
  readonly serial?: string;
}

interface Base {
  readonly v: number;
  /** Echoed in the response, so a caller can match answers to questions. */
  readonly id: number;
  /** Absolute path of the PKCS#11 module; absent → the host's setting or auto-detection. */
  readonly module?: string;
}

export type NativeRequest =
  | (Base & { readonly type: 'version' })
  | (Base & { readonly type: 'status' })
  | (Base & { readonly type: 'list-tokens' })
  | (Base & { readonly type: 'list-certificates'; readonly token: TokenRef })
  | (Base & {
      readonly type: 'sign-digest';
      readonly token: TokenRef;
      /** CKA_ID of the key (and of its certificate), lowercase hex. */
      readonly keyId: string;
      readonly algorithm: TokenSignatureAlgorithm;
      readonly hash: TokenHash;
      /** base64 of the digest; its length must match `hash`. */
      readonly digest: string;
      readonly pin: string;
    })
  | (Base & { readonly type: 'logout'; readonly token: TokenRef })
  /** Logs in and out again without signing: the side panel checks the PIN before a book number is taken. */
  | (Base & { readonly type: 'check-pin'; readonly token: TokenRef; readonly pin: string });

export type NativeRequestType = NativeRequest['type'];

export interface TokenInfo {
  /** The PKCS#11 module the token was found through; later requests name it. */
  readonly module: string;
  readonly label: string;
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
  /** From the token's flags: PIN entered wrong recently / one try left / locked; PIN pad on the reader. */
  readonly pinCountLow: boolean;
  readonly pinFinalTry: boolean;
  readonly pinLocked: boolean;
  readonly protectedAuthPath: boolean;
}

export interface TokenCertificate {
  /** CKA_ID, lowercase hex (shared by the certificate and its private key). */
  readonly keyId: string;
  readonly label: string;
  /** base64 DER */
  readonly der: string;
  /** Whether a private key with the same CKA_ID is on the token (certificates of CAs have none). */
  readonly hasKey: boolean;
}

export interface KeyWithoutCertificate {
  readonly keyId: string;
  readonly label: string;
}

export interface ResultByType {
  version: { protocol: number; host: string };
  status: { module: string | null; detected: string[]; tokens: number };
  'list-tokens': { tokens: TokenInfo[] };
  'list-certificates': { certificates: TokenCertificate[]; keysWithoutCertificate: KeyWithoutCertificate[] };
  /** base64: RSA PKCS#1 v1.5 signature bytes, or ECDSA raw r||s (the Signer turns it into DER). */
  'sign-digest': { signature: string };
  logout: { done: true };
  'check-pin': { done: true };
}

/** Every failure the host (or the extension, for HOST_MISSING / CANCELLED) reports. */
export const NATIVE_ERROR_CODES = [
  'HOST_MISSING',
  'NO_MODULE',
  'MODULE_LOAD_FAILED',
  'NO_TOKEN',
  'TOKEN_NOT_FOUND',
  'PIN_INCORRECT',
  'PIN_LOCKED',
  'PIN_INVALID',
  'TOKEN_REMOVED',
  'KEY_NOT_FOUND',
  'KEY_WITHOUT_CERTIFICATE',
  'CANCELLED',
  'ALGORITHM_MISMATCH',
  'DIGEST_LENGTH',
  'BAD_REQUEST',
  'UNKNOWN_COMMAND',
  'VERSION_MISMATCH',
  'FRAME_TOO_LARGE',
  'ORIGIN_REFUSED',
  'TOKEN_ERROR',
] as const;
export type NativeErrorCode = (typeof NATIVE_ERROR_CODES)[number];

/** What a wrong PIN leaves: the token's CKF_USER_PIN_COUNT_LOW / CKF_USER_PIN_FINAL_TRY, when it reports them. */
export type TriesLeft = 'few' | 'one' | 'unknown';

export interface NativeErrorBody {
  readonly code: NativeErrorCode;
  /** English, for logs and the CLI. */
  readonly message: string;
  readonly triesLeft?: TriesLeft;
  /** The PKCS#11 return value name (CKR_…), when one caused this. */
  readonly ckr?: string;
}

export type NativeResponse<T extends NativeRequestType = NativeRequestType> =
  | { readonly v: number; readonly id: number; readonly ok: true; readonly result: ResultByType[T] }
  | { readonly v: number; readonly id: number; readonly ok: false; readonly error: NativeErrorBody };

/** Vietnamese text for each code: what happened and how to fix it (the side panel shows it as is). */
export const NATIVE_ERROR_VI: Readonly<Record<NativeErrorCode, string>> = {
  HOST_MISSING:
    'Chưa cài chương trình kết nối token (saoy native host). Chạy lệnh “saoy native-host install” rồi mở lại trình duyệt.',
  NO_MODULE:
    'Không tìm thấy thư viện PKCS#11 của token. Cài phần mềm (driver) của nhà cung cấp token hoặc nhập đường dẫn thư viện trong phần Cài đặt.',
  MODULE_LOAD_FAILED: 'Không nạp được thư viện PKCS#11 đã chọn. Kiểm tra lại đường dẫn thư viện trong phần Cài đặt.',
  NO_TOKEN: 'Chưa cắm token. Cắm token USB vào máy rồi bấm “Làm mới”.',
  TOKEN_NOT_FOUND: 'Không thấy token đã chọn. Cắm đúng token rồi bấm “Làm mới”.',
  PIN_INCORRECT: 'Mã PIN không đúng.',
  PIN_LOCKED: 'Token đã bị khóa PIN do nhập sai quá số lần cho phép. Liên hệ nhà cung cấp chứng thư số để mở khóa.',
  PIN_INVALID: 'Mã PIN không hợp lệ (độ dài hoặc ký tự không đúng).',
  TOKEN_REMOVED: 'Token bị rút ra trong khi ký. Cắm lại token rồi ký lại; chưa có gì được ký.',
  KEY_NOT_FOUND: 'Không thấy khóa ký đã chọn trên token. Bấm “Làm mới” và chọn lại chứng thư số.',
  KEY_WITHOUT_CERTIFICATE: 'Khóa trên token không có chứng thư số đi kèm nên không dùng để ký được.',
  CANCELLED: 'Đã hủy ký.',
  ALGORITHM_MISMATCH: 'Thuật toán ký không khớp với loại khóa trên token.',
  DIGEST_LENGTH: 'Giá trị băm không đúng độ dài so với thuật toán băm.',
  BAD_REQUEST: 'Yêu cầu gửi tới chương trình kết nối token không hợp lệ.',
  UNKNOWN_COMMAND: 'Chương trình kết nối token không biết yêu cầu này. Cập nhật saoy lên bản mới nhất.',
  VERSION_MISMATCH: 'Phiên bản chương trình kết nối token không khớp với tiện ích. Cập nhật saoy rồi chạy lại “saoy native-host install”.',
  FRAME_TOO_LARGE: 'Yêu cầu gửi tới chương trình kết nối token quá lớn.',
  ORIGIN_REFUSED: 'Chương trình kết nối token chỉ nhận yêu cầu từ tiện ích saoy.',
  TOKEN_ERROR: 'Token báo lỗi. Rút token ra, cắm lại rồi thử lại.',
};

/** The Vietnamese line shown for an error, with the tries left when the token says so. */
export function nativeErrorMessageVi(error: Pick<NativeErrorBody, 'code' | 'triesLeft'>): string {
  const base = NATIVE_ERROR_VI[error.code];
  if (error.code !== 'PIN_INCORRECT') return base;
  if (error.triesLeft === 'one') return `${base} Chỉ còn 1 lần thử: nhập sai lần nữa token sẽ bị khóa.`;
  if (error.triesLeft === 'few') return `${base} Còn ít lần thử trước khi token bị khóa.`;
  return `${base} Nhập sai nhiều lần token sẽ bị khóa.`;
}

const TYPES: readonly NativeRequestType[] = ['version', 'status', 'list-tokens', 'list-certificates', 'sign-digest', 'logout', 'check-pin'];
const HEX = /^(?:[0-9a-f]{2}){1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A request that failed validation: the code and English message the host answers with. */
export class ProtocolError extends Error {
  constructor(readonly code: NativeErrorCode, message: string) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Record<string, unknown>, key: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new ProtocolError('BAD_REQUEST', `"${key}" must be a non-empty string of at most ${max} characters`);
  return v;
}

function tokenRef(o: Record<string, unknown>): TokenRef {
  const t = o.token;
  if (!isObject(t)) throw new ProtocolError('BAD_REQUEST', '"token" must be an object with a label');
  const label = str(t, 'label', 32);
  return t.serial === undefined ? { label } : { label, serial: str(t, 'serial', 16) };
}

/** The digest's bytes, checked against the hash's length. */
export function decodeDigest(digest: string, hash: TokenHash): Uint8Array {
  if (!BASE64.test(digest) || digest.length % 4 !== 0) throw new ProtocolError('BAD_REQUEST', '"digest" must be base64');
  const bytes = base64ToBytes(digest);
  const want = HASH_LENGTHS[hash];
  if (bytes.length !== want) throw new ProtocolError('DIGEST_LENGTH', `a ${hash} digest is ${want} bytes, got ${bytes.length}`);
  return bytes;
}

/** Parses and checks one decoded JSON message; throws ProtocolError with the code to answer. */
export function parseRequest(value: unknown): NativeRequest {
  if (!isObject(value)) throw new ProtocolError('BAD_REQUEST', 'a request must be a JSON object');
  const { v, id, type } = value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw new ProtocolError('BAD_REQUEST', '"id" must be a non-negative integer');
  if (v !== PROTOCOL_VERSION) throw new ProtocolError('VERSION_MISMATCH', `protocol version ${String(v)} is not supported (this host speaks ${PROTOCOL_VERSION})`);
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) throw new ProtocolError('UNKNOWN_COMMAND', `unknown request type ${JSON.stringify(type)}`);
  const base: Base = { v, id, ...(value.module === undefined ? {} : { module: modulePath(value) }) };
  switch (type as NativeRequestType) {
    case 'version':
    case 'status':
    case 'list-tokens':
      return { ...base, type } as NativeRequest;
    case 'list-certificates':
    case 'logout':
      return { ...base, type, token: tokenRef(value) } as NativeRequest;
    case 'sign-digest': {
      const keyId = str(value, 'keyId', 128);
      if (!HEX.test(keyId)) throw new ProtocolError('BAD_REQUEST', '"keyId" must be lowercase hex');
      const algorithm = value.algorithm;
      if (algorithm !== 'RSASSA-PKCS1-v1_5' && algorithm !== 'ECDSA-P256') throw new ProtocolError('BAD_REQUEST', '"algorithm" must be RSASSA-PKCS1-v1_5 or ECDSA-P256');
      const hash = value.hash;
      if (hash !== 'SHA-256' && hash !== 'SHA-384' && hash !== 'SHA-512') throw new ProtocolError('BAD_REQUEST', '"hash" must be SHA-256, SHA-384 or SHA-512');
      const digest = str(value, 'digest', 128);
      decodeDigest(digest, hash);
      return { ...base, type: 'sign-digest', token: tokenRef(value), keyId, algorithm, hash, digest, pin: pinOf(value) };
    }
    case 'check-pin':
      return { ...base, type: 'check-pin', token: tokenRef(value), pin: pinOf(value) };
  }
}

function pinOf(o: Record<string, unknown>): string {
  const pin = o.pin;
  if (typeof pin !== 'string' || pin.length === 0 || pin.length > 64) throw new ProtocolError('PIN_INVALID', 'the PIN must be 1 to 64 characters');
  return pin;
}

function modulePath(o: Record<string, unknown>): string {
  const m = str(o, 'module', 1024);
  // An absolute path to a shared library: never a bare name the loader would look up in its search path.
  if (!/^(?:\/|[A-Za-z]:\\)/.test(m) || !/\.(?:so(?:\.\d+)*|dylib|dll)$/i.test(m)) {
    throw new ProtocolError('BAD_REQUEST', '"module" must be the absolute path of a .so, .dylib or .dll file');
  }
  return m;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Our extension's identities, the only callers the host answers. The Chromium ID is fixed by the public `key`
 * in manifest.json (the private half was never kept); the Firefox ID is browser_specific_settings.gecko.id.
 */
export const CHROMIUM_EXTENSION_ID = 'mahokmhfjodnhnapmlfdbnohmeikeahf';
export const FIREFOX_EXTENSION_ID = 'saoy@saoy.example';
export const CHROMIUM_ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_ID}/`;
