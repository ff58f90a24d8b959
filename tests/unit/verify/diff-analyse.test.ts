/**
 * analyseChanges itself (core/verify/diff/analyse.ts), apart from any one rule: which changes it finds (offsets,
 * object streams, generations, deletions), what it writes for a change no rule explains or a new object nothing
 * approves, the level it computes, and when it calls an update form filling. Updates are written byte by byte, some
 * as cross-reference streams with object streams (as Acrobat and iText write them), with placeholder signature
 * dictionaries: analyseChanges only compares revisions.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { appendUpdate, concat, dictOf, enc, lastTrailer, streamBody, xrefTable, type NewObject, type UpdateOptions } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { formDoc } from '../../corpus/real-world/sources.js';
import { FAKE_SIG, signedForm } from '../../helpers/signed-form.js';

const up = (pdf: Uint8Array, objects: NewObject[], opts: UpdateOptions = {}) => appendUpdate(pdf, objects, opts).bytes;
const next = (pdf: Uint8Array) => lastTrailer(pdf).size;

const diff = async (pdf: Uint8Array, signedRev = 1): Promise<DiffResult> => analyseChanges(await parsePdf(pdf), signedRev);
const denied = (d: DiffResult) => d.modifications.filter((m) => !m.allowed);
const shown = (d: DiffResult) => d.modifications.map((m) => `${m.allowed ? '+' : '-'} ${m.object}: ${m.description}`).join(' | ');

interface XrefStreamUpdate {
  /** Objects written at an offset (gen 0 unless given). */
  objects?: { num: number; gen?: number; body: string | Uint8Array }[];
  /** Objects written into one new object stream, numbered `stream`. */
  compressed?: { num: number; body: string }[];
  stream?: number;
  /** Rows of type 2 pointing into an object stream written earlier (no body in this update). */
  pointers?: { num: number; stream: number; index: number }[];
  /** Rows of type 0 (the object is freed; the generation given is the next one to use). */
  free?: { num: number; gen: number }[];
  /** Number of the xref stream object. */
  xref: number;
  /** Offset of the previous cross-reference section. */
  prev: number;
}

/**
 * Appends an incremental update whose cross-reference section is an (unfiltered) xref stream, /W [ 1 4 2 ].
 * The trailer keys are formDoc's (/Root 1 0 R, /Info 6 0 R). Returns the bytes and where the xref stream starts.
 */
function xrefStreamUpdate(base: Uint8Array, u: XrefStreamUpdate): { bytes: Uint8Array; startxref: number } {
  const parts: Uint8Array[] = [base];
  let at = base.length;
  const push = (b: Uint8Array) => {
    parts.push(b);
    at += b.length;
  };
  const rows = new Map<number, [number, number, number]>();
  const write = (num: number, gen: number, body: string | Uint8Array) => {
    rows.set(num, [1, at, gen]);
    push(enc(`${num} ${gen} obj\n`));
    push(typeof body === 'string' ? enc(body) : body);
    push(enc('\nendobj\n'));
  };
  for (const o of u.objects ?? []) write(o.num, o.gen ?? 0, o.body);
  if (u.compressed?.length) {
    const stream = u.stream as number;
    let header = '';
    let body = '';
    u.compressed.forEach((o, i) => {
      header += `${o.num} ${body.length} `;
      body += `${o.body}\n`;
      rows.set(o.num, [2, stream, i]);
    });
    write(stream, 0, streamBody(`/Type /ObjStm /N ${u.compressed.length} /First ${header.length}`, header + body));
  }
  for (const p of u.pointers ?? []) rows.set(p.num, [2, p.stream, p.index]);
  for (const f of u.free ?? []) rows.set(f.num, [0, 0, f.gen]);
  const xrefAt = at;
  rows.set(u.xref, [1, xrefAt, 0]);
  const nums = [...rows.keys()].sort((a, b) => a - b);
  const data = new Uint8Array(nums.length * 7);
  nums.forEach((n, i) => {
    const [t, f2, f3] = rows.get(n) as [number, number, number];
    data.set([t, (f2 >>> 24) & 0xff, (f2 >>> 16) & 0xff, (f2 >>> 8) & 0xff, f2 & 0xff, (f3 >> 8) & 0xff, f3 & 0xff], i * 7);
  });
  const size = Math.max(...nums) + 1;
  const index = nums.map((n) => `${n} 1`).join(' ');
  write(u.xref, 0, streamBody(`/Type /XRef /Size ${size} /W [ 1 4 2 ] /Index [ ${index} ] /Root 1 0 R /Info 6 0 R /Prev ${u.prev}`, data));
  push(enc(`startxref\n${xrefAt}\n%%EOF\n`));
  return { bytes: concat(...parts), startxref: xrefAt };
}

