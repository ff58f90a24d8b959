/**
 * DiffContext (core/verify/diff/context.ts): the bookkeeping of the difference analysis. Which keys of a change
 * count as changed, when a claim or an approval counts (only for objects that changed or are new), who refers to an
 * object (the trailer too), and the labels the report shows. Its own state is filled by hand here, as
 * analyseChanges' collectChanges would.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf, type PdfValue } from '../../../core/pdf/parse/index.js';
import { DATA_KEY, DiffContext, WHOLE } from '../../../core/verify/diff/context.js';
import { appendUpdate, dictOf, streamBody } from '../../corpus/pdf-bytes.js';
import { formDoc } from '../../corpus/real-world/sources.js';

const n = (value: number): PdfValue => ({ kind: 'number', value, text: String(value), isInteger: true });
const name = (value: string): PdfValue => ({ kind: 'name', value });
const dict = (o: Record<string, PdfValue>): PdfValue => ({ kind: 'dict', entries: new Map(Object.entries(o)) });
const stream = (o: Record<string, PdfValue>, data: string): PdfValue => {
  const raw = new Uint8Array(Buffer.from(data, 'latin1'));
  return { kind: 'stream', dict: dict(o) as never, dataStart: 0, dataEnd: raw.length, raw, lengthMismatch: false };
};

/** rev0 = the form; rev1 adds 40 (a stream that only object 41 refers to) and 41; field 8 refers to 12. */
async function context(extra: { num: number; body: string | Uint8Array }[] = []) {
  const base = formDoc();
  const pdf = appendUpdate(base, [{ num: 40, body: streamBody('', 'x') }, { num: 41, body: '<< /Type /Foo /S 40 0 R /Self 41 0 R >>' }, ...extra]).bytes;
  return new DiffContext(await parsePdf(pdf), 0, 1);
}

