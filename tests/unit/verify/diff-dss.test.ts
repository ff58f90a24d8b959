/**
 * The dss difference rule shape by shape (issue 14: each rule with files only it accepts or rejects). Validation
 * data added after signing is LTA_UPDATES in every shape real PAdES-LT tools write; anything else inside a /DSS is
 * vetoed by this rule, and the veto says what was found.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { appendUpdate, dictOf, lastTrailer, streamBody, type NewObject } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { signedForm } from '../../helpers/signed-form.js';

const up = (pdf: Uint8Array, objects: NewObject[]) => appendUpdate(pdf, objects).bytes;
const der = () => streamBody('/Filter /FlateDecode', deflateSync(Buffer.from([0x30, 0x00])));

const denied = (d: DiffResult) => d.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`);

async function diff(pdf: Uint8Array): Promise<DiffResult> {
  return analyseChanges(await parsePdf(pdf), 1, RULES);
}

/** The signed form plus one update: catalog /DSS = `dss` (text, may use n, n+1, n+2 … for the new objects). */
function withDss(dss: (n: number) => string, extra: (n: number) => NewObject[] = () => []): Uint8Array {
  const pdf = signedForm();
  const n = lastTrailer(pdf).size;
  return up(pdf, [{ num: 1, body: withEntry(dictOf(pdf, 1), 'DSS', dss(n)) }, ...extra(n)]);
}

describe('dss: the shapes of validation data are LTA_UPDATES', () => {
  const cases: [string, Uint8Array][] = [
    ['certificates, CRLs and OCSP responses as arrays of streams', withDss((n) => `${n} 0 R`, (n) => [
      { num: n, body: `<< /Type /DSS /Certs [ ${n + 1} 0 R ] /CRLs [ ${n + 2} 0 R ] /OCSPs [ ${n + 3} 0 R ] >>` },
      { num: n + 1, body: der() }, { num: n + 2, body: der() }, { num: n + 3, body: der() },
    ])],
    ['a direct /DSS dictionary in the catalog, with an indirect /Certs array', withDss((n) => `<< /Certs ${n} 0 R >>`, (n) => [
      { num: n, body: `[ ${n + 1} 0 R ]` }, { num: n + 1, body: der() },
    ])],
    ['an indirect /VRI with an indirect entry: /Cert /CRL /OCSP arrays, /TU date, /TS token, /Type', withDss((n) => `${n} 0 R`, (n) => [
      { num: n, body: `<< /Type /DSS /Certs [ ${n + 3} 0 R ] /VRI ${n + 1} 0 R >>` },
      { num: n + 1, body: `<< /Type /VRI /${'A'.repeat(40)} ${n + 2} 0 R >>` },
      { num: n + 2, body: `<< /Type /VRI /Cert [ ${n + 3} 0 R ] /CRL [ ${n + 4} 0 R ] /OCSP [ ${n + 5} 0 R ] /TU (D:20270101000000Z) /TS ${n + 6} 0 R >>` },
      { num: n + 3, body: der() }, { num: n + 4, body: der() }, { num: n + 5, body: der() }, { num: n + 6, body: der() },
    ])],
  ];
  for (const [name, pdf] of cases) {
    it(name, async () => {
      const d = await diff(pdf);
      expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
      expect(d.modifications.every((m) => m.allowed)).toBe(true);
    });
  }

  it('a later update may extend the same DSS objects in place (a second LTV round)', async () => {
    const first = withDss((n) => `${n} 0 R`, (n) => [
      { num: n, body: `<< /Type /DSS /Certs ${n + 1} 0 R >>` },
      { num: n + 1, body: `[ ${n + 2} 0 R ]` },
      { num: n + 2, body: der() },
    ]);
    const n = lastTrailer(signedForm()).size;
    const m = lastTrailer(first).size;
    const second = up(first, [
      { num: n, body: `<< /Type /DSS /Certs ${n + 1} 0 R /CRLs [ ${m + 1} 0 R ] >>` },
      { num: n + 1, body: `[ ${n + 2} 0 R ${m} 0 R ]` },
      { num: m, body: der() },
      { num: m + 1, body: der() },
    ]);
    const d = await diff(second);
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });
});