describe('analyseChanges: what counts as a change', () => {
  it('the catalog written again unchanged is no modification at all (level NONE, nothing listed)', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 1, body: dictOf(pdf, 1) }]));
    expect(d).toEqual({ level: 'NONE', modifications: [], formFilling: false });
  });

  it('objects moved unchanged into an object stream, with the xref stream and the object stream themselves: no modification', async () => {
    const pdf = signedForm();
    const u = xrefStreamUpdate(pdf, { compressed: [{ num: 1, body: dictOf(pdf, 1) }, { num: 8, body: dictOf(pdf, 8) }], stream: 40, xref: 41, prev: lastTrailer(pdf).startxref });
    const d = await diff(u.bytes);
    expect(shown(d)).toBe('');
    expect(d.level).toBe('NONE');
  });

  it('a field changed inside an object stream is found, whether it moves to another object stream or its stream is rewritten in place', async () => {
    const pdf = signedForm();
    const readOnly = dictOf(pdf, 8).replace('/FT /Tx', '/FT /Tx /Ff 1');
    // rev2: field 8 and sigB (11) moved unchanged into object stream 40 (the revision analysed as signed below).
    const rev2 = xrefStreamUpdate(pdf, { compressed: [{ num: 8, body: dictOf(pdf, 8) }, { num: 11, body: dictOf(pdf, 11) }], stream: 40, xref: 41, prev: lastTrailer(pdf).startxref });
    expect((await diff(rev2.bytes, 1)).level).toBe('NONE');
    // Another object stream (42) at the same index.
    const moved = xrefStreamUpdate(rev2.bytes, { compressed: [{ num: 8, body: readOnly }], stream: 42, xref: 43, prev: rev2.startxref });
    const m = await diff(moved.bytes, 2);
    expect(m.level).toBe('OTHER');
    expect(denied(m).map((x) => x.description)).toEqual(['annotation (Widget) changed after signing: /Ff']);
    // The same object stream number written again with the field changed: the rows of 8 and 11 are the same as before.
    const inPlace = xrefStreamUpdate(rev2.bytes, { compressed: [{ num: 8, body: readOnly }, { num: 11, body: dictOf(pdf, 11) }], stream: 40, xref: 43, prev: rev2.startxref });
    const p = await diff(inPlace.bytes, 2);
    expect(p.level).toBe('OTHER');
    expect(denied(p).map((x) => `${x.object}: ${x.description}`)).toEqual(['object 8 (form field "name"): annotation (Widget) changed after signing: /Ff']);
    // A row re-pointing 8 to another index of the rewritten stream 40 (where sigB now is) is found too.
    const swapped = xrefStreamUpdate(rev2.bytes, { compressed: [{ num: 11, body: dictOf(pdf, 11) }, { num: 8, body: readOnly }], stream: 40, xref: 43, prev: rev2.startxref });
    expect((await diff(swapped.bytes, 2)).level).toBe('OTHER');
  });

  it('a row re-pointed to a shadow object stream that the signed revision already held (no object stream rewritten) is found', async () => {
    const pdf = signedForm();
    // rev2 (signed): field 8 in object stream 40, and stream 42 holding a read-only version of 8 that nothing uses yet.
    const rev2 = xrefStreamUpdate(pdf, { compressed: [{ num: 8, body: dictOf(pdf, 8) }], stream: 40, xref: 41, prev: lastTrailer(pdf).startxref });
    const shadow = xrefStreamUpdate(rev2.bytes, { compressed: [{ num: 8, body: dictOf(pdf, 8).replace('/FT /Tx', '/FT /Tx /Ff 1') }], stream: 42, xref: 43, prev: rev2.startxref });
    // shadow's own row for 8 is dropped: write rev2 + stream 42 as one revision by re-pointing 8 back to 40.
    const signed = xrefStreamUpdate(shadow.bytes, { pointers: [{ num: 8, stream: 40, index: 0 }], xref: 44, prev: shadow.startxref });
    // The attack: only the row of 8 changes, to index 0 of stream 42.
    const attack = xrefStreamUpdate(signed.bytes, { pointers: [{ num: 8, stream: 42, index: 0 }], xref: 45, prev: signed.startxref });
    // Revisions: 0 form, 1 sigA, 2 stream 40, 3 stream 42 (8 points there), 4 back to 40, 5 the attack.
    expect((await diff(signed.bytes, 2)).level).toBe('NONE');
    const d = await diff(attack.bytes, 4);
    expect(d.level).toBe('OTHER');
    expect(denied(d).map((x) => `${x.object}: ${x.description}`)).toEqual(['object 8 (form field "name"): annotation (Widget) changed after signing: /Ff']);
  });

  it('a row re-pointed to another index of the same unchanged object stream (holding the number twice) is found', async () => {
    const pdf = signedForm();
    const rev2 = xrefStreamUpdate(pdf, { compressed: [{ num: 8, body: dictOf(pdf, 8) }, { num: 8, body: dictOf(pdf, 8).replace('/FT /Tx', '/FT /Tx /Ff 1') }], stream: 40, xref: 41, prev: lastTrailer(pdf).startxref });
    const signed = xrefStreamUpdate(rev2.bytes, { pointers: [{ num: 8, stream: 40, index: 0 }], xref: 42, prev: rev2.startxref });
    const attack = xrefStreamUpdate(signed.bytes, { pointers: [{ num: 8, stream: 40, index: 1 }], xref: 43, prev: signed.startxref });
    const d = await diff(attack.bytes, 3);
    expect(d.level).toBe('OTHER');
    expect(denied(d).map((x) => x.description)).toEqual(['annotation (Widget) changed after signing: /Ff']);
  });

  it('a row for the same offset with another generation is not the same object', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [], { pointers: [{ num: 13, gen: 1, offset: (xrefTable(pdf).get(13) as { offset: number }).offset }] }));
    expect(d.level).toBe('OTHER');
    expect(denied(d).map((x) => x.object)).toEqual(['object 13']);
  });

  it('an object rewritten at its old place by another cross-reference row pointing to the same kind of entry stays unchanged', async () => {
    const pdf = signedForm();
    const rev2 = xrefStreamUpdate(pdf, { compressed: [{ num: 8, body: dictOf(pdf, 8) }], stream: 40, xref: 41, prev: lastTrailer(pdf).startxref });
    // rev3 lists 8 again at the same place of stream 40 (nothing rewritten): no change.
    const again = xrefStreamUpdate(rev2.bytes, { pointers: [{ num: 8, stream: 40, index: 0 }], xref: 42, prev: rev2.startxref });
    const d = await diff(again.bytes, 2);
    expect(shown(d)).toBe('');
    expect(d.level).toBe('NONE');
  });

  it('an object deleted (freed in the cross-reference section) is vetoed', async () => {
    const pdf = signedForm();
    const u = xrefStreamUpdate(pdf, { free: [{ num: 13, gen: 1 }], xref: 40, prev: lastTrailer(pdf).startxref });
    const d = await diff(u.bytes);
    expect(d.level).toBe('OTHER');
    expect(denied(d)).toEqual([{ object: 'object 13', description: 'object was deleted after signing [objects]', descriptionVi: 'đối tượng bị xóa sau khi ký', allowed: false }]);
  });

  it('an object whose row points where no object is, is vetoed', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [], { pointers: [{ num: 13, offset: 3 }] }));
    expect(d.level).toBe('OTHER');
    expect(denied(d)).toEqual([
      { object: 'object 13', description: 'object no longer found where the cross-reference table points [objects]', descriptionVi: 'không còn tìm thấy đối tượng tại vị trí bảng tham chiếu chỉ tới', allowed: false },
    ]);
  });

  it('an object redefined with another generation is vetoed, even with the same content', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 13, gen: 1, body: dictOf(pdf, 13) }]));
    expect(d.level).toBe('OTHER');
    expect(denied(d)).toEqual([
      { object: 'object 13', description: 'object redefined with another generation (0 → 1) [objects]', descriptionVi: 'đối tượng bị định nghĩa lại với thế hệ khác (0 → 1)', allowed: false },
    ]);
  });

  it('the same object written again at a new offset with the same content is no change', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 13, body: dictOf(pdf, 13) }, { num: 8, body: dictOf(pdf, 8) }]));
    expect(d.modifications).toEqual([]);
  });
});

