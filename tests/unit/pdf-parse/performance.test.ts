import { randomFillSync } from 'node:crypto';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { dictGet, parsePdf } from '../../../core/pdf/parse/index.js';
import { buildPdf, concat } from './helpers.js';

const SIZE = 30 * 1024 * 1024;

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) randomFillSync(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

async function timeParse(bytes: Uint8Array, streamNum: number) {
  const t0 = performance.now();
  const pdf = await parsePdf(bytes);
  const big = pdf.getObject(streamNum);
  const ms = performance.now() - t0;
  expect(big?.value.kind).toBe('stream');
  if (big?.value.kind === 'stream') {
    expect(big.value.lengthMismatch).toBe(false);
    expect(big.value.raw.length).toBe(SIZE);
    expect(big.value.raw.buffer).toBe(bytes.buffer); // a view, not a copy
  }
  return { pdf, ms };
}

describe('performance', () => {
  it('parses a ~30 MB file with a big stream well under a second (classic xref)', async () => {
    const data = randomBytes(SIZE);
    const bytes = buildPdf(
      [
        { num: 1, body: '<< /Type /Catalog /Big 2 0 R >>' },
        { num: 2, body: concat(`<< /Length ${SIZE} >>\nstream\n`, data, '\nendstream') },
      ],
      '<< /Size 3 /Root 1 0 R >>',
    );
    const { pdf, ms } = await timeParse(bytes, 2);
    console.log(`30 MB classic: parse + getObject ${ms.toFixed(1)} ms, ${pdf.stepsUsed} steps`);
    expect(ms).toBeLessThan(1000);
    expect(pdf.anomalies).toEqual([]);
    // The brute-force scan does read every byte; it is opt-in and still fast.
    const t0 = performance.now();
    const scan = pdf.scanObjects();
    console.log(`30 MB classic: scanObjects ${(performance.now() - t0).toFixed(1)} ms`);
    expect(scan.objects.filter((o) => o.offset < 100 || o.offset > SIZE).map((o) => o.num)).toEqual([1, 2]);
  });

  it('parses a ~30 MB pdf-lib file with xref and object streams well under a second', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const ref = doc.context.register(doc.context.stream(randomBytes(SIZE)));
    doc.catalog.set(PDFName.of('Big'), ref);
    const bytes = await doc.save();
    const { pdf, ms } = await timeParse(bytes, ref.objectNumber);
    console.log(`30 MB pdf-lib: parse + getObject ${ms.toFixed(1)} ms, ${pdf.stepsUsed} steps`);
    expect(ms).toBeLessThan(1000);
    expect(pdf.revisions[0].kind).toBe('stream');
    const root = pdf.resolve(pdf.revisions[0].trailer.entries.get('Root'));
    expect(dictGet(root.kind === 'dict' ? root : undefined, 'Big')).toEqual({ kind: 'ref', num: ref.objectNumber, gen: 0 });
  });
});
