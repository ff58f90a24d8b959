/**
 * Difference analysis, reject by default: compares the signed revision with the final document object by
 * object, and allows a change only when a rule explains it for that object in that role (docs/ARCHITECTURE.md "VerificationReport").
 */
import type { IndirectObject, ParsedPdf, PdfDict, PdfValue, XrefEntry } from '../../pdf/parse/index.js';
import { asDict, dictGet } from '../../pdf/parse/index.js';
import { RevisionView, refNum } from '../pdf-access.js';
import type { Modification, ModificationLevel } from '../report.js';
import { changedKeys, refsIn, sameValue } from './equal.js';
import { rolesAt, type Roles } from './roles.js';

export interface DiffResult {
  level: ModificationLevel;
  modifications: Modification[];
  /** Form filling other than signing happened (matters for DocMDP P=1). */
  formFilling: boolean;
}

const SIG_FIELD_KEYS = new Set(['V', 'AP', 'AS', 'MK']);
const WIDGET_KEYS = new Set(['AP', 'AS', 'MK']);
const FORM_FILL_KEYS = new Set(['V', 'AP', 'AS']);
const ACROFORM_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA']);
const CATALOG_KEYS = new Set(['DSS', 'AcroForm', 'Extensions', 'Metadata']);

function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.type !== b.type || a.gen !== b.gen) return false;
  if (a.type === 'offset' && b.type === 'offset') return a.offset === b.offset;
  if (a.type === 'compressed' && b.type === 'compressed') return a.streamNum === b.streamNum && a.index === b.index;
  return true;
}

function isContainer(obj: IndirectObject): boolean {
  if (obj.value.kind !== 'stream') return false;
  const t = dictGet(obj.value.dict, 'Type');
  return t?.kind === 'name' && (t.value === 'XRef' || t.value === 'ObjStm');
}

