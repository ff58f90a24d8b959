/** `saoy verify` on e-copies that pass and fail each profile check: exit code, JSON reason codes, the ✓/✗ lines. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signerOf } from '../corpus/pki.js';
import { signedEcopy } from '../helpers/ecopy-signed.js';
import { makeLeaf, makeRoot, makeTempDir, writePem } from '../helpers/pki.js';
import { ensureCliBuilt, saoy } from '../helpers/tools.js';

const DAY = 86_400_000;

describe('saoy verify: e-copy profile checks', () => {
  const { dir } = makeTempDir('saoy-ecopy-cli-');
  const files: Record<string, string> = {};
  let rootPem: string;

  beforeAll(async () => {
    ensureCliBuilt();
    const root = await makeRoot({ notBefore: new Date(Date.now() - 100 * DAY) });
    rootPem = writePem(dir, 'root.pem', root.certificate);
    const leaf = (o: string, cn: string) => makeLeaf(root, { subject: { country: 'VN', organization: o, commonName: cn }, notBefore: new Date(Date.now() - 50 * DAY) });
    const [officer, office, other] = await Promise.all([
      leaf('Ủy ban nhân dân xã Nga Sơn', 'Phạm Văn Chứng'),
      leaf('Ủy ban nhân dân xã Nga Sơn', 'Ủy ban nhân dân xã Nga Sơn'),
      leaf('Ủy ban nhân dân xã Nga Thắng', 'Ủy ban nhân dân xã Nga Thắng'),
    ]);
    const c = signerOf(officer, [root.certificate]);
    const a = signerOf(office, [root.certificate]);
    const fields = { office: 'UBND xã Nga Sơn, tỉnh Thanh Hóa', certifier: 'Phạm Văn Chứng' };
    const write = (name: string, bytes: Uint8Array) => {
      files[name] = join(dir, `${name}.pdf`);
      writeFileSync(files[name], bytes);
    };
    const good = await signedEcopy({ certifier: c, authority: a, fields });
    write('good', good.final!);
    write('half', good.certified);
    write('office', (await signedEcopy({ certifier: c, authority: signerOf(other, [root.certificate]), fields })).final!);
    write('certifier', (await signedEcopy({ certifier: c, authority: a, fields: { ...fields, certifier: 'Phạm Văn Khác' } })).final!);
    write('date-before', (await signedEcopy({ certifier: c, authority: a, fields: { ...fields, date: '2019-06-14' } })).final!);
    write('date-after', (await signedEcopy({ certifier: c, authority: a, fields: { ...fields, date: '2031-01-02' } })).final!);
  });

  const verify = (name: string, ...extra: string[]) => {
    const r = saoy(['verify', '--json', files[name], '--trust', rootPem, ...extra]);
    return { status: r.status, report: JSON.parse(r.stdout) as { verdict: string; reasons: { code: string; en: string }[]; ecopyChecks: { id: string; status: string }[] } };
  };
  const failed = (rep: ReturnType<typeof verify>['report']) => rep.ecopyChecks.filter((c) => c.status === 'fail').map((c) => c.id);

  it('a consistent copy: valid, exit 0, four ✓', () => {
    const { status, report } = verify('good');
    expect(report.verdict).toBe('valid');
    expect(status).toBe(0);
    expect(report.ecopyChecks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    const human = saoy(['verify', files.good, '--trust', rootPem, '--lang', 'vi']).stdout;
    expect(human).toContain('✓ Có chữ ký của cơ quan có thẩm quyền');
    expect(human).toContain('✓ Ngày chứng thực là ngày ký (giờ Việt Nam)');
  });

  it('ECOPY_AUTHORITY_MISSING: exit 2, and the output says plainly it is not complete', () => {
    const { status, report } = verify('half');
    expect([report.verdict, status]).toEqual(['indeterminate', 2]);
    expect(report.reasons[0].code).toBe('ECOPY_AUTHORITY_MISSING');
    const vi = saoy(['verify', files.half, '--trust', rootPem, '--lang', 'vi']).stdout;
    expect(vi.split('\n')[0]).toContain('Chưa xác định được: Chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền.');
    expect(vi).toContain('✗ Chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền');
    const en = saoy(['verify', files.half, '--trust', rootPem]).stdout;
    expect(en.split('\n')[0]).toContain("Not complete: the competent authority's signature is still missing.");
  });

  it('ECOPY_OFFICE_MISMATCH: exit 2, both offices shown', () => {
    const { status, report } = verify('office');
    expect([report.verdict, status, failed(report)]).toEqual(['indeterminate', 2, ['OFFICE_MATCH']]);
    const human = saoy(['verify', files.office, '--trust', rootPem, '--lang', 'vi']).stdout;
    expect(human).toContain('✗ Cơ quan trong lời chứng khớp với chứng thư số của cơ quan (lời chứng: Ủy ban nhân dân xã Nga Sơn, tỉnh Thanh Hóa · chứng thư số: Ủy ban nhân dân xã Nga Thắng)');
  });

  it('ECOPY_CERTIFIER_MISMATCH: exit 2', () => {
    const { status, report } = verify('certifier');
    expect([report.verdict, status, failed(report)]).toEqual(['indeterminate', 2, ['CERTIFIER_MATCH']]);
    expect(report.reasons.map((r) => r.code)).toContain('ECOPY_CERTIFIER_MISMATCH');
  });

  it('ECOPY_DATE_MISMATCH: before the signing day exit 2, after it exit 1 (invalid)', () => {
    const before = verify('date-before');
    expect([before.report.verdict, before.status, failed(before.report)]).toEqual(['indeterminate', 2, ['DATE_MATCH']]);
    const after = verify('date-after');
    expect([after.report.verdict, after.status, failed(after.report)]).toEqual(['invalid', 1, ['DATE_MATCH']]);
    expect(after.report.reasons[0].code).toBe('ECOPY_DATE_MISMATCH');
  });
});