describe('analyseChanges: what it writes', () => {
  it('a changed object: the keys no rule explains, in both languages (names with a slash, stream data without)', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: n, body: '<< /S /JavaScript /JS (app.alert\\(1\\)) >>' },
      { num: 1, body: withEntry(withEntry(dictOf(pdf, 1), 'OpenAction', `${n} 0 R`), 'PageMode', '/UseOutlines') },
      { num: 4, body: streamBody('', 'BT /F1 14 Tf 50 780 Td (gia) Tj ET') },
    ]));
    expect(d.level).toBe('OTHER');
    expect(denied(d)).toEqual([
      { object: 'object 1 (document catalog)', description: 'document catalog changed after signing: /OpenAction, /PageMode', descriptionVi: 'danh mục gốc bị thay đổi sau khi ký: /OpenAction, /PageMode', allowed: false },
      { object: 'object 4 (content of page 1)', description: 'content stream changed after signing: /Filter, (stream data)', descriptionVi: 'luồng nội dung bị thay đổi sau khi ký: /Filter, (stream data)', allowed: false },
      { object: `object ${n}`, description: 'new dict object added after signing', descriptionVi: 'thêm đối tượng dict mới sau khi ký', allowed: false },
    ]);
    expect(d.formFilling).toBe(false);
  });

  it('a change pointing at an object that does not exist is denied (the reachability walk skips the missing object)', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 1, body: withEntry(dictOf(pdf, 1), 'OpenAction', '99 0 R') }]));
    expect(denied(d).map((m) => `${m.object}: ${m.description}`)).toEqual(['object 1 (document catalog): document catalog changed after signing: /OpenAction']);
  });

  it('an object that is not a dictionary changed: no key list', async () => {
    const base = signedForm();
    // rev1 (the signed one) gives the catalog an indirect array.
    const pdf = up(base, [{ num: 1, body: withEntry(dictOf(base, 1), 'OCProperties', '40 0 R') }, { num: 40, body: '[ 1 2 ]' }]);
    const d = await diff(up(pdf, [{ num: 40, body: '[ 1 3 ]' }]), 2);
    expect(denied(d)).toEqual([{ object: 'object 40', description: 'array object changed after signing', descriptionVi: 'đối tượng array bị thay đổi sau khi ký', allowed: false }]);
  });

  it('an explained change lists each rule text once; the new signature it approves is not listed on its own', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 16 0 R /M (D:20270101000000Z) >>' }, { num: 16, body: FAKE_SIG }]));
    expect(d.modifications).toEqual([
      { object: 'object 11 (signature field "sigB")', description: 'empty signature field "sigB" signed', descriptionVi: 'ký vào ô chữ ký có sẵn "sigB"', allowed: true },
    ]);
    expect(d.level).toBe('FORM_FILLING');
    // Signing is not form filling (DocMDP P=1 only forbids the latter).
    expect(d.formFilling).toBe(false);
  });

  it('a whole-object claim and key claims together: both texts, joined', async () => {
    const pdf = signedForm();
    // sigB signed and its (own, unshared) appearance stream 13 redrawn in place: claimed whole; the field's keys claimed.
    const prepared = up(pdf, [{ num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /AP << /N 40 0 R >> >>' }, { num: 40, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 10 10 ]', '') }]);
    const d = await diff(up(prepared, [
      { num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /AP << /N 40 0 R >> /V 41 0 R >>' },
      { num: 41, body: FAKE_SIG },
      { num: 40, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 10 10 ]', '0 g') },
    ]), 2);
    expect(d.modifications).toEqual([
      { object: 'object 11 (signature field "sigB")', description: 'empty signature field "sigB" signed', descriptionVi: 'ký vào ô chữ ký có sẵn "sigB"', allowed: true },
      { object: 'object 40', description: 'appearance of "sigB" drawn for its signature', descriptionVi: 'vẽ hình hiển thị của "sigB" cho chữ ký', allowed: true },
    ]);
  });

  it('one object explained by two rules: both texts, joined by "; "', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 1, body: withEntry(withEntry(dictOf(pdf, 1), 'DSS', `${n} 0 R`), 'Extensions', '<< /ESIC << /BaseVersion /1.7 /ExtensionLevel 5 >> >>') },
      { num: n, body: `<< /Type /DSS /Certs [ ${n + 1} 0 R ] >>` },
      { num: n + 1, body: streamBody('', '0') },
    ]));
    expect(d).toEqual({
      level: 'LTA_UPDATES',
      modifications: [{
        object: 'object 1 (document catalog)',
        description: 'validation data (/DSS, /VRI) added or extended; developer extensions declared (/Extensions)',
        descriptionVi: 'thêm hoặc bổ sung dữ liệu kiểm tra chữ ký (/DSS, /VRI); khai báo phần mở rộng (/Extensions)',
        allowed: true,
      }],
      formFilling: false,
    });
  });

  it('a changed object the final document no longer reaches, and a new object nothing refers to: allowed, with why', async () => {
    const base = signedForm();
    // rev1 (the signed one) leaves behind a stream nothing refers to (as an editor's earlier draft would).
    const pdf = up(base, [{ num: 40, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ]', 'x') }]);
    const d = await diff(up(pdf, [
      { num: 40, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ]', 'BT (gia) Tj ET') },
      { num: 41, body: '<< /Producer (x) >>' },
    ]), 2);
    expect(d).toEqual({
      level: 'LTA_UPDATES',
      modifications: [
        { object: 'object 40', description: 'form XObject changed but no longer part of the document (no effect)', descriptionVi: 'khối đồ họa bị thay đổi nhưng không còn thuộc tài liệu (không ảnh hưởng)', allowed: true },
        { object: 'object 41', description: 'unreferenced dict object (no effect on the document)', descriptionVi: 'đối tượng dict không được dùng tới (không ảnh hưởng tài liệu)', allowed: true },
      ],
      formFilling: false,
    });
    // The same change to a stream the page still draws is denied.
    const drawn = up(base, [{ num: 40, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ]', 'x') }, { num: 3, body: dictOf(base, 3).replace('/Font << /F1 5 0 R >>', '/Font << /F1 5 0 R >> /XObject << /X1 40 0 R >>') }]);
    const e = await diff(up(drawn, [{ num: 40, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ]', 'BT (gia) Tj ET') }]), 2);
    expect(denied(e).map((m) => `${m.object}: ${m.description}`)).toEqual(['object 40: form XObject changed after signing: (stream data)']);
  });

  it('only unreferenced new objects: allowed at the lowest level, LTA_UPDATES', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: n, body: '<< /Producer (x) >>' }]));
    expect(d).toEqual({ level: 'LTA_UPDATES', modifications: [{ object: `object ${n}`, description: 'unreferenced dict object (no effect on the document)', descriptionVi: 'đối tượng dict không được dùng tới (không ảnh hưởng tài liệu)', allowed: true }], formFilling: false });
  });

  it('a new signature dictionary no field refers to is denied, even unreferenced', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: n, body: FAKE_SIG }]));
    expect(d.level).toBe('OTHER');
    expect(d.modifications).toEqual([{ object: `object ${n}`, description: 'a signature object that no field refers to was added', descriptionVi: 'thêm đối tượng chữ ký không gắn với ô chữ ký nào', allowed: false }]);
  });

  it('a new object reached only through another new object is approved with it, or denied with it', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    // A signature whose dictionary refers to a new object (e.g. a /Reference entry) which refers to another: approved.
    const chain = (fieldBody: string) => up(pdf, [
      { num: 11, body: fieldBody },
      { num: n, body: FAKE_SIG.replace('>>', `/Prop_Build ${n + 1} 0 R >>`) },
      { num: n + 1, body: `<< /App ${n + 2} 0 R >>` },
      { num: n + 2, body: '<< /Name /saoy >>' },
    ]);
    const ok = await diff(chain(`<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V ${n} 0 R >>`));
    expect(shown(ok)).toBe('+ object 11 (signature field "sigB"): empty signature field "sigB" signed');
    expect(ok.level).toBe('FORM_FILLING');
    // The same objects reached from a changed key no rule explains: each new one is denied.
    const bad = await diff(up(pdf, [
      { num: 1, body: withEntry(dictOf(pdf, 1), 'PieceInfo', `${n + 1} 0 R`) },
      { num: n + 1, body: `<< /App ${n + 2} 0 R >>` },
      { num: n + 2, body: '<< /Name /saoy >>' },
    ]));
    expect(denied(bad).map((m) => m.object)).toEqual(['object 1 (document catalog)', `object ${n + 1}`, `object ${n + 2}`]);
  });
});

