/**
 * A CMS SignedData written byte by byte to RFC 5652 (with RFC 8419 for EdDSA and RFC 4056 for RSASSA-PSS), for
 * algorithms the installed `openssl cms` cannot produce (OpenSSL 3.0 has no EdDSA in CMS, and fails on PSS with
 * SHA-3). The signature value itself comes from the openssl command line (`pkeyutl -rawin`, `dgst -sign`).
 * Independent of core/: its own DER writer and certificate walker.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { must, type ToolPki } from './tools-pdf.js';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
export const tlv = (tag: number, ...content: Uint8Array[]): Buffer => {
  const c = Buffer.concat(content);
  return Buffer.concat([Buffer.of(tag), len(c.length), c]);
};
export const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
const set = (...c: Uint8Array[]) => tlv(0x31, ...[...c].sort(Buffer.compare));
const int = (n: number) => tlv(0x02, Buffer.of(n));
const octets = (b: Uint8Array) => tlv(0x04, b);
export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const groups: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      groups.unshift(v & 0x7f);
      if (v < 128) break;
    }
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Buffer.from(out));
}
const algId = (o: string, params?: Uint8Array) => seq(oid(o), ...(params ? [params] : []));

/** Children of a constructed DER element. */
function kids(der: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let p = 0;
  const body = content(der);
  while (p < body.length) {
    const whole = element(body, p);
    out.push(whole);
    p += whole.length;
  }
  return out;
}
function element(b: Buffer, p: number): Buffer {
  let l = b[p + 1];
  let h = 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + b[p + 2 + i];
    h = 2 + n;
  }
  return b.subarray(p, p + h + l);
}
function content(der: Buffer): Buffer {
  const l = der[1];
  return der.subarray(l & 0x80 ? 2 + (l & 0x7f) : 2);
}

/** issuer Name and serialNumber INTEGER of a certificate (tbsCertificate fields 1-3, after the [0] version). */
function issuerAndSerial(cert: Buffer): Buffer {
  const tbs = kids(cert)[0];
  const f = kids(tbs);
  const i = f[0][0] === 0xa0 ? 1 : 0;
  return seq(f[i + 2], f[i]);
}

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha3_256: '2.16.840.1.101.3.4.2.8',
  shake256: '2.16.840.1.101.3.4.2.12',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  rsaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
} as const;

export interface DerCmsOptions {
  digestOid: string;
  /** node:crypto name of the content digest ('sha512', 'sha3-256', 'shake256'). */
  digestName: string;
  signatureOid: string;
  signatureParams?: Uint8Array;
  signedAttributes: boolean;
  /** Returns the signature over `tbs` (the DER SET of signed attributes, or the content itself). */
  sign: (tbs: Uint8Array) => Uint8Array;
}

export function derCms(pki: ToolPki, content: Uint8Array, o: DerCmsOptions): Uint8Array {
  const pemToDer = (f: string) => Buffer.from(readFileSync(f, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const leaf = pemToDer(pki.leafPem);
  const root = pemToDer(pki.rootPem);
  const hash = o.digestName === 'shake256' ? createHash('shake256', { outputLength: 64 }) : createHash(o.digestName);
  const md = hash.update(content).digest();
  const attrs = set(seq(oid(OIDS.contentType), set(oid(OIDS.data))), seq(oid(OIDS.messageDigest), set(octets(md))));
  const signature = o.sign(o.signedAttributes ? attrs : content);
  const signerInfo = seq(
    int(1),
    issuerAndSerial(leaf),
    algId(o.digestOid),
    ...(o.signedAttributes ? [Buffer.concat([Buffer.of(0xa0), attrs.subarray(1)])] : []),
    algId(o.signatureOid, o.signatureParams),
    octets(signature),
  );
  const signedData = seq(int(1), set(algId(o.digestOid)), seq(oid(OIDS.data)), tlv(0xa0, leaf, root), set(signerInfo));
  return seq(oid(OIDS.signedData), tlv(0xa0, signedData));
}

/** RSASSA-PSS-params (RFC 4055) naming `hashOid` for the hash and MGF1, with `salt` bytes of salt. */
export function pssParams(hashOid: string, salt: number): Buffer {
  return seq(tlv(0xa0, algId(hashOid)), tlv(0xa1, algId(OIDS.mgf1, algId(hashOid))), tlv(0xa2, int(salt)));
}

/** openssl signing of `tbs` with the leaf key: `pkeyutl -rawin` (EdDSA) or `dgst -<md> -sign` with options. */
export function opensslSign(pki: ToolPki, tbs: Uint8Array, how: { eddsa: true } | { md: string; sigopts?: string[] }): Uint8Array {
  const input = join(pki.dir, 'tbs.bin');
  const output = join(pki.dir, 'tbs.sig');
  writeFileSync(input, tbs);
  if ('eddsa' in how) must('openssl', ['pkeyutl', '-sign', '-inkey', pki.keyPem, '-rawin', '-in', input, '-out', output], 'openssl pkeyutl -sign');
  else must('openssl', ['dgst', `-${how.md}`, '-sign', pki.keyPem, ...(how.sigopts ?? []).flatMap((s) => ['-sigopt', s]), '-out', output, input], 'openssl dgst -sign');
  return new Uint8Array(readFileSync(output));
}

/** DER OCTET STRING around raw bytes (the /Contents of adbe.x509.rsa_sha1). */
export const octetString = (b: Uint8Array): Uint8Array => octets(b);
