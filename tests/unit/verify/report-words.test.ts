/**
 * The words a report is shown in (summary.ts, ecopy-summary.ts, ltv-lines.ts): the exact sentences and lines,
 * Vietnamese and English, on report objects (no PDF).
 */
import { describe, expect, it } from 'vitest';
import { ECOPY_MARK, ecopyCheckLabel, ecopyCheckLines, ecopyCheckValues } from '../../../core/verify/ecopy-summary.js';
import { ltvLines } from '../../../core/verify/ltv-lines.js';
import { reason } from '../../../core/verify/reasons.js';
import type { SignatureReport, VerificationReport } from '../../../core/verify/report.js';
import { headline, signatureLine, verdictSentence } from '../../../core/verify/summary.js';
import { signatureReport } from '../../helpers/signature-report.js';

const sig = signatureReport;
const report = (o: Partial<VerificationReport>): VerificationReport => ({ size: 1, sha256: '', signatures: [], checkedAt: '', verdict: 'valid', reasons: [], ...o });
const who = (cn?: string) => sig({ signer: cn === undefined ? undefined : ({ commonName: cn } as SignatureReport['signer']) });

describe('summary', () => {
  it('headlines', () => {
    expect(['valid', 'invalid', 'indeterminate', 'unsigned', 'error'].map((v) => headline(v as VerificationReport['verdict'], 'vi'))).toEqual([
      'Bản sao hợp lệ', 'KHÔNG hợp lệ', 'Chưa xác định được', 'Chưa ký', 'Không đọc được tệp',
    ]);
    expect(['valid', 'invalid', 'indeterminate', 'unsigned', 'error'].map((v) => headline(v as VerificationReport['verdict'], 'en'))).toEqual([
      'Valid copy', 'NOT valid', 'Cannot be confirmed', 'Not signed', 'Cannot read the file',
    ]);
  });

  it('valid: the count and the signers, joined in each language; a signer without a name is left out', () => {
    const r = report({ verdict: 'valid', signatures: [who('A'), who(undefined), who('B')] });
    expect(verdictSentence(r, 'vi')).toBe('Bản sao hợp lệ: 3 chữ ký số đúng và tin cậy (A và B); tài liệu không bị sửa đổi sau khi ký.');
    expect(verdictSentence(r, 'en')).toBe('Valid copy: 3 digital signature(s) verified and trusted (A and B); nothing changed after signing.');
  });

  it('unsigned', () => {
    expect(verdictSentence(report({ verdict: 'unsigned' }), 'vi')).toBe('Chưa ký: tài liệu không có chữ ký số nào.');
    expect(verdictSentence(report({ verdict: 'unsigned' }), 'en')).toBe('Not signed: the document carries no digital signature.');
  });

  it('otherwise the headline and the first reason that is not a later revocation (or that one if it is all)', () => {
    const later = reason('CERT_REVOKED_LATER', 's');
    const expired = reason('CERT_EXPIRED', 's');
    const r = report({ verdict: 'indeterminate', reasons: [later, expired] });
    expect(verdictSentence(r, 'en')).toBe(`Cannot be confirmed: ${expired.en}`);
    expect(verdictSentence(r, 'vi')).toBe(`Chưa xác định được: ${expired.vi}`);
    expect(verdictSentence(report({ verdict: 'invalid', reasons: [later] }), 'en')).toBe(`NOT valid: ${later.en}`);
    expect(verdictSentence(report({ verdict: 'error', reasons: [] }), 'en')).toBe('Cannot read the file: ');
  });

  it('signatureLine: each part in each language, the certification level when there is one', () => {
    expect(signatureLine(sig(), 'vi')).toBe('nội dung nguyên vẹn, chữ ký đúng, chứng thư tin cậy');
    expect(signatureLine(sig(), 'en')).toBe('content intact, signature verifies, certificate trusted');
    const bad = sig({ intact: false, valid: false, trusted: false, certification: 2 });
    expect(signatureLine(bad, 'vi')).toBe('nội dung đã bị thay đổi, chữ ký sai, chứng thư chưa được tin cậy, chữ ký chứng nhận (DocMDP P=2)');
    expect(signatureLine(bad, 'en')).toBe('content altered, signature does not verify, certificate not trusted, certification signature (DocMDP P=2)');
  });
});

