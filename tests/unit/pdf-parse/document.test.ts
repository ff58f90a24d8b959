import { describe, expect, it } from 'vitest';
import { type ParsedPdf, asNonNegInt, dictGet, parsePdf } from '../../../core/pdf/parse/index.js';
import { appendUpdate, buildPdf, concat, dec, enc, expectCode, lastStartxref, samplePdf } from './helpers.js';

function catalogOf(pdf: ParsedPdf, rev?: number) {
  const r = rev ?? pdf.revisions.length - 1;
  const root = pdf.resolve(pdf.revisions[r].trailer.entries.get('Root'), r);
  expect(root.kind).toBe('dict');
  return root.kind === 'dict' ? root : undefined;
}

/** Walks /Root → /Pages → /Kids and returns the page count, resolving every reference on the way. */
function pageCount(pdf: ParsedPdf): number {
  const pages = pdf.resolve(dictGet(catalogOf(pdf), 'Pages'));
  if (pages.kind !== 'dict') return -1;
  const kids = pdf.resolve(dictGet(pages, 'Kids'));
  return kids.kind === 'array' ? kids.items.map((k) => pdf.resolve(k)).filter((p) => p.kind === 'dict').length : -1;
}

describe('parsePdf on pdf-lib output', () => {
  it('reads a classic xref table', async () => {
    const bytes = await samplePdf(false, 3);
    const pdf = await parsePdf(bytes);
    expect(pdf.version).toBe('1.7');
    expect(pdf.revisions).toHaveLength(1);
    expect(pdf.revisions[0]).toMatchObject({ index: 0, kind: 'table', end: bytes.length, eofFound: true });
    expect(pdf.revisions[0].startxrefValue).toBe(pdf.revisions[0].xrefOffset);
    expect(pageCount(pdf)).toBe(3);
    expect(pdf.anomalies).toEqual([]);
    expect(pdf.encrypted).toBe(false);
    for (const [num, e] of pdf.objectTable()) {
      if (e.type !== 'offset') continue;
      const obj = pdf.getObject(num);
      expect(obj).toMatchObject({ num, start: e.offset });
      expect(dec(bytes.subarray(obj!.start, obj!.end))).toMatch(/^\d+ 0 obj[\s\S]*endobj$/);
    }
  });

  it('reads an xref stream and objects inside object streams', async () => {
    const bytes = await samplePdf(true, 2);
    const pdf = await parsePdf(bytes);
    expect(pdf.revisions).toHaveLength(1);
    expect(pdf.revisions[0]).toMatchObject({ kind: 'stream', end: bytes.length, eofFound: true });
    expect(pageCount(pdf)).toBe(2);
    const compressed = [...pdf.objectTable().values()].filter((e) => e.type === 'compressed');
    expect(compressed.length).toBeGreaterThan(2);
    const obj = pdf.getObject(compressed[0].num)!;
    expect(obj.compressedIn).toBeDefined();
    const container = pdf.getObject(obj.compressedIn!.streamNum)!;
    expect([obj.start, obj.end]).toEqual([container.start, container.end]);
    expect(pdf.anomalies).toEqual([]);
  });
});

