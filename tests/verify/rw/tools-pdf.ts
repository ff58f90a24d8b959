/**
 * Real-world shapes made without saoy: PDFs written byte by byte to ISO 32000 (one page, one signature field whose
 * /V is a signature dictionary with a placeholder), keys and certificates from the openssl command line, CMS from
 * `openssl cms -sign`, rewrites by qpdf, further signatures by poppler's pdfsig. Nothing here imports core/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../helpers/tools.js';

export const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
export const txt = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
export function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
}

export function must(cmd: string, args: string[], what: string, input?: Uint8Array): string {
  const r = run(cmd, args, input ? { input } : {});
  if (r.error || r.status !== 0) throw new Error(`${what} failed (${cmd} ${args.join(' ')}): ${r.error?.message ?? ''}${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Key types openssl can make for a signer certificate. */
export type KeyKind = 'rsa' | 'rsa-pss' | 'ec-p256' | 'brainpoolP256r1' | 'brainpoolP384r1' | 'brainpoolP512r1' | 'ed25519' | 'ed448';

export interface ToolPki {
  dir: string;
  rootDer: Uint8Array;
  rootPem: string;
  leafPem: string;
  keyPem: string;
}

const subj = (cn: string) => `/C=VN/O=Real World TEST/CN=${cn}`;

