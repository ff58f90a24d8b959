/**
 * Everything the demo portal serves, made at run time by core (nothing binary is committed): valid two-signature
 * copies, tampered ones, an unsigned scan, a copy by an identity nobody trusts, a broken file, plus links to a
 * missing file, a huge file and a closed port. Each attachment states the verdict a badge must show.
 */
import { vietnamDay } from '../core/certify/signing-day.js';
import { certifyCopy, type CopyFonts } from '../core/certify/certify-copy.js';
import type { EcopyFields } from '../core/ecopy/fields.js';
import { derToPem } from '../core/pki/pem.js';
import { createDemoIdentity, DEMO_NAMES } from '../core/signers/demo.js';
import { loadPkcs12 } from '../core/signers/pkcs12.js';
import type { Signer } from '../core/signers/signer.js';
import { createWebCryptoSigner } from '../core/signers/webcrypto.js';
import type { Verdict } from '../core/verify/report.js';
import { brokenPdf, flipSignedByte, replaceFirstPageContent } from './tamper.js';

export interface Attachment {
  /** Path on the portal, or an absolute URL (the closed-port link). */
  href: string;
  name: string;
  expected: Verdict;
  /** For error badges: a word the badge text must contain. */
  expectText?: string;
  description: string;
}

export interface Application {
  code: string;
  procedure: string;
  applicant: string;
  submitted: string;
  attachments: Attachment[];
}

export interface ServedFile {
  type: string;
  body: Uint8Array | string;
}

export interface PortalFixtures {
  rootPem: string;
  applications: Application[];
  /** Served paths → content. */
  files: Map<string, ServedFile>;
  /** The bench page's attachments (empty unless asked for). */
  bench: Attachment[];
}

export interface FixtureOptions {
  /** Photo of the paper original (JPEG). */
  original: Uint8Array;
  fonts: CopyFonts;
  /** Port that refuses connections (the network-error link). */
  closedPort: number;
  /** N copies of `original` certified with numbers 1000.. for the many-attachments page. */
  bench?: { count: number; original: Uint8Array };
}

const OFFICE = 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa';
const PDF = 'application/pdf';

/**
 * `at`: when the copy is signed. The statement's date is derived from the same instant: computed apart, the date (now)
 * and the signing time (a minute ago) fell on two days in the first minute after midnight in Vietnam (17:00 UTC),
 * and signing refused every fixture (DATE_NOT_SIGNING_DAY).
 */
function fields(certNo: string, docName: string, requester: string, at: Date): EcopyFields {
  return {
    certNo,
    bookNo: '01/2026-SCT/BS',
    date: vietnamDay(at), // the statement is dated the signing day, Vietnam time
    office: OFFICE,
    certifier: 'Nguyễn Thị Demo (DEMO)',
    authority: 'UBND phường Hạc Thành (DEMO)',
    docName,
    requester,
    pageCount: 1,
  };
}

async function signers(): Promise<{ root: Uint8Array; certifier: Signer; authority: Signer }> {
  const id = await createDemoIdentity();
  const c = await loadPkcs12(id.certifierP12, id.password);
  const a = await loadPkcs12(id.authorityP12, id.password);
  return { root: id.rootCertificate, certifier: createWebCryptoSigner(c.privateKey, c.certificates), authority: createWebCryptoSigner(a.privateKey, a.certificates) };
}

