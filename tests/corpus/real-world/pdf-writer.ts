/**
 * Byte-level writing for the real-world corpus, independent of core/: a one-revision PDF with a classic xref
 * table, and incremental updates that carry a signature made by `openssl cms -sign -cades` (detached, SHA-256)
 * or a document timestamp token made by `openssl ts -reply` over the ByteRange, the way PAdES tools write them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { appendUpdate, concat, enc, txt, type NewObject, type UpdateOptions } from '../pdf-bytes.js';
import { must, type RealWorldPki } from './pki.js';

export interface PdfObject {
  num: number;
  body: string | Uint8Array;
}

/** One revision: header, objects, xref table (free entries for gaps), trailer, `%%EOF`. */
export function writePdf(objects: PdfObject[], root: number, info?: number, version = '1.7'): Uint8Array {
  const parts: Uint8Array[] = [enc(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`)];
  let at = parts[0].length;
  const offsets = new Map<number, number>();
  for (const o of [...objects].sort((a, b) => a.num - b.num)) {
    offsets.set(o.num, at);
    const b = concat(enc(`${o.num} 0 obj\n`), typeof o.body === 'string' ? enc(o.body) : o.body, enc('\nendobj\n'));
    parts.push(b);
    at += b.length;
  }
  const size = Math.max(...offsets.keys()) + 1;
  let x = `xref\n0 ${size}\n0000000000 65535 f\r\n`;
  for (let n = 1; n < size; n++) x += offsets.has(n) ? `${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n` : '0000000000 00001 f\r\n';
  x += `trailer\n<< /Size ${size} /Root ${root} 0 R${info ? ` /Info ${info} 0 R` : ''} /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(enc(x));
  return concat(...parts);
}

export const pdfDate = (d = new Date()): string => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

const CONTENTS_BYTES = 12_000;
const BR_PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

export interface SignatureSpec {
  /** Object number of the signature dictionary written in this update. */
  num: number;
  /** More entries of the signature dictionary (e.g. a FieldMDP /Reference). */
  entries?: string;
  /** A document timestamp (ETSI.RFC3161) instead of a CAdES signature. */
  docTimestamp?: boolean;
}

/** Appends `objects` plus a signature dictionary, then fills its ByteRange and Contents with openssl. */
export function signedUpdate(pki: RealWorldPki, base: Uint8Array, objects: NewObject[], sig: SignatureSpec, opts: UpdateOptions = {}): Uint8Array {
  const head = sig.docTimestamp ? '/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161' : `/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (${pdfDate()})`;
  const body = `<< ${head}${sig.entries ? ` ${sig.entries}` : ''} /ByteRange ${BR_PLACEHOLDER} /Contents <${'0'.repeat(CONTENTS_BYTES * 2)}> >>`;
  const { bytes, offsets } = appendUpdate(base, [...objects, { num: sig.num, body }], opts);
  const s = txt(bytes);
  const at = offsets.get(sig.num) as number;
  const brAt = s.indexOf(BR_PLACEHOLDER, at);
  const lt = s.indexOf('/Contents <', at) + '/Contents '.length;
  const gt = s.indexOf('>', lt) + 1;
  const range = `[0 ${lt} ${gt} ${bytes.length - gt}]`;
  const out = bytes.slice();
  out.set(enc(range.padEnd(BR_PLACEHOLDER.length, ' ')), brAt);
  const signed = concat(out.subarray(0, lt), out.subarray(gt));
  const der = sig.docTimestamp ? timestampToken(pki, signed) : cmsSign(pki, signed);
  if (der.length > CONTENTS_BYTES) throw new Error('signature larger than its placeholder');
  out.set(enc(Buffer.from(der).toString('hex').toUpperCase()), lt + 1);
  return out;
}

function cmsSign(pki: RealWorldPki, data: Uint8Array): Uint8Array {
  writeFileSync(pki.file('tbs.bin'), data);
  must('openssl', ['cms', '-sign', '-binary', '-cades', '-md', 'sha256', '-nosmimecap', '-in', pki.file('tbs.bin'), '-signer', pki.file('signer.pem'), '-inkey', pki.file('signer.key'),
    '-certfile', pki.file('root.pem'), '-outform', 'DER', '-out', pki.file('sig.der')], 'openssl cms -sign');
  return new Uint8Array(readFileSync(pki.file('sig.der')));
}

function timestampToken(pki: RealWorldPki, data: Uint8Array): Uint8Array {
  writeFileSync(pki.file('tbs.bin'), data);
  writeFileSync(pki.file('tsa.serial'), '01\n');
  writeFileSync(pki.file('ts.cnf'), `[tsa]\ndefault_tsa=t\n[t]\nserial=${pki.file('tsa.serial')}\nsigner_digest=sha256\ndefault_policy=1.2.3.4.1\ndigests=sha256\naccuracy=secs:1\ness_cert_id_alg=sha256\ncerts=${pki.file('root.pem')}\n`);
  must('openssl', ['ts', '-query', '-data', pki.file('tbs.bin'), '-sha256', '-cert', '-no_nonce', '-out', pki.file('q.tsq')], 'openssl ts -query');
  must('openssl', ['ts', '-reply', '-queryfile', pki.file('q.tsq'), '-signer', pki.file('tsa.pem'), '-inkey', pki.file('tsa.key'), '-config', pki.file('ts.cnf'), '-token_out', '-out', pki.file('token.der')], 'openssl ts -reply');
  return new Uint8Array(readFileSync(pki.file('token.der')));
}

/** zlib (FlateDecode) stream data, as PAdES-LT tools compress DSS streams. */
export { deflateSync } from 'node:zlib';
