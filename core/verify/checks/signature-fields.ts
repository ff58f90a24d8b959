/**
 * Which signatures the document has: signature fields reachable from /AcroForm /Fields (with /V), and
 * signature dictionaries that some xref makes live but no field reaches (forgery vectors: reported).
 */
import type { ParsedPdf, PdfDict, PdfValue } from '../../pdf/parse/index.js';
import { decodePdfText, dictGet } from '../../pdf/parse/index.js';
import { isSaoyError } from '../../errors.js';
import { RevisionView, refNum } from '../pdf-access.js';

export interface FoundSignature {
  fieldName: string;
  /** Object number of the field dictionary (undefined when the signature is unreachable). */
  fieldNum?: number;
  /** Object number of the signature dictionary, when it is an indirect object. */
  sigNum?: number;
  sig: PdfDict;
  reachable: boolean;
  /** The field's /V exists but its signature dictionary cannot be read. */
  unreadable?: boolean;
}

const MAX_FIELDS = 5000;
const MAX_DEPTH = 20;

export function findSignatures(pdf: ParsedPdf): { signatures: FoundSignature[]; emptyFields: string[] } {
  const last = pdf.revisions.length - 1;
  const view = new RevisionView(pdf, last);
  const form = view.getDict(view.catalog(), 'AcroForm');
  const signatures: FoundSignature[] = [];
  const emptyFields: string[] = [];
  const seenFields = new Set<number>();
  let count = 0;

  const walk = (items: readonly PdfValue[], prefix: string, inheritedFT: string | undefined, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const item of items) {
      if (++count > MAX_FIELDS) return;
      const num = refNum(item);
      if (num !== undefined) {
        if (seenFields.has(num)) continue;
        seenFields.add(num);
      }
      const field = view.dict(item);
      if (!field) continue;
      const t = dictGet(field, 'T');
      const partial = t?.kind === 'string' ? decodePdfText(t) : undefined;
      const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
      const ft = view.getName(field, 'FT') ?? inheritedFT;
      const kids = view.getArray(field, 'Kids');
      const kidFields = kids?.filter((k) => dictGet(view.dict(k), 'T') !== undefined) ?? [];
      if (kidFields.length > 0) {
        walk(kidFields, name, ft, depth + 1);
        continue;
      }
      if (ft !== 'Sig') continue;
      const vRaw = dictGet(field, 'V');
      const sig = view.dict(vRaw);
      if (!sig) {
        // A value that is there but unreadable is a broken signature, not an empty field.
        if (vRaw) signatures.push({ fieldName: name || `(field ${num ?? '?'})`, fieldNum: num, sigNum: refNum(vRaw), sig: { kind: 'dict', entries: new Map() }, reachable: true, unreadable: true });
        else emptyFields.push(name);
        continue;
      }
      signatures.push({ fieldName: name || `(field ${num ?? '?'})`, fieldNum: num, sigNum: refNum(vRaw), sig, reachable: true });
    }
  };
  walk(view.getArray(form, 'Fields') ?? [], '', undefined, 0);

  // Signature dictionaries live in the final xref but not reached by any field.
  const reached = new Set(signatures.map((s) => s.sigNum).filter((n): n is number => n !== undefined));
  for (const [num, entry] of pdf.objectTable(last)) {
    if (entry.type === 'free' || reached.has(num)) continue;
    let obj;
    try {
      obj = pdf.getObject(num, last);
    } catch (e) {
      if (isSaoyError(e) && e.code === 'PDF_LIMIT') throw e;
      continue;
    }
    if (!obj || obj.value.kind !== 'dict') continue;
    const d = obj.value;
    const type = view.getName(d, 'Type');
    if (type === 'Sig' || type === 'DocTimeStamp' || (dictGet(d, 'ByteRange') && dictGet(d, 'Contents'))) {
      signatures.push({ fieldName: `(signature object ${num}, no field)`, sigNum: num, sig: d, reachable: false });
    }
  }
  return { signatures, emptyFields };
}
