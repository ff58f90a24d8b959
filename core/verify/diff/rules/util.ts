/** Small predicates the rules share. */
import type { PdfDict, PdfValue } from '../../../pdf/parse/index.js';
import { asDict, dictGet } from '../../../pdf/parse/index.js';
import type { RevisionView } from '../../pdf-access.js';
import { refNum } from '../../pdf-access.js';

export function nameOf(v: PdfValue | undefined): string | undefined {
  return v?.kind === 'name' ? v.value : undefined;
}

/** A signature dictionary (or a document timestamp's). */
export function isSignatureDict(d: PdfDict | undefined): boolean {
  const t = nameOf(dictGet(d, 'Type'));
  return t === 'Sig' || t === 'DocTimeStamp' || (dictGet(d, 'ByteRange') !== undefined && dictGet(d, 'Contents') !== undefined);
}

/** ISO 32000-2 §12.8.5: a document timestamp is an LTA update even under DocMDP P=1. */
export function isDocTimestamp(d: PdfDict | undefined): boolean {
  return nameOf(dictGet(d, 'Type')) === 'DocTimeStamp' || nameOf(dictGet(d, 'SubFilter')) === 'ETSI.RFC3161';
}

/** Widget objects of a field: itself when it is a merged field-widget, else its /Kids without /T. */
export function widgetsOf(v: RevisionView, fieldNum: number, field: PdfDict): number[] {
  if (nameOf(v.get(field, 'Subtype')) === 'Widget') return [fieldNum];
  const out: number[] = [];
  for (const k of v.getArray(field, 'Kids') ?? []) {
    const n = refNum(k);
    if (n !== undefined && dictGet(v.dict(k), 'T') === undefined) out.push(n);
  }
  return out;
}

/**
 * Nothing of the widget can be seen: a zero-size /Rect, the Hidden (2) or NoView (32) flag, no normal appearance,
 * or a normal appearance that is empty or has a zero-area /BBox.
 */
export function isInvisibleWidget(v: RevisionView, w: PdfDict | undefined): boolean {
  if (!w) return true;
  const rect = (v.getArray(w, 'Rect') ?? []).map((x) => v.resolve(x)).map((x) => (x?.kind === 'number' ? x.value : NaN));
  if (rect.length === 4 && (Math.abs(rect[2] - rect[0]) < 1e-6 || Math.abs(rect[3] - rect[1]) < 1e-6)) return true;
  const f = v.getInt(w, 'F') ?? 0;
  if (f & 2 || f & 32) return true;
  const n = v.get(v.getDict(w, 'AP'), 'N');
  if (!n) return true;
  const streams = n.kind === 'stream' ? [n] : n.kind === 'dict' ? [...n.entries.values()].map((x) => v.resolve(x)) : [];
  return streams.every((s) => {
    if (s?.kind !== 'stream') return true;
    if (s.raw.length === 0) return true;
    const bbox = (v.getArray(s.dict, 'BBox') ?? []).map((x) => v.resolve(x)).map((x) => (x?.kind === 'number' ? x.value : NaN));
    return bbox.length === 4 && (Math.abs(bbox[2] - bbox[0]) < 1e-6 || Math.abs(bbox[3] - bbox[1]) < 1e-6);
  });
}

/** Object numbers of the appearance streams a widget's /AP reaches (N, R, D; state dictionaries included). */
export function appearanceObjects(v: RevisionView, w: PdfDict | undefined): Set<number> {
  const out = new Set<number>();
  const ap = dictGet(w, 'AP');
  const apNum = refNum(ap);
  if (apNum !== undefined) out.add(apNum);
  const apd = v.dict(ap);
  for (const k of ['N', 'R', 'D']) {
    const e = dictGet(apd, k);
    const n = refNum(e);
    if (n !== undefined) out.add(n);
    const d = asDict(v.resolve(e));
    if (d && v.resolve(e)?.kind === 'dict') for (const s of d.entries.values()) if (refNum(s) !== undefined) out.add(refNum(s) as number);
  }
  return out;
}

export function describe(v: PdfValue | undefined): { en: string; vi: string } {
  const d = asDict(v);
  const t = nameOf(dictGet(d, 'Type'));
  const s = nameOf(dictGet(d, 'Subtype'));
  if (t === 'Annot' || (s && !t && dictGet(d, 'Rect'))) return { en: `annotation${s ? ` (${s})` : ''}`, vi: `chú thích${s ? ` (${s})` : ''}` };
  if (t === 'Page') return { en: 'page', vi: 'trang' };
  if (t === 'Catalog') return { en: 'document catalog', vi: 'danh mục gốc' };
  if (t === 'Font' || t === 'FontDescriptor') return { en: 'font', vi: 'phông chữ' };
  if (t === 'XObject' || s === 'Image' || s === 'Form') return s === 'Image' ? { en: 'image XObject', vi: 'hình ảnh' } : { en: 'form XObject', vi: 'khối đồ họa' };
  if (v?.kind === 'stream') return { en: 'content stream', vi: 'luồng nội dung' };
  if (t) return { en: `/${t} object`, vi: `đối tượng /${t}` };
  return v ? { en: `${v.kind} object`, vi: `đối tượng ${v.kind}` } : { en: 'object', vi: 'đối tượng' };
}
