import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORITY_FIELD, buildCopy, CERTIFIER_FIELD, parseEcopyXmp, parseImage, placeImage, STATEMENT_LAYOUT,
} from '../../../core/ecopy';
import { SaoyError } from '../../../core/errors';
import { copyFonts, sampleFields } from '../../helpers/ecopy';
import { makeJpeg, makePng, NOT_SUPPORTED } from '../../helpers/images';

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

async function refusal(p: Promise<unknown>): Promise<SaoyError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SaoyError);
    return e as SaoyError;
  }
  throw new Error('expected a refusal');
}

describe('page geometry', () => {
  it('uses the physical size from the DPI, honouring orientation', () => {
    const p = placeImage(parseImage(makeJpeg(850, 1100, { dpi: 100 }), { page: 1 }));
    expect(p).toMatchObject({ physical: true, pageWidth: 612, pageHeight: 792, x: 0, y: 0 });
    const turned = placeImage(parseImage(makeJpeg(400, 300, { dpi: 100, orientation: 6 }), { page: 1 }));
    expect(turned).toMatchObject({ physical: true, pageWidth: 216, pageHeight: 288 });
  });

  it('falls back to A4 (portrait or landscape, centred) without a believable DPI', () => {
    const none = placeImage(parseImage(makePng(1000, 700), { page: 1 }));
    expect(none).toMatchObject({ physical: false, pageWidth: 841.89, pageHeight: 595.28 });
    expect(none.x + none.width / 2).toBeCloseTo(841.89 / 2, 6);
    expect(none.y + none.height / 2).toBeCloseTo(595.28 / 2, 6);
    expect(none.width / none.height).toBeCloseTo(1000 / 700, 6);
    // 60 px at 300 dpi is a fifth of an inch; 3000 px at 10 dpi is 300 inches: neither is a sheet of paper
    expect(placeImage(parseImage(makeJpeg(60, 80, { dpi: 300 }), { page: 1 }))).toMatchObject({ physical: false, pageWidth: 595.28 });
    expect(placeImage(parseImage(makePng(3000, 200, { dpi: 10 }), { page: 1 }))).toMatchObject({ physical: false, pageWidth: 841.89 });
  });
});

describe('buildCopy', () => {
  const jpeg = makeJpeg(850, 1100, { dpi: 100 });
  const png = makePng(1000, 700);
  const fields = sampleFields({ pageCount: 2 });
  let pdf: Uint8Array;
  let doc: PDFDocument;

  beforeAll(async () => {
    pdf = await buildCopy([{ bytes: jpeg, name: 'trang1.jpg' }, { bytes: png, name: 'trang2.png' }], fields, copyFonts());
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  });

  it('has one page per image plus an A4 statement page', () => {
    const sizes = doc.getPages().map((p) => [p.getWidth(), p.getHeight()].map((n) => Math.round(n * 100) / 100));
    expect(sizes).toEqual([[612, 792], [841.89, 595.28], [595.28, 841.89]]);
  });

  it('embeds the JPEG byte for byte as DCTDecode', () => {
    expect(Buffer.from(pdf).indexOf(Buffer.from(jpeg))).toBeGreaterThan(0);
    const xobjects = doc.getPages()[0].node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    const image = xobjects?.lookup(xobjects.keys()[0]);
    expect(image).toBeInstanceOf(PDFRawStream);
    const raw = image as PDFRawStream;
    expect(raw.dict.get(PDFName.of('Filter'))).toBe(PDFName.of('DCTDecode'));
    expect(Buffer.from(raw.getContents()).equals(Buffer.from(jpeg))).toBe(true);
  });

  it('carries two empty signature fields over the statement page signature areas', () => {
    const acro = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    expect(acro.lookup(PDFName.of('SigFlags'), PDFNumber).asNumber()).toBe(3);
    const fieldsArr = acro.lookup(PDFName.of('Fields'), PDFArray);
    expect(fieldsArr.size()).toBe(2);
    const statementPage = doc.getPages()[2];
    const annots = statementPage.node.Annots();
    const annotRefs = annots ? annots.asArray().map(String) : [];
    const rects = [STATEMENT_LAYOUT.certifierSignature, STATEMENT_LAYOUT.authoritySignature];
    [CERTIFIER_FIELD, AUTHORITY_FIELD].forEach((name, i) => {
      const ref = fieldsArr.get(i) as PDFRef;
      const f = doc.context.lookup(ref, PDFDict);
      expect(f.get(PDFName.of('FT'))).toBe(PDFName.of('Sig'));
      expect(f.lookup(PDFName.of('T'), PDFString).decodeText()).toBe(name);
      expect(f.get(PDFName.of('V'))).toBeUndefined();
      expect(f.get(PDFName.of('Type'))).toBe(PDFName.of('Annot'));
      expect(f.get(PDFName.of('Subtype'))).toBe(PDFName.of('Widget'));
      expect(f.lookup(PDFName.of('F'), PDFNumber).asNumber()).toBe(4);
      expect(f.get(PDFName.of('P'))).toBe(statementPage.ref);
      const r = f.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
      expect(r).toEqual([rects[i].x, rects[i].y, rects[i].x + rects[i].width, rects[i].y + rects[i].height]);
      const ap = f.lookup(PDFName.of('AP'), PDFDict).lookup(PDFName.of('N'));
      expect(ap).toBeInstanceOf(PDFStream);
      expect((ap as PDFRawStream).getContents().length).toBe(0);
      expect(annotRefs).toContain(String(ref));
    });
    expect(doc.getPages()[0].node.get(PDFName.of('Annots'))).toBeUndefined();
  });

  it('is saved with a classic xref table and no object or xref streams', () => {
    const text = latin1(pdf);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\nxref\n0 \d+\n0000000000 65535 f/);
    expect(text).toContain('trailer');
    expect(text).not.toContain('/XRefStm');
    expect(text).not.toContain('/ObjStm');
    expect(text).not.toContain('/Type /XRef');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('has uncompressed XMP metadata with every field, and a deterministic Info dictionary', () => {
    const meta = doc.catalog.lookup(PDFName.of('Metadata'), PDFStream) as PDFRawStream;
    expect(meta).toBeInstanceOf(PDFRawStream);
    expect(meta.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('XML'));
    expect(meta.dict.get(PDFName.of('Filter'))).toBeUndefined();
    const xmp = new TextDecoder().decode(meta.getContents());
    const { requester: _inTheBookOnly, ...onCopy } = fields;
    expect(parseEcopyXmp(xmp)).toEqual({ ...onCopy, bookNo: '01/2026-SCT/BS' });
    expect(latin1(pdf)).not.toContain(String(fields.requester));
    expect(doc.getTitle()).toBe('Bằng tốt nghiệp đại học');
    expect(doc.getProducer()).toBe('saoy');
    expect(doc.getCreator()).toBe('saoy');
    expect(latin1(pdf)).toContain("/CreationDate (D:20260305000000+07'00')");
  });

  it('has a trailer /ID of two identical 16-byte strings and is reproducible', async () => {
    const id = doc.context.trailerInfo.ID as PDFArray;
    const [a, b] = id.asArray() as PDFHexString[];
    expect(a.asString()).toMatch(/^[0-9A-F]{32}$/);
    expect(b.asString()).toBe(a.asString());
    const again = await buildCopy([{ bytes: jpeg, name: 'x.jpg' }, { bytes: png }], fields, copyFonts());
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const other = await buildCopy([{ bytes: jpeg }, { bytes: png }], { ...fields, certNo: '16' }, copyFonts());
    expect(latin1(other)).not.toContain(`<${a.asString()}>`);
  });

  it('embeds the fonts as subsets', () => {
    const text = latin1(pdf);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\n/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif-Bold\n/);
    expect(pdf.length).toBeLessThan(jpeg.length + 200_000); // no whole 700 kB font
  });

  it('honours EXIF orientation without touching the JPEG', async () => {
    const turned = makeJpeg(400, 300, { dpi: 100, orientation: 6 });
    const out = await buildCopy([{ bytes: turned }], sampleFields(), copyFonts());
    const d = await PDFDocument.load(out);
    expect([d.getPages()[0].getWidth(), d.getPages()[0].getHeight()]).toEqual([216, 288]);
    expect(Buffer.from(out).indexOf(Buffer.from(turned))).toBeGreaterThan(0);
  });
});

