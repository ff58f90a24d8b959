/**
 * Writes long-term validation data as one incremental update (PAdES B-LT, ETSI EN 319 142-1 §5.4.2): the catalog's
 * /DSS with /Certs, /CRLs, /OCSPs (one stream per DER object) and a /VRI entry per signature, keyed by the upper-case
 * hex SHA-1 of that signature's /Contents bytes. An existing /DSS is extended (its streams kept and reused, nothing
 * duplicated). Optionally the same update adds an empty, invisible signature field for a document timestamp
 * (B-LTA), so the timestamp that follows only fills it. Every earlier byte is kept, so earlier signatures stay intact.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { SaoyError } from '../errors.js';
import { concatBytes } from '../bytes/concat.js';
import { toHex } from '../bytes/hex.js';
import { latin1 } from './bytes.js';
import { asDict, dictGet, parsePdf, type ParsedPdf } from './parse/index.js';
import { listFields } from './signing-target.js';
import { appendRevision, type UpdatedObject } from './incremental-writer.js';
import { pdfDate, pdfTextString } from './pdf-string.js';

export interface VriEntry {
  /** Upper-case hex SHA-1 of the signature's /Contents bytes. */
  key: string;
  certificates: readonly Uint8Array[];
  crls: readonly Uint8Array[];
  ocspResponses: readonly Uint8Array[];
}

export interface DssUpdate {
  certificates: readonly Uint8Array[];
  crls: readonly Uint8Array[];
  ocspResponses: readonly Uint8Array[];
  vri: readonly VriEntry[];
  /** /TU of the new VRI entries (when the data was gathered). */
  time: Date;
  /** Adds an empty invisible signature field of this name (for a document timestamp) in the same update. */
  timestampField?: string;
}

type Kind = 'Certs' | 'CRLs' | 'OCSPs';

/**
 * Where the update goes, read with the verifier's strict parser (as signing does): the newest revision's xref
 * offset and kind, the next free object number, and the field names already in use. pdf-lib below only supplies
 * the dictionaries this update rewrites (catalog, /AcroForm, first page), so it can never pick a different
 * revision chain than the verifier will read.
 */
async function readTail(pdf: Uint8Array): Promise<{ startxref: number; kind: 'table' | 'stream'; next: number; fieldNames: Set<string> }> {
  let parsed: ParsedPdf;
  try {
    parsed = await parsePdf(pdf);
  } catch (e) {
    if (e instanceof SaoyError && e.code === 'PDF_LIMIT') throw e;
    throw new SaoyError('PDF_UNREADABLE', 'the PDF could not be parsed', 'Không đọc được tệp PDF', { cause: e });
  }
  if (parsed.encrypted) throw new SaoyError('PDF_ENCRYPTED', 'encrypted PDFs cannot be extended', 'Không thể bổ sung dữ liệu cho tệp PDF đã mã hóa');
  if (parsed.unreadableTail?.kind === 'update') throw new SaoyError('PDF_UNREADABLE', `the PDF could not be parsed: ${parsed.unreadableTail.problem}`, 'Không đọc được tệp PDF');
  const newest = parsed.revisions[parsed.revisions.length - 1];
  if (!newest) throw new SaoyError('PDF_UNREADABLE', 'the PDF could not be parsed: no cross-reference section', 'Không đọc được tệp PDF');
  let next = 1;
  const size = dictGet(newest.trailer, 'Size');
  if (size?.kind === 'number' && size.isInteger && size.value > 0) next = size.value;
  for (const num of parsed.objectTable().keys()) next = Math.max(next, num + 1);
  const rootRef = dictGet(newest.trailer, 'Root');
  const catalog = rootRef?.kind === 'ref' ? asDict(parsed.resolve(rootRef)) : undefined;
  if (!catalog) throw new SaoyError('PDF_NO_ROOT', 'the PDF has no catalog', 'Tệp PDF không có danh mục gốc (catalog)');
  const fieldNames = new Set(listFields(parsed, catalog).map((f) => f.fullName));
  return { startxref: newest.xrefOffset, kind: newest.kind, next, fieldNames };
}