export function analyseChanges(pdf: ParsedPdf, signedRev: number): DiffResult {
  const last = pdf.revisions.length - 1;
  const mods: Modification[] = [];
  let formFilling = false;
  let sigAdded = false;
  let ltaOnly = true;
  if (signedRev === last) return { level: 'NONE', modifications: [], formFilling: false };

  const vs = new RevisionView(pdf, signedRev);
  const vf = new RevisionView(pdf, last);
  const roles = rolesAt(pdf, signedRev);
  const tableS = pdf.objectTable(signedRev);
  const tableF = pdf.objectTable(last);
  const deny = (object: string, description: string, descriptionVi: string) => mods.push({ object, description, descriptionVi, allowed: false });
  const allow = (object: string, description: string, descriptionVi: string) => mods.push({ object, description, descriptionVi, allowed: true });
  const label = (n: number) => `object ${n}${roles.label.has(n) ? ` (${roles.label.get(n)})` : ''}`;

  // The trailer: same catalog, no encryption appearing later.
  if (refNum(dictGet(vs.trailer(), 'Root')) !== refNum(dictGet(vf.trailer(), 'Root'))) deny('trailer', 'the document catalog was replaced (/Root)', 'danh mục gốc của tài liệu bị thay thế (/Root)');
  if (!dictGet(vs.trailer(), 'Encrypt') && dictGet(vf.trailer(), 'Encrypt')) deny('trailer', 'encryption was added after signing', 'tài liệu bị mã hóa sau khi ký');

  const changed: number[] = [];
  const added = new Set<number>();
  const nums = new Set([...tableS.keys(), ...tableF.keys()]);
  for (const n of nums) {
    if (n === 0) continue;
    const eS = tableS.get(n);
    const eF = tableF.get(n);
    if (sameEntry(eS, eF) && (eF?.type !== 'compressed' || sameEntry(tableS.get(eF.streamNum), tableF.get(eF.streamNum)))) continue;
    const oS = eS && eS.type !== 'free' ? pdf.getObject(n, signedRev) : undefined;
    const oF = eF && eF.type !== 'free' ? pdf.getObject(n, last) : undefined;
    if (!oS && !oF) continue;
    if (oS && oF && oS.gen === oF.gen && sameValue(oS.value, oF.value)) continue;
    if (!oS && oF) {
      if (!isContainer(oF)) added.add(n);
    } else if (oS && !oF) {
      eF && eF.type !== 'free' ? deny(label(n), 'object no longer found where the cross-reference table points', 'không còn tìm thấy đối tượng tại vị trí bảng tham chiếu chỉ tới') : deny(label(n), 'object was deleted after signing', 'đối tượng bị xóa sau khi ký');
    } else if (oS && oF && oS.gen !== oF.gen) {
      deny(label(n), `object redefined with another generation (${oS.gen} → ${oF.gen})`, `đối tượng bị định nghĩa lại với thế hệ khác (${oS.gen} → ${oF.gen})`);
    } else {
      changed.push(n);
    }
  }

  const approvedNew = new Set<number>();
  const newSigWidgets = new Set<number>();
  const approveSubtree = (v: PdfValue | undefined) => {
    for (const r of refsIn(v)) if (added.has(r)) approvedNew.add(r);
  };

  // A new field listed in /Fields must be a signature field (with its widget(s) and maybe its value).
  const acceptNewSigField = (n: number): boolean => {
    const d = asDict(pdf.getObject(n, last)?.value);
    if (!d || vf.getName(d, 'FT') !== 'Sig') return false;
    approvedNew.add(n);
    if (vf.getName(d, 'Subtype') === 'Widget') newSigWidgets.add(n);
    for (const k of vf.getArray(d, 'Kids') ?? []) {
      const kn = refNum(k);
      if (kn !== undefined && added.has(kn)) {
        newSigWidgets.add(kn);
        approvedNew.add(kn);
        approveSubtree(dictGet(asDict(pdf.getObject(kn, last)?.value), 'AP'));
      }
    }
    approveSubtree(dictGet(d, 'V'));
    approveSubtree(dictGet(d, 'AP'));
    // A document timestamp is an LTA update (allowed even under DocMDP P=1); a signature is form filling.
    if (!isDocTimestamp(vf.dict(dictGet(d, 'V')))) {
      sigAdded = true;
      ltaOnly = false;
    }
    return true;
  };

  const judgeAcroForm = (where: string, s: PdfDict | undefined, f: PdfDict | undefined) => {
    if (!s || !f) return deny(where, 'the form dictionary appeared or disappeared', 'từ điển biểu mẫu bị thêm hoặc bỏ');
    const keys = changedKeys(s.entries, f.entries);
    const bad = keys.filter((k) => !ACROFORM_KEYS.has(k));
    if (bad.length) return deny(where, `form dictionary changed: /${bad.join(', /')}`, `từ điển biểu mẫu bị thay đổi: /${bad.join(', /')}`);
    if (keys.includes('Fields')) {
      const before = (vs.getArray(s, 'Fields') ?? []).map(refNum);
      const after = (vf.getArray(f, 'Fields') ?? []).map(refNum);
      const missing = before.filter((n) => !after.includes(n));
      if (missing.length) return deny(where, 'form fields were removed from /Fields', 'ô biểu mẫu bị xóa khỏi /Fields');
      for (const n of after) {
        if (before.includes(n)) continue;
        if (n === undefined || !added.has(n) || !acceptNewSigField(n)) return deny(where, `/Fields gained something other than a new signature field (object ${n ?? 'direct'})`, `/Fields được thêm thứ không phải ô chữ ký mới (đối tượng ${n ?? 'trực tiếp'})`);
      }
    }
    if (keys.includes('DR')) approveSubtree(dictGet(f, 'DR'));
    keys.includes('Fields') ? allow(where, 'new signature field listed in the form', 'thêm ô chữ ký mới vào biểu mẫu') : allow(where, 'form settings for signatures', 'thiết lập biểu mẫu cho chữ ký');
  };

  // Pass 1: catalog, form and fields (they decide which new widgets are legitimate).
  const later: number[] = [];
  for (const n of changed) {
    const s = asDict(pdf.getObject(n, signedRev)?.value);
    const f = asDict(pdf.getObject(n, last)?.value);
    if (n === roles.catalog) {
      const keys = changedKeys(s?.entries ?? new Map(), f?.entries ?? new Map());
      const bad = keys.filter((k) => !CATALOG_KEYS.has(k));
      if (bad.length) {
        deny(label(n), `document catalog changed: /${bad.join(', /')}`, `danh mục gốc bị thay đổi: /${bad.join(', /')}`);
        continue;
      }
      if (keys.includes('AcroForm')) {
        const sRef = refNum(dictGet(s, 'AcroForm'));
        const fRef = refNum(dictGet(f, 'AcroForm'));
        if (sRef !== undefined || fRef !== undefined) {
          if (sRef !== fRef) {
            deny(label(n), 'the form dictionary (/AcroForm) was replaced', 'từ điển biểu mẫu (/AcroForm) bị thay thế');
            continue;
          }
        } else judgeAcroForm(label(n), vs.getDict(s, 'AcroForm'), vf.getDict(f, 'AcroForm'));
      }
      if (keys.includes('DSS')) approveSubtree(dictGet(f, 'DSS'));
      if (keys.includes('Metadata')) approveSubtree(dictGet(f, 'Metadata'));
      if (keys.some((k) => k === 'DSS' || k === 'Extensions' || k === 'Metadata')) allow(label(n), 'validation data (/DSS) or metadata added', 'thêm dữ liệu kiểm tra chữ ký (/DSS) hoặc siêu dữ liệu');
    } else if (n === roles.acroForm) {
      judgeAcroForm(label(n), s, f);
    } else if (roles.sigFields.has(n)) {
      const keys = changedKeys(s?.entries ?? new Map(), f?.entries ?? new Map());
      const bad = keys.filter((k) => !SIG_FIELD_KEYS.has(k));
      if (bad.length) {
        deny(label(n), `signature field changed: /${bad.join(', /')}`, `ô chữ ký bị thay đổi: /${bad.join(', /')}`);
        continue;
      }
      if (keys.includes('V')) {
        const before = dictGet(s, 'V');
        const vNum = refNum(dictGet(f, 'V'));
        if (before) {
          deny(label(n), 'an existing signature value was replaced', 'chữ ký đã có bị thay thế');
          continue;
        }
        if (vNum === undefined || !added.has(vNum)) {
          deny(label(n), 'the signature value is not a new signature object', 'giá trị chữ ký không phải đối tượng chữ ký mới');
          continue;
        }
        approvedNew.add(vNum);
        if (!isDocTimestamp(vf.dict(dictGet(f, 'V')))) {
          sigAdded = true;
          ltaOnly = false;
        }
      } else ltaOnly = false;
      approveSubtree(dictGet(f, 'AP'));
      keys.includes('V') ? allow(label(n), 'empty signature field signed', 'ký vào ô chữ ký có sẵn') : allow(label(n), 'signature field appearance updated', 'cập nhật hình thức hiển thị ô chữ ký');
    } else if (roles.sigWidgets.has(n)) {
      const keys = changedKeys(s?.entries ?? new Map(), f?.entries ?? new Map());
      const bad = keys.filter((k) => !WIDGET_KEYS.has(k));
      if (bad.length) deny(label(n), `signature widget changed: /${bad.join(', /')}`, `vùng hiển thị chữ ký bị thay đổi: /${bad.join(', /')}`);
      else {
        approveSubtree(dictGet(f, 'AP'));
        ltaOnly = false;
        allow(label(n), 'signature appearance updated', 'cập nhật hình thức hiển thị chữ ký');
      }
    } else if (roles.otherFields.has(n) || roles.otherWidgets.has(n)) {
      const keys = changedKeys(s?.entries ?? new Map(), f?.entries ?? new Map());
      const bad = keys.filter((k) => !FORM_FILL_KEYS.has(k));
      if (bad.length) deny(label(n), `form field changed beyond its value: /${bad.join(', /')}`, `ô biểu mẫu bị thay đổi ngoài giá trị: /${bad.join(', /')}`);
      else {
        approveSubtree(dictGet(f, 'V'));
        approveSubtree(dictGet(f, 'AP'));
        formFilling = true;
        ltaOnly = false;
        allow(label(n), 'form field filled in', 'điền ô biểu mẫu');
      }
    } else if (n === roles.info) {
      approveSubtree(pdf.getObject(n, last)?.value);
      allow(label(n), 'document information (title, dates) updated', 'cập nhật thông tin tài liệu (tiêu đề, ngày)');
    } else if (n === roles.metadata) {
      allow(label(n), 'XMP metadata updated (e-copy data is read from the signed revision only)', 'cập nhật siêu dữ liệu XMP (thông tin bản sao chỉ đọc từ phiên bản đã ký)');
    } else {
      later.push(n);
    }
  }

  // Pass 2: pages and annotation lists may only gain widgets of new signature fields.
  const annotsGrowth = (where: string, before: readonly PdfValue[], after: readonly PdfValue[]) => {
    const b = before.map(refNum);
    const a = after.map(refNum);
    if (b.some((x) => !a.includes(x))) return deny(where, 'annotations were removed from the page', 'chú thích bị xóa khỏi trang');
    const extra = a.filter((x) => !b.includes(x));
    const bad = extra.filter((x) => x === undefined || !newSigWidgets.has(x));
    if (bad.length) return deny(where, `annotation added to the page (object ${bad.map((x) => x ?? 'direct').join(', ')})`, `trang bị thêm chú thích (đối tượng ${bad.map((x) => x ?? 'trực tiếp').join(', ')})`);
    allow(where, 'widget of a new signature field added to the page', 'thêm vùng hiển thị của ô chữ ký mới vào trang');
  };
  for (const n of later) {
    const s = pdf.getObject(n, signedRev)?.value;
    const f = pdf.getObject(n, last)?.value;
    if (roles.pages.has(n) && s?.kind === 'dict' && f?.kind === 'dict') {
      const keys = changedKeys(s.entries, f.entries);
      if (keys.some((k) => k !== 'Annots')) {
        deny(label(n), `page changed: /${keys.filter((k) => k !== 'Annots').join(', /')}`, `trang bị thay đổi: /${keys.filter((k) => k !== 'Annots').join(', /')}`);
        continue;
      }
      annotsGrowth(label(n), vs.getArray(s, 'Annots') ?? [], vf.getArray(f, 'Annots') ?? []);
    } else if (roles.annotArrays.has(n) && s?.kind === 'array' && f?.kind === 'array') {
      annotsGrowth(label(n), s.items, f.items);
    } else {
      deny(label(n), `${describe(f).en} changed after signing`, `${describe(f).vi} bị thay đổi sau khi ký`);
    }
  }

  // New objects: approved transitively from approved roots; anything else must be unreferenced.
  const queue = [...approvedNew];
  while (queue.length) {
    const n = queue.pop() as number;
    for (const r of refsIn(pdf.getObject(n, last)?.value)) {
      if (added.has(r) && !approvedNew.has(r)) {
        approvedNew.add(r);
        queue.push(r);
      }
    }
  }
  const unapproved = [...added].filter((n) => !approvedNew.has(n));
  if (unapproved.length) {
    const referenced = new Set<number>();
    for (const r of refsIn(vf.trailer())) referenced.add(r);
    for (const [n, e] of tableF) {
      if (e.type === 'free') continue;
      for (const r of refsIn(pdf.getObject(n, last)?.value)) if (r !== n) referenced.add(r);
    }
    for (const n of unapproved) {
      const obj = pdf.getObject(n, last);
      if (referenced.has(n)) deny(`object ${n}`, `new ${describe(obj?.value).en} added after signing`, `thêm ${describe(obj?.value).vi} mới sau khi ký`);
      else if (isSignatureDict(obj?.value)) deny(`object ${n}`, 'a signature object that no field refers to was added', 'thêm đối tượng chữ ký không gắn với ô chữ ký nào');
      else allow(`object ${n}`, `unreferenced ${describe(obj?.value).en} (no effect on the document)`, `${describe(obj?.value).vi} không được dùng tới (không ảnh hưởng tài liệu)`);
    }
  }
  if (approvedNew.size && !sigAdded && mods.every((m) => m.allowed)) ltaOnly = ltaOnly && true;

  const anyDenied = mods.some((m) => !m.allowed);
  const level: ModificationLevel = anyDenied ? 'OTHER' : mods.length === 0 ? 'NONE' : sigAdded || formFilling || !ltaOnly ? 'FORM_FILLING' : 'LTA_UPDATES';
  return { level, modifications: mods, formFilling };
}

