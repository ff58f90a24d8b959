/**
 * The standard security handler (ISO 32000-2 §7.6.4) opened with the EMPTY user password: the usual "owner
 * password only" file, which every reader opens without asking. Revisions 2-4 (RC4, AES-128) and 5-6 (AES-256).
 * A file whose user password is not empty cannot be read without it: `password` tells the caller to say so.
 * Signatures do not need this (their /Contents and /ByteRange are never encrypted); what is shown to people
 * (field names, claimed signing times) does.
 */
import type { ParsedPdf } from './document.js';
import { streamError } from './errors.js';
import { type PdfDict, dictGet } from './objects.js';
import { md5, rc4 } from '../../crypto/md5-rc4.js';
import { bytesEqual, concatBytes } from '../../bytes/concat.js';
import { digest } from '../../bytes/sha.js';

export type Cipher = 'RC4' | 'AESV2' | 'AESV3' | 'Identity';

export type OpenResult =
  | { readonly ok: true; readonly key: Uint8Array; readonly cipher: Cipher; readonly revision: number; readonly encryptMetadata: boolean }
  | { readonly ok: false; readonly reason: 'password' | 'unsupported'; readonly detail: string };

const PAD = Uint8Array.from([0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a]);

export async function openWithEmptyPassword(pdf: ParsedPdf): Promise<OpenResult> {
  const trailer = pdf.revisions[pdf.revisions.length - 1].trailer;
  const enc = pdf.resolve(dictGet(trailer, 'Encrypt'));
  if (enc.kind !== 'dict') return { ok: false, reason: 'unsupported', detail: 'the /Encrypt dictionary is unreadable' };
  const name = (d: PdfDict | undefined, k: string) => {
    const v = d && dictGet(d, k);
    return v?.kind === 'name' ? v.value : undefined;
  };
  const bytes = (k: string) => {
    const v = pdf.resolve(dictGet(enc, k));
    return v.kind === 'string' ? v.bytes : undefined;
  };
  const int = (k: string) => {
    const v = pdf.resolve(dictGet(enc, k));
    return v.kind === 'number' && v.isInteger ? v.value : undefined;
  };
  if (name(enc, 'Filter') !== 'Standard') return { ok: false, reason: 'unsupported', detail: `security handler /${name(enc, 'Filter') ?? '?'} (certificate-based encryption)` };
  const v = int('V') ?? 0;
  const r = int('R') ?? 0;
  const o = bytes('O');
  const u = bytes('U');
  const p = int('P');
  if (!o || !u || p === undefined) return { ok: false, reason: 'unsupported', detail: '/O, /U or /P is missing' };
  const cipher = cipherOf(pdf, enc, v);
  if (!cipher) return { ok: false, reason: 'unsupported', detail: `encryption V ${v}` };
  if (r >= 2 && r <= 4) {
    const idv = pdf.resolve(dictGet(trailer, 'ID'));
    const first = idv.kind === 'array' ? pdf.resolve(idv.items[0]) : undefined;
    const id0 = first?.kind === 'string' ? first.bytes : new Uint8Array(0);
    const n = r === 2 ? 5 : Math.min(16, Math.max(5, (int('Length') ?? 40) >> 3));
    const em = pdf.resolve(dictGet(enc, 'EncryptMetadata'));
    const pBytes = new Uint8Array(4);
    new DataView(pBytes.buffer).setInt32(0, p | 0, true);
    let h = md5(concatBytes([PAD, o.subarray(0, 32), pBytes, id0, r >= 4 && em.kind === 'bool' && !em.value ? Uint8Array.of(255, 255, 255, 255) : new Uint8Array(0)]));
    if (r >= 3) for (let i = 0; i < 50; i++) h = md5(h.subarray(0, n));
    const key = h.slice(0, n);
    let check: Uint8Array;
    if (r === 2) check = rc4(key, PAD);
    else {
      check = rc4(key, md5(concatBytes([PAD, id0])));
      for (let i = 1; i <= 19; i++) check = rc4(key.map((b) => b ^ i), check);
    }
    const len = r === 2 ? 32 : 16;
    if (!bytesEqual(check.subarray(0, len), u.subarray(0, len))) return { ok: false, reason: 'password', detail: `standard security handler R${r}` };
    return { ok: true, key, cipher, revision: r, encryptMetadata: !(em.kind === 'bool' && !em.value) };
  }
  if (r === 5 || r === 6) {
    const ue = bytes('UE');
    if (u.length < 48 || !ue || ue.length < 32) return { ok: false, reason: 'unsupported', detail: '/U or /UE too short' };
    const hash = (salt: Uint8Array) => (r === 5 ? digest('SHA-256', salt) : hash2B(salt));
    if (!bytesEqual((await hash(u.subarray(32, 40))).subarray(0, 32), u.subarray(0, 32))) return { ok: false, reason: 'password', detail: `standard security handler R${r}` };
    const intermediate = (await hash(u.subarray(40, 48))).subarray(0, 32);
    const key = await aesCbcRaw(intermediate, new Uint8Array(16), ue.subarray(0, 32));
    const em = pdf.resolve(dictGet(enc, 'EncryptMetadata'));
    return { ok: true, key, cipher, revision: r, encryptMetadata: !(em.kind === 'bool' && !em.value) };
  }
  return { ok: false, reason: 'unsupported', detail: `standard security handler revision ${r}` };
}