export async function appendDss(pdf: Uint8Array, update: DssUpdate): Promise<Uint8Array> {
  const tail = await readTail(pdf);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (e) {
    throw new SaoyError('PDF_UNREADABLE', 'the PDF could not be parsed', 'Không đọc được tệp PDF', { cause: e });
  }
  if (doc.context.trailerInfo.Encrypt) throw new SaoyError('PDF_ENCRYPTED', 'encrypted PDFs cannot be extended', 'Không thể bổ sung dữ liệu cho tệp PDF đã mã hóa');
  const rootRef = doc.context.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw new SaoyError('PDF_NO_ROOT', 'the PDF has no catalog', 'Tệp PDF không có danh mục gốc (catalog)');

  let next = Math.max(doc.context.largestObjectNumber + 1, tail.next);
  const objects: UpdatedObject[] = [];
  const catalog = doc.catalog.clone(doc.context);
  const oldDss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);

  // Streams already in the /DSS, by content, so nothing is written twice and VRI entries can point at them.
  const known = new Map<string, PDFRef>();
  const arrays: Record<Kind, PDFObject[]> = { Certs: [], CRLs: [], OCSPs: [] };
  for (const kind of ['Certs', 'CRLs', 'OCSPs'] as const) {
    const arr = oldDss?.lookupMaybe(PDFName.of(kind), PDFArray);
    for (const item of arr?.asArray() ?? []) {
      arrays[kind].push(item);
      if (!(item instanceof PDFRef)) continue;
      const s = doc.context.lookup(item);
      if (s instanceof PDFRawStream) {
        try {
          known.set(`${kind}:${toHex(decodePDFRawStream(s).decode())}`, item);
        } catch {
          // an unreadable stream is kept as it is, just not reused
        }
      }
    }
  }
  const refOf = (kind: Kind, der: Uint8Array): PDFRef => {
    const k = `${kind}:${toHex(der)}`;
    const have = known.get(k);
    if (have) return have;
    const ref = PDFRef.of(next++, 0);
    objects.push({ num: ref.objectNumber, gen: 0, body: concatBytes([latin1(`<< /Length ${der.length} >>\nstream\n`), der, latin1('\nendstream')]) });
    known.set(k, ref);
    arrays[kind].push(ref);
    return ref;
  };
  for (const c of update.certificates) refOf('Certs', c);
  for (const c of update.crls) refOf('CRLs', c);
  for (const o of update.ocspResponses) refOf('OCSPs', o);

  // VRI: the old entries as they were (references stay valid), new keys added, same keys replaced.
  const vriEntries = new Map<string, string>();
  const oldVri = oldDss?.lookupMaybe(PDFName.of('VRI'), PDFDict);
  for (const [k, v] of oldVri?.entries() ?? []) if (k.asString() !== '/Type') vriEntries.set(k.asString().slice(1), v.toString());
  const list = (refs: PDFRef[]) => `[${refs.map((r) => r.toString()).join(' ')}]`;
  for (const e of update.vri) {
    const parts = ['/Type /VRI'];
    if (e.certificates.length) parts.push(`/Cert ${list(e.certificates.map((c) => refOf('Certs', c)))}`);
    if (e.crls.length) parts.push(`/CRL ${list(e.crls.map((c) => refOf('CRLs', c)))}`);
    if (e.ocspResponses.length) parts.push(`/OCSP ${list(e.ocspResponses.map((c) => refOf('OCSPs', c)))}`);
    parts.push(`/TU ${textString(pdfDate(update.time))}`);
    const ref = PDFRef.of(next++, 0);
    objects.push({ num: ref.objectNumber, gen: 0, body: latin1(`<< ${parts.join(' ')} >>`) });
    vriEntries.set(e.key.toUpperCase(), ref.toString());
  }
  const vriRef = PDFRef.of(next++, 0);
  objects.push({ num: vriRef.objectNumber, gen: 0, body: latin1(`<< ${[...vriEntries].map(([k, v]) => `/${k} ${v}`).join(' ')} >>`) });
  const dssRef = PDFRef.of(next++, 0);
  const arr = (kind: Kind) => (arrays[kind].length ? ` /${kind} [${arrays[kind].map((x) => x.toString()).join(' ')}]` : '');
  objects.push({ num: dssRef.objectNumber, gen: 0, body: latin1(`<< /Type /DSS${arr('Certs')}${arr('CRLs')}${arr('OCSPs')} /VRI ${vriRef} >>`) });
  catalog.set(PDFName.of('DSS'), dssRef);

  if (update.timestampField) next = addTimestampField(doc, catalog, update.timestampField, next, objects, tail.fieldNames);
  objects.push({ num: rootRef.objectNumber, gen: rootRef.generationNumber, body: latin1(catalog.toString()) });

  const info = doc.context.trailerInfo.Info;
  const { bytes } = appendRevision(pdf, objects, { size: next, root: rootRef.toString(), info: info instanceof PDFRef ? info.toString() : undefined, id: trailerId(doc), prev: tail.startxref }, tail.kind);
  return bytes;
}