describe('revisions', () => {
  it('finds incremental updates oldest first with the right end offsets', async () => {
    for (const objectStreams of [false, true]) {
      const rev0 = await samplePdf(objectStreams);
      const p0 = await parsePdf(rev0);
      const rootRef = p0.revisions[0].trailer.entries.get('Root');
      const pages = dictGet(catalogOf(p0), 'Pages');
      const size = asNonNegInt(dictGet(p0.revisions[0].trailer, 'Size'))!;
      if (rootRef?.kind !== 'ref' || pages?.kind !== 'ref') throw new Error('unexpected catalog');
      const rev1 = appendUpdate(
        rev0,
        [
          { num: rootRef.num, body: `<< /Type /Catalog /Pages ${pages.num} ${pages.gen} R /SaoyMark ${size} 0 R >>` },
          { num: size, body: '(revision one)' },
        ],
        `/Size ${size + 1} /Root ${rootRef.num} 0 R`,
        lastStartxref(rev0),
      );
      const rev2 = appendUpdate(rev1, [{ num: size, body: '(revision two)' }], `/Size ${size + 1} /Root ${rootRef.num} 0 R`, lastStartxref(rev1));

      const pdf = await parsePdf(rev2);
      expect(pdf.revisions.map((r) => r.end)).toEqual([rev0.length + 1, rev1.length, rev2.length]);
      expect(pdf.revisions.map((r) => r.kind)).toEqual([objectStreams ? 'stream' : 'table', 'table', 'table']);
      expect(pdf.revisions.map((r) => r.index)).toEqual([0, 1, 2]);
      expect(pdf.revisions[1].entries.size).toBe(2);

      // Each revision sees the document as it was.
      const mark = (r: number) => pdf.resolve(dictGet(catalogOf(pdf, r), 'SaoyMark'), r);
      expect(dictGet(catalogOf(pdf, 0), 'SaoyMark')).toBeUndefined();
      expect(dec((mark(1) as { bytes: Uint8Array }).bytes)).toBe('revision one');
      expect(dec((mark(2) as { bytes: Uint8Array }).bytes)).toBe('revision two');
      expect(pdf.objectTable(0).has(size)).toBe(false);
      expect(pdf.objectTable(2).get(size)).toMatchObject({ type: 'offset' });
      expect(pageCount(pdf)).toBe(1);
      expect(pdf.revisionAt(0)).toBe(0);
      expect(pdf.revisionAt(rev1.length - 1)).toBe(1);
      expect(pdf.revisionAt(rev2.length)).toBe(-1);
      expect(pdf.anomalies).toEqual([]);
    }
  });

  it('reports data after the last %%EOF and a revision without %%EOF', async () => {
    const rev0 = await samplePdf(false);
    const tail = concat(rev0, '\n9 0 obj (appended without xref) endobj\n');
    const p = await parsePdf(tail);
    expect(p.anomalies.join('\n')).toMatch(/DATA_AFTER_EOF/);

    const noEof = enc(dec(rev0).replace(/%%EOF\s*$/, ''));
    const q = await parsePdf(appendUpdate(noEof, [{ num: 99, body: '1' }], '/Size 100 /Root 2 0 R', lastStartxref(rev0)));
    expect(q.revisions[0].eofFound).toBe(false);
    expect(q.anomalies.join('\n')).toMatch(/MISSING_EOF: revision 0/);
    expect(q.revisions[1].eofFound).toBe(true);
  });

  it('ends the chain quickly where /Prev revisits a section (every section read once)', async () => {
    const base = buildPdf([{ num: 1, body: '<< /Type /Catalog >>' }], '<< /Size 2 /Root 1 0 R >>');
    // The update's /Prev points at the update's own xref section.
    const src = dec(base);
    const xrefAt = src.length + 1;
    const looped = enc(`${src}\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 2 /Root 1 0 R /Prev ${xrefAt} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    const t0 = performance.now();
    const self = await parsePdf(looped);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(self.revisions).toHaveLength(1);
    expect(self.anomalies.join('\n')).toMatch(/XREF_CHAIN_REVISIT: \/Prev \d+ points back/);
    // Two sections pointing at each other.
    const withPrev = (n: number) => dec(buildPdf([{ num: 1, body: '<< /Type /Catalog >>' }], `<< /Size 2 /Root 1 0 R /Prev ${String(n).padStart(10, '0')} >>`));
    const secondAt = withPrev(0).length + 1;
    const first = withPrev(secondAt);
    const ping = enc(`${first}\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 2 /Root 1 0 R /Prev ${lastStartxref(enc(first))} >>\nstartxref\n${secondAt}\n%%EOF\n`);
    const pp = await parsePdf(ping);
    expect(pp.revisions.map((r) => r.xrefOffset)).toEqual([lastStartxref(enc(first)), secondAt]);
    expect(pp.anomalies.join('\n')).toMatch(/XREF_CHAIN_REVISIT/);
  });

  it('limits the number of xref sections', async () => {
    let bytes = buildPdf([{ num: 1, body: '<< /Type /Catalog >>' }], '<< /Size 2 /Root 1 0 R >>');
    for (let i = 0; i < 12; i++) bytes = appendUpdate(bytes, [{ num: 1, body: `<< /Type /Catalog /N ${i} >>` }], '/Size 2 /Root 1 0 R', lastStartxref(bytes));
    expect((await parsePdf(bytes)).revisions).toHaveLength(13);
    await expectCode(parsePdf(bytes, { maxXrefSections: 10 }), 'PDF_LIMIT');
  });
});

describe('anomalies and hidden objects', () => {
  it('records an xref entry that points at the wrong object and never returns it', async () => {
    const good = buildPdf(
      [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' },
        { num: 3, body: '(three)' },
      ],
      '<< /Size 4 /Root 1 0 R >>',
    );
    const s = dec(good);
    const off2 = s.indexOf('2 0 obj');
    const off3 = s.indexOf('3 0 obj');
    // Entry for object 3 now points at object 2.
    const bad = enc(s.replace(`${String(off3).padStart(10, '0')} 00000 n`, `${String(off2).padStart(10, '0')} 00000 n`));
    const pdf = await parsePdf(bad);
    expect(pdf.anomalies.join('\n')).toMatch(/XREF_WRONG_OBJECT: xref entry 3 0 .* holds object 2 0/);
    expect(pdf.getObject(3)).toBeUndefined();
    expect(pdf.getObject(2)?.num).toBe(2);

    // Offset into the middle of "13 0 obj" must not read as "3 0 obj".
    const mid = buildPdf([{ num: 1, body: '<< /Type /Catalog >>' }, { num: 13, body: '(x)' }], '<< /Size 14 /Root 1 0 R >>');
    const ms = dec(mid);
    const at13 = ms.indexOf('13 0 obj');
    const patched = enc(ms.replace(`${String(at13).padStart(10, '0')} 00000 n`, `${String(at13 + 1).padStart(10, '0')} 00000 n`).replace('13 1\n', '3 1\n'));
    const p2 = await parsePdf(patched);
    expect(p2.getObject(3)).toBeUndefined();
    expect(p2.anomalies.join('\n')).toMatch(/XREF_WRONG_OBJECT: xref entry 3 0/);
  });

  it('scanObjects finds objects no xref section reaches, and duplicates', async () => {
    const base = buildPdf(
      [
        { num: 1, body: '<< /Type /Catalog >>' },
        { num: 2, body: '(visible)' },
        { num: 7, body: '<< /Type /Sig /Contents <00> >>' },
      ],
      '<< /Size 8 /Root 1 0 R >>',
    );
    // Drop object 7 from the table (it stays in the bytes) and add a second, hidden definition of object 2.
    let s = dec(base);
    const at7 = s.indexOf('7 0 obj');
    s = s.replace(`7 1\n${String(at7).padStart(10, '0')} 00000 n \n`, '');
    s = s.replace('(visible)\nendobj\n', '(visible)\nendobj\n2 0 obj (shadow) endobj\n');
    const fixed = rebuildOffsets(s);
    const pdf = await parsePdf(fixed);
    expect(pdf.getObject(7)).toBeUndefined();
    const scan = pdf.scanObjects();
    const hidden = scan.objects.find((o) => o.num === 7);
    expect(hidden).toMatchObject({ gen: 0, revision: 0 });
    const parsed = pdf.parseObjectAt(hidden!.offset);
    expect(dictGet(parsed.value.kind === 'dict' ? parsed.value : undefined, 'Type')).toEqual({ kind: 'name', value: 'Sig' });
    expect(scan.duplicates).toEqual([expect.objectContaining({ num: 2, revision: 0 })]);
    expect(pdf.anomalies.join('\n')).toMatch(/DUPLICATE_DEFINITION: object 2/);
    expect(scan.eofMarkers).toHaveLength(1);
  });

  it('flags /Encrypt and keeps strings raw', async () => {
    const pdf = await parsePdf(
      buildPdf([{ num: 1, body: '<< /Type /Catalog /S (\x80\x81) >>' }, { num: 2, body: '<< /Filter /Standard >>' }], '<< /Size 3 /Root 1 0 R /Encrypt 2 0 R >>'),
    );
    expect(pdf.encrypted).toBe(true);
    const s = dictGet(catalogOf(pdf), 'S');
    expect(s?.kind === 'string' && [...s.bytes]).toEqual([0x80, 0x81]);
  });

  it('resolves reference chains without looping', async () => {
    const pdf = await parsePdf(
      buildPdf(
        [
          { num: 1, body: '<< /Type /Catalog /A 2 0 R /B 4 0 R /C 1 1 R >>' },
          { num: 2, body: '3 0 R' },
          { num: 3, body: '2 0 R' },
          { num: 4, body: '5 0 R' },
          { num: 5, body: '42' },
        ],
        '<< /Size 6 /Root 1 0 R >>',
      ),
    );
    const cat = catalogOf(pdf)!;
    expect(pdf.resolve(dictGet(cat, 'A'))).toEqual({ kind: 'null' });
    expect(pdf.anomalies.join()).toMatch(/REFERENCE_CYCLE/);
    expect(pdf.resolve(dictGet(cat, 'B'))).toMatchObject({ kind: 'number', value: 42 });
    expect(pdf.resolve(dictGet(cat, 'C'))).toEqual({ kind: 'null' }); // wrong generation
    expect(pdf.anomalies.join()).toMatch(/GENERATION_MISMATCH/);
  });

  it('rejects files without a header or startxref', async () => {
    await expectCode(parsePdf(enc('hello world')), 'PDF_NOT_PDF');
    await expectCode(parsePdf(enc('%PDF-1.7\n1 0 obj << >> endobj\n')), 'PDF_NO_STARTXREF');
    await expectCode(parsePdf(enc('%PDF-1.7\nstartxref\n999999\n%%EOF')), 'PDF_BAD_XREF');
    await expectCode(parsePdf(enc('%PDF-1.7\nstartxref\n3\n%%EOF')), 'PDF_BAD_XREF');
  });
});

/** Re-derives the xref offsets of a hand-edited single-revision file. */
function rebuildOffsets(src: string): Uint8Array {
  const xrefAt = src.lastIndexOf('xref\n0 1');
  const body = src.slice(0, xrefAt);
  const table = src.slice(xrefAt, src.indexOf('trailer', xrefAt));
  const fixedTable = table.replace(/(\d+) 1\n(\d{10}) (\d{5}) n \n/g, (_m, num: string, _off, gen: string) => {
    const at = body.search(new RegExp(`(^|\\n)${num} ${Number(gen)} obj`));
    const off = body[at] === '\n' ? at + 1 : at;
    return `${num} 1\n${String(off).padStart(10, '0')} ${gen} n \n`;
  });
  const trailer = src.slice(src.indexOf('trailer', xrefAt)).replace(/startxref\n\d+/, `startxref\n${xrefAt}`);
  return enc(body + fixedTable + trailer);
}
