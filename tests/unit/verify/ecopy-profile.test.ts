/**
 * core/verify/ecopy-checks.ts on report objects alone (no PDF, no PKI): when the e-copy profile runs, who is the
 * certifier and who the authority, each check's pass / fail / skipped with both values, the reason texts, the cap
 * a failure puts on the verdict, and how withEcopyProfile merges the profile into the file verdict and reasons.
 */
import { describe, expect, it } from 'vitest';
import { checkEcopyProfile, isEcopy, vietnamDay, withEcopyProfile, type EcopyProfileResult } from '../../../core/verify/ecopy-checks.js';
import { reason } from '../../../core/verify/reasons.js';
import type { EcopyData, SignatureReport } from '../../../core/verify/report.js';
import { signatureReport } from '../../helpers/signature-report.js';

const C = 'saoy_certifier';
const A = 'saoy_authority';
const OFFICE = 'UBND phường Hạc Thành, tỉnh Thanh Hóa';

function sig(over: Partial<SignatureReport> & { org?: string; cn?: string } = {}): SignatureReport {
  const { org, cn, ...rest } = over;
  return signatureReport({
    fieldName: C,
    subFilter: 'ETSI.CAdES.detached',
    signedRevision: 1,
    claimedTime: '2026-03-05T03:00:00Z',
    ...(org !== undefined || cn !== undefined ? { signer: { organization: org, commonName: cn } as SignatureReport['signer'] } : {}),
    ...rest,
  });
}
const certifier = (o: Partial<SignatureReport> & { org?: string; cn?: string } = {}) => sig({ fieldName: C, org: 'Ủy ban nhân dân phường Hạc Thành', cn: 'Lê Thị Thu Hà', ...o });
const authority = (o: Partial<SignatureReport> & { org?: string; cn?: string } = {}) =>
  sig({ fieldName: A, signedRevision: 2, org: 'Uỷ ban nhân dân phường Hạc Thành', cn: 'UBND phường Hạc Thành', ...o });
const data = (o: Partial<EcopyData> = {}): EcopyData => ({ office: OFFICE, certifier: 'Lê Thị Thu Hà', date: '2026-03-05', ...o });
const statuses = (p: EcopyProfileResult | undefined) => p?.checks.map((c) => [c.id, c.status]);
const byId = (p: EcopyProfileResult | undefined, id: string) => p?.checks.find((c) => c.id === id);

describe('isEcopy / checkEcopyProfile: when the profile runs', () => {
  it('e-copy data alone is enough; so are both fixed fields (signed or empty); one field alone or other names are not', () => {
    expect(isEcopy({ ecopy: {}, signatures: [], emptyFields: [] })).toBe(true);
    expect(isEcopy({ signatures: [sig({ fieldName: C })], emptyFields: [A] })).toBe(true);
    expect(isEcopy({ signatures: [], emptyFields: [C, A] })).toBe(true);
    expect(isEcopy({ signatures: [sig({ fieldName: C }), sig({ fieldName: A })], emptyFields: [] })).toBe(true);
    expect(isEcopy({ signatures: [sig({ fieldName: C })], emptyFields: [] })).toBe(false);
    expect(isEcopy({ signatures: [], emptyFields: [A] })).toBe(false);
    expect(isEcopy({ signatures: [sig({ fieldName: 'Signature1' })], emptyFields: ['Signature2'] })).toBe(false);
    expect(checkEcopyProfile({ signatures: [sig({ fieldName: 'Signature1' })], emptyFields: [] })).toBeUndefined();
  });

  it('vietnamDay: UTC+7, and undefined for a time that is no time', () => {
    expect(vietnamDay('2026-03-04T16:59:59Z')).toBe('2026-03-04');
    expect(vietnamDay('2026-03-04T17:00:00Z')).toBe('2026-03-05');
    expect(vietnamDay('not a time')).toBeUndefined();
  });
});

