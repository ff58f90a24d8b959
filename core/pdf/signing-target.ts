/**
 * What signing needs to know about a PDF, read with the same strict, bounded parser verification uses
 * (core/pdf/parse): the newest revision (where the update's /Prev points, its xref kind, the next free object
 * number), the catalog, the trailer's /Info and /ID, and the empty signature field to fill. Reading the file the
 * way the verifier will read it means a signer can never fill a field the verifier would not find, or append to
 * a revision chain the verifier would read differently.
 */
import { SaoyError } from '../errors.js';
import { asDict, decodePdfText, dictGet, isName, parsePdf, type ParsedPdf, type PdfArray, type PdfDict, type PdfValue } from './parse/index.js';
import type { XrefKind } from './parse/index.js';
import { writeValue } from './write-value.js';

export interface FoundField {
  readonly num: number;
  readonly gen: number;
  readonly dict: PdfDict;
  readonly fullName: string;
}

export interface SigningTarget {
  readonly parsed: ParsedPdf;
  /** Byte offset of the newest cross-reference section: the update's /Prev. */
  readonly prev: number;
  /** The update's cross-reference section is written in the same kind as the newest one. */
  readonly kind: XrefKind;
  /** Lowest object number no revision uses: new objects start here. */
  readonly nextObject: number;
  readonly root: { readonly num: number; readonly gen: number };
  readonly catalog: PdfDict;
  /** The trailer's /Info reference, written ("N G R"). */
  readonly info?: string;
  /** The first (permanent) half of the trailer's /ID, written; undefined when the file has none. */
  readonly firstId?: string;
  readonly field: FoundField;
}

const MAX_FIELDS = 10_000;

function unreadable(detail: string, cause?: unknown): SaoyError {
  return new SaoyError('PDF_UNREADABLE', `the PDF could not be parsed: ${detail}`, 'Không đọc được tệp PDF', cause === undefined ? undefined : { cause });
}

function partialName(dict: PdfDict): string | undefined {
  const t = dictGet(dict, 'T');
  return t?.kind === 'string' ? decodePdfText(t) : undefined;
}

/** Every terminal form field reachable from the catalog's /AcroForm /Fields, with its fully qualified name. */
export function listFields(pdf: ParsedPdf, catalog: PdfDict): FoundField[] {
  const form = asDict(pdf.resolve(dictGet(catalog, 'AcroForm')));
  const fields = pdf.resolve(dictGet(form, 'Fields'));
  const out: FoundField[] = [];
  if (fields.kind !== 'array') return out;
  const seen = new Set<string>();
  const field = (v: PdfValue) => (v.kind === 'ref' ? asDict(pdf.resolve(v)) : undefined);
  const walk = (arr: PdfArray, prefix: string) => {
    for (const item of arr.items) {
      if (item.kind !== 'ref' || seen.has(`${item.num} ${item.gen}`) || seen.size > MAX_FIELDS) continue;
      seen.add(`${item.num} ${item.gen}`);
      const dict = field(item);
      if (!dict) continue;
      const name = partialName(dict);
      const full = name === undefined ? prefix : prefix ? `${prefix}.${name}` : name;
      const kids = pdf.resolve(dictGet(dict, 'Kids'));
      // Kids without a /T are widgets of this field; with a /T they are fields of their own.
      const kidsAreFields = kids.kind === 'array' && kids.items.some((k) => {
        const d = field(k);
        return d !== undefined && partialName(d) !== undefined;
      });
      if (kids.kind === 'array' && kidsAreFields) walk(kids, full);
      else out.push({ num: item.num, gen: item.gen, dict, fullName: full });
    }
  };
  walk(fields, '');
  return out;
}

/** The empty signature field to fill; refuses a missing, non-signature or already signed field. */
export function findEmptySignatureField(pdf: ParsedPdf, catalog: PdfDict, name: string): FoundField {
  const field = listFields(pdf, catalog).find((f) => f.fullName === name);
  if (!field) {
    throw new SaoyError('SIG_FIELD_MISSING', `the PDF has no signature field named "${name}"`, `Tệp PDF không có ô chữ ký "${name}"`);
  }
  if (!isName(pdf.resolve(dictGet(field.dict, 'FT')), 'Sig')) {
    throw new SaoyError('SIG_FIELD_WRONG_TYPE', `the field "${name}" is not a signature field`, `Ô "${name}" không phải ô chữ ký`);
  }
  if (pdf.resolve(dictGet(field.dict, 'V')).kind !== 'null') {
    throw new SaoyError('SIG_FIELD_ALREADY_SIGNED', `the signature field "${name}" is already signed`, `Ô chữ ký "${name}" đã được ký`);
  }
  return field;
}

/** Parses `pdf` strictly and locates everything an incremental signing update needs. */
export async function readSigningTarget(pdf: Uint8Array, fieldName: string): Promise<SigningTarget> {
  let parsed: ParsedPdf;
  try {
    parsed = await parsePdf(pdf);
  } catch (e) {
    if (e instanceof SaoyError && e.code === 'PDF_LIMIT') throw e;
    throw unreadable(e instanceof Error ? e.message : String(e), e);
  }
  if (parsed.encrypted) throw new SaoyError('PDF_ENCRYPTED', 'encrypted PDFs cannot be signed', 'Không thể ký tệp PDF đã mã hóa');
  // An update appended after an unreadable one would cut it out of the revision chain.
  if (parsed.unreadableTail?.kind === 'update') throw unreadable(parsed.unreadableTail.problem);
  const newest = parsed.revisions[parsed.revisions.length - 1];
  if (!newest) throw unreadable('no cross-reference section');
  const rootRef = dictGet(newest.trailer, 'Root');
  const catalog = rootRef?.kind === 'ref' ? asDict(parsed.resolve(rootRef)) : undefined;
  if (rootRef?.kind !== 'ref' || !catalog) throw new SaoyError('PDF_NO_ROOT', 'the PDF has no catalog', 'Tệp PDF không có danh mục gốc (catalog)');
  const field = findEmptySignatureField(parsed, catalog, fieldName);

  let nextObject = 1;
  const size = dictGet(newest.trailer, 'Size');
  if (size?.kind === 'number' && size.isInteger && size.value > 0) nextObject = size.value;
  for (const num of parsed.objectTable().keys()) nextObject = Math.max(nextObject, num + 1);

  const info = dictGet(newest.trailer, 'Info');
  const id = parsed.resolve(dictGet(newest.trailer, 'ID'));
  const first = id.kind === 'array' ? id.items[0] : undefined;
  return {
    parsed,
    prev: newest.xrefOffset,
    kind: newest.kind,
    nextObject,
    root: { num: rootRef.num, gen: rootRef.gen },
    catalog,
    ...(info?.kind === 'ref' ? { info: writeValue(info) } : {}),
    ...(first?.kind === 'string' ? { firstId: writeValue(first) } : {}),
    field,
  };
}
