/**
 * Built-in trust lists: the public certificates of Vietnam's two signature PKIs (core/pki/trust-data/, copied from
 * the public sources named in its README), each pinned by the SHA-256 of its DER. A certificate whose bytes do not
 * hash to its pin is refused (TRUST_PIN_MISMATCH): trust comes from these exact bytes, never from a name.
 */
import { SaoyError } from '../errors.js';
import { describeCertificate } from './certificate.js';
import { pemBlocks } from './pem.js';
import { TRUST_PEM } from './trust-data/pem.generated.js';
import { sha256Hex } from '../bytes/sha.js';

export type BuiltinListId = 'vgca' | 'neac' | 'neac-tsa' | 'legacy';

/** What a list's anchors may vouch for: document signatures, or only timestamp authorities. */
export type TrustPurpose = 'signing' | 'timestamping';

export interface BuiltinList {
  id: BuiltinListId;
  vi: string;
  en: string;
  /** Who a signer chaining to this list is, in a sentence the report can show. */
  signerVi: string;
  signerEn: string;
  purpose: TrustPurpose;
  enabledByDefault: boolean;
  /** Legacy: not checked against an official publication (README of trust-data). */
  unofficial?: boolean;
}

export const BUILTIN_LISTS: readonly BuiltinList[] = [
  {
    id: 'vgca', vi: 'Chính phủ (VGCA)', en: 'Government (VGCA)', purpose: 'signing', enabledByDefault: true,
    signerVi: 'Chứng thư số của cơ quan nhà nước (Ban Cơ yếu Chính phủ)', signerEn: 'Certificate of a state body (Government Cipher Committee)',
  },
  {
    id: 'neac', vi: 'Quốc gia (NEAC)', en: 'National (NEAC)', purpose: 'signing', enabledByDefault: true,
    signerVi: 'Chứng thư số công cộng (Trung tâm Chứng thực điện tử quốc gia)', signerEn: 'Public certificate (National Electronic Authentication Centre)',
  },
  {
    id: 'neac-tsa', vi: 'Dấu thời gian (NEAC TSA)', en: 'Timestamping (NEAC TSA)', purpose: 'timestamping', enabledByDefault: true,
    signerVi: 'Dịch vụ cấp dấu thời gian (NEAC)', signerEn: 'Timestamping service (NEAC)',
  },
  {
    id: 'legacy', vi: 'Gốc quốc gia cũ 2008 (chưa đối chiếu với công bố chính thức)', en: 'Legacy 2008 national root (not checked against an official publication)',
    purpose: 'signing', enabledByDefault: false, unofficial: true,
    signerVi: 'Chứng thư số dưới gốc quốc gia cũ 2008 (chưa đối chiếu với công bố chính thức)', signerEn: 'Certificate under the legacy 2008 national root (not checked against an official publication)',
  },
];

export interface BuiltinCertificate {
  /** Path under core/pki/trust-data/. */
  file: string;
  list: BuiltinListId;
  /** Anchors end a chain; intermediates only help build one and are never trusted by themselves. */
  role: 'anchor' | 'intermediate';
  /** SHA-256 of the DER, lower-case hex (trust-data/README.md). */
  sha256: string;
}

export const BUILTIN_CERTIFICATES: readonly BuiltinCertificate[] = [
  { file: 'vgca-rootca-g2.pem', list: 'vgca', role: 'anchor', sha256: 'f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8' },
  { file: 'intermediates/vgca-ca-co-quan-nha-nuoc-g2.pem', list: 'vgca', role: 'intermediate', sha256: 'd8cab7a4aef92e6bb2509d7c61cee7b44f3731b2d21074963530277b366fae4b' },
  { file: 'vietnam-national-root-ca-g2.pem', list: 'neac', role: 'anchor', sha256: 'bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7' },
  { file: 'vietnam-national-root-ca-g3.pem', list: 'neac', role: 'anchor', sha256: '7b3269e7d79aebbfae5095f45bbb7074771e690cb7df02b441062b12f7690ece' },
  { file: 'intermediates/vnpt-ca-sha2.pem', list: 'neac', role: 'intermediate', sha256: '7d6ba5245317f9ed5d8bc765a4634d26ac6340d36b9f584df3b52d9c4a81a306' },
  { file: 'intermediates/vnpt-smartca-rs.pem', list: 'neac', role: 'intermediate', sha256: '95cf8f36c986e0c0f7e03761b17d7804072cb644b235a8f1c62107f8804a4889' },
  { file: 'vietnam-national-root-ca-tsa.pem', list: 'neac-tsa', role: 'anchor', sha256: 'd343b3c5132f7d1676c3560025aefef036fceec073c33f18e075b3a21c8f8552' },
  { file: 'legacy/mic-national-root-ca-2008.pem', list: 'legacy', role: 'anchor', sha256: 'ca918d635bb130bec97639e6aabf7edbc4eb1310f8058b9419f467ae0230ad8c' },
  { file: 'legacy/fpt-ca-2019.pem', list: 'legacy', role: 'intermediate', sha256: '47a8679e03b9e7078539a06ed556ca0bacef07426af9834612009a76079ba263' },
  { file: 'legacy/newtel-ca-v2.pem', list: 'legacy', role: 'intermediate', sha256: 'db1e6e15647ba289c302d7ebab2a8387d008f874751d990e29f5a85fab72158c' },
];

export interface LoadedBuiltinCertificate extends BuiltinCertificate {
  der: Uint8Array;
  subject: string;
  commonName?: string;
  notBefore: string;
  notAfter: string;
}

let cache: Promise<LoadedBuiltinCertificate[]> | undefined;

/**
 * Every built-in certificate, each checked against its pin. `sources` replaces the bundled PEM text (tests pass a
 * tampered copy); the default result is computed once per process.
 */
export function loadBuiltinCertificates(sources?: Readonly<Record<string, string>>): Promise<LoadedBuiltinCertificate[]> {
  if (sources) return load(sources);
  cache ??= load(TRUST_PEM);
  cache.catch(() => (cache = undefined));
  return cache;
}

async function load(sources: Readonly<Record<string, string>>): Promise<LoadedBuiltinCertificate[]> {
  const out: LoadedBuiltinCertificate[] = [];
  for (const c of BUILTIN_CERTIFICATES) {
    const text = sources[c.file];
    const blocks = text === undefined ? [] : pemBlocks(text, 'CERTIFICATE');
    if (blocks.length !== 1) {
      throw new SaoyError('TRUST_PIN_MISMATCH', `built-in certificate ${c.file} is missing or not exactly one PEM certificate; refused`, `Chứng thư gốc cài sẵn ${c.file} bị thiếu hoặc không đúng một chứng thư PEM; đã từ chối`);
    }
    const der = blocks[0];
    const got = await sha256Hex(der);
    if (got !== c.sha256) {
      throw new SaoyError(
        'TRUST_PIN_MISMATCH',
        `built-in certificate ${c.file} does not match its pinned SHA-256 (expected ${c.sha256}, got ${got}); refused`,
        `Chứng thư gốc cài sẵn ${c.file} không khớp mã SHA-256 đã ghim (cần ${c.sha256}, thực tế ${got}); đã từ chối`,
      );
    }
    const d = describeCertificate(der);
    out.push({ ...c, der, subject: d.subject.text, commonName: d.subject.commonName, notBefore: d.notBefore.toISOString(), notAfter: d.notAfter.toISOString() });
  }
  return out;
}

export function builtinList(id: string): BuiltinList | undefined {
  return BUILTIN_LISTS.find((l) => l.id === id);
}