describe('checkEcopyProfile: the checks', () => {
  it('a consistent copy: four passes with both values, no reasons, cap valid', () => {
    const p = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), authority()], emptyFields: [] });
    expect(p?.checks).toEqual([
      { id: 'AUTHORITY_PRESENT', status: 'pass', signature: 'UBND phường Hạc Thành' },
      { id: 'OFFICE_MATCH', status: 'pass', statement: OFFICE, signature: 'Uỷ ban nhân dân phường Hạc Thành' },
      { id: 'CERTIFIER_MATCH', status: 'pass', statement: 'Lê Thị Thu Hà', signature: 'Lê Thị Thu Hà' },
      { id: 'DATE_MATCH', status: 'pass', statement: '2026-03-05', signature: '2026-03-05' },
    ]);
    expect(p?.reasons).toEqual([]);
    expect(p?.cap).toBe('valid');
  });

  it('no authority signature: ECOPY_AUTHORITY_MISSING on the authority field, the office check skipped, cap indeterminate', () => {
    const p = checkEcopyProfile({ ecopy: data(), signatures: [certifier()], emptyFields: [A] });
    expect(p?.checks[0]).toEqual({ id: 'AUTHORITY_PRESENT', status: 'fail', code: 'ECOPY_AUTHORITY_MISSING' });
    expect(p?.reasons.map((r) => [r.code, r.field])).toEqual([['ECOPY_AUTHORITY_MISSING', A]]);
    expect(byId(p, 'OFFICE_MATCH')).toEqual({ id: 'OFFICE_MATCH', status: 'skipped', statement: OFFICE });
    expect(statuses(p)?.slice(2)).toEqual([['CERTIFIER_MATCH', 'pass'], ['DATE_MATCH', 'pass']]);
    expect(p?.cap).toBe('indeterminate');
  });

  it('a document timestamp is never the authority, even as the only other signature', () => {
    const ts = sig({ fieldName: 'Signature3', subFilter: 'ETSI.RFC3161', signedRevision: 3, org: 'TSA', cn: 'TSA' });
    const p = checkEcopyProfile({ ecopy: data(), signatures: [sig({ fieldName: 'a', signedRevision: 1, cn: 'Lê Thị Thu Hà' }), ts], emptyFields: [] });
    expect(byId(p, 'AUTHORITY_PRESENT')?.status).toBe('fail');
    // Nor the certifier: the certifier is the oldest non-timestamp signature.
    const q = checkEcopyProfile({ ecopy: data(), signatures: [sig({ ...ts, signedRevision: 0 }), sig({ fieldName: 'a', signedRevision: 1, cn: 'Lê Thị Thu Hà' })], emptyFields: [] });
    expect(byId(q, 'CERTIFIER_MATCH')).toMatchObject({ status: 'pass', signature: 'Lê Thị Thu Hà' });
  });

  it('without the fixed fields (XMP alone): the oldest signature is the certifier, the next the authority, whatever their order in the report', () => {
    const older = sig({ fieldName: 'x', signedRevision: 1, org: 'Ủy ban nhân dân phường Hạc Thành', cn: 'Lê Thị Thu Hà' });
    const newer = sig({ fieldName: 'y', signedRevision: 2, org: 'Uỷ ban nhân dân phường Hạc Thành', cn: 'UBND phường Hạc Thành' });
    for (const signatures of [[older, newer], [newer, older]]) {
      const p = checkEcopyProfile({ ecopy: data(), signatures, emptyFields: [] });
      expect(statuses(p)).toEqual([['AUTHORITY_PRESENT', 'pass'], ['OFFICE_MATCH', 'pass'], ['CERTIFIER_MATCH', 'pass'], ['DATE_MATCH', 'pass']]);
      expect(byId(p, 'AUTHORITY_PRESENT')?.signature).toBe('UBND phường Hạc Thành');
    }
    // A signature without a revision counts as revision 0 (the oldest).
    const p = checkEcopyProfile({ ecopy: data(), signatures: [newer, sig({ ...older, signedRevision: undefined })], emptyFields: [] });
    expect(byId(p, 'CERTIFIER_MATCH')?.signature).toBe('Lê Thị Thu Hà');
    // One signature only: it is the certifier, no authority.
    const one = checkEcopyProfile({ ecopy: data(), signatures: [older], emptyFields: [] });
    expect(statuses(one)?.[0]).toEqual(['AUTHORITY_PRESENT', 'fail']);
    expect(byId(one, 'CERTIFIER_MATCH')?.status).toBe('pass');
  });

  it('with the fixed fields, the order of signing does not choose: an empty certifier field means no certifier', () => {
    const p = checkEcopyProfile({ ecopy: data(), signatures: [sig({ fieldName: 'other', signedRevision: 1, cn: 'Lê Thị Thu Hà' }), authority()], emptyFields: [C] });
    expect(byId(p, 'CERTIFIER_MATCH')).toEqual({ id: 'CERTIFIER_MATCH', status: 'skipped', statement: 'Lê Thị Thu Hà' });
    expect(byId(p, 'DATE_MATCH')).toEqual({ id: 'DATE_MATCH', status: 'skipped', statement: '2026-03-05', signature: undefined });
    // Only the certifier field present: the other signature is not taken as the authority.
    const q = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), sig({ fieldName: 'other', signedRevision: 2, org: 'Uỷ ban nhân dân phường Hạc Thành' })], emptyFields: [] });
    expect(byId(q, 'AUTHORITY_PRESENT')?.status).toBe('fail');
  });

  it('only the authority field present: still the fixed-field structure, so no signature is taken as the certifier', () => {
    const p = checkEcopyProfile({ ecopy: data(), signatures: [sig({ fieldName: 'x', signedRevision: 1, cn: 'Lê Thị Thu Hà' }), authority()], emptyFields: [] });
    expect(byId(p, 'AUTHORITY_PRESENT')?.status).toBe('pass');
    expect(byId(p, 'CERTIFIER_MATCH')).toEqual({ id: 'CERTIFIER_MATCH', status: 'skipped', statement: 'Lê Thị Thu Hà' });
  });

  it('the two fixed fields without e-copy data: the comparisons are skipped, the authority is present', () => {
    const p = checkEcopyProfile({ signatures: [certifier(), authority()], emptyFields: [] });
    expect(p?.checks).toEqual([
      { id: 'AUTHORITY_PRESENT', status: 'pass', signature: 'UBND phường Hạc Thành' },
      { id: 'OFFICE_MATCH', status: 'skipped', statement: undefined },
      { id: 'CERTIFIER_MATCH', status: 'skipped', statement: undefined },
      { id: 'DATE_MATCH', status: 'skipped', statement: undefined, signature: '2026-03-05' },
    ]);
    expect(p?.cap).toBe('valid');
  });

  it('a certifier signature without a signer certificate: certifier check skipped', () => {
    const p = checkEcopyProfile({ ecopy: data(), signatures: [sig({ fieldName: C }), authority()], emptyFields: [] });
    expect(byId(p, 'CERTIFIER_MATCH')).toEqual({ id: 'CERTIFIER_MATCH', status: 'skipped', statement: 'Lê Thị Thu Hà' });
  });

  describe('OFFICE_MATCH', () => {
    it('the organisation alone is enough (the CN may be a person)', () => {
      const p = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), authority({ cn: 'Nguyễn Văn Bình' })], emptyFields: [] });
      expect(byId(p, 'OFFICE_MATCH')).toEqual({ id: 'OFFICE_MATCH', status: 'pass', statement: OFFICE, signature: 'Uỷ ban nhân dân phường Hạc Thành' });
    });

    it('a signer certificate with neither organisation nor CN: a mismatch showing the empty name', () => {
      const p = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), sig({ fieldName: A, signedRevision: 2, signer: {} as SignatureReport['signer'] })], emptyFields: [] });
      expect(byId(p, 'OFFICE_MATCH')).toEqual({ id: 'OFFICE_MATCH', status: 'fail', code: 'ECOPY_OFFICE_MISMATCH', statement: OFFICE, signature: '' });
    });

    it('matches the organisation, or else the CN (where VGCA puts the office)', () => {
      const byCn = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), authority({ org: 'Công ty khác', cn: 'UBND phường Hạc Thành' })], emptyFields: [] });
      expect(byId(byCn, 'OFFICE_MATCH')).toEqual({ id: 'OFFICE_MATCH', status: 'pass', statement: OFFICE, signature: 'Công ty khác' });
      const noOrg = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), authority({ org: undefined, cn: 'UBND phường Hạc Thành' })], emptyFields: [] });
      expect(byId(noOrg, 'OFFICE_MATCH')).toEqual({ id: 'OFFICE_MATCH', status: 'pass', statement: OFFICE, signature: 'UBND phường Hạc Thành' });
    });

    it('another office: ECOPY_OFFICE_MISMATCH on the authority field with both values, cap indeterminate', () => {
      const p = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), authority({ org: 'Ủy ban nhân dân xã Nga Sơn', cn: 'UBND xã Nga Sơn' })], emptyFields: [] });
      expect(byId(p, 'OFFICE_MATCH')).toEqual({ id: 'OFFICE_MATCH', status: 'fail', code: 'ECOPY_OFFICE_MISMATCH', statement: OFFICE, signature: 'Ủy ban nhân dân xã Nga Sơn' });
      expect(p?.reasons).toHaveLength(1);
      expect(p?.reasons[0]).toMatchObject({ code: 'ECOPY_OFFICE_MISMATCH', field: A });
      expect(p?.reasons[0].en).toContain(`(statement: "${OFFICE}"; certificate: "Ủy ban nhân dân xã Nga Sơn")`);
      expect(p?.reasons[0].vi).toContain(`(lời chứng: “${OFFICE}”; chứng thư số: “Ủy ban nhân dân xã Nga Sơn”)`);
      expect(p?.cap).toBe('indeterminate');
    });

    it('a mismatch without organisation shows the CN; with neither, the empty name', () => {
      const cnOnly = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), authority({ org: undefined, cn: 'UBND xã Nga Sơn' })], emptyFields: [] });
      expect(byId(cnOnly, 'OFFICE_MATCH')).toMatchObject({ status: 'fail', signature: 'UBND xã Nga Sơn' });
      const none = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), authority({ org: '', cn: '' })], emptyFields: [] });
      expect(byId(none, 'OFFICE_MATCH')).toMatchObject({ status: 'fail', signature: '' });
      expect(none?.reasons[0].en).toContain('certificate: "")');
    });

    it('skipped without a statement office or without the authority signer', () => {
      const noOffice = checkEcopyProfile({ ecopy: data({ office: undefined }), signatures: [certifier(), authority()], emptyFields: [] });
      expect(byId(noOffice, 'OFFICE_MATCH')).toEqual({ id: 'OFFICE_MATCH', status: 'skipped', statement: undefined });
      const noSigner = checkEcopyProfile({ ecopy: data(), signatures: [certifier(), sig({ fieldName: A, signedRevision: 2 })], emptyFields: [] });
      expect(byId(noSigner, 'OFFICE_MATCH')).toEqual({ id: 'OFFICE_MATCH', status: 'skipped', statement: OFFICE });
      expect(byId(noSigner, 'AUTHORITY_PRESENT')).toEqual({ id: 'AUTHORITY_PRESENT', status: 'pass', signature: undefined });
      expect(noOffice?.cap).toBe('valid');
    });
  });

  describe('CERTIFIER_MATCH', () => {
    it('another person: ECOPY_CERTIFIER_MISMATCH on the certifier field with both values', () => {
      const p = checkEcopyProfile({ ecopy: data({ certifier: 'Nguyễn Văn An' }), signatures: [certifier(), authority()], emptyFields: [] });
      expect(byId(p, 'CERTIFIER_MATCH')).toEqual({ id: 'CERTIFIER_MATCH', status: 'fail', code: 'ECOPY_CERTIFIER_MISMATCH', statement: 'Nguyễn Văn An', signature: 'Lê Thị Thu Hà' });
      expect(p?.reasons[0]).toMatchObject({ code: 'ECOPY_CERTIFIER_MISMATCH', field: C });
      expect(p?.reasons[0].en).toContain('(statement: "Nguyễn Văn An"; certificate: "Lê Thị Thu Hà")');
      expect(p?.reasons[0].vi).toContain('(lời chứng: “Nguyễn Văn An”; chứng thư số: “Lê Thị Thu Hà”)');
      expect(p?.cap).toBe('indeterminate');
    });

    it('skipped without a printed certifier or without the certificate CN', () => {
      const a = checkEcopyProfile({ ecopy: data({ certifier: undefined }), signatures: [certifier(), authority()], emptyFields: [] });
      expect(byId(a, 'CERTIFIER_MATCH')).toEqual({ id: 'CERTIFIER_MATCH', status: 'skipped', statement: undefined });
      const b = checkEcopyProfile({ ecopy: data(), signatures: [certifier({ cn: undefined }), authority()], emptyFields: [] });
      expect(byId(b, 'CERTIFIER_MATCH')).toEqual({ id: 'CERTIFIER_MATCH', status: 'skipped', statement: 'Lê Thị Thu Hà' });
      expect([a?.cap, b?.cap]).toEqual(['valid', 'valid']);
    });
  });

  describe('DATE_MATCH', () => {
    it('a statement dated before the signing day: indeterminate, naming the claimed signing time', () => {
      const p = checkEcopyProfile({ ecopy: data({ date: '2026-03-04' }), signatures: [certifier(), authority()], emptyFields: [] });
      expect(byId(p, 'DATE_MATCH')).toEqual({ id: 'DATE_MATCH', status: 'fail', code: 'ECOPY_DATE_MISMATCH', statement: '2026-03-04', signature: '2026-03-05' });
      expect(p?.reasons[0]).toMatchObject({ code: 'ECOPY_DATE_MISMATCH', field: C });
      expect(p?.reasons[0].en).toContain('(statement: 2026-03-04; signed on 2026-03-05, claimed signing time)');
      expect(p?.reasons[0].vi).toContain('(lời chứng: 2026-03-04; ký ngày 2026-03-05, theo thời điểm ký khai báo)');
      expect(p?.cap).toBe('indeterminate');
    });

    it('a statement dated after the signing day: invalid, and the timestamp named when there is one', () => {
      const p = checkEcopyProfile({ ecopy: data({ date: '2026-03-06' }), signatures: [certifier({ timestampTime: '2026-03-05T01:00:00Z' }), authority()], emptyFields: [] });
      expect(p?.cap).toBe('invalid');
      expect(p?.reasons[0].en).toContain('(statement: 2026-03-06; signed on 2026-03-05, timestamp)');
      expect(p?.reasons[0].vi).toContain('theo dấu thời gian)');
    });

    it('the timestamp wins over the claimed time', () => {
      const p = checkEcopyProfile({ ecopy: data({ date: '2026-03-07' }), signatures: [certifier({ claimedTime: '2026-03-01T03:00:00Z', timestampTime: '2026-03-07T03:00:00Z' }), authority()], emptyFields: [] });
      expect(byId(p, 'DATE_MATCH')).toMatchObject({ status: 'pass', signature: '2026-03-07' });
    });

    it('skipped without a well-formed statement date or without a signing time', () => {
      for (const date of [undefined, '5/3/2026', '2026-03-05x', 'x2026-03-05', '2026-3-5']) {
        const p = checkEcopyProfile({ ecopy: data({ date }), signatures: [certifier(), authority()], emptyFields: [] });
        expect(byId(p, 'DATE_MATCH'), String(date)).toEqual({ id: 'DATE_MATCH', status: 'skipped', statement: date, signature: '2026-03-05' });
      }
      const noTime = checkEcopyProfile({ ecopy: data(), signatures: [certifier({ claimedTime: undefined }), authority()], emptyFields: [] });
      expect(byId(noTime, 'DATE_MATCH')).toEqual({ id: 'DATE_MATCH', status: 'skipped', statement: '2026-03-05', signature: undefined });
      const badTime = checkEcopyProfile({ ecopy: data(), signatures: [certifier({ claimedTime: 'garbage' }), authority()], emptyFields: [] });
      expect(byId(badTime, 'DATE_MATCH')?.status).toBe('skipped');
    });
  });

  it('the cap: an invalid date is not softened by a later indeterminate failure, nor an indeterminate one by a pass', () => {
    // Office mismatch (indeterminate) then a date after the signing day (invalid): invalid.
    const p = checkEcopyProfile({ ecopy: data({ date: '2026-03-09' }), signatures: [certifier(), authority({ org: 'UBND xã Nga Sơn', cn: 'UBND xã Nga Sơn' })], emptyFields: [] });
    expect(p?.cap).toBe('invalid');
    expect(p?.reasons.map((r) => r.code)).toEqual(['ECOPY_OFFICE_MISMATCH', 'ECOPY_DATE_MISMATCH']);
    // Authority missing, certifier mismatch, date before: indeterminate, three reasons in check order.
    const q = checkEcopyProfile({ ecopy: data({ date: '2026-03-01', certifier: 'Nguyễn Văn An' }), signatures: [certifier()], emptyFields: [A] });
    expect(q?.cap).toBe('indeterminate');
    expect(q?.reasons.map((r) => r.code)).toEqual(['ECOPY_AUTHORITY_MISSING', 'ECOPY_CERTIFIER_MISMATCH', 'ECOPY_DATE_MISMATCH']);
  });
});