export async function makePortalFixtures(opts: FixtureOptions): Promise<PortalFixtures> {
  const trusted = await signers();
  const stranger = await signers(); // same DEMO names, another root that nobody imports
  const page = [{ bytes: opts.original, name: 'ban-chinh.jpg' }];
  const signedAt = new Date(Date.now() - 60_000);
  const copy = async (s: { certifier: Signer; authority: Signer }, f: EcopyFields) => {
    const c = await certifyCopy({ pages: page, fields: f, fonts: opts.fonts, certifier: s.certifier, authority: s.authority, signingTime: signedAt });
    if (!c.final) throw new Error('certifyCopy gave no final revision');
    return c;
  };
  const diploma = await copy(trusted, fields('15', 'Bằng tốt nghiệp đại học', 'Nguyễn Văn Người Yêu Cầu', signedAt));
  const birth = await copy(trusted, fields('16', 'Giấy khai sinh', 'Nguyễn Văn Người Yêu Cầu', signedAt));
  const transcript = await copy(trusted, fields('17', 'Bảng điểm đại học', 'Trần Thị Bình', signedAt));
  const idCard = await copy(trusted, fields('18', 'Căn cước công dân', 'Trần Thị Bình', signedAt));
  const foreign = await copy(stranger, fields('19', 'Giấy chứng nhận quyền sử dụng đất', 'Lê Văn Cường', signedAt));

  const files = new Map<string, ServedFile>();
  const put = (name: string, body: Uint8Array) => {
    files.set(`/files/${name}`, { type: PDF, body });
    return `/files/${name}`;
  };
  const att = (name: string, body: Uint8Array | undefined, expected: Verdict, description: string, expectText?: string): Attachment => ({
    href: body ? put(name, body) : `/files/${name}`,
    name,
    expected,
    description,
    ...(expectText ? { expectText } : {}),
  });

  const applications: Application[] = [
    {
      code: 'HS-2026-000123',
      procedure: 'Đăng ký dự tuyển công chức',
      applicant: 'Nguyễn Văn Người Yêu Cầu',
      submitted: '2026-03-02',
      attachments: [
        att('ban-sao-bang-tot-nghiep-15.pdf', diploma.final, 'valid', 'Bản sao điện tử bằng tốt nghiệp (2 chữ ký)'),
        att('ban-sao-giay-khai-sinh-16.pdf', birth.final, 'valid', 'Bản sao điện tử giấy khai sinh (2 chữ ký)'),
      ],
    },
    {
      code: 'HS-2026-000124',
      procedure: 'Cấp giấy phép lao động',
      applicant: 'Trần Thị Bình',
      submitted: '2026-03-03',
      attachments: [
        att('ban-sao-bang-diem-17.pdf', flipSignedByte(transcript.final as Uint8Array), 'invalid', 'Một byte trong vùng đã ký bị sửa'),
        att('ban-sao-can-cuoc-18.pdf', await replaceFirstPageContent(idCard.final as Uint8Array), 'invalid', 'Nội dung trang bị thay bằng bản cập nhật sau khi ký'),
      ],
    },
    {
      code: 'HS-2026-000125',
      procedure: 'Đăng ký biến động đất đai',
      applicant: 'Lê Văn Cường',
      submitted: '2026-03-04',
      attachments: [
        att('ban-scan-chua-ky.pdf', diploma.unsigned, 'unsigned', 'Bản scan chưa có chữ ký số'),
        att('ban-sao-khong-ro-nguon-19.pdf', foreign.final, 'indeterminate', 'Ký bởi chứng thư không thuộc danh sách tin cậy'),
      ],
    },
    {
      code: 'HS-2026-000126',
      procedure: 'Cấp lại giấy phép kinh doanh',
      applicant: 'Phạm Thị Dung',
      submitted: '2026-03-05',
      attachments: [
        att('tep-bi-hong.pdf', brokenPdf(birth.final as Uint8Array), 'error', 'Tệp PDF bị hỏng', 'không đọc được'),
        att('tep-da-bi-xoa.pdf', undefined, 'error', 'Liên kết tới tệp không còn trên máy chủ', 'không tải được'),
        att('ho-so-quet-rat-lon.pdf', undefined, 'error', 'Tệp khai báo dung lượng 300 MB', 'không tải được'),
        {
          href: `http://127.0.0.1:${opts.closedPort}/files/may-chu-khong-phan-hoi.pdf`,
          name: 'may-chu-khong-phan-hoi.pdf',
          expected: 'error',
          expectText: 'không tải được',
          description: 'Tệp trên một máy chủ khác (cổng khác): saoy không tải',
        },
      ],
    },
  ];

  const bench: Attachment[] = [];
  if (opts.bench) {
    const benchPage = [{ bytes: opts.bench.original, name: 'ban-chinh-1mb.jpg' }];
    for (let i = 0; i < opts.bench.count; i++) {
      const no = String(1000 + i);
      const f = fields(no, `Hồ sơ lưu trữ số ${no}`, 'Nguyễn Văn Người Yêu Cầu', signedAt);
      const c = await certifyCopy({ pages: benchPage, fields: f, fonts: opts.fonts, certifier: trusted.certifier, authority: trusted.authority, signingTime: signedAt });
      bench.push({ href: put(`luu-tru/ban-sao-${no}.pdf`, c.final as Uint8Array), name: `ban-sao-${no}.pdf`, expected: 'valid', description: f.docName });
    }
  }
  return { rootPem: derToPem(trusted.root, 'CERTIFICATE'), applications, files, bench };
}
