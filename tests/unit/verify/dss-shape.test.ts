/**
 * dssShape (core/verify/diff/rules/dss-shape.ts) on hand-written /DSS values: exactly which indirect objects make
 * up the DSS and which streams it lists (the dss rule approves exactly those), and the first problem found. The rule's
 * own tests (diff-dss) see these only through the verdict, where other checks often catch the same file.
 */
import { describe, expect, it } from 'vitest';
import { dictGet, parsePdf } from '../../../core/pdf/parse/index.js';
import { dssShape } from '../../../core/verify/diff/rules/dss-shape.js';
import { RevisionView } from '../../../core/verify/pdf-access.js';
import { pdfOf } from '../../helpers/pdf-of.js';

const STREAM: [string, Uint8Array] = ['', new Uint8Array([0x30, 0x00])];

/** Objects 2.. are `bodies`; the catalog (1) holds `dss` as /DSS. */
async function shape(dss: string, bodies: (string | [string, Uint8Array])[] = []) {
  const view = new RevisionView(await parsePdf(pdfOf([`<< /Type /Catalog /DSS ${dss} >>`, ...bodies])), 0);
  const s = dssShape(view, dictGet(view.catalog(), 'DSS'));
  return { skeleton: [...s.skeleton].sort((a, b) => a - b), streams: [...s.streams].sort((a, b) => a - b), problem: s.problem };
}

describe('dssShape: what the DSS is made of', () => {
  it('everything indirect: DSS, arrays, VRI, VRI entries, streams and a timestamp token', async () => {
    expect(await shape('2 0 R', [
      '<< /Type /DSS /Certs 3 0 R /CRLs [ 5 0 R ] /OCSPs [ 6 0 R ] /VRI 7 0 R >>',
      '[ 4 0 R ]',
      STREAM, STREAM, STREAM,
      `<< /Type /VRI /${'A'.repeat(40)} 8 0 R /${'B'.repeat(40)} << /Cert [ 4 0 R ] /Type /VRI >> >>`,
      '<< /Type /VRI /Cert 9 0 R /CRL [ 5 0 R ] /OCSP [ 6 0 R ] /TU (D:20270101000000Z) /TS 10 0 R >>',
      '[ 4 0 R ]',
      STREAM,
    ])).toEqual({ skeleton: [2, 3, 7, 8, 9], streams: [4, 5, 6, 10], problem: undefined });
  });

  it('everything direct but the streams: no skeleton objects', async () => {
    expect(await shape('<< /Certs [ 2 0 R ] /VRI << /AB12 << /OCSP [ 3 0 R ] /TS 4 0 R /TU 5 0 R >> >> >>', [STREAM, STREAM, STREAM, '(D:20270101000000Z)']))
      .toEqual({ skeleton: [], streams: [2, 3, 4], problem: undefined });
  });

  it('an empty DSS', async () => {
    expect(await shape('<< /Type /DSS >>')).toEqual({ skeleton: [], streams: [], problem: undefined });
  });
});

describe('dssShape: the first thing that is not validation data', () => {
  const problems: [string, string, (string | [string, Uint8Array])[], string][] = [
    ['a missing /DSS object', '9 0 R', [], '/DSS is not a dictionary'],
    ['an array for /Certs that is a missing object', '<< /Certs 9 0 R >>', [], '/DSS /Certs is not an array'],
    ['a stream for /CRLs', '<< /CRLs 2 0 R >>', [STREAM], '/DSS /CRLs is not an array'],
    ['an item that is a missing object', '<< /OCSPs [ 9 0 R ] >>', [], '/DSS /OCSPs holds something other than a stream'],
    ['an item that is a dictionary', '<< /Certs [ 2 0 R ] >>', ['<< /S /JavaScript >>'], '/DSS /Certs holds something other than a stream'],
    ['a /Type that is a string', '<< /Type (DSS) >>', [], '/DSS /Type is not /DSS'],
    ['another key', '<< /AA << >> >>', [], '/DSS has /AA'],
    ['a /VRI that is a missing object', '<< /VRI 9 0 R >>', [], '/VRI is not a dictionary'],
    ['a VRI entry that is a number', '<< /VRI << /AB12 5 >> >>', [], '/VRI /AB12 is not a dictionary'],
    ['a VRI entry with another key', '<< /VRI << /AB12 << /Cert [ ] /AA << >> >> >> >>', [], '/VRI entry has /AA'],
    ['a /TU that is a missing object', '<< /VRI << /AB12 << /TU 9 0 R >> >> >>', [], '/VRI /TU is not a date string'],
    ['a /TS that is a missing object', '<< /VRI << /AB12 << /TS 9 0 R >> >> >>', [], '/VRI /TS is not a stream'],
    ['a VRI /CRL that is no array', '<< /VRI << /AB12 << /CRL 2 0 R >> >> >>', [STREAM], '/VRI /CRL is not an array'],
    ['two problems: the first is named', '<< /Foo 1 /Certs 2 >>', [], '/DSS has /Foo'],
  ];
  for (const [name, dss, bodies, problem] of problems) {
    it(name, async () => {
      expect((await shape(dss, bodies)).problem).toBe(problem);
    });
  }

  it('50,000 entries (array items and VRI entries, /Type included) are read; one more is too many', async () => {
    const vri = (n: number) => `<< /Type /VRI ${Array.from({ length: n }, (_, i) => `/H${i} << >>`).join(' ')} >>`;
    expect((await shape(`<< /Certs [ 2 0 R 2 0 R ] /VRI ${vri(49_997)} >>`, [STREAM])).problem).toBeUndefined();
    expect((await shape(`<< /Certs [ 2 0 R 2 0 R ] /VRI ${vri(49_998)} >>`, [STREAM])).problem).toBe('too many entries');
    // The count stops reading: a bad entry after the limit is not what is named.
    expect((await shape(`<< /VRI ${vri(50_000).replace(/ >>$/, ' /Late 5 >>')} >>`)).problem).toBe('too many entries');
  });
});
