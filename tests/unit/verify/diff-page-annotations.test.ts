/**
 * The page-annotations difference rule (issue 14): a page's /Annots, direct, an indirect array changed in place, or
 * re-pointed to a new array, may only gain new signature widgets (FORM_FILLING, or LTA_UPDATES for a document
 * timestamp) and new comments (ANNOTATIONS). Each refusal names what happened; each acceptance says what it was.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { appendUpdate, dictOf, type NewObject } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { signedForm } from '../../helpers/signed-form.js';

const up = (pdf: Uint8Array, objects: NewObject[]) => appendUpdate(pdf, objects).bytes;
const OLD = '8 0 R 9 0 R 10 0 R 11 0 R';
const COMMENT = '<< /Type /Annot /Subtype /Text /Rect [ 10 10 30 30 ] /P 3 0 R /Contents (ghi chu) >>';
const WIDGET = '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigC) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R >>';

/**
 * The signed form; with `indirect`, a later revision moves page 3's /Annots into array object 50 and stands for the
 * signed revision (analyseChanges compares revisions only).
 */
function base(indirect: boolean): Uint8Array {
  const pdf = signedForm();
  return indirect ? up(pdf, [{ num: 3, body: withEntry(dictOf(pdf, 3), 'Annots', '50 0 R') }, { num: 50, body: `[ ${OLD} ]` }]) : pdf;
}

/** The update under test on `pdf`: page /Annots set to `annots` (or array 50 to `array`), plus `objects`. */
async function judge(o: { indirect?: boolean; annots?: string; array?: string; objects?: NewObject[]; fields?: string }) {
  const pdf = base(o.indirect ?? false);
  const objects: NewObject[] = [...(o.objects ?? [])];
  if (o.annots) objects.push({ num: 3, body: withEntry(dictOf(pdf, 3), 'Annots', o.annots) });
  if (o.array) objects.push({ num: 50, body: o.array });
  if (o.fields) objects.push({ num: 7, body: withEntry(dictOf(pdf, 7), 'Fields', o.fields) });
  const signedRev = o.indirect ? 2 : 1;
  const d = await analyseChanges(await parsePdf(up(pdf, objects)), signedRev, RULES);
  return { level: d.level, mods: d.modifications.map((m) => `${m.allowed ? 'ok' : 'NO'} ${m.object}: ${m.description}`) };
}

