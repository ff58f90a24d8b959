/**
 * The two small decisions every verification ends with: the file verdict from the signatures' indications, and
 * which parser anomalies count against a signed file (only those after the signed revisions). The anomaly texts
 * are the parser's own (core/pdf/parse/document.ts), one per code.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedPdf } from '../../../core/pdf/parse/index';
import { structureProblems } from '../../../core/verify/checks/structure';
import type { SignatureReport } from '../../../core/verify/report';
import { verdictOf } from '../../../core/verify/verdict';

const sig = (indication: SignatureReport['indication']) => ({ indication }) as SignatureReport;

describe('verdictOf', () => {
  it('no signature: unsigned', () => {
    expect(verdictOf([])).toBe('unsigned');
  });

  it('any failure makes the file invalid, wherever it stands and whatever else is there', () => {
    expect(verdictOf([sig('FAILED')])).toBe('invalid');
    expect(verdictOf([sig('PASSED'), sig('FAILED')])).toBe('invalid');
    expect(verdictOf([sig('INDETERMINATE'), sig('FAILED')])).toBe('invalid');
    expect(verdictOf([sig('FAILED'), sig('INDETERMINATE'), sig('PASSED')])).toBe('invalid');
  });

  it('otherwise any doubt makes it indeterminate', () => {
    expect(verdictOf([sig('INDETERMINATE')])).toBe('indeterminate');
    expect(verdictOf([sig('PASSED'), sig('INDETERMINATE')])).toBe('indeterminate');
    expect(verdictOf([sig('INDETERMINATE'), sig('PASSED')])).toBe('indeterminate');
  });

  it('valid only when every signature passed', () => {
    expect(verdictOf([sig('PASSED')])).toBe('valid');
    expect(verdictOf([sig('PASSED'), sig('PASSED'), sig('PASSED')])).toBe('valid');
  });
});

const pdfWith = (...anomalies: string[]) => ({ anomalies }) as unknown as ParsedPdf;

const UNREACHED = 'UNREACHED_STARTXREF: the last startxref (byte 9000) is not part of any revision';
const mismatch = (rev: number) => `STARTXREF_MISMATCH: revision ${rev} is followed by startxref 100, not 200`;
const missingEof = (rev: number) => `MISSING_EOF: revision ${rev} (xref at byte 300) has no %%EOF after it`;
const order = (rev: number) => `REVISION_ORDER: revision ${rev} ends at byte 400, before the previous one`;
const off = (rev: number) => `STARTXREF_OFF: revision ${rev} is followed by startxref 502, 2 bytes from its xref at 500`;

describe('structureProblems', () => {
  it('an unreached startxref always counts, even before every signed revision', () => {
    expect(structureProblems(pdfWith(UNREACHED), 5)).toEqual([UNREACHED]);
    expect(structureProblems(pdfWith(UNREACHED), 0, 9)).toEqual([UNREACHED]);
  });

  it('revision anomalies count only after the oldest signed revision', () => {
    for (const make of [mismatch, missingEof, order]) {
      expect(structureProblems(pdfWith(make(2)), 1), make(2)).toEqual([make(2)]);
      expect(structureProblems(pdfWith(make(2)), 2), make(2)).toEqual([]); // the signed revision itself: signed as it is
      expect(structureProblems(pdfWith(make(1)), 2), make(1)).toEqual([]);
      expect(structureProblems(pdfWith(make(0)), -1), make(0)).toEqual([make(0)]); // no signed revision at all
      // Several digits: revision 12 is after revision 2.
      expect(structureProblems(pdfWith(make(12)), 2), make(12)).toEqual([make(12)]);
    }
  });

  it('a startxref a few bytes off counts only after the newest signed revision (the signer’s own sloppiness is signed)', () => {
    expect(structureProblems(pdfWith(off(2)), 0, 2)).toEqual([]);
    expect(structureProblems(pdfWith(off(2)), 0, 1)).toEqual([off(2)]);
    expect(structureProblems(pdfWith(off(3)), 0, 3)).toEqual([]);
    expect(structureProblems(pdfWith(off(13)), 0, 3)).toEqual([off(13)]);
    // lastSigned defaults to firstSigned.
    expect(structureProblems(pdfWith(off(2)), 1)).toEqual([off(2)]);
    expect(structureProblems(pdfWith(off(1)), 1)).toEqual([]);
  });

  it('other anomalies, or revision anomalies without a revision number, do not count', () => {
    expect(structureProblems(pdfWith('XREF_REPAIRED: revision 4 was rebuilt by scanning', 'DATA_AFTER_EOF: 12 bytes after revision 3', 'UNREADABLE_TAIL: revision 5'), 0)).toEqual([]);
    expect(structureProblems(pdfWith('STARTXREF_MISMATCH: the file has no startxref', 'MISSING_EOF: rev. 3', 'STARTXREF_OFF: revision x'), -1)).toEqual([]);
    // The code is the text before the colon, exactly.
    expect(structureProblems(pdfWith('UNREACHED_STARTXREF', 'NOT_UNREACHED_STARTXREF: x', 'XSTARTXREF_MISMATCH: revision 9', 'STARTXREF_MISMATCHED: revision 9'), -1)).toEqual([]);
  });

  it('keeps the parser’s order and every counted anomaly', () => {
    const all = [off(4), 'XREF_REPAIRED: revision 4', mismatch(3), UNREACHED, missingEof(1), order(5)];
    expect(structureProblems(pdfWith(...all), 2, 3)).toEqual([off(4), mismatch(3), UNREACHED, order(5)]);
  });
});
