import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dictGet, parsePdf } from '../../../core/pdf/parse/index.js';
import { Budget, resolveLimits } from '../../../core/pdf/parse/limits.js';
import { unpredict } from '../../../core/pdf/parse/predictor.js';
import { concat, dec, enc, expectCode, prng } from './helpers.js';

/** PNG-encodes rows, cycling through filter types 0-4 so every decoder path runs. */
function pngEncode(data: Uint8Array, rowLen: number, bpp: number, fixedType?: number): Uint8Array {
  const rows = data.length / rowLen;
  const out = new Uint8Array(rows * (rowLen + 1));
  for (let r = 0; r < rows; r++) {
    const type = fixedType ?? r % 5;
    out[r * (rowLen + 1)] = type;
    for (let i = 0; i < rowLen; i++) {
      const x = data[r * rowLen + i];
      const a = i >= bpp ? data[r * rowLen + i - bpp] : 0;
      const b = r > 0 ? data[(r - 1) * rowLen + i] : 0;
      const c = r > 0 && i >= bpp ? data[(r - 1) * rowLen + i - bpp] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][type];
      out[r * (rowLen + 1) + 1 + i] = (x - pred) & 0xff;
    }
  }
  return out;
}

interface Obj {
  num: number;
  body: string;
}

/**
 * A PDF whose only cross-reference section is an xref stream; objects listed in `inObjStm` go into an
 * object stream (number 90). /W [1 2 1], Flate with the given PNG predictor.
 */
