/**
 * The verification corpus (tests/corpus/): every generated file through verifyPdf, verdict and reason codes
 * checked against what a correct verifier says. The corpus is generated once per run (top-level await, so each
 * case is its own test), written to a temp dir and to test-output/corpus/ with a manifest and the results.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPdf } from '../../core/verify/index.js';
import type { VerificationReport } from '../../core/verify/report.js';
import { buildCorpus, writeCorpus, type CorpusCase } from '../corpus/index.js';
import { concat, sigDicts } from '../corpus/pdf-bytes.js';
import { testOutput } from '../helpers/ecopy.js';
import { makeTempDir } from '../helpers/pki.js';

const temp = makeTempDir('saoy-corpus-');
const corpus = await buildCorpus({ workDir: temp.dir });
writeCorpus(corpus, join(temp.dir, 'files'));
const outDir = join(testOutput, 'corpus');
writeCorpus(corpus, outDir);

const results: Record<string, unknown> = {};

afterAll(() => {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  temp.cleanup();
});

function codes(r: VerificationReport): string[] {
  return [...new Set([...r.reasons.map((x) => x.code), ...r.signatures.flatMap((s) => s.reasons.map((x) => x.code))])];
}

async function verify(c: CorpusCase): Promise<VerificationReport> {
  return verifyPdf(c.bytes, { trustAnchors: c.trustAnchors, crls: c.crls, fileName: `${c.name}.pdf` });
}

describe('corpus', () => {
  it(`was generated quickly and holds enough attack files (${corpus.cases.length} cases in ${corpus.millis} ms)`, () => {
    expect(corpus.millis).toBeLessThan(60_000);
    const attacks = corpus.cases.filter((c) => ['isa', 'usf', 'swa', 'shadow', 'sneaky', 'flip', 'transplant'].includes(c.class));
    expect(attacks.length).toBeGreaterThanOrEqual(25);
    for (const k of ['isa', 'usf', 'swa', 'shadow', 'sneaky', 'flip', 'transplant'] as const) {
      expect(attacks.filter((c) => c.class === k).length, k).toBeGreaterThanOrEqual(2);
    }
  });

  // The attacks that leave the signatures cryptographically intact are the ones that matter: a verifier that only
  // checks digests passes them. Check independently (sha256 over each ByteRange vs. the CMS messageDigest).
  const intactByDesign = corpus.cases.filter(
    (c) => ['isa', 'shadow', 'sneaky'].includes(c.class) || ['swa-gap-larger-than-contents', 'swa-range-short-of-revision-end', 'swa-range-extended-past-eof'].includes(c.name),
  );
  it.each(intactByDesign.map((c) => [c.name, c] as const))('self-check: %s keeps every signature digest intact', async (_, c) => {
    const sigs = sigDicts(c.bytes);
    expect(sigs.length).toBeGreaterThan(0);
    for (const s of sigs) {
      const [a, b, cc, d] = s.byteRange;
      const digest = Buffer.from(await crypto.subtle.digest('SHA-256', concat(c.bytes.subarray(a, a + b), c.bytes.subarray(cc, cc + d)) as Uint8Array<ArrayBuffer>));
      expect(Buffer.from(s.cms).includes(digest), `signature object ${s.num}`).toBe(true);
    }
  });
});

describe('verifyPdf on the corpus', () => {
  it.each(corpus.cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    let report: VerificationReport;
    try {
      report = await verify(c);
    } catch (e) {
      results[c.name] = { expected: c.expected, threw: String(e) };
      throw new Error(`verifyPdf threw instead of returning a report: ${e instanceof Error ? e.stack : String(e)}`);
    }
    const got = codes(report);
    results[c.name] = {
      class: c.class,
      expected: c.expected,
      verdict: report.verdict,
      reasons: got,
      signatures: report.signatures.map((s) => ({ field: s.fieldName, indication: s.indication, intact: s.intact, valid: s.valid, trusted: s.trusted, coverage: s.coverage, modificationLevel: s.modificationLevel })),
    };
    const context = `${c.name}: expected ${JSON.stringify(c.expected)}, got ${report.verdict} [${got.join(', ')}]${c.note ? ` — ${c.note}` : ''}`;
    expect([c.expected.verdict, ...(c.expected.alsoAcceptable ?? [])], context).toContain(report.verdict);
    // Reasons and signature counts describe the primary verdict; an alternative verdict is judged by itself.
    if (report.verdict === c.expected.verdict) {
      for (const r of c.expected.reasons ?? []) expect(got, context).toContain(r);
      if (c.expected.anyReason) expect(c.expected.anyReason.some((r) => got.includes(r)), context).toBe(true);
      if (c.expected.signatures !== undefined) expect(report.signatures.length, context).toBe(c.expected.signatures);
    }
    for (const r of c.expected.absentReasons ?? []) expect(got, context).not.toContain(r);
    if (report.verdict === 'error') expect(got, context).toEqual(expect.arrayContaining([expect.stringMatching(/^PDF_(UNREADABLE|LIMIT|ENCRYPTED)$/)]));
    expect(report.size).toBe(c.bytes.length);
    expect(report.reasons.every((r) => r.en && r.vi)).toBe(true);
  });
});

describe('verifyPdf never throws', () => {
  const garbage: [string, Uint8Array][] = [
    ['nothing', new Uint8Array(0)],
    ['one byte', Uint8Array.of(0x25)],
    ['random', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) & 255)],
    ['pdf header then random', concat(new Uint8Array(Buffer.from('%PDF-1.7\n')), Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) & 255))],
    ['startxref loop', new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<< >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev 38 >>\nstartxref\n38\n%%EOF\n'))],
    ['deep nesting', new Uint8Array(Buffer.from(`%PDF-1.7\n1 0 obj\n${'['.repeat(100_000)}\nendobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n`))],
  ];
  it.each(garbage)('%s', async (_, bytes) => {
    const report = await verifyPdf(bytes, { trustAnchors: [corpus.pki.demo.root] });
    expect(['error', 'unsigned', 'invalid']).toContain(report.verdict);
  });
});