/** An RSA root and one leaf of `kind`, made by openssl. */
export function makeToolPki(dir: string, kind: KeyKind, name = kind): ToolPki {
  mkdirSync(dir, { recursive: true });
  const p = (f: string) => join(dir, f);
  if (!readIfExists(p('root.pem'))) {
    must('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-subj', subj('Real World TEST Root'), '-days', '3650',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], 'root');
  }
  const key = p(`${name}.key`);
  const genpkey: Record<KeyKind, string[]> = {
    rsa: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
    'rsa-pss': ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048'],
    'ec-p256': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    brainpoolP256r1: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:brainpoolP256r1'],
    brainpoolP384r1: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:brainpoolP384r1'],
    brainpoolP512r1: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:brainpoolP512r1'],
    ed25519: ['-algorithm', 'ED25519'],
    ed448: ['-algorithm', 'ED448'],
  };
  must('openssl', ['genpkey', ...genpkey[kind], '-out', key], `${kind} key`);
  must('openssl', ['req', '-new', '-key', key, '-out', p(`${name}.csr`), '-subj', subj(`Real World TEST ${name}`)], 'leaf request');
  writeFileSync(p('leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
  must('openssl', ['x509', '-req', '-in', p(`${name}.csr`), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-CAcreateserial', '-days', '365', '-extfile', p('leaf.ext'), '-out', p(`${name}.pem`)], 'leaf');
  must('openssl', ['x509', '-in', p('root.pem'), '-outform', 'DER', '-out', p('root.der')], 'root DER');
  return { dir, rootDer: new Uint8Array(readFileSync(p('root.der'))), rootPem: p('root.pem'), leafPem: p(`${name}.pem`), keyPem: key };
}

function readIfExists(f: string): boolean {
  try {
    readFileSync(f);
    return true;
  } catch {
    return false;
  }
}

export interface PlaceholderOptions {
  subFilter?: string;
  /** Hex digits reserved for the CMS. */
  hexDigits?: number;
  /** Written startxref = real offset + this (sloppy writers miscount CR/LF). */
  startxrefDelta?: number;
  /** The trailer's /Prev points at its own xref section (a chain that revisits a section). */
  selfPrev?: boolean;
  /** Extra entries for the signature dictionary. */
  sigExtra?: string;
  /** An empty signature field and no signature dictionary (object 5 is an empty dictionary). */
  unsigned?: boolean;
}

/** A one-page PDF, classic xref table, field "Signature1" whose /V is a signature dictionary waiting for its CMS. */
export function placeholderPdf(o: PlaceholderOptions = {}): Uint8Array {
  const content = 'BT /F1 18 Tf 20 100 Td (Ban sao chung thuc) Tj ET';
  const hex = '0'.repeat(o.hexDigits ?? 20000);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 6 0 R /Annots [4 0 R] /Resources << /Font << /F1 7 0 R >> >> >>',
    `<< /FT /Sig /T (Signature1)${o.unsigned ? '' : ' /V 5 0 R'} /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P 3 0 R >>`,
    o.unsigned ? '<< >>' : `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${o.subFilter ?? 'adbe.pkcs7.detached'} ${o.sigExtra ?? ''}/ByteRange [0 1111111111 2222222222 3333333333] /Contents <${hex}> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${o.selfPrev ? ` /Prev ${xref}` : ''} /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\n`;
  out += `startxref\n${xref + (o.startxrefDelta ?? 0)}\n%%EOF\n`;
  return enc(out);
}

/**
 * Fills the placeholder: /ByteRange over the whole file except the /Contents hex string (numbers padded with
 * spaces to the placeholder's width), then the CMS `sign` returns over those bytes, hex, zero-padded.
 */
export function fillPlaceholder(pdf: Uint8Array, sign: (signed: Uint8Array) => Uint8Array): Uint8Array {
  const t = txt(pdf);
  const br = /\/ByteRange\s*\[\s*0\s+(1111111111)\s+(2222222222)\s+(3333333333)\s*\]/.exec(t);
  const ct = /\/Contents\s*<(0{64,})>/.exec(t);
  if (!br || !ct) throw new Error('no signature placeholder');
  const a = ct.index + ct[0].indexOf('<');
  const b = a + ct[1].length + 2;
  const out = pdf.slice();
  const values = [a, b, pdf.length - b];
  ['1111111111', '2222222222', '3333333333'].forEach((placeholder, i) => {
    out.set(enc(String(values[i]).padEnd(10, ' ')), br.index + br[0].indexOf(placeholder));
  });
  const signed = concat(out.subarray(0, a), out.subarray(b));
  const cms = Buffer.from(sign(signed)).toString('hex').toUpperCase();
  if (cms.length > ct[1].length) throw new Error('CMS larger than the placeholder');
  out.set(enc(cms.padEnd(ct[1].length, '0')), a + 1);
  return out;
}

/** The newest definition of object `num` (plain objects only): its dictionary text between "obj" and "endobj". */
export function objectText(pdf: Uint8Array, num: number): string {
  const t = txt(pdf);
  const re = new RegExp(`(?:^|[\\s>])${num} 0 obj\\s*([\\s\\S]*?)\\s*endobj`, 'g');
  let last: string | undefined;
  for (const m of t.matchAll(re)) last = m[1];
  if (last === undefined) throw new Error(`object ${num} not found`);
  return last;
}

/**
 * An incremental update that signs a new field the way ISO 32000 describes it: the catalog's /AcroForm /Fields
 * and the page's /Annots gain the new widget-field, whose /V is a new signature dictionary with a placeholder.
 * Classic xref table, /Prev = the previous startxref. The caller fills the placeholder.
 */
export function appendSignatureUpdate(pdf: Uint8Array, field: string, subFilter = 'adbe.pkcs7.detached'): Uint8Array {
  const t = txt(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(t)![1]);
  const trailers = [...t.matchAll(/\/Root (\d+) 0 R/g)];
  const root = Number(trailers.at(-1)![1]);
  const size = Math.max(...[...t.matchAll(/\/Size (\d+)/g)].map((m) => Number(m[1])));
  const catalog = objectText(pdf, root);
  const page = Number(/\/Kids\s*\[\s*(\d+) 0 R/.exec(objectText(pdf, Number(/\/Pages (\d+) 0 R/.exec(catalog)![1])))![1]);
  const [widget, sig] = [size, size + 1];
  const newCatalog = catalog.replace(/\/Fields\s*\[([^\]]*)\]/, (_, refs: string) => `/Fields [${refs.trim()} ${widget} 0 R]`);
  const pageText = objectText(pdf, page);
  const newPage = /\/Annots\s*\[/.test(pageText)
    ? pageText.replace(/\/Annots\s*\[([^\]]*)\]/, (_, refs: string) => `/Annots [${refs.trim()} ${widget} 0 R]`)
    : pageText.replace(/>>\s*$/, ` /Annots [${widget} 0 R] >>`);
  const objects: [number, string][] = [
    [root, newCatalog],
    [page, newPage],
    [widget, `<< /FT /Sig /T (${field}) /V ${sig} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${page} 0 R >>`],
    [sig, `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${subFilter} /ByteRange [0 1111111111 2222222222 3333333333] /Contents <${'0'.repeat(20000)}> >>`],
  ];
  let out = '\n';
  const offsets = new Map<number, number>();
  for (const [num, body] of objects) {
    offsets.set(num, pdf.length + out.length);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = pdf.length + out.length;
  out += 'xref\n0 1\n0000000000 65535 f \n';
  for (const [num, off] of [...offsets].sort((a, b) => a[0] - b[0])) out += `${num} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${sig + 1} /Root ${root} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return concat(pdf, out);
}

/** `openssl cms -sign` over `data` (detached, DER) with the given extra options. */
export function opensslCms(pki: ToolPki, data: Uint8Array, extra: string[] = [], signer = { cert: pki.leafPem, key: pki.keyPem }): Uint8Array {
  const input = join(pki.dir, 'signed-bytes.bin');
  const output = join(pki.dir, 'out.p7s');
  writeFileSync(input, data);
  must('openssl', ['cms', '-sign', '-binary', '-in', input, '-signer', signer.cert, '-inkey', signer.key, '-certfile', pki.rootPem, '-outform', 'DER', '-out', output, ...extra], 'openssl cms -sign');
  return new Uint8Array(readFileSync(output));
}

/** An NSS database holding an RSA signer (nickname "rwsigner") for pdfsig. */
export function pdfsigDb(pki: ToolPki, leaf: { cert: string; key: string }): string {
  const db = join(pki.dir, 'nss');
  mkdirSync(db, { recursive: true });
  const p12 = join(pki.dir, 'pdfsig.p12');
  must('openssl', ['pkcs12', '-export', '-inkey', leaf.key, '-in', leaf.cert, '-certfile', pki.rootPem, '-name', 'rwsigner', '-out', p12, '-passout', 'pass:test'], 'pkcs12');
  must('certutil', ['-N', '-d', `sql:${db}`, '--empty-password'], 'NSS database');
  must('pk12util', ['-i', p12, '-d', `sql:${db}`, '-W', 'test', '-K', ''], 'pk12util import');
  return `sql:${db}`;
}

/** pdfsig -add-signature into a new field; returns the signed file. */
export function pdfsigAdd(dir: string, nss: string, pdf: Uint8Array, field: string): Uint8Array {
  const input = join(dir, `in-${field}.pdf`);
  const output = join(dir, `out-${field}.pdf`);
  writeFileSync(input, pdf);
  must('pdfsig', ['-nssdir', nss, '-nick', 'rwsigner', '-add-signature', '-new-signature-field-name', field, input, output], 'pdfsig -add-signature');
  return new Uint8Array(readFileSync(output));
}

/** Runs qpdf with `args` on `pdf` (input and output file names are added). */
export function qpdf(dir: string, pdf: Uint8Array, args: string[], name = 'qpdf'): Uint8Array {
  const input = join(dir, `${name}-in.pdf`);
  const output = join(dir, `${name}-out.pdf`);
  writeFileSync(input, pdf);
  const r = run('qpdf', [...args, input, output]);
  // Exit 3 is "succeeded with warnings".
  if (r.error || (r.status !== 0 && r.status !== 3)) throw new Error(`qpdf ${args.join(' ')} failed: ${r.stderr}`);
  return new Uint8Array(readFileSync(output));
}

/** What pdfsig says about each signature ("Signature is Valid." etc.), for cross-checking verdicts. */
export function pdfsigSays(dir: string, nss: string, pdf: Uint8Array): string[] {
  const f = join(dir, 'check.pdf');
  writeFileSync(f, pdf);
  const r = run('pdfsig', ['-nssdir', nss, f]);
  return [...`${r.stdout}`.matchAll(/Signature Validation: (.*)/g)].map((m) => m[1].trim());
}