describe('page-annotations: direct /Annots', () => {
  it('a new empty signature field’s widget: LTA_UPDATES (an empty field, as for a later timestamp), said as such', async () => {
    const r = await judge({ annots: `[ ${OLD} 60 0 R ]`, fields: `[ ${OLD} 60 0 R ]`, objects: [{ num: 60, body: WIDGET }] });
    expect(r.level).toBe('LTA_UPDATES');
    expect(r.mods).toContainEqual('ok object 3 (page 1): widget of a new signature field added to the page');
  });
  it('a new comment: ANNOTATIONS, said as such', async () => {
    const r = await judge({ annots: `[ ${OLD} 60 0 R ]`, objects: [{ num: 60, body: COMMENT }] });
    expect(r.level).toBe('ANNOTATIONS');
    expect(r.mods).toEqual([expect.stringMatching(/^ok .*: comment or markup annotation added or changed \(allowed unless a certification signature forbids it\)$/)]);
  });
  it('an annotation removed', async () => {
    const r = await judge({ annots: '[ 8 0 R 9 0 R 10 0 R ]' });
    expect(r.level).toBe('OTHER');
    expect(r.mods).toContainEqual(expect.stringMatching(/^NO .*: annotations were removed from the page \[page-annotations\]$/));
  });
  it('a direct annotation added: named "direct"', async () => {
    const r = await judge({ annots: `[ ${OLD} ${COMMENT} ]` });
    expect(r.mods).toContainEqual(expect.stringMatching(/^NO .*: annotation added to the page \(object direct\) \[page-annotations\]$/));
  });
  it('an old object that is no annotation added: named by number', async () => {
    const r = await judge({ annots: `[ ${OLD} 6 0 R ]` });
    expect(r.level).toBe('OTHER');
    expect(r.mods).toContainEqual(expect.stringMatching(/^NO .*: annotation added to the page \(object 6\) \[page-annotations\]$/));
  });
  it('a new widget of a field that is not a signature field', async () => {
    const r = await judge({ annots: `[ ${OLD} 60 0 R ]`, fields: `[ ${OLD} 60 0 R ]`, objects: [{ num: 60, body: WIDGET.replace('/FT /Sig', '/FT /Tx') }] });
    expect(r.mods).toContainEqual(expect.stringMatching(/^NO .*: annotation added to the page \(object 60\) \[page-annotations\]$/));
  });
  it('a comment and a widget together: ANNOTATIONS', async () => {
    const r = await judge({ annots: `[ ${OLD} 60 0 R 61 0 R ]`, fields: `[ ${OLD} 60 0 R ]`, objects: [{ num: 60, body: WIDGET }, { num: 61, body: COMMENT }] });
    expect(r.level).toBe('ANNOTATIONS');
  });
  it('/Annots re-pointed to a new array object holding the old ones and a comment', async () => {
    const r = await judge({ annots: '70 0 R', objects: [{ num: 70, body: `[ ${OLD} 60 0 R ]` }, { num: 60, body: COMMENT }] });
    expect(r.level).toBe('ANNOTATIONS');
    expect(r.mods.every((m) => m.startsWith('ok'))).toBe(true);
  });
  it('/Annots re-pointed to a new array object that drops one', async () => {
    const r = await judge({ annots: '70 0 R', objects: [{ num: 70, body: '[ 8 0 R 9 0 R 10 0 R ]' }] });
    expect(r.level).toBe('OTHER');
  });
  it('/Annots re-pointed to an old object that was never an /Annots array', async () => {
    const r = await judge({ annots: '7 0 R' });
    expect(r.level).toBe('OTHER');
  });
  it('/Annots unchanged while another page key changes: not this rule’s to explain', async () => {
    const pdf = signedForm();
    const d = await analyseChanges(await parsePdf(up(pdf, [{ num: 3, body: withEntry(dictOf(pdf, 3), 'Rotate', '90') }])), 1, RULES);
    expect(d.level).toBe('OTHER');
    expect(d.modifications.map((m) => m.description)).toEqual([expect.stringMatching(/changed after signing: \/Rotate$/)]);
  });
});

describe('page-annotations: an indirect /Annots array changed in place', () => {
  it('a new comment: ANNOTATIONS, said as such', async () => {
    const r = await judge({ indirect: true, array: `[ ${OLD} 60 0 R ]`, objects: [{ num: 60, body: COMMENT }] });
    expect(r.level).toBe('ANNOTATIONS');
    expect(r.mods).toEqual([expect.stringMatching(/^ok .*50.*: comment or markup annotation added or changed/)]);
  });
  it('a new empty signature field’s widget: LTA_UPDATES (an empty field, as for a later timestamp), said as such', async () => {
    const r = await judge({ indirect: true, array: `[ ${OLD} 60 0 R ]`, fields: `[ ${OLD} 60 0 R ]`, objects: [{ num: 60, body: WIDGET }] });
    expect(r.level).toBe('LTA_UPDATES');
    expect(r.mods).toContainEqual('ok object 50 (annotation list of page 1): widget of a new signature field added to the page');
  });
  it('an annotation removed', async () => {
    const r = await judge({ indirect: true, array: '[ 8 0 R 9 0 R 10 0 R ]' });
    expect(r.level).toBe('OTHER');
    expect(r.mods).toContainEqual(expect.stringMatching(/^NO .*50.*: annotations were removed from the page \[page-annotations\]$/));
  });
  it('an old object that is no annotation added', async () => {
    const r = await judge({ indirect: true, array: `[ ${OLD} 6 0 R ]` });
    expect(r.mods).toContainEqual(expect.stringMatching(/^NO .*: annotation added to the page \(object 6\) \[page-annotations\]$/));
  });
  it('the array replaced by a dictionary', async () => {
    const r = await judge({ indirect: true, array: '<< /Annots [ 8 0 R ] >>' });
    expect(r.level).toBe('OTHER');
  });
});