describe('DiffContext', () => {
  it('keysChanged: dictionary keys, stream keys without /Length plus the data, anything else as a whole', async () => {
    const ctx = await context();
    expect(ctx.keysChanged(99)).toEqual([]);
    ctx.changed.set(1, { beforeNum: 1, before: dict({ A: n(1), B: n(1) }), after: dict({ A: n(2), B: n(1), C: n(1) }) });
    expect(ctx.keysChanged(1)).toEqual(['A', 'C']);
    ctx.changed.set(2, { beforeNum: 2, before: stream({ Length: n(1), A: n(1) }, 'x'), after: stream({ Length: n(2), A: n(1) }, 'yy') });
    expect(ctx.keysChanged(2)).toEqual([DATA_KEY]);
    ctx.changed.set(3, { beforeNum: 3, before: stream({ Length: n(1), A: n(1) }, 'x'), after: stream({ Length: n(1), A: n(2) }, 'x') });
    expect(ctx.keysChanged(3)).toEqual(['A']);
    ctx.changed.set(4, { beforeNum: 4, before: dict({ A: n(1) }), after: stream({ A: n(1) }, '') });
    expect(ctx.keysChanged(4)).toEqual([WHOLE]);
    ctx.changed.set(5, { beforeNum: 5, before: n(1), after: n(2) });
    expect(ctx.keysChanged(5)).toEqual([WHOLE]);
    ctx.changed.set(6, { beforeNum: 6, before: n(1), after: n(1) });
    expect(ctx.keysChanged(6)).toEqual([]);
    ctx.changed.set(7, { beforeNum: 7, before: stream({ A: n(1) }, 'x'), after: dict({ A: n(1) }) });
    expect(ctx.keysChanged(7)).toEqual([WHOLE]);
  });

  it('before/after: a changed object answers with its recorded signed value, others from the revisions', async () => {
    const ctx = await context();
    expect(ctx.before(40)).toBeUndefined();
    expect(ctx.after(40)?.kind).toBe('stream');
    expect(ctx.beforeDict(7)?.entries.has('Fields')).toBe(true);
    expect(ctx.afterDict(41)?.entries.get('Type')).toEqual(name('Foo'));
    const recorded = dict({ Mine: n(1) });
    ctx.changed.set(7, { beforeNum: 70, before: recorded, after: dict({}) });
    expect(ctx.before(7)).toBe(recorded);
    expect(ctx.beforeDict(7)).toBe(recorded);
    expect(ctx.afterDict(40)).toEqual((ctx.after(40) as { dict: unknown }).dict);
  });

  it('claim: only for a changed object; each key (or the whole) with its rule text; the level counts', async () => {
    const ctx = await context();
    ctx.claim('r', 7, ['A'], 'FORM_FILLING', 'en', 'vi');
    expect(ctx.claims.size).toBe(0);
    expect(ctx.levels).toEqual([]);
    ctx.changed.set(7, { beforeNum: 7, before: dict({}), after: dict({ A: n(1), B: n(1) }) });
    ctx.claim('r', 7, ['A', 'B'], 'FORM_FILLING', 'en', 'vi');
    ctx.claim('s', 7, WHOLE, 'ANNOTATIONS', 'en2', 'vi2');
    expect([...(ctx.claims.get(7) ?? [])]).toEqual([
      ['A', { rule: 'r', level: 'FORM_FILLING', en: 'en', vi: 'vi' }],
      ['B', { rule: 'r', level: 'FORM_FILLING', en: 'en', vi: 'vi' }],
      [WHOLE, { rule: 's', level: 'ANNOTATIONS', en: 'en2', vi: 'vi2' }],
    ]);
    expect(ctx.levels).toEqual(['FORM_FILLING', 'ANNOTATIONS']);
  });

  it('approve: new objects only, each once, by number or by the references of a value', async () => {
    const ctx = await context();
    ctx.added.add(40);
    ctx.added.add(41);
    ctx.approve('r', 7, 'LTA_UPDATES', 'en', 'vi');
    expect(ctx.approved.size).toBe(0);
    ctx.approve('r', dict({ X: { kind: 'ref', num: 40, gen: 0 }, Y: { kind: 'ref', num: 8, gen: 0 } }), 'FORM_FILLING', 'en', 'vi');
    expect([...ctx.approved]).toEqual([[40, { rule: 'r', level: 'FORM_FILLING', en: 'en', vi: 'vi' }]]);
    ctx.approve('s', 40, 'ANNOTATIONS', 'en2', 'vi2');
    ctx.approve('s', 41, 'ANNOTATIONS', 'en2', 'vi2');
    ctx.approve('s', undefined, 'ANNOTATIONS', 'en2', 'vi2');
    expect(ctx.approved.get(40)?.rule).toBe('r');
    expect(ctx.approved.get(41)?.rule).toBe('s');
    expect(ctx.levels).toEqual(['FORM_FILLING', 'ANNOTATIONS']);
  });

  it('veto: the rule named after the English text', async () => {
    const ctx = await context();
    ctx.veto('rule-x', 'object 1', 'bad', 'xấu');
    expect(ctx.vetoes).toEqual([{ object: 'object 1', description: 'bad [rule-x]', descriptionVi: 'xấu', allowed: false }]);
  });

  it('pairReplacement: a new object taking an old one\'s place becomes a change (or nothing, if equal)', async () => {
    const ctx = await context();
    ctx.added.add(40);
    ctx.added.add(41);
    // Not new, or no signed object to replace: refused.
    expect(ctx.pairReplacement(7, 8)).toBe(false);
    expect(ctx.pairReplacement(99, 40)).toBe(false);
    expect(ctx.pairReplacement(7, 99)).toBe(false);
    expect(ctx.added.has(40)).toBe(true);
    expect(ctx.pairReplacement(7, 41)).toBe(true);
    expect(ctx.added.has(41)).toBe(false);
    expect(ctx.replaced.get(41)).toBe(7);
    expect(ctx.changed.get(41)).toEqual({ beforeNum: 7, before: ctx.pdf.getObject(7, 0)?.value, after: ctx.after(41) });
    // A copy equal to the object it replaces is no change.
    const same = await context([{ num: 42, body: dictOf(formDoc(), 7) }]);
    same.added.add(42);
    expect(same.pairReplacement(7, 42)).toBe(true);
    expect(same.changed.has(42)).toBe(false);
    expect(same.replaced.get(42)).toBe(7);
  });

  it('onlyReferencedBy: every referrer in the set (self-references ignored); the trailer is a referrer no set holds', async () => {
    const ctx = await context();
    expect(ctx.onlyReferencedBy(40, new Set([41]))).toBe(true);
    expect(ctx.onlyReferencedBy(40, new Set([8]))).toBe(false);
    expect(ctx.onlyReferencedBy(41, new Set())).toBe(true);
    // 12 is field 8's appearance only; 5 (the font) is shared by the page, the form and both appearances.
    expect(ctx.onlyReferencedBy(12, new Set([8]))).toBe(true);
    expect(ctx.onlyReferencedBy(5, new Set([12, 13, 7]))).toBe(false);
    expect(ctx.onlyReferencedBy(5, new Set([3, 12, 13, 7]))).toBe(true);
    // The catalog and /Info: the trailer refers to them.
    expect(ctx.onlyReferencedBy(1, new Set())).toBe(false);
    expect(ctx.onlyReferencedBy(6, new Set([-2]))).toBe(false);
    // Nobody refers to it: vacuously true.
    expect(ctx.onlyReferencedBy(99, new Set())).toBe(true);
  });

  it('onlyReferencedBy: freed objects of the final revision refer to nothing', async () => {
    const base = formDoc();
    const rev1 = appendUpdate(base, [{ num: 40, body: '<< /A 12 0 R >>' }]).bytes;
    // rev2 frees 40 by a classic free entry written by hand.
    const s = Buffer.from(rev1).toString('latin1');
    const prev = s.lastIndexOf('startxref');
    const startxref = Number(/startxref\s+(\d+)/.exec(s.slice(prev))?.[1]);
    const xrefAt = rev1.length;
    const tail = `xref\n40 1\n0000000000 00001 f\r\ntrailer\n<< /Size 41 /Root 1 0 R /Info 6 0 R /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const pdf = new Uint8Array(Buffer.concat([Buffer.from(rev1), Buffer.from(tail, 'latin1')]));
    const ctx = new DiffContext(await parsePdf(pdf), 1, 2);
    expect(ctx.onlyReferencedBy(12, new Set([8]))).toBe(true);
    const before = new DiffContext(await parsePdf(pdf), 0, 1);
    expect(before.onlyReferencedBy(12, new Set([8]))).toBe(false);
  });

  it('label: the signed revision\'s role first, else the final one\'s, else the bare number', async () => {
    const base = formDoc();
    // The final revision makes 40 a page's annotation list and relabels nothing of the signed one.
    const pdf = appendUpdate(base, [{ num: 3, body: dictOf(base, 3).replace('/Annots [ 8 0 R 9 0 R 10 0 R 11 0 R ]', '/Annots 40 0 R') }, { num: 40, body: '[ 8 0 R 9 0 R 10 0 R 11 0 R ]' }, { num: 8, body: dictOf(base, 8).replace('(name)', '(renamed)') }]).bytes;
    const ctx = new DiffContext(await parsePdf(pdf), 0, 1);
    expect(ctx.label(8)).toBe('object 8 (form field "name")');
    expect(ctx.rolesF.label.get(8)).toBe('form field "renamed"');
    expect(ctx.label(40)).toBe('object 40 (annotation list of page 1)');
    expect(ctx.label(99)).toBe('object 99');
    expect(ctx.rolesF.annotArrays.has(40)).toBe(true);
    expect(ctx.rolesF).toBe(ctx.rolesF);
  });
});
