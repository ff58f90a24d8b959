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
  /**
   * Reached from a page's /Annots but not from /AcroForm /Fields (poppler's pdfsig signs files that already have
   * a form this way). Whether the update that added it is allowed is the difference analysis's question.
   */
  notInFields?: boolean;
}

const MAX_FIELDS = 5000;
const MAX_PAGES = 10_000;

/** Widget annotations of every page (page tree walked with a depth and page bound). */
function pageWidgets(view: RevisionView): { value: PdfValue }[] {
  const out: { value: PdfValue }[] = [];
  const seen = new Set<number>();
  let pages = 0;
  const visit = (node: PdfValue | undefined, depth: number) => {
    const n = refNum(node);
    if (depth > MAX_DEPTH || pages > MAX_PAGES || (n !== undefined && seen.has(n))) return;
    if (n !== undefined) seen.add(n);
    const d = view.dict(node);
    if (!d) return;
    const kids = view.getArray(d, 'Kids');
    if (kids) {
      for (const k of kids) visit(k, depth + 1);
      return;
    }
    pages++;
    for (const a of view.getArray(d, 'Annots') ?? []) {
      if (out.length >= MAX_FIELDS) return;
      if (view.getName(view.dict(a), 'Subtype') === 'Widget') out.push({ value: a });
    }
  };
  visit(dictGet(view.catalog() ?? { kind: 'dict', entries: new Map() }, 'Pages'), 0);
  return out;
}

/** A field attribute looked up through /Parent (ISO 32000-2 §12.7.4.1 inheritable entries). */
function inheritedName(view: RevisionView, field: PdfDict, key: string): string | undefined {
  let d: PdfDict | undefined = field;
  for (let i = 0; d && i < MAX_DEPTH; i++, d = view.getDict(d, 'Parent')) {
    const v = view.getName(d, key);
    if (v) return v;
  }
  return undefined;
}

/** The fully qualified field name: the /T of the field and of each /Parent, joined with dots. */
function qualifiedName(view: RevisionView, field: PdfDict): string {
  const parts: string[] = [];
  let d: PdfDict | undefined = field;
  for (let i = 0; d && i < MAX_DEPTH; i++, d = view.getDict(d, 'Parent')) {
    const t = dictGet(d, 'T');
    if (t?.kind === 'string') parts.unshift(decodePdfText(t));
  }
  return parts.join('.');
}
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
  for (const widget of pageWidgets(view)) {
    // The terminal field is the widget itself when it carries /T or /FT, else its /Parent (merged or not).
    const own = view.dict(widget.value);
    if (!own) continue;
    const fieldRef = dictGet(own, 'T') || dictGet(own, 'FT') ? widget.value : dictGet(own, 'Parent');
    const num = refNum(fieldRef);
    if (num === undefined || seenFields.has(num)) continue;
    seenFields.add(num);
    const field = view.dict(fieldRef);
    if (!field || inheritedName(view, field, 'FT') !== 'Sig') continue;
    const vRaw = dictGet(field, 'V');
    const sig = view.dict(vRaw);
    if (!sig) continue;
    signatures.push({ fieldName: qualifiedName(view, field) || `(field ${num})`, fieldNum: num, sigNum: refNum(vRaw), sig, reachable: true, notInFields: true });
  }

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
