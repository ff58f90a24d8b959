import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFNumber, PDFDict, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { latin1 } from '../../../core/pdf/bytes.js';
import { appendRevision } from '../../../core/pdf/incremental-writer.js';
import { xrefTail } from '../../helpers/xref-tail.js';
import { assertTools, run, skipWithout } from '../../helpers/tools.js';

async function samplePdf(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText('hello', { x: 20, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save({ useObjectStreams });
}

/** Rewrites the catalog with an extra /SaoyTest entry plus one new object, as an update. */
async function update(base: Uint8Array) {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const tail = await xrefTail(base);
  const rootRef = doc.context.trailerInfo.Root as unknown as { objectNumber: number; generationNumber: number; toString(): string };
  const newNum = Math.max(tail.size, doc.context.largestObjectNumber + 1);
  const catalog = doc.catalog.clone(doc.context);
  catalog.set(PDFName.of('SaoyTest'), PDFNumber.of(1));
  catalog.set(PDFName.of('SaoyRef'), doc.context.obj({ Ref: PDFNumber.of(newNum) }) as PDFDict);
  return appendRevision(
    base,
    [
      { num: rootRef.objectNumber, gen: rootRef.generationNumber, body: latin1(catalog.toString()) },
      { num: newNum, gen: 0, body: latin1('<< /Kind /SaoyNew /Value 42 >>') },
    ],
    { size: newNum + 1, root: rootRef.toString(), prev: tail.startxref, id: '[<00112233445566778899AABBCCDDEEFF> <FFEEDDCCBBAA99887766554433221100>]' },
    tail.kind,
  );
}

describe('incremental writer', () => {
  for (const streams of [false, true]) {
    const kind = streams ? 'xref stream' : 'xref table';
    it(`keeps every earlier byte and is read back (${kind})`, async () => {
      const base = await samplePdf(streams);
      expect((await xrefTail(base)).kind).toBe(streams ? 'stream' : 'table');
      const { bytes, offsets } = await update(base);
      expect(Buffer.compare(Buffer.from(bytes.subarray(0, base.length)), Buffer.from(base))).toBe(0);
      // Every recorded offset points at "N G obj".
      for (const [num, off] of offsets) {
        expect(Buffer.from(bytes.subarray(off, off + 20)).toString('latin1')).toMatch(new RegExp(`^${num} 0 obj`));
      }
      const again = await PDFDocument.load(bytes, { updateMetadata: false });
      expect(again.catalog.get(PDFName.of('SaoyTest'))).toBeDefined();
      expect((await xrefTail(bytes)).kind).toBe(streams ? 'stream' : 'table');
      const tail = Buffer.from(bytes).toString('latin1');
      expect(tail.endsWith('%%EOF\n')).toBe(true);
      expect(tail).toMatch(new RegExp(`/Prev ${(await xrefTail(base)).startxref}\\b`));
    });
  }

  it('writes 20-byte table entries in consecutive subsections', async () => {
    const base = await samplePdf(false);
    const { bytes, offsets } = await update(base);
    const text = Buffer.from(bytes.subarray(base.length)).toString('latin1');
    const xref = text.slice(text.indexOf('xref\n') + 5, text.indexOf('trailer'));
    const lines = xref.split(/(?<=\r\n)|\n(?=\d+ \d+\n)/);
    const entries = xref.match(/\d{10} \d{5} n\r\n/g) ?? [];
    expect(entries.length).toBe(offsets.size);
    for (const e of entries) expect(e.length).toBe(20);
    expect(lines.length).toBeGreaterThan(0);
  });

  describe.skipIf(skipWithout('qpdf'))('qpdf', () => {
    const dir = mkdtempSync(join(tmpdir(), 'saoy-incr-'));
    beforeAll(() => assertTools('qpdf'));
    for (const streams of [false, true]) {
      it(`qpdf --check accepts the update (${streams ? 'xref stream' : 'xref table'})`, async () => {
        const { bytes } = await update(await samplePdf(streams));
        const f = join(dir, `u-${streams}.pdf`);
        writeFileSync(f, bytes);
        const r = run('qpdf', ['--check', f]);
        expect(r.stdout + r.stderr).toContain('No syntax or stream encoding errors found');
        expect(r.status).toBe(0);
        const j = run('qpdf', ['--show-object=trailer', f]);
        expect(j.stdout).toContain('/Prev');
      });
    }
  });
});
