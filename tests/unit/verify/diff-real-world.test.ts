/**
 * Issue 9, difference analysis against the real-world corpus (tests/corpus/real-world): files made by pdfsig,
 * qpdf, mutool and openssl, and updates written byte by byte the way PAdES-LT tools, Acrobat and iText write
 * them. Each file must get its verdict and reason codes; each accepted file must need the rule it names (without
 * it the change is unexplained), and each rejected file must be vetoed by the rule it names.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { verifyPdf } from '../../../core/verify/index.js';
import type { VerificationReport } from '../../../core/verify/report.js';
import { buildRealWorld, REAL_WORLD_TOOLS, type RealWorldCase } from '../../corpus/real-world/index.js';
import { testOutput } from '../../helpers/ecopy.js';
import { makeTempDir } from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const skip = skipWithout(...REAL_WORLD_TOOLS);
if (!skip) assertTools(...REAL_WORLD_TOOLS);
const temp = makeTempDir('saoy-real-world-');
const built = skip ? undefined : await buildRealWorld(temp.dir);
const cases = built?.cases ?? [];
const reports = new Map<string, VerificationReport>();

afterAll(() => {
  if (built) {
    const out = join(testOutput, 'real-world');
    mkdirSync(out, { recursive: true });
    for (const c of cases) writeFileSync(join(out, `${c.name}.pdf`), c.bytes);
    const manifest = cases.map((c) => ({ file: `${c.name}.pdf`, classes: c.classes, rule: c.rule, source: c.source, expected: c.expected, got: reports.get(c.name)?.verdict }));
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  temp.cleanup();
});

const codes = (r: VerificationReport) => [...new Set([...r.reasons.map((x) => x.code), ...r.signatures.flatMap((s) => s.reasons.map((x) => x.code))])];

async function verify(c: RealWorldCase): Promise<VerificationReport> {
  const r = await verifyPdf(c.bytes, { trustAnchors: [built!.pki.root], fileName: c.name });
  reports.set(c.name, r);
  return r;
}

describe.skipIf(skip)('real-world corpus: verdicts', () => {
  it('covers every issue-9 class of the difference analysis (1, 2, 6, 7, 9, 10)', () => {
    for (const k of [1, 2, 6, 7, 9, 10]) expect(cases.some((c) => c.classes.includes(k)), `class ${k}`).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const r = await verify(c);
    const denied = r.signatures.flatMap((s) => s.modifications.filter((m) => !m.allowed).map((m) => `${s.fieldName}: ${m.object}: ${m.description}`));
    const context = `${c.name} (${c.source}): got ${r.verdict} [${r.reasons.map((x) => `${x.code} ${x.en}`).join(', ')}] ${denied.join(' | ')}`;
    expect(r.verdict, context).toBe(c.expected.verdict);
    for (const code of c.expected.reasons ?? []) expect(codes(r), context).toContain(code);
    if (c.expected.signatures !== undefined) expect(r.signatures.length, context).toBe(c.expected.signatures);
    if (c.expected.verdict === 'valid') {
      expect(codes(r), context).not.toContain('MODIFIED_AFTER_SIGNING');
      expect(r.signatures.every((s) => s.modifications.every((m) => m.allowed)), context).toBe(true);
    }
    if (c.expected.verdict === 'invalid' && c.rule) expect(denied.some((d) => d.includes(`[${c.rule}]`)), `${context}: expected a veto by ${c.rule}`).toBe(true);
  });
});

describe.skipIf(skip)('real-world corpus: each accepted file needs the rule it names', () => {
  const accepted = cases.filter((c) => c.expected.verdict === 'valid' && c.rule);
  it.each(accepted.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    expect(RULES.some((r) => r.name === c.rule), `rule ${c.rule} exists`).toBe(true);
    const pdf = await parsePdf(c.bytes);
    const r = await verifyPdf(c.bytes, { trustAnchors: [built!.pki.root] });
    const revs = r.signatures.map((s) => s.signedRevision).filter((x): x is number => x !== undefined);
    const withAll = await Promise.all(revs.map((rev) => analyseChanges(pdf, rev)));
    expect(withAll.every((d) => d.level !== 'OTHER')).toBe(true);
    const without = await Promise.all(revs.map((rev) => analyseChanges(pdf, rev, RULES.filter((x) => x.name !== c.rule))));
    expect(without.some((d) => d.level === 'OTHER'), `${c.name}: still explained without ${c.rule}`).toBe(true);
  });
});

describe.skipIf(skip)('real-world corpus: field locks are what rejects the locked-field files', () => {
  const locked = cases.filter((c) => c.rule === 'field-lock');
  it.each(locked.map((c) => [c.name, c] as const))('%s is explained once field-lock is left out', async (_, c) => {
    const pdf = await parsePdf(c.bytes);
    const first = 0;
    const r = await verifyPdf(c.bytes, { trustAnchors: [built!.pki.root] });
    const rev = r.signatures[first].signedRevision as number;
    expect((await analyseChanges(pdf, rev)).level).toBe('OTHER');
    expect((await analyseChanges(pdf, rev, RULES.filter((x) => x.name !== 'field-lock'))).level).not.toBe('OTHER');
  });
});
