/**
 * The e-copy profile checks: for each, a passing and a failing copy with verdict and reason code asserted; the
 * half-signed copy says "chưa hoàn tất"; a third-party signed PDF (pdfsig, no saoy metadata) is judged generically.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseName, sameOffice, samePerson } from '../../../core/verify/ecopy-names.js';
import { checkEcopyProfile, vietnamDay } from '../../../core/verify/ecopy-checks.js';
import { verifyPdf } from '../../../core/verify/index.js';
import type { SignatureReport, VerificationReport } from '../../../core/verify/report.js';
import { verdictSentence } from '../../../core/verify/summary.js';
import { signerOf } from '../../corpus/pki.js';
import { signedEcopy, vnDay } from '../../helpers/ecopy-signed.js';
import { makeLeaf, makeRoot, makeTempDir, type TestIdentity } from '../../helpers/pki.js';
import { assertTools, run, skipWithout } from '../../helpers/tools.js';

const DAY = 86_400_000;
const codes = (r: VerificationReport) => r.reasons.map((x) => x.code);
const check = (r: VerificationReport, id: string) => r.ecopyChecks?.find((c) => c.id === id);

describe('Vietnamese name comparison', () => {
  it('NFC/NFD, case, tone placement, UBND ≡ Ủy ban nhân dân, place suffix', () => {
    expect(sameOffice('UBND xã Nga Sơn', 'ỦY BAN NHÂN DÂN XÃ NGA SƠN')).toBe(true);
    expect(sameOffice('Uỷ ban nhân dân xã Hoà An'.normalize('NFD'), 'UBND xã Hòa An')).toBe(true);
    expect(sameOffice('UBND phường Hạc Thành, tỉnh Thanh Hóa', 'Ủy ban nhân dân phường Hạc Thành')).toBe(true);
    expect(sameOffice('UBND xã Nga Sơn', 'Ủy ban nhân dân xã Nga Thắng')).toBe(false);
    expect(sameOffice('UBND xã Nga Sơn, tỉnh Thanh Hóa', 'Ủy ban nhân dân xã Nga Sơn, tỉnh Ninh Bình')).toBe(false);
    expect(sameOffice('UBND xã Ngà Sơn', 'UBND xã Nga Sơn')).toBe(false);
    expect(samePerson('Nguyễn Thị Hồng  Nhung', 'NGUYỄN THỊ HỒNG NHUNG')).toBe(true);
    expect(samePerson('Nguyễn Thị Hồng Nhung', 'Nguyễn Thị Hồng Nhu')).toBe(false);
    expect(normaliseName('')).toBe('');
  });

  it('the signing day is the calendar day in Vietnam (UTC+7)', () => {
    expect(vietnamDay('2026-03-04T16:59:59Z')).toBe('2026-03-04');
    expect(vietnamDay('2026-03-04T17:00:00Z')).toBe('2026-03-05');
  });
});

describe('e-copy profile checks on signed copies', () => {
  let root: TestIdentity;
  let officer: TestIdentity;
  let office: TestIdentity;
  let otherOffice: TestIdentity;
  const anchors = () => ({ trustAnchors: [root.certificate] });
  const fields = { office: 'UBND phường Hạc Thành, tỉnh Thanh Hóa', certifier: 'Lê Thị Thu Hà' };

  beforeAll(async () => {
    root = await makeRoot({ notBefore: new Date(Date.now() - 100 * DAY) });
    const leaf = (o: string, cn: string) => makeLeaf(root, { subject: { country: 'VN', organization: o, commonName: cn }, notBefore: new Date(Date.now() - 50 * DAY) });
    [officer, office, otherOffice] = await Promise.all([
      leaf('Ủy ban nhân dân phường Hạc Thành', 'Lê Thị Thu Hà'),
      leaf('Uỷ ban nhân dân phường Hạc Thành', 'UBND phường Hạc Thành'),
      leaf('Ủy ban nhân dân xã Nga Sơn', 'UBND xã Nga Sơn'),
    ]);
  });

  it('a complete, consistent copy passes every check and is valid', async () => {
    const c = await signedEcopy({ certifier: signerOf(officer, [root.certificate]), authority: signerOf(office, [root.certificate]), fields });
    const r = await verifyPdf(c.final!, anchors());
    expect(r.verdict).toBe('valid');
    expect(r.ecopyChecks?.map((x) => [x.id, x.status])).toEqual([
      ['AUTHORITY_PRESENT', 'pass'], ['OFFICE_MATCH', 'pass'], ['CERTIFIER_MATCH', 'pass'], ['DATE_MATCH', 'pass'],
    ]);
    expect(codes(r).filter((x) => x.startsWith('ECOPY_'))).toEqual([]);
  });

  it('ECOPY_AUTHORITY_MISSING: a half-signed copy is not valid and says it is not complete', async () => {
    const c = await signedEcopy({ certifier: signerOf(officer, [root.certificate]), fields });
    const r = await verifyPdf(c.certified, anchors());
    expect(r.signatures.map((s) => s.indication)).toEqual(['PASSED']);
    expect(r.verdict).toBe('indeterminate');
    expect(r.reasons[0].code).toBe('ECOPY_AUTHORITY_MISSING');
    expect(check(r, 'AUTHORITY_PRESENT')?.status).toBe('fail');
    expect(check(r, 'OFFICE_MATCH')?.status).toBe('skipped');
    expect(verdictSentence(r, 'vi')).toContain('chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền'.replace(/^c/, 'C'));
    expect(verdictSentence(r, 'vi').toLowerCase()).toContain('chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền');
  });

  it('ECOPY_OFFICE_MISMATCH: the authority certificate belongs to another office; both values shown', async () => {
    const c = await signedEcopy({ certifier: signerOf(officer, [root.certificate]), authority: signerOf(otherOffice, [root.certificate]), fields });
    const r = await verifyPdf(c.final!, anchors());
    expect(r.signatures.every((s) => s.indication === 'PASSED')).toBe(true);
    expect(r.verdict).toBe('indeterminate');
    expect(codes(r)).toContain('ECOPY_OFFICE_MISMATCH');
    // The copy prints the office's full name (core/ecopy/office.ts expands "UBND").
    expect(check(r, 'OFFICE_MATCH')).toMatchObject({ status: 'fail', statement: 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa', signature: 'Ủy ban nhân dân xã Nga Sơn' });
    const reason = r.reasons.find((x) => x.code === 'ECOPY_OFFICE_MISMATCH')!;
    expect(reason.vi).toContain('Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa');
    expect(reason.vi).toContain('Ủy ban nhân dân xã Nga Sơn');
  });

  it('ECOPY_CERTIFIER_MISMATCH: the printed certifier is not the certificate holder', async () => {
    const c = await signedEcopy({ certifier: signerOf(officer, [root.certificate]), authority: signerOf(office, [root.certificate]), fields: { ...fields, certifier: 'Trần Văn Khác' } });
    const r = await verifyPdf(c.final!, anchors());
    expect(r.verdict).toBe('indeterminate');
    expect(codes(r)).toContain('ECOPY_CERTIFIER_MISMATCH');
    expect(check(r, 'CERTIFIER_MATCH')).toMatchObject({ status: 'fail', statement: 'Trần Văn Khác', signature: 'Lê Thị Thu Hà' });
    expect(check(r, 'OFFICE_MATCH')?.status).toBe('pass');
  });

  it('ECOPY_DATE_MISMATCH: a statement dated before the signing day is indeterminate, after it invalid', async () => {
    const at = new Date(Date.now() - 60_000);
    const signers = { certifier: signerOf(officer, [root.certificate]), authority: signerOf(office, [root.certificate]) };
    const earlier = await signedEcopy({ ...signers, at, fields: { ...fields, date: '2019-06-14' } });
    const r1 = await verifyPdf(earlier.final!, anchors());
    expect(r1.verdict).toBe('indeterminate');
    expect(codes(r1)).toContain('ECOPY_DATE_MISMATCH');
    expect(check(r1, 'DATE_MATCH')).toMatchObject({ status: 'fail', statement: '2019-06-14', signature: vnDay(at) });

    const later = await signedEcopy({ ...signers, at, fields: { ...fields, date: '2031-01-02' } });
    const r2 = await verifyPdf(later.final!, anchors());
    expect(r2.verdict).toBe('invalid');
    expect(r2.reasons[0].code).toBe('ECOPY_DATE_MISMATCH');
    expect(r2.reasons[0].en).toContain('statement: 2031-01-02');
  });

  it('the date is the Vietnam day of the signing time, not the UTC day', async () => {
    // 20:30 UTC is 03:30 the next day in Vietnam.
    const at = new Date(Date.now() - 2 * DAY);
    at.setUTCHours(20, 30, 0, 0);
    const signers = { certifier: signerOf(officer, [root.certificate]), authority: signerOf(office, [root.certificate]) };
    const utcDay = at.toISOString().slice(0, 10);
    const ok = await signedEcopy({ ...signers, at, fields: { ...fields, date: vnDay(at) } });
    expect(vnDay(at)).not.toBe(utcDay);
    const r = await verifyPdf(ok.final!, anchors());
    expect(check(r, 'DATE_MATCH')?.status).toBe('pass');
    const bad = await signedEcopy({ ...signers, at, fields: { ...fields, date: utcDay } });
    expect(check(await verifyPdf(bad.final!, anchors()), 'DATE_MATCH')?.status).toBe('fail');
  });

  it('a broken copy stays invalid and keeps its own reason first', async () => {
    const c = await signedEcopy({ certifier: signerOf(officer, [root.certificate]), fields });
    const bytes = c.certified.slice();
    const i = Buffer.from(bytes).indexOf('/Type /Page');
    bytes[i + 1] = 'X'.charCodeAt(0);
    const r = await verifyPdf(bytes, anchors());
    expect(r.verdict).toBe('invalid');
    expect(r.reasons[0].code).not.toMatch(/^ECOPY_/);
  });
});

describe('checkEcopyProfile on its own', () => {
  const sig = (over: Partial<SignatureReport>): SignatureReport => ({
    fieldName: 'saoy_certifier', chain: [], indication: 'PASSED', intact: true, valid: true, trusted: true, coverage: 'ENTIRE_REVISION',
    modificationLevel: 'NONE', modifications: [], reasons: [], signedRevision: 1, ...over,
  });

  it('uses the signature timestamp over the claimed time', () => {
    const p = checkEcopyProfile({
      ecopy: { date: '2026-03-05' },
      signatures: [sig({ claimedTime: '2026-03-01T03:00:00Z', timestampTime: '2026-03-05T03:00:00Z' }), sig({ fieldName: 'saoy_authority', signedRevision: 2 })],
      emptyFields: [],
    });
    expect(p?.checks.find((c) => c.id === 'DATE_MATCH')).toMatchObject({ status: 'pass', signature: '2026-03-05' });
  });

  it('runs on the two-field structure without XMP, and not at all on other PDFs', () => {
    const two = checkEcopyProfile({ signatures: [sig({})], emptyFields: ['saoy_authority'] });
    expect(two?.cap).toBe('indeterminate');
    expect(two?.checks.map((c) => [c.id, c.status])).toEqual([['AUTHORITY_PRESENT', 'fail'], ['OFFICE_MATCH', 'skipped'], ['CERTIFIER_MATCH', 'skipped'], ['DATE_MATCH', 'skipped']]);
    expect(checkEcopyProfile({ signatures: [sig({ fieldName: 'Signature1' })], emptyFields: ['Signature2'] })).toBeUndefined();
  });
});

describe.skipIf(skipWithout('openssl', 'certutil', 'pk12util', 'pdfsig'))('a third-party signed PDF', () => {
  it('pdfsig-signed plain PDF: no e-copy checks, judged by the generic rules (valid)', async () => {
    assertTools('openssl', 'certutil', 'pk12util', 'pdfsig');
    const { dir } = makeTempDir('saoy-tp-ecopy-');
    const p = (f: string) => join(dir, f);
    const must = (cmd: string, args: string[]) => {
      const r = run(cmd, args);
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
    };
    must('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-subj', '/C=VN/O=Third Party TEST/CN=TP Root', '-days', '30',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    must('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('leaf.key'), '-out', p('leaf.csr'), '-subj', '/C=VN/O=Công ty TNHH Thử/CN=Người ký khác']);
    writeFileSync(p('leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
    must('openssl', ['x509', '-req', '-in', p('leaf.csr'), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', '77', '-days', '30', '-extfile', p('leaf.ext'), '-out', p('leaf.pem')]);
    must('openssl', ['pkcs12', '-export', '-inkey', p('leaf.key'), '-in', p('leaf.pem'), '-certfile', p('root.pem'), '-name', 'tp', '-out', p('leaf.p12'), '-passout', 'pass:t']);
    must('openssl', ['x509', '-in', p('root.pem'), '-outform', 'DER', '-out', p('root.der')]);
    mkdirSync(p('nss'));
    must('certutil', ['-N', '-d', `sql:${p('nss')}`, '--empty-password']);
    must('pk12util', ['-i', p('leaf.p12'), '-d', `sql:${p('nss')}`, '-W', 't', '-K', '']);
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 300]);
    page.drawText('Hop dong (third party)', { x: 20, y: 200 });
    // With an AcroForm already there, pdfsig adds its field to /Fields (without one it leaves the field unreachable).
    doc.getForm().createTextField('ten').addToPage(page, { x: 20, y: 100, width: 120, height: 20 });
    writeFileSync(p('plain.pdf'), await doc.save({ useObjectStreams: false }));
    must('pdfsig', ['-nssdir', `sql:${p('nss')}`, '-nick', 'tp', '-add-signature', '-new-signature-field-name', 'Signature1', p('plain.pdf'), p('signed.pdf')]);
    const r = await verifyPdf(new Uint8Array(readFileSync(p('signed.pdf'))), { trustAnchors: [new Uint8Array(readFileSync(p('root.der')))] });
    expect(r.ecopyChecks).toBeUndefined();
    expect(r.ecopy).toBeUndefined();
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(codes(r).filter((x) => x.startsWith('ECOPY_'))).toEqual([]);
  });
});