describe('dss: anything else inside a /DSS is vetoed by this rule, which says what it found', () => {
  const cases: [string, Uint8Array][] = [
    ['/DSS has /JS', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /DSS /JS (app.alert(1)) /Certs [ ${n + 1} 0 R ] >>` }, { num: n + 1, body: der() }])],
    ['/DSS /Type is not /DSS', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /Catalog /Certs [ ${n + 1} 0 R ] >>` }, { num: n + 1, body: der() }])],
    ['/DSS /Certs is not an array', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /DSS /Certs ${n + 1} 0 R >>` }, { num: n + 1, body: der() }])],
    ['/DSS /CRLs holds something other than a stream', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /DSS /CRLs [ ${n + 1} 0 R ] >>` }, { num: n + 1, body: '<< /S /JavaScript /JS (x) >>' }])],
    ['/DSS /OCSPs holds something other than a stream', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: '<< /Type /DSS /OCSPs [ (not a reference) ] >>' }])],
    ['/DSS is not a dictionary', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `[ ${n + 1} 0 R ]` }, { num: n + 1, body: der() }])],
    ['/VRI is not a dictionary', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: '<< /Type /DSS /VRI [ 1 2 ] >>' }])],
    ['/VRI /AB12 is not a dictionary', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: '<< /Type /DSS /VRI << /AB12 (x) >> >>' }])],
    ['/VRI entry has /JS', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /DSS /VRI << /AB12 << /Cert [ ${n + 1} 0 R ] /JS (x) >> >> >>` }, { num: n + 1, body: der() }])],
    ['/VRI /TU is not a date string', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: '<< /Type /DSS /VRI << /AB12 << /TU 20270101 >> >> >>' }])],
    ['/VRI /TS is not a stream', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /DSS /VRI << /AB12 << /TS ${n + 1} 0 R >> >> >>` }, { num: n + 1, body: '<< /Not /AStream >>' }])],
    ['/VRI /TS is not a stream (a direct value)', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: '<< /Type /DSS /VRI << /AB12 << /TS (token) >> >> >>' }])],
    ['/VRI /Cert is not an array', withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /DSS /VRI << /AB12 << /Cert ${n + 1} 0 R >> >> >>` }, { num: n + 1, body: der() }])],
  ];
  for (const [problem, pdf] of cases) {
    it(problem, async () => {
      const d = await diff(pdf);
      expect(d.level).toBe('OTHER');
      const vetoes = denied(d).filter((x) => x.includes('[dss]'));
      expect(vetoes, denied(d).join(' | ')).toHaveLength(1);
      expect(vetoes[0]).toContain(`(${problem.replace(' (a direct value)', '')})`);
      expect(vetoes[0]).toContain('the validation data (/DSS) holds something other than certificates, CRLs and OCSP responses');
    });
  }

  it('too many entries: an array of 50,001 streams is not validation data any tool writes', async () => {
    const pdf = withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /DSS /Certs [ ${`${n + 1} 0 R `.repeat(50_001)}] >>` }, { num: n + 1, body: der() }]);
    const vetoes = denied(await diff(pdf)).filter((x) => x.includes('[dss]'));
    expect(vetoes[0]).toContain('(too many entries)');
  });

  it('50,000 entries are still accepted (the limit is not off by one)', async () => {
    const pdf = withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: `<< /Type /DSS /Certs [ ${`${n + 1} 0 R `.repeat(50_000)}] >>` }, { num: n + 1, body: der() }]);
    const d = await diff(pdf);
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });

  it('a /DSS already there when the signature was made is not judged again by an update that leaves it alone', async () => {
    const odd = withDss(() => '<< /Type /DSS /Foo 1 >>');
    const again = up(odd, [{ num: 1, body: dictOf(odd, 1) }]);
    const d = await analyseChanges(await parsePdf(again), 2, RULES);
    expect(denied(d)).toEqual([]);
    expect(d.level).not.toBe('OTHER');
  });

  it('only the first problem is named', async () => {
    const pdf = withDss((n) => `${n} 0 R`, (n) => [{ num: n, body: '<< /Type /DSS /JS (x) /OpenAction (y) >>' }]);
    const vetoes = denied(await diff(pdf)).filter((x) => x.includes('[dss]'));
    expect(vetoes[0]).toContain('(/DSS has /JS)');
    expect(vetoes[0]).not.toContain('OpenAction');
  });
});
