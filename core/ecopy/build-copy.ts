/**
 * Original page images + e-copy fields → the unsigned e-copy PDF (rev0): image pages, the statement page, both
 * EMPTY signature fields, XMP + Info metadata, a trailer /ID, saved with a classic xref table so the incremental
 * signer can append rev1 and rev2. The output is a pure function of the inputs (no clock, no randomness), so
 * the same request always yields the same bytes and the same digest to confirm.
 */
import {
  PDFDocument, PDFHexString, PDFName, type PDFPage, type PDFRef, PDFString,
} from 'pdf-lib';
import { AUTHORITY_FIELD, CERTIFIER_FIELD, type EcopyFields } from './fields';
import { cachingFontkit, type FontkitFont, parsedFont } from './fonts';
import { addImagePage, A4, isPaperChoice } from './image-pages';
import { type CropRect, type OriginalImage, parseImage, type ParsedImage } from './images';
import { isPageRotation, rotateOrientation } from './rotation';
import { parseIsoDate, renderStatement } from './statement';
import { drawStatementPage, type Rect, STATEMENT_LAYOUT } from './statement-page';
import { textFont } from './text-layout';
import { checkPrintable, fieldInvalid, validateFields } from './validate-fields';
import { buildEcopyXmp } from './xmp';
import { sha256 } from '../bytes/sha.js';
import { toHex } from '../bytes/hex.js';

export interface CopyAssets {
  fontRegular: Uint8Array;
  fontBold: Uint8Array;
}

const FORMAT_VERSION = 'saoy-ecopy/1';

/**
 * Digests of the inputs, started early: WebCrypto hashes off the main thread, so hashing megabytes of images
 * overlaps with rendering. `fields` alone names the font subsets (their glyphs depend only on the text);
 * `all` (format version, normalised fields, every page, each hashed on its own so nothing is concatenated)
 * gives the document /ID.
 */
function inputDigests(fields: EcopyFields, pages: readonly OriginalImage[]): { fields: Promise<Uint8Array>; all: Promise<Uint8Array> } {
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
  const fieldsDigest = sha256(new TextEncoder().encode(`${FORMAT_VERSION}\n${JSON.stringify(sorted)}`));
  // A turned page makes another document: its turn is hashed with it (unturned pages hash as they always did).
  // So are its paper size and crop (untouched pages hash as they always did).
  const pageDigest = async (p: OriginalImage): Promise<Uint8Array> => {
    const image = await sha256(p.bytes);
    const extra = [
      p.rotate ? `rotate:${p.rotate}` : '',
      p.paper ? `paper:${p.paper}` : '',
      p.crop ? `crop:${[p.crop.x, p.crop.y, p.crop.width, p.crop.height].join(',')}` : '',
    ].filter(Boolean).join(';');
    return extra ? sha256(concat(image, new TextEncoder().encode(extra))) : image;
  };
  const all = Promise.all([fieldsDigest, ...pages.map(pageDigest)]).then((parts) => {
    const joined = new Uint8Array(parts.length * 32);
    parts.forEach((p, i) => joined.set(p, i * 32));
    return sha256(joined);
  });
  all.catch(() => undefined); // awaited later; never an unhandled rejection if building fails first
  return { fields: fieldsDigest, all };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** A crop is a rectangle inside the image, at least 2 % of each side (a smaller one is a slip of the mouse). */
function validCrop(c: CropRect): boolean {
  const n = [c?.x, c?.y, c?.width, c?.height];
  if (!n.every((v) => typeof v === 'number' && Number.isFinite(v))) return false;
  const eps = 1e-9;
  return c.x >= 0 && c.y >= 0 && c.width >= 0.02 && c.height >= 0.02 && c.x + c.width <= 1 + eps && c.y + c.height <= 1 + eps;
}

/** Subset fonts are named TAG+Name with six capital letters; derive the tag from the inputs, not Math.random. */
function subsetName(font: FontkitFont, digest: Uint8Array, salt: number): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[(salt + i) % digest.length] % 26));
  return `${tag}+${(font.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '')}`;
}

/** pdf-lib names resources with random suffixes; a counter keeps the output reproducible. */
function makeDeterministic(doc: PDFDocument): void {
  let n = 0;
  doc.context.addRandomSuffix = (prefix: string): string => `${prefix}${++n}`;
}

/** D:YYYYMMDDHHmmSS+07'00' at midnight Vietnam time of the certification date. */
function pdfDate(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) throw new RangeError(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `D:${d.year}${p(d.month)}${p(d.day)}000000+07'00'`;
}

/** One merged field/widget dictionary of an empty signature field over `rect` on `page`. */
function emptySignatureField(doc: PDFDocument, page: PDFPage, name: string, rect: Rect): PDFRef {
  const ctx = doc.context;
  const bbox = [0, 0, rect.width, rect.height];
  const appearance = ctx.register(ctx.stream(new Uint8Array(0), { Type: 'XObject', Subtype: 'Form', BBox: bbox, Resources: {} }));
  const widget = ctx.obj({
    FT: 'Sig',
    T: PDFString.of(name),
    Type: 'Annot',
    Subtype: 'Widget',
    F: 4, // Print
    P: page.ref,
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
    AP: { N: appearance },
  });
  const ref = ctx.register(widget);
  page.node.addAnnot(ref);
  return ref;
}