/** The string/stream cipher: V 1-2 RC4, V 4-5 the crypt filter named by /StrF. */
function cipherOf(pdf: ParsedPdf, enc: PdfDict, v: number): Cipher | undefined {
  if (v === 1 || v === 2) return 'RC4';
  if (v !== 4 && v !== 5) return undefined;
  const strf = dictGet(enc, 'StrF');
  const filterName = strf?.kind === 'name' ? strf.value : 'Identity';
  if (filterName === 'Identity') return 'Identity';
  const cf = pdf.resolve(dictGet(enc, 'CF'));
  const f = cf.kind === 'dict' ? pdf.resolve(dictGet(cf, filterName)) : undefined;
  const cfm = f?.kind === 'dict' ? dictGet(f, 'CFM') : undefined;
  const m = cfm?.kind === 'name' ? cfm.value : 'None';
  return m === 'V2' ? 'RC4' : m === 'AESV2' ? 'AESV2' : m === 'AESV3' ? 'AESV3' : m === 'None' ? 'Identity' : undefined;
}

/** Decrypts a string of object `num` `gen` (ISO 32000-2 §7.6.3 algorithm 1, and §7.6.4.3.3 for AES-256). */
export async function decryptString(open: Extract<OpenResult, { ok: true }>, num: number, gen: number, data: Uint8Array): Promise<Uint8Array> {
  if (open.cipher === 'Identity') return data;
  let key = open.key;
  if (open.cipher !== 'AESV3') {
    const salt = open.cipher === 'AESV2' ? Uint8Array.of(0x73, 0x41, 0x6c, 0x54) : new Uint8Array(0);
    key = md5(concatBytes([open.key, Uint8Array.of(num & 255, (num >> 8) & 255, (num >> 16) & 255, gen & 255, (gen >> 8) & 255), salt])).subarray(0, Math.min(open.key.length + 5, 16));
  }
  if (open.cipher === 'RC4') return rc4(key, data);
  if (data.length < 32 || data.length % 16 !== 0) throw streamError(`AES data of ${data.length} bytes`);
  const k = await crypto.subtle.importKey('raw', key as BufferSource, 'AES-CBC', false, ['decrypt']);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: data.subarray(0, 16) as BufferSource }, k, data.subarray(16) as BufferSource));
  } catch {
    throw streamError('AES data does not decrypt (bad padding)');
  }
}

/** ISO 32000-2 §7.6.4.3.4 algorithm 2.B with the empty password and no user key. */
async function hash2B(salt: Uint8Array): Promise<Uint8Array> {
  let k = await digest('SHA-256', salt);
  for (let round = 0; ; round++) {
    const block = k;
    const k1 = new Uint8Array(block.length * 64);
    for (let i = 0; i < 64; i++) k1.set(block, i * block.length);
    const aes = await crypto.subtle.importKey('raw', k.subarray(0, 16) as BufferSource, 'AES-CBC', false, ['encrypt']);
    const e = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: k.subarray(16, 32) as BufferSource }, aes, k1 as BufferSource)).subarray(0, k1.length);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i];
    k = await digest((['SHA-256', 'SHA-384', 'SHA-512'] as const)[sum % 3], e);
    if (round >= 63 && e[e.length - 1] <= round - 31) return k.subarray(0, 32);
    if (round > 2000) return k.subarray(0, 32);
  }
}

/** AES-CBC decryption without padding (WebCrypto insists on PKCS#7): a forged last block makes the padding valid. */
async function aesCbcRaw(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const enc = await crypto.subtle.importKey('raw', key as BufferSource, 'AES-CBC', false, ['encrypt', 'decrypt']);
  const last = data.subarray(data.length - 16);
  const pad = new Uint8Array(16).fill(16);
  const extra = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: last as BufferSource }, enc, pad as BufferSource)).subarray(0, 16);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: iv as BufferSource }, enc, concatBytes([data, extra]) as BufferSource));
}

