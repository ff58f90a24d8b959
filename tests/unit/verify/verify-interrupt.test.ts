/**
 * verifyPdf's `interrupt` (issue 12): a caller's stop ends the verification with the caller's own error, never with a
 * report (a report would be cached as the file's verdict), and an interrupt that never throws changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { verifyPdf } from '../../../core/verify/index.js';
import { slowPdf } from '../../e2e/flood-files.js';

const many = slowPdf(20_000);
const at = new Date('2026-06-01T00:00:00Z');

describe('verifyPdf with an interrupt', () => {
  it('rejects with the caller’s error as soon as the interrupt throws', async () => {
    const stop = new Error('stopped by the pool');
    let calls = 0;
    await expect(
      verifyPdf(many, { trustAnchors: [], at, interrupt: () => {
        calls++;
        if (calls === 2) throw stop;
      } }),
    ).rejects.toBe(stop);
    // Every later check throws again (as PDF_LIMIT, which the parser passes on); the caller is not asked again.
    expect(calls).toBe(2);
  });

  it('an interrupt that throws once is enough: the stop is remembered to the end', async () => {
    const stop = new Error('once');
    let thrown = false;
    await expect(
      verifyPdf(many, { trustAnchors: [], at, interrupt: () => {
        if (!thrown) {
          thrown = true;
          throw stop;
        }
      } }),
    ).rejects.toBe(stop);
  });

  it('an interrupt that never throws gives the same report as none', async () => {
    let calls = 0;
    const watched = await verifyPdf(many, { trustAnchors: [], at, fileName: 'x.pdf', interrupt: () => void calls++ });
    const plain = await verifyPdf(many, { trustAnchors: [], at, fileName: 'x.pdf' });
    expect(calls).toBeGreaterThan(10);
    expect(watched).toEqual(plain);
    expect(watched.verdict).toBe('unsigned');
  });
});
