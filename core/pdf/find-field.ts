import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';
import { SaoyError } from '../errors.js';

export interface FoundField {
  ref: PDFRef;
  dict: PDFDict;
  fullName: string;
}

const MAX_FIELDS = 10_000;

function partialName(dict: PDFDict): string | undefined {
  const t = dict.get(PDFName.of('T'));
  if (t instanceof PDFString || t instanceof PDFHexString) return t.decodeText();
  return undefined;
}

/** Every terminal form field reachable from /AcroForm /Fields, with its fully qualified name. */
export function listFields(doc: PDFDocument): FoundField[] {
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const out: FoundField[] = [];
  if (!fields) return out;
  const seen = new Set<string>();
  const walk = (arr: PDFArray, prefix: string) => {
    for (let i = 0; i < arr.size(); i++) {
      const ref = arr.get(i);
      if (!(ref instanceof PDFRef) || seen.has(ref.toString()) || seen.size > MAX_FIELDS) continue;
      seen.add(ref.toString());
      const dict = doc.context.lookupMaybe(ref, PDFDict);
      if (!dict) continue;
      const name = partialName(dict);
      const full = name === undefined ? prefix : prefix ? `${prefix}.${name}` : name;
      const kids = dict.lookupMaybe(PDFName.of('Kids'), PDFArray);
      const kidsAreFields = kids && kids.asArray().some((k) => k instanceof PDFRef && partialName(doc.context.lookupMaybe(k, PDFDict) ?? PDFDict.withContext(doc.context)) !== undefined);
      if (kids && kidsAreFields) walk(kids, full);
      else out.push({ ref, dict, fullName: full });
    }
  };
  walk(fields, '');
  return out;
}

/** The empty signature field to fill; refuses a missing, non-signature or already signed field. */
export function findEmptySignatureField(doc: PDFDocument, name: string): FoundField {
  const field = listFields(doc).find((f) => f.fullName === name);
  if (!field) {
    throw new SaoyError('SIG_FIELD_MISSING', `the PDF has no signature field named "${name}"`, `Tệp PDF không có ô chữ ký "${name}"`);
  }
  const ft = field.dict.lookupMaybe(PDFName.of('FT'), PDFName);
  if (ft !== PDFName.of('Sig')) {
    throw new SaoyError('SIG_FIELD_WRONG_TYPE', `the field "${name}" is not a signature field`, `Ô "${name}" không phải ô chữ ký`);
  }
  if (field.dict.get(PDFName.of('V'))) {
    throw new SaoyError('SIG_FIELD_ALREADY_SIGNED', `the signature field "${name}" is already signed`, `Ô chữ ký "${name}" đã được ký`);
  }
  return field;
}
