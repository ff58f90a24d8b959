/** What each object of a revision is (catalog, form, field, widget, page...), so a change can be judged by its role. */
import type { ParsedPdf, PdfDict, PdfValue } from '../../pdf/parse/index.js';
import { dictGet } from '../../pdf/parse/index.js';
import { RevisionView, refNum } from '../pdf-access.js';

export interface Roles {
  catalog?: number;
  acroForm?: number;
  info?: number;
  metadata?: number;
  sigFields: Set<number>;
  sigWidgets: Set<number>;
  otherFields: Set<number>;
  otherWidgets: Set<number>;
  pages: Set<number>;
  annotArrays: Set<number>;
  /** Field object number → fully qualified field name (ISO 32000-2 §12.7.4.2), for /Lock and FieldMDP lists. */
  fieldNames: Map<number, string>;
  /** Field objects whose own or inherited /FT is /Sig and that have a /V (already signed in this revision). */
  signedSigFields: Set<number>;
  /** Widget → its field (the same object for a merged field-widget). */
  widgetField: Map<number, number>;
  /** Object number → short description of its role (for the report). */
  label: Map<number, string>;
}

const LIMIT = 20_000;

export function rolesAt(pdf: ParsedPdf, rev: number): Roles {
  const v = new RevisionView(pdf, rev);
  const trailer = v.trailer();
  const catalogRef = dictGet(trailer, 'Root');
  const catalog = v.dict(catalogRef);
  const r: Roles = {
    catalog: refNum(catalogRef),
    acroForm: refNum(dictGet(catalog, 'AcroForm')),
    info: refNum(dictGet(trailer, 'Info')),
    metadata: refNum(dictGet(catalog, 'Metadata')),
    sigFields: new Set(),
    sigWidgets: new Set(),
    otherFields: new Set(),
    otherWidgets: new Set(),
    pages: new Set(),
    annotArrays: new Set(),
    fieldNames: new Map(),
    signedSigFields: new Set(),
    widgetField: new Map(),
    label: new Map(),
  };
  if (r.catalog !== undefined) r.label.set(r.catalog, 'document catalog');
  if (r.acroForm !== undefined) r.label.set(r.acroForm, 'form dictionary (/AcroForm)');
  if (r.info !== undefined) r.label.set(r.info, 'document information dictionary');
  if (r.metadata !== undefined) r.label.set(r.metadata, 'XMP metadata');

  let budget = LIMIT;
  const form = v.dict(dictGet(catalog, 'AcroForm'));
  const walkFields = (items: readonly PdfValue[], ft: string | undefined, depth: number, prefix: string) => {
    if (depth > 20) return;
    for (const item of items) {
      if (--budget < 0) return;
      const num = refNum(item);
      const d = v.dict(item);
      if (!d) continue;
      const myFt = v.getName(d, 'FT') ?? ft;
      const partial = v.getText(d, 'T');
      const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
      const kids = v.getArray(d, 'Kids') ?? [];
      const fieldKids = kids.filter((k) => dictGet(v.dict(k), 'T') !== undefined);
      const widgetKids = kids.filter((k) => dictGet(v.dict(k), 'T') === undefined);
      if (num !== undefined) {
        (myFt === 'Sig' ? r.sigFields : r.otherFields).add(num);
        r.label.set(num, `${myFt === 'Sig' ? 'signature field' : 'form field'} ${fieldName(v, d)}`);
        r.fieldNames.set(num, name);
        if (myFt === 'Sig' && dictGet(d, 'V') !== undefined) r.signedSigFields.add(num);
        if (isWidget(v, d)) {
          (myFt === 'Sig' ? r.sigWidgets : r.otherWidgets).add(num);
          r.widgetField.set(num, num);
        }
      }
      for (const w of widgetKids) {
        const wn = refNum(w);
        if (wn === undefined) continue;
        (myFt === 'Sig' ? r.sigWidgets : r.otherWidgets).add(wn);
        if (num !== undefined) r.widgetField.set(wn, num);
        r.label.set(wn, `widget of ${myFt === 'Sig' ? 'signature ' : ''}field ${fieldName(v, d)}`);
      }
      walkFields(fieldKids, myFt, depth + 1, name);
    }
  };
  walkFields(v.getArray(form, 'Fields') ?? [], undefined, 0, '');

  const seen = new Set<number>();
  const walkPages = (node: PdfValue | undefined, depth: number) => {
    const num = refNum(node);
    if (num === undefined || seen.has(num) || depth > 64 || --budget < 0) return;
    seen.add(num);
    const d = v.dict(node);
    if (!d) return;
    const type = v.getName(d, 'Type');
    if (type === 'Pages' || (type !== 'Page' && dictGet(d, 'Kids'))) {
      r.label.set(num, 'page tree node');
      for (const k of v.getArray(d, 'Kids') ?? []) walkPages(k, depth + 1);
      return;
    }
    r.pages.add(num);
    r.label.set(num, `page ${r.pages.size}`);
    const annots = refNum(dictGet(d, 'Annots'));
    if (annots !== undefined) {
      r.annotArrays.add(annots);
      r.label.set(annots, `annotation list of page ${r.pages.size}`);
    }
    const contents = dictGet(d, 'Contents');
    const cnum = refNum(contents);
    if (cnum !== undefined && !r.label.has(cnum)) r.label.set(cnum, `content of page ${r.pages.size}`);
  };
  walkPages(dictGet(catalog, 'Pages'), 0);
  return r;
}

function isWidget(v: RevisionView, d: PdfDict): boolean {
  return v.getName(d, 'Subtype') === 'Widget';
}

function fieldName(v: RevisionView, d: PdfDict): string {
  const t = v.getText(d, 'T');
  return t ? `"${t}"` : '(unnamed)';
}