describe('ecopy-summary', () => {
  it('labels, the failed authority in its own words, marks', () => {
    expect(ecopyCheckLabel({ id: 'AUTHORITY_PRESENT', status: 'pass' }, 'vi')).toBe('Có chữ ký của cơ quan có thẩm quyền');
    expect(ecopyCheckLabel({ id: 'AUTHORITY_PRESENT', status: 'fail' }, 'vi')).toBe('Chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền');
    expect(ecopyCheckLabel({ id: 'AUTHORITY_PRESENT', status: 'fail' }, 'en')).toBe("Not complete: the competent authority's signature is still missing");
    expect(ecopyCheckLabel({ id: 'AUTHORITY_PRESENT', status: 'skipped' }, 'en')).toBe("The competent authority's signature is present");
    expect(ecopyCheckLabel({ id: 'OFFICE_MATCH', status: 'fail' }, 'en')).toBe("The statement's office matches the authority's certificate");
    expect(ECOPY_MARK).toEqual({ pass: '✓', fail: '✗', skipped: '–' });
  });

  it('values side by side; a date is "signed on"; nothing for the authority check or when both are absent', () => {
    expect(ecopyCheckValues({ id: 'OFFICE_MATCH', status: 'fail', statement: 'A', signature: 'B' }, 'vi')).toBe('lời chứng: A · chứng thư số: B');
    expect(ecopyCheckValues({ id: 'OFFICE_MATCH', status: 'fail', statement: 'A', signature: 'B' }, 'en')).toBe('statement: A · certificate: B');
    expect(ecopyCheckValues({ id: 'DATE_MATCH', status: 'pass', statement: 'd', signature: 'e' }, 'vi')).toBe('lời chứng: d · ngày ký: e');
    expect(ecopyCheckValues({ id: 'DATE_MATCH', status: 'pass', statement: 'd' }, 'en')).toBe('statement: d · signed on: —');
    expect(ecopyCheckValues({ id: 'CERTIFIER_MATCH', status: 'skipped', signature: 'x' }, 'en')).toBe('statement: — · certificate: x');
    expect(ecopyCheckValues({ id: 'CERTIFIER_MATCH', status: 'skipped' }, 'en')).toBe('');
    expect(ecopyCheckValues({ id: 'AUTHORITY_PRESENT', status: 'pass', signature: 'x' }, 'en')).toBe('');
  });

  it('lines: mark, label, "not checked" for a skipped check, the values in brackets', () => {
    const checks = [
      { id: 'AUTHORITY_PRESENT', status: 'pass', signature: 'X' },
      { id: 'OFFICE_MATCH', status: 'skipped' },
      { id: 'CERTIFIER_MATCH', status: 'fail', statement: 'A', signature: 'B' },
    ] as const;
    expect(ecopyCheckLines(checks, 'en')).toEqual([
      "✓ The competent authority's signature is present",
      "– The statement's office matches the authority's certificate — not checked",
      "✗ The printed certifier matches the certifier's certificate (statement: A · certificate: B)",
    ]);
    expect(ecopyCheckLines(checks, 'vi')[1]).toBe('– Cơ quan trong lời chứng khớp với chứng thư số của cơ quan — chưa kiểm tra được');
  });
});

describe('ltvLines', () => {
  it('nothing without a summary', () => {
    expect(ltvLines(undefined, 'vi')).toEqual([]);
    expect(ltvLines({ timestamps: [] }, 'en')).toEqual([]);
  });

  it('each timestamp, the /DSS and the coverage, in each language (days in Vietnam time)', () => {
    const l = {
      timestamps: [
        { kind: 'document', field: 'ts', time: '2026-03-05T20:00:00.123Z', tsa: 'TSA 1', validUntil: '2030-01-01T18:00:00Z', relied: true },
        { kind: 'signature', field: 's', time: '2026-03-05T01:02:03Z', relied: false },
      ],
      dss: { certificates: 3, crls: 1, ocspResponses: 2, vriEntries: 1, signaturesWithVri: ['s', 't'] },
      coveredUntil: '2030-01-01T17:00:00Z',
    } as Parameters<typeof ltvLines>[0];
    expect(ltvLines(l, 'en')).toEqual([
      'document timestamp [ts]: 2026-03-05 20:00:00 UTC, TSA 1, TSA certificate valid until 2030-01-02',
      'signature timestamp [s]: 2026-03-05 01:02:03 UTC (not relied on)',
      'validation data in the file (/DSS): 3 certificate(s), 1 CRL(s), 2 OCSP response(s); /VRI for: s, t',
      'verifiable (covered) until 2030-01-02',
    ]);
    expect(ltvLines(l, 'vi')).toEqual([
      'dấu thời gian tài liệu [ts]: 2026-03-05 20:00:00 UTC, TSA 1, chứng thư TSA hiệu lực đến 2030-01-02',
      'dấu thời gian chữ ký [s]: 2026-03-05 01:02:03 UTC (không được dùng)',
      'dữ liệu kiểm tra trong tệp (/DSS): 3 chứng thư, 1 CRL, 2 OCSP; /VRI cho: s, t',
      'được bảo đảm kiểm tra đến 2030-01-02',
    ]);
    const noVri = { timestamps: [], dss: { certificates: 0, crls: 0, ocspResponses: 0, vriEntries: 0, signaturesWithVri: [] } };
    expect(ltvLines(noVri, 'en')).toEqual(['validation data in the file (/DSS): 0 certificate(s), 0 CRL(s), 0 OCSP response(s); /VRI for: no signature']);
    expect(ltvLines(noVri, 'vi')).toEqual(['dữ liệu kiểm tra trong tệp (/DSS): 0 chứng thư, 0 CRL, 0 OCSP; /VRI cho: không chữ ký nào']);
  });
});