function isDocTimestamp(d: PdfDict | undefined): boolean {
  const t = dictGet(d, 'Type');
  const sf = dictGet(d, 'SubFilter');
  return (t?.kind === 'name' && t.value === 'DocTimeStamp') || (sf?.kind === 'name' && sf.value === 'ETSI.RFC3161');
}

function isSignatureDict(v: PdfValue | undefined): boolean {
  const d = asDict(v);
  const t = dictGet(d, 'Type');
  return (t?.kind === 'name' && (t.value === 'Sig' || t.value === 'DocTimeStamp')) || (dictGet(d, 'ByteRange') !== undefined && dictGet(d, 'Contents') !== undefined);
}

function describe(v: PdfValue | undefined): { en: string; vi: string } {
  const d = asDict(v);
  const type = dictGet(d, 'Type');
  const sub = dictGet(d, 'Subtype');
  const t = type?.kind === 'name' ? type.value : undefined;
  const s = sub?.kind === 'name' ? sub.value : undefined;
  if (t === 'Annot' || (s && !t && dictGet(d, 'Rect'))) return { en: `annotation${s ? ` (${s})` : ''}`, vi: `chú thích${s ? ` (${s})` : ''}` };
  if (t === 'Page') return { en: 'page', vi: 'trang' };
  if (t === 'Font' || t === 'FontDescriptor') return { en: 'font', vi: 'phông chữ' };
  if (t === 'XObject' || s === 'Image' || s === 'Form') return s === 'Image' ? { en: 'image XObject', vi: 'hình ảnh' } : { en: 'form XObject', vi: 'khối đồ họa' };
  if (v?.kind === 'stream') return { en: 'content stream', vi: 'luồng nội dung' };
  if (t) return { en: `/${t} object`, vi: `đối tượng /${t}` };
  return v ? { en: `${v.kind} object`, vi: `đối tượng ${v.kind}` } : { en: 'object', vi: 'đối tượng' };
}