function xrefStreamPdf(objects: Obj[], inObjStm: Obj[], opts: { predictor?: number; index?: boolean; hybrid?: boolean } = {}) {
  const parts: (string | Uint8Array)[] = ['%PDF-1.7\n'];
  let at = 9;
  const rows = new Map<number, [number, number, number]>();
  const push = (num: number, body: string | Uint8Array) => {
    rows.set(num, [1, at, 0]);
    const chunk = concat(`${num} 0 obj\n`, body, '\nendobj\n');
    parts.push(chunk);
    at += chunk.length;
  };
  for (const o of objects) push(o.num, o.body);
  if (inObjStm.length) {
    let header = '';
    let body = '';
    inObjStm.forEach((o, i) => {
      header += `${o.num} ${body.length} `;
      body += `${o.body}\n`;
      rows.set(o.num, [2, 90, i]);
    });
    const data = deflateSync(enc(header + body));
    push(90, concat(`<< /Type /ObjStm /N ${inObjStm.length} /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, data, '\nendstream'));
  }
  const xrefNum = 99;
  rows.set(xrefNum, [1, at, 0]);
  rows.set(0, [0, 0, 255]);
  const nums = [...rows.keys()].sort((a, b) => a - b);
  const raw = new Uint8Array(nums.length * 4);
  nums.forEach((n, i) => {
    const [t, f2, f3] = rows.get(n)!;
    raw.set([t, f2 >> 8, f2 & 0xff, f3], i * 4);
  });
  const predictor = opts.predictor ?? 12;
  const encoded = predictor >= 10 ? pngEncode(raw, 4, 1, predictor === 15 ? undefined : predictor - 10) : raw;
  const z = deflateSync(encoded);
  const index = opts.index ? `/Index [${nums.map((n) => `${n} 1`).join(' ')}]` : '';
  const size = nums[nums.length - 1] + 1;
  const xrefAt = at;
  const parms = predictor >= 10 ? `/DecodeParms << /Predictor ${predictor} /Columns 4 >>` : '';
  if (!opts.index) {
    // Without /Index the rows must cover 0..Size-1 densely: fill the gaps with free entries.
    const dense = new Uint8Array(size * 4);
    for (let n = 0; n < size; n++) {
      const r = rows.get(n) ?? [0, 0, 0];
      dense.set([r[0], r[1] >> 8, r[1] & 0xff, r[2]], n * 4);
    }
    const zd = deflateSync(predictor >= 10 ? pngEncode(dense, 4, 1, predictor === 15 ? undefined : predictor - 10) : dense);
    parts.push(concat(`${xrefNum} 0 obj\n<< /Type /XRef /Size ${size} /W [1 2 1] /Root 1 0 R /Filter /FlateDecode ${parms} /Length ${zd.length} >>\nstream\n`, zd, '\nendstream\nendobj\n'));
  } else {
    parts.push(concat(`${xrefNum} 0 obj\n<< /Type /XRef /Size ${size} /W [1 2 1] ${index} /Root 1 0 R /Filter /FlateDecode ${parms} /Length ${z.length} >>\nstream\n`, z, '\nendstream\nendobj\n'));
  }
  parts.push(`startxref\n${xrefAt}\n%%EOF\n`);
  return concat(...parts);
}

const objs: Obj[] = [
  { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /Extra 5 0 R >>' },
  { num: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' },
];
const packed: Obj[] = [
  { num: 5, body: '<< /Packed true /Other 6 0 R >>' },
  { num: 6, body: '(six)' },
];

describe('xref streams', () => {
  for (const predictor of [1, 10, 11, 12, 13, 14, 15]) {
    it(`reads /W rows with predictor ${predictor} and resolves objects in an object stream`, async () => {
      for (const index of [false, true]) {
        const pdf = await parsePdf(xrefStreamPdf(objs, packed, { predictor, index }));
        expect(pdf.revisions[0].kind).toBe('stream');
        const extra = pdf.resolve(dictGet(pdf.getObject(1)!.value as never, 'Extra'));
        expect(extra).toMatchObject({ kind: 'dict' });
        const six = pdf.resolve(dictGet(extra as never, 'Other'));
        expect(six.kind === 'string' && dec(six.bytes)).toBe('six');
        expect(pdf.getObject(6)?.compressedIn).toEqual({ streamNum: 90, index: 1 });
        expect(pdf.anomalies).toEqual([]);
      }
    });
  }

  it('reads a hybrid file: table trailer with /XRefStm', async () => {
    const streamOnly = dec(xrefStreamPdf(objs, packed, { index: true }));
    const xrefStmAt = Number(/startxref\n(\d+)/.exec(streamOnly)![1]);
    const body = streamOnly.slice(0, streamOnly.lastIndexOf('startxref'));
    const pad = (n: number) => String(n).padStart(10, '0');
    const tableAt = body.length;
    const table =
      `xref\n0 3\n0000000000 65535 f \n${pad(body.indexOf('1 0 obj'))} 00000 n \n${pad(body.indexOf('2 0 obj'))} 00000 n \n` +
      `trailer\n<< /Size 100 /Root 1 0 R /XRefStm ${xrefStmAt} >>\nstartxref\n${tableAt}\n%%EOF\n`;
    const pdf = await parsePdf(enc(body + table));
    expect(pdf.revisions).toHaveLength(1);
    expect(pdf.revisions[0]).toMatchObject({ kind: 'table', xrefStmOffset: xrefStmAt, xrefOffset: tableAt });
    expect(pdf.getObject(6)?.compressedIn).toBeDefined();
    expect(pdf.getObject(1)?.start).toBe(body.indexOf('1 0 obj'));
  });

  it('undoes every PNG filter type on multi-byte pixels', () => {
    const rand = prng(7);
    const data = Uint8Array.from({ length: 12 * 20 }, () => Math.floor(rand() * 256));
    const budget = new Budget(resolveLimits());
    const out = unpredict(pngEncode(data, 12, 3), { predictor: 15, colors: 3, bitsPerComponent: 8, columns: 4 }, budget);
    expect(out).toEqual(data);
    const tiffIn = Uint8Array.from([10, 5, 250, 1]);
    expect(unpredict(tiffIn, { predictor: 2, colors: 1, bitsPerComponent: 8, columns: 4 }, budget)).toEqual(Uint8Array.from([10, 15, 9, 10]));
  });

  it('refuses xref streams whose data is shorter than /Index says', async () => {
    const s = dec(xrefStreamPdf(objs, packed, { index: true }));
    await expectCode(parsePdf(enc(s.replace(/\/Index \[0 1/, '/Index [0 1000'))), 'PDF_BAD_XREF');
  });
});
