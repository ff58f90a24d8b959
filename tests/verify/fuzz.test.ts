/**
 * A small, deterministic fuzz run inside `npm test` (scripts/fuzz.ts runs 10,000): mutated signed copies must
 * never make verifyPdf throw or take longer than a second, and a mutation that touched a signed byte must never
 * come out `valid`. FUZZ_SEED / FUZZ_COUNT override the defaults.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPdf } from '../../core/verify/index.js';
import { testOutput } from '../helpers/ecopy.js';
import { describeFinding, makeFuzzSeeds, runFuzz, summaryLine } from './mutate.js';

const seeds = await makeFuzzSeeds();

describe('fuzzing verifyPdf', () => {
  it('the unmutated seeds are valid (otherwise the failure check means nothing)', async () => {
    for (const s of seeds) {
      const r = await verifyPdf(s.bytes, { trustAnchors: s.trustAnchors });
      expect(r.verdict, `${s.name}: ${r.reasons.map((x) => x.code).join(', ')}`).toBe('valid');
    }
  });

  it('300 mutations: no crash, no hang, no touched file reported valid', async () => {
    const result = await runFuzz({
      seeds,
      count: Number(process.env.FUZZ_COUNT ?? 300),
      seed: Number(process.env.FUZZ_SEED ?? 20260305),
      verify: (bytes, seed) => verifyPdf(bytes, { trustAnchors: seed.trustAnchors }),
    });
    console.log(summaryLine(result));
    const bad = [...result.crashes, ...result.hangs, ...result.failures];
    if (bad.length) {
      const dir = join(testOutput, 'fuzz');
      mkdirSync(dir, { recursive: true });
      for (const f of bad) writeFileSync(join(dir, `mutation-${f.index}.pdf`), f.bytes);
    }
    expect(result.crashes.map(describeFinding), 'crashes').toEqual([]);
    expect(result.hangs.map(describeFinding), 'hangs (> 1 s)').toEqual([]);
    expect(result.failures.map(describeFinding), 'touched a signed byte but still valid').toEqual([]);
    expect(result.touched).toBeGreaterThan(result.count / 2);
  });
});
