import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect } from 'vitest';
import { SaoyError } from '../../../core/errors.js';

export const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
export const dec = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

export function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const bufs = parts.map((p) => (typeof p === 'string' ? enc(p) : p));
  const out = new Uint8Array(bufs.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bufs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

export async function samplePdf(useObjectStreams: boolean, pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([300, 200]).drawText(`page ${i + 1}`, { x: 20, y: 100, font });
  return doc.save({ useObjectStreams });
}

const pad10 = (n: number) => String(n).padStart(10, '0');

export interface NewObject {
  num: number;
  gen?: number;
  /** Everything between "N G obj" and "endobj". */
  body: string | Uint8Array;
}

/** Classic-table xref section for the given offsets, one subsection per object. */
function table(entries: { num: number; gen: number; offset: number }[], withZero: boolean): string {
  let s = 'xref\n';
  if (withZero) s += '0 1\n0000000000 65535 f \n';
  for (const e of [...entries].sort((a, b) => a.num - b.num)) s += `${e.num} 1\n${pad10(e.offset)} ${String(e.gen).padStart(5, '0')} n \n`;
  return s;
}

/** Writes objects from scratch with a classic xref table: a hand-made PDF with known offsets. */
export function buildPdf(objects: NewObject[], trailer: string, opts: { header?: string } = {}): Uint8Array {
  const parts: (string | Uint8Array)[] = [opts.header ?? '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'];
  let at = enc(parts[0] as string).length;
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const o of objects) {
    const gen = o.gen ?? 0;
    entries.push({ num: o.num, gen, offset: at });
    const chunk = concat(`${o.num} ${gen} obj\n`, o.body, '\nendobj\n');
    parts.push(chunk);
    at += chunk.length;
  }
  const xrefAt = at;
  parts.push(`${table(entries, true)}trailer\n${trailer}\nstartxref\n${xrefAt}\n%%EOF\n`);
  return concat(...parts);
}

/** Appends an incremental update (objects + xref table + trailer with /Prev) like a signer would. */
export function appendUpdate(base: Uint8Array, objects: NewObject[], trailerEntries: string, prev: number): Uint8Array {
  const sep = base[base.length - 1] === 0x0a ? '' : '\n';
  const parts: (string | Uint8Array)[] = [base, sep];
  let at = base.length + sep.length;
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const o of objects) {
    const gen = o.gen ?? 0;
    entries.push({ num: o.num, gen, offset: at });
    const chunk = concat(`${o.num} ${gen} obj\n`, o.body, '\nendobj\n');
    parts.push(chunk);
    at += chunk.length;
  }
  parts.push(`${table(entries, false)}trailer\n<< ${trailerEntries} /Prev ${prev} >>\nstartxref\n${at}\n%%EOF\n`);
  return concat(...parts);
}

/** The value of the last startxref. */
export function lastStartxref(bytes: Uint8Array): number {
  const s = dec(bytes);
  const m = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(s);
  if (!m) throw new Error('no startxref');
  return Number(m[1]);
}

/** A stream object body with Flate-compressed data. */
export function flateStreamBody(dict: string, data: Uint8Array): Uint8Array {
  const z = deflateSync(data);
  return concat(`<< ${dict} /Filter /FlateDecode /Length ${z.length} >>\nstream\n`, z, '\nendstream');
}

/** Deterministic PRNG (mulberry32) so fuzz failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function expectCode(p: Promise<unknown> | (() => unknown), code: string): Promise<SaoyError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(SaoyError);
    expect((e as SaoyError).code).toBe(code);
    return e as SaoyError;
  }
  throw new Error(`expected SaoyError ${code}, but nothing was thrown`);
}