/**
 * An invisible signature field merged with its widget (/Rect [0 0 0 0], hidden and printable flags off), listed in
 * /AcroForm /Fields and in the first page's /Annots. Returns the next free object number.
 */
function addTimestampField(doc: PDFDocument, catalog: PDFDict, name: string, next: number, objects: UpdatedObject[], fieldNames: ReadonlySet<string>): number {
  if (fieldNames.has(name)) {
    throw new SaoyError('SIG_FIELD_EXISTS', `the PDF already has a field named "${name}"`, `Tệp PDF đã có ô tên "${name}"`);
  }
  const page = doc.getPages()[0];
  if (!page) throw new SaoyError('PDF_NO_PAGES', 'the PDF has no page', 'Tệp PDF không có trang nào');
  const fieldRef = PDFRef.of(next++, 0);
  objects.push({ num: fieldRef.objectNumber, gen: 0, body: latin1(`<< /Type /Annot /Subtype /Widget /FT /Sig /T ${textString(name)} /Rect [0 0 0 0] /F 132 /P ${page.ref} >>`) });

  const written = new Set(objects.map((o) => o.num));
  const write = (ref: PDFRef, obj: PDFObject) => {
    if (written.has(ref.objectNumber)) return;
    written.add(ref.objectNumber);
    objects.push({ num: ref.objectNumber, gen: ref.generationNumber, body: latin1(obj.toString()) });
  };

  // /AcroForm /Fields gains the field (written where it lives: the array, the form dictionary or the catalog).
  const formValue = catalog.get(PDFName.of('AcroForm'));
  const form = formValue instanceof PDFRef ? doc.context.lookupMaybe(formValue, PDFDict)?.clone(doc.context) : formValue instanceof PDFDict ? formValue.clone(doc.context) : undefined;
  const newForm = form ?? doc.context.obj({});
  const fieldsValue = newForm.get(PDFName.of('Fields'));
  if (fieldsValue instanceof PDFRef) {
    const fields = doc.context.lookupMaybe(fieldsValue, PDFArray)?.clone(doc.context) ?? doc.context.obj([]);
    fields.push(fieldRef);
    write(fieldsValue, fields);
  } else {
    const fields = fieldsValue instanceof PDFArray ? fieldsValue.clone(doc.context) : doc.context.obj([]);
    fields.push(fieldRef);
    newForm.set(PDFName.of('Fields'), fields);
  }
  newForm.set(PDFName.of('SigFlags'), doc.context.obj(3));
  if (formValue instanceof PDFRef) write(formValue, newForm);
  else catalog.set(PDFName.of('AcroForm'), newForm);

  // The first page's /Annots gains the widget.
  const annotsValue = page.node.get(PDFName.of('Annots'));
  if (annotsValue instanceof PDFRef) {
    const annots = doc.context.lookupMaybe(annotsValue, PDFArray)?.clone(doc.context) ?? doc.context.obj([]);
    annots.push(fieldRef);
    write(annotsValue, annots);
  } else {
    const pageDict = page.node.clone(doc.context);
    const annots = annotsValue instanceof PDFArray ? annotsValue.clone(doc.context) : doc.context.obj([]);
    annots.push(fieldRef);
    pageDict.set(PDFName.of('Annots'), annots);
    write(page.ref, pageDict);
  }
  return next;
}

/** A literal string when the text is plain printable ASCII (what readers show as is), else UTF-16BE hex. */
function textString(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) && !/[()\\]/.test(text) ? `(${text})` : pdfTextString(text);
}

/** Keeps the permanent first /ID half and renews the second, as an update should. */
function trailerId(doc: PDFDocument): string | undefined {
  const fresh = toHex(globalThis.crypto.getRandomValues(new Uint8Array(16))).toUpperCase();
  const id = doc.context.trailerInfo.ID;
  const firstObj = id instanceof PDFArray ? id.get(0) : undefined;
  const first = firstObj instanceof PDFHexString || firstObj instanceof PDFString ? firstObj.toString() : '';
  return `[${first || `<${fresh}>`} <${fresh}>]`;
}