function setMetadata(doc: PDFDocument, fields: EcopyFields, digest: Uint8Array): void {
  const ctx = doc.context;
  const xmp = new TextEncoder().encode(buildEcopyXmp(fields));
  // Uncompressed so that any tool (and a human with a hex viewer) can read it without inflating.
  const metadata = ctx.register(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' }));
  doc.catalog.set(PDFName.of('Metadata'), metadata);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('vi-VN'));

  const date = PDFString.of(pdfDate(fields.date));
  const info = ctx.obj({
    Title: PDFHexString.fromText(fields.docName),
    Subject: PDFHexString.fromText('Bản sao điện tử được chứng thực từ bản chính'),
    Producer: PDFString.of('saoy'),
    Creator: PDFString.of('saoy'),
    CreationDate: date,
    ModDate: date,
  });
  ctx.trailerInfo.Info = ctx.register(info);

  const id = PDFHexString.of(toHex(digest.subarray(0, 16)).toUpperCase());
  ctx.trailerInfo.ID = ctx.obj([id, id]);
}

/** Build the unsigned e-copy. Throws SaoyError for invalid fields or images; never returns a partial copy. */
export async function buildCopy(pages: OriginalImage[], fields: EcopyFields, assets: CopyAssets): Promise<Uint8Array> {
  // The requester is the book's business, not the copy's: nothing of it reaches the PDF (or its /ID).
  const { requester: _requester, ...valid } = validateFields(fields, Array.isArray(pages) ? pages.length : 0);
  pages.forEach((p, i) => {
    if (!(p?.bytes instanceof Uint8Array)) throw fieldInvalid('pages', { en: `page ${i + 1} has no bytes`, vi: `trang ${i + 1} không có dữ liệu` });
    if (p.rotate !== undefined && !isPageRotation(p.rotate)) {
      throw fieldInvalid('pages', { en: `page ${i + 1} is turned by ${String(p.rotate)}°, not 0, 90, 180 or 270`, vi: `trang ${i + 1} xoay ${String(p.rotate)}°, chỉ được xoay 0, 90, 180 hoặc 270 độ` });
    }
    if (p.paper !== undefined && !isPaperChoice(p.paper)) {
      throw fieldInvalid('pages', { en: `page ${i + 1} has an unknown paper size "${String(p.paper)}"`, vi: `trang ${i + 1} có khổ giấy không hợp lệ "${String(p.paper)}"` });
    }
    if (p.crop !== undefined && !validCrop(p.crop)) {
      throw fieldInvalid('pages', { en: `page ${i + 1} has a crop outside the image`, vi: `vùng cắt của trang ${i + 1} nằm ngoài ảnh` });
    }
  });
  const digests = inputDigests(valid, pages);
  const parsed: ParsedImage[] = pages.map((p, i) => {
    const img = parseImage(p.bytes, { page: i + 1, name: p.name });
    return p.rotate ? { ...img, orientation: rotateOrientation(img.orientation, p.rotate) } : img;
  });
  const [regular, bold, fieldsDigest] = await Promise.all([
    parsedFont(assets.fontRegular, 'regular'),
    parsedFont(assets.fontBold, 'bold'),
    digests.fields,
  ]);
  checkPrintable(valid, (cp) => regular.hasGlyphForCodePoint(cp) && bold.hasGlyphForCodePoint(cp));
  const statement = renderStatement(valid);
  // What the copy shows is what its metadata says: the book number as rendered on the statement.
  const recorded: EcopyFields = { ...valid, bookNo: statement.bookNo };

  const doc = await PDFDocument.create({ updateMetadata: false });
  makeDeterministic(doc);
  doc.registerFontkit(cachingFontkit(new Map([[assets.fontRegular, regular], [assets.fontBold, bold]])));

  for (let i = 0; i < pages.length; i++) await addImagePage(doc, pages[i].bytes, parsed[i], { paper: pages[i].paper, crop: pages[i].crop });

  const fonts = {
    regular: textFont(await doc.embedFont(assets.fontRegular, { subset: true, customName: subsetName(regular, fieldsDigest, 0) }), regular),
    bold: textFont(await doc.embedFont(assets.fontBold, { subset: true, customName: subsetName(bold, fieldsDigest, 6) }), bold),
  };
  const page = doc.addPage([A4[0], A4[1]]);
  drawStatementPage(page, fonts, statement);

  const certifier = emptySignatureField(doc, page, CERTIFIER_FIELD, STATEMENT_LAYOUT.certifierSignature);
  const authority = emptySignatureField(doc, page, AUTHORITY_FIELD, STATEMENT_LAYOUT.authoritySignature);
  const acroForm = doc.context.obj({ Fields: [certifier, authority], SigFlags: 3 });
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.register(acroForm));

  setMetadata(doc, recorded, await digests.all);

  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, addDefaultPage: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
