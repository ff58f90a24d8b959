/**
 * The annotations difference rule on comments that already existed when the document was signed (issue 14: each
 * rule with files only it accepts or rejects): rewording a comment, moving it, redrawing its appearance is
 * ANNOTATIONS; a comment that gains an action, changes kind, stops being an annotation or joins a form is not
 * explained, nor is an appearance stream that page content uses too.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { appendUpdate, dictOf, streamBody, type NewObject } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { formDoc } from '../../corpus/real-world/sources.js';
import { FAKE_SIG } from '../../helpers/signed-form.js';

const up = (pdf: Uint8Array, objects: NewObject[]) => appendUpdate(pdf, objects).bytes;
const apStream = (text: string) => streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 20 20 ]', `BT /Helv 8 Tf 2 6 Td (${text}) Tj ET`);
const TEXT_NOTE = (contents: string, extra = '') => `<< /Type /Annot /Subtype /Text /Rect [ 10 10 30 30 ] /P 3 0 R /Contents (${contents}) /AP << /N 41 0 R >>${extra} >>`;
const SQUARE = (extra = '') => `<< /Subtype /Square /Rect [ 40 40 90 90 ] /P 3 0 R /C [ 1 0 0 ] /AP 43 0 R${extra} >>`;

/**
 * rev0 = the form; rev1 = two comments on page 3 (40: a sticky note whose /AP /N is stream 41; 42: a square whose
 * /AP is the indirect dictionary 43 with /N 44) and field sigA signed. With `sharedAppearance`, the page's own
 * content draws stream 41 too (as XObject /Fm0).
 */
function signedWithComments(o: { sharedAppearance?: boolean; note?: string } = {}): Uint8Array {
  const form = formDoc();
  let page = withEntry(dictOf(form, 3), 'Annots', '[ 8 0 R 9 0 R 10 0 R 11 0 R 40 0 R 42 0 R ]');
  if (o.sharedAppearance) page = withEntry(page, 'Resources', '<< /XObject << /Fm0 41 0 R >> >>');
  return up(form, [
    { num: 3, body: page },
    { num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 15 0 R >>' },
    { num: 15, body: FAKE_SIG },
    { num: 40, body: o.note ?? TEXT_NOTE('Da doi chieu') },
    { num: 41, body: apStream('i') },
    { num: 42, body: SQUARE() },
    { num: 43, body: '<< /N 44 0 R >>' },
    { num: 44, body: apStream('sq') },
  ]);
}

const BASE = signedWithComments();
const denied = (d: DiffResult) => d.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`);
const diff = async (pdf: Uint8Array) => analyseChanges(await parsePdf(pdf), 1, RULES);

describe('annotations: an existing comment changed after signing is ANNOTATIONS', () => {
  const accepted: [string, NewObject[]][] = [
    ['the note reworded', [{ num: 40, body: TEXT_NOTE('Da doi chieu, khop ban chinh', ' /M (D:20260201000000Z)') }]],
    ['the square moved and recoloured', [{ num: 42, body: SQUARE().replace('/Rect [ 40 40 90 90 ]', '/Rect [ 50 50 100 100 ]').replace('/C [ 1 0 0 ]', '/C [ 0 0 1 ]') }]],
    ['the note’s appearance stream redrawn in place', [{ num: 41, body: apStream('!') }]],
    ['the square’s /AP dictionary given a new appearance', [{ num: 43, body: '<< /N 45 0 R >>' }, { num: 45, body: apStream('sq2') }]],
    ['the square’s appearance stream redrawn through its /AP dictionary', [{ num: 44, body: apStream('sq3') }]],
  ];
  for (const [name, objects] of accepted) {
    it(name, async () => {
      const d = await diff(up(BASE, objects));
      expect(denied(d)).toEqual([]);
      expect(d.level).toBe('ANNOTATIONS');
    });
  }
});

describe('annotations: other changes to an existing comment are not explained', () => {
  const refused: [string, Uint8Array][] = [
    ['the note gains an action', up(BASE, [{ num: 40, body: TEXT_NOTE('x', ' /A << /S /JavaScript /JS (app.alert(1)) >>') }])],
    ['the note gains additional actions', up(BASE, [{ num: 40, body: TEXT_NOTE('x', ' /AA << /O << /S /JavaScript /JS (1) >> >>') }])],
    ['the note becomes a form field', up(BASE, [{ num: 40, body: TEXT_NOTE('x', ' /FT /Tx /T (f)') }])],
    ['the note joins a field as its kid', up(BASE, [{ num: 40, body: TEXT_NOTE('x', ' /Parent 8 0 R') }])],
    ['the note becomes a square', up(BASE, [{ num: 40, body: TEXT_NOTE('x').replace('/Subtype /Text', '/Subtype /Square') }])],
    ['the note becomes a link', up(BASE, [{ num: 40, body: TEXT_NOTE('x').replace('/Subtype /Text', '/Subtype /Link') }])],
    ['the note stops being an annotation (/Type)', up(BASE, [{ num: 40, body: TEXT_NOTE('x').replace('/Type /Annot', '/Type /XObject') }])],
    ['the note replaced by an array', up(BASE, [{ num: 40, body: '[ /Contents (x) ]' }])],
    ['the note replaced by a stream', up(BASE, [{ num: 40, body: streamBody('/Type /Annot /Subtype /Text /Rect [ 10 10 30 30 ] /Contents (x)', 'x') }])],
    ['an appearance stream the page content draws too', up(signedWithComments({ sharedAppearance: true }), [{ num: 41, body: apStream('!') }])],
  ];
  for (const [name, pdf] of refused) {
    it(name, async () => {
      const d = await diff(pdf);
      expect(d.level, denied(d).join(' | ')).toBe('OTHER');
    });
  }

  // A note that already acted or belonged to a form when signed was never a plain comment: rewording it is not
  // explained either.
  for (const [name, extra] of [['an action', ' /A << /S /URI /URI (https://example.test/) >>'], ['additional actions', ' /AA << >>'], ['a field type', ' /FT /Tx']]) {
    it(`a note signed with ${name}, reworded`, async () => {
      const d = await diff(up(signedWithComments({ note: TEXT_NOTE('a', extra) }), [{ num: 40, body: TEXT_NOTE('b', extra) }]));
      expect(d.level, denied(d).join(' | ')).toBe('OTHER');
    });
  }

  it('a square given a /Type other than /Annot was never a comment: its change is not explained', async () => {
    const typed = signedWithComments();
    const base = up(typed, [{ num: 42, body: SQUARE(' /Type /Foo') }]);
    const d = await analyseChanges(await parsePdf(up(base, [{ num: 42, body: SQUARE(' /Type /Foo /Contents (y)') }])), 2, RULES);
    expect(d.level, denied(d).join(' | ')).toBe('OTHER');
  });
});