describe('analyseChanges: level and form filling', () => {
  it('a vetoing review (field lock) makes the level OTHER and its veto is listed', async () => {
    const locked = up(formDoc(), [
      { num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 15 0 R /Lock << /Type /SigFieldLock /Action /All >> >>' },
      { num: 15, body: FAKE_SIG },
    ]);
    const d = await diff(up(locked, [{ num: 8, body: dictOf(locked, 8).replace('(Nguyen Van A)', '(Tran Thi B)') }]));
    expect(d.level).toBe('OTHER');
    expect(d.formFilling).toBe(false);
    expect(d.modifications.map((m) => m.allowed)).toEqual([true, false]);
    expect(d.modifications[1].description).toBe('field "name" is locked by the signature "sigA" (/Action /All) but was changed [field-lock]');
    // With a veto of the explaining rules as well, each veto is listed once.
    const both = await diff(up(locked, [
      { num: 8, body: dictOf(locked, 8).replace('(Nguyen Van A)', '(Tran Thi B)') },
      { num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 15 0 R >>' },
    ]));
    expect(both.modifications.filter((m) => !m.allowed).map((m) => m.description.replace(/.*\[/, '['))).toEqual(['annotation (Widget) changed after signing: /V', '[sign-existing-field]', '[field-lock]']);
  });

  it('filling a field is form filling; together with a change no rule explains it is not reported as such', async () => {
    const pdf = signedForm();
    const fill = { num: 8, body: dictOf(pdf, 8).replace('(Nguyen Van A)', '(Tran Thi B)') };
    const filled = await diff(up(pdf, [fill]));
    expect(filled.level).toBe('FORM_FILLING');
    expect(filled.formFilling).toBe(true);
    const alsoOther = await diff(up(pdf, [fill, { num: 4, body: streamBody('', 'x') }]));
    expect(alsoOther.level).toBe('OTHER');
    expect(alsoOther.formFilling).toBe(false);
  });

  it('a new visible signature field, signed, is not form filling', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: n, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (visible) /Rect [ 40 700 300 760 ] /F 4 /P 3 0 R /V ${n + 1} 0 R /AP << /N ${n + 2} 0 R >> >>` },
      { num: n + 1, body: FAKE_SIG },
      { num: n + 2, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 260 60 ]', '0 0 1 rg 0 0 260 60 re f') },
    ]));
    expect(d.level, shown(d)).toBe('FORM_FILLING');
    expect(d.formFilling).toBe(false);
  });

  it('the level is the highest of the rules that explained something (annotation over signing over validation data)', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 1, body: withEntry(dictOf(pdf, 1), 'DSS', `${n} 0 R`) },
      { num: n, body: `<< /Type /DSS /Certs [ ${n + 1} 0 R ] >>` },
      { num: n + 1, body: streamBody('', '0') },
      { num: 11, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V ${n + 3} 0 R >>` },
      { num: n + 3, body: FAKE_SIG },
      { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n + 2} 0 R`) },
      { num: n + 2, body: '<< /Type /Annot /Subtype /FreeText /Rect [ 40 300 560 360 ] /Contents (SAO Y) /DA (/Helv 18 Tf) /F 4 /P 3 0 R >>' },
    ]));
    expect(d.level, shown(d)).toBe('ANNOTATIONS');
    expect(denied(d)).toEqual([]);
  });

  it('the signed revision being the last one is NONE without looking further', async () => {
    const pdf = signedForm();
    expect(await diff(pdf, 1)).toEqual({ level: 'NONE', modifications: [], formFilling: false });
    expect(await diff(pdf, 5)).toEqual({ level: 'NONE', modifications: [], formFilling: false });
  });
});