describe('withEcopyProfile', () => {
  const r1 = reason('CERT_EXPIRED', 'x');
  const profile = (cap: EcopyProfileResult['cap']): EcopyProfileResult => ({ checks: [], reasons: [reason('ECOPY_AUTHORITY_MISSING', A)], cap });
  const codes = (x: { reasons: { code: string }[] }) => x.reasons.map((r) => r.code);

  it('no profile, an error or an unsigned file: unchanged (a copy of the reasons)', () => {
    const reasons = [r1];
    for (const [verdict, p] of [['valid', undefined], ['error', profile('invalid')], ['unsigned', profile('invalid')]] as const) {
      const out = withEcopyProfile(verdict, reasons, p);
      expect(out.verdict).toBe(verdict);
      expect(codes(out)).toEqual(['CERT_EXPIRED']);
      expect(out.reasons).not.toBe(reasons);
    }
  });

  it('never better than the cap, never better than the file: the worse of the two', () => {
    expect(withEcopyProfile('valid', [], profile('indeterminate')).verdict).toBe('indeterminate');
    expect(withEcopyProfile('valid', [], profile('invalid')).verdict).toBe('invalid');
    expect(withEcopyProfile('valid', [], profile('valid')).verdict).toBe('valid');
    expect(withEcopyProfile('indeterminate', [], profile('valid')).verdict).toBe('indeterminate');
    expect(withEcopyProfile('indeterminate', [], profile('indeterminate')).verdict).toBe('indeterminate');
    expect(withEcopyProfile('indeterminate', [], profile('invalid')).verdict).toBe('invalid');
    expect(withEcopyProfile('invalid', [], profile('indeterminate')).verdict).toBe('invalid');
  });

  it('the profile’s reasons lead, unless the file is already invalid (its own reason first then)', () => {
    expect(codes(withEcopyProfile('valid', [r1], profile('indeterminate')))).toEqual(['ECOPY_AUTHORITY_MISSING', 'CERT_EXPIRED']);
    expect(codes(withEcopyProfile('indeterminate', [r1], profile('invalid')))).toEqual(['ECOPY_AUTHORITY_MISSING', 'CERT_EXPIRED']);
    expect(codes(withEcopyProfile('invalid', [r1], profile('indeterminate')))).toEqual(['CERT_EXPIRED', 'ECOPY_AUTHORITY_MISSING']);
  });
});