describe('buildCopy refusals', () => {
  const page = [{ bytes: makeJpeg(32, 32) }];

  it.each(['certNo', 'bookNo', 'date', 'office', 'certifier', 'docName'] as const)('requires %s', async (k) => {
    const e = await refusal(buildCopy(page, sampleFields({ [k]: '  ' }), copyFonts()));
    expect(e.code).toBe('FIELD_MISSING');
    expect(e.message).toContain(`(${k})`);
    expect(e.vi).toMatch(/^Chưa nhập /);
  });

  it('rejects invalid values naming the field', async () => {
    const date = await refusal(buildCopy(page, sampleFields({ date: '2026-02-30' }), copyFonts()));
    expect([date.code, date.message.includes('(date)'), date.vi.startsWith('Ngày chứng thực')]).toEqual(['FIELD_INVALID', true, true]);
    const long = await refusal(buildCopy(page, sampleFields({ office: 'x'.repeat(201) }), copyFonts()));
    expect(long.code).toBe('FIELD_INVALID');
    const count = await refusal(buildCopy(page, sampleFields({ pageCount: 3 }), copyFonts()));
    expect(count.message).toContain('(pageCount)');
    const glyph = await refusal(buildCopy(page, sampleFields({ docName: 'Giấy 漢字' }), copyFonts()));
    expect([glyph.code, glyph.message.includes('(docName)')]).toEqual(['FIELD_INVALID', true]);
  });

  it('needs 1 to 100 pages', async () => {
    expect((await refusal(buildCopy([], sampleFields(), copyFonts()))).code).toBe('FIELD_MISSING');
    const many = Array.from({ length: 101 }, () => page[0]);
    expect((await refusal(buildCopy(many, sampleFields({ pageCount: 101 }), copyFonts()))).code).toBe('FIELD_INVALID');
  });

  it('passes image refusals through, naming the page', async () => {
    const e = await refusal(buildCopy([page[0], { bytes: NOT_SUPPORTED.gif(), name: 'scan.gif' }], sampleFields({ pageCount: 2 }), copyFonts()));
    expect(e.code).toBe('IMAGE_UNSUPPORTED');
    expect(e.message).toBe('original page 2 (scan.gif) is a GIF image; only JPEG and PNG are supported');
    expect(e.vi).toBe('Trang 2 (scan.gif) là ảnh GIF; chỉ hỗ trợ ảnh JPEG và PNG');
  });
});
