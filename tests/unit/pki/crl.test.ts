/**
 * crl.ts without signatures: parseCrl over CRLs built byte by byte (what each field and extension makes of the
 * CRL: entries, reasons, dates, and the markers that make a CRL unusable), and crlScopeProblem over the
 * issuingDistributionPoint scopes. The signature is never checked here (revocation.ts does that), so the
 * signature bytes are placeholders.
 */
import { describe, expect, it } from 'vitest';
import { algorithmIdentifier, oid, smallInteger, tlv } from '../../../core/asn1/der.js';
import type { CertificateParts } from '../../../core/pki/cert-parts.js';
import { crlScopeProblem, parseCrl, type ParsedCrl, serialKey } from '../../../core/pki/crl.js';
import type { Extension } from '../../../core/pki/extensions.js';

const SEQ = 0x30;
const enc = (s: string) => new TextEncoder().encode(s);
const ALG = algorithmIdentifier('1.2.840.113549.1.1.11');
const NAME = tlv(SEQ, tlv(0x31, tlv(SEQ, oid('2.5.4.3'), tlv(0x0c, enc('saoy TEST CRL issuer')))));
const utc = (s: string) => tlv(0x17, enc(s));
const gen = (s: string) => tlv(0x18, enc(s));
const ext = (id: string, value: Uint8Array, critical = false) => tlv(SEQ, oid(id), ...(critical ? [tlv(0x01, Uint8Array.of(0xff))] : []), tlv(0x04, value));
const exts = (...e: Uint8Array[]) => tlv(SEQ, ...e);
const reason = (code: number) => ext('2.5.29.21', tlv(0x0a, Uint8Array.of(code)));
const entry = (serial: number[], date: Uint8Array, ...e: Uint8Array[]) => tlv(SEQ, tlv(0x02, Uint8Array.from(serial)), date, ...(e.length ? [exts(...e)] : []));

/** A CRL: optional version, algorithm, issuer, thisUpdate, [nextUpdate], [entries], [[0] extensions]. */
function crlDer(o: { version?: boolean; next?: Uint8Array | null; entries?: Uint8Array[]; crlExts?: Uint8Array[]; innerAlg?: Uint8Array } = {}): Uint8Array {
  const tbs = tlv(
    SEQ,
    ...(o.version === false ? [] : [smallInteger(1)]),
    o.innerAlg ?? ALG,
    NAME,
    utc('261201000000Z'),
    ...(o.next === null ? [] : [o.next ?? utc('261211000000Z')]),
    ...(o.entries ? [tlv(SEQ, ...o.entries)] : []),
    ...(o.crlExts ? [tlv(0xa0, exts(...o.crlExts))] : []),
  );
  return tlv(SEQ, tbs, ALG, tlv(0x03, Uint8Array.of(0, 1, 2, 3)));
}

describe('parseCrl', () => {
  it('reads dates, entries by serial magnitude, and reasons', () => {
    const c = parseCrl(crlDer({
      entries: [
        entry([0x00, 0x8f, 0x01], utc('261130120000Z'), reason(1)),
        entry([0x05], gen('20261130130000Z')),
        entry([0x06], utc('261130140000Z'), reason(6)),
        entry([0x07], utc('261130150000Z'), reason(99)), // out of range: no reason name
      ],
    }));
    expect(c.issuer).toEqual(NAME);
    expect(c.thisUpdate).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(c.nextUpdate).toEqual(new Date('2026-12-11T00:00:00Z'));
    expect([...c.entries]).toStrictEqual([
      ['8f01', { revocationDate: new Date('2026-11-30T12:00:00Z'), reason: 'keyCompromise' }],
      ['05', { revocationDate: new Date('2026-11-30T13:00:00Z') }],
      ['06', { revocationDate: new Date('2026-11-30T14:00:00Z'), reason: 'certificateHold' }],
      ['07', { revocationDate: new Date('2026-11-30T15:00:00Z') }],
    ]);
    expect(c.unusable).toBeUndefined();
    expect(c.extensions.size).toBe(0);
    expect(c.signature).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('v1 CRLs (no version), no nextUpdate, no entries, GeneralizedTime nextUpdate', () => {
    const c = parseCrl(crlDer({ version: false, next: null }));
    expect(c.nextUpdate).toBeUndefined();
    expect(c.entries.size).toBe(0);
    expect(parseCrl(crlDer({ next: gen('20270101000000Z') })).nextUpdate).toEqual(new Date('2027-01-01T00:00:00Z'));
    // Extensions right after thisUpdate (no nextUpdate, no entries).
    const idp = parseCrl(crlDer({ next: null, crlExts: [ext('2.5.29.20', smallInteger(7))] }));
    expect([...idp.extensions.keys()]).toEqual(['2.5.29.20']);
  });

  it('marks CRLs it must never use: indirect entries, unknown critical extensions, delta CRLs', () => {
    const d = utc('261130120000Z');
    expect(parseCrl(crlDer({ entries: [entry([1], d, ext('2.5.29.29', tlv(SEQ)))] })).unusable).toBe('CRL_INDIRECT_UNSUPPORTED');
    expect(parseCrl(crlDer({ entries: [entry([1], d, ext('1.2.3.4', tlv(0x05), true))] })).unusable).toBe('CRL_CRITICAL_EXTENSION_UNSUPPORTED: 1.2.3.4');
    // A critical reasonCode, or a non-critical unknown entry extension, is fine.
    expect(parseCrl(crlDer({ entries: [entry([1], d, ext('2.5.29.21', tlv(0x0a, Uint8Array.of(1)), true), ext('1.2.3.4', tlv(0x05)))] })).unusable).toBeUndefined();
    expect(parseCrl(crlDer({ crlExts: [ext('1.2.3.5', tlv(0x05), true)] })).unusable).toBe('CRL_CRITICAL_EXTENSION_UNSUPPORTED: 1.2.3.5');
    expect(parseCrl(crlDer({ crlExts: [ext('1.2.3.5', tlv(0x05)), ext('2.5.29.28', tlv(SEQ), true), ext('2.5.29.20', smallInteger(1), true)] })).unusable).toBeUndefined();
    expect(parseCrl(crlDer({ crlExts: [ext('2.5.29.27', smallInteger(3), true)] })).unusable).toBe('CRL_DELTA_UNSUPPORTED');
  });

  it('refuses malformed CRLs with CRL_INVALID', () => {
    const bad = [
      crlDer({ innerAlg: algorithmIdentifier('1.2.840.113549.1.1.12') }), // inner and outer algorithms differ
      crlDer({ innerAlg: smallInteger(5) }),
      crlDer({ entries: [tlv(SEQ, utc('261130120000Z'), utc('261130120000Z'))] }), // entry without a serial
      tlv(SEQ, tlv(SEQ, smallInteger(1), ALG, smallInteger(0), utc('261201000000Z')), ALG, tlv(0x03, Uint8Array.of(0, 1))), // issuer not a Name
      Uint8Array.of(0x30, 0),
    ];
    for (const der of bad) expect(() => parseCrl(der)).toThrow(expect.objectContaining({ code: 'CRL_INVALID' }));
    // The error says so in both languages and keeps the ASN.1 reason as its cause.
    const causes: [Uint8Array, string][] = [
      [bad[0], 'malformed ASN.1 data: CRL signature algorithms differ'],
      [bad[1], 'malformed ASN.1 data: bad CRL signature algorithm'],
      [bad[2], 'malformed ASN.1 data: bad CRL entry'],
      [bad[3], 'malformed ASN.1 data: bad CRL issuer'],
    ];
    for (const [der, cause] of causes) {
      let thrown: unknown;
      try {
        parseCrl(der);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toMatchObject({
        code: 'CRL_INVALID', message: 'a certificate revocation list (CRL) could not be read', vi: 'Không đọc được danh sách thu hồi chứng thư (CRL)', cause: { code: 'ASN1_INVALID', message: cause },
      });
    }
  });

  it('extensions after entries are read; an empty extensions wrapper is no extensions', () => {
    const c = parseCrl(crlDer({ entries: [entry([1], utc('261130120000Z'))], crlExts: [ext('2.5.29.27', smallInteger(3), true)] }));
    expect(c.entries.size).toBe(1);
    expect(c.unusable).toBe('CRL_DELTA_UNSUPPORTED');
    const tbs = tlv(SEQ, smallInteger(1), ALG, NAME, utc('261201000000Z'), tlv(0xa0));
    expect(parseCrl(tlv(SEQ, tbs, ALG, tlv(0x03, Uint8Array.of(0, 1)))).extensions.size).toBe(0);
  });

  it('serialKey compares magnitudes', () => {
    expect(serialKey(Uint8Array.of(0, 0, 0x8f))).toBe('8f');
    expect(serialKey(Uint8Array.of(0))).toBe('00');
    expect(serialKey(Uint8Array.of(0, 0))).toBe('00');
  });
});

describe('crlScopeProblem', () => {
  const URI_A = tlv(0x86, enc('http://crl.example.invalid/a.crl'));
  const URI_B = tlv(0x86, enc('http://crl.example.invalid/b.crl'));
  const idp = (...fields: Uint8Array[]) => new Map<string, Extension>([['2.5.29.28', { critical: true, value: tlv(SEQ, ...fields) }]]);
  const fullName = (...names: Uint8Array[]) => tlv(0xa0, tlv(0xa0, ...names)); // distributionPoint [0] { fullName [0] }
  const TRUE = Uint8Array.of(0xff);
  const FALSE = Uint8Array.of(0x00);
  const crl = (extensions: Map<string, Extension>, unusable?: string): ParsedCrl =>
    ({ issuer: NAME, extensions, unusable, entries: new Map(), thisUpdate: new Date(), der: new Uint8Array(), tbs: new Uint8Array(), signature: new Uint8Array(), algorithm: { oid: '1.2.3' } });
  /** A certificate issued by NAME, with CRL distribution points whose names are `dps` (undefined: no extension). */
  const cert = (dps?: Uint8Array[][], issuer = NAME): CertificateParts => ({
    issuer,
    extensions: dps ? exts(ext('2.5.29.31', tlv(SEQ, ...dps.map((names) => tlv(SEQ, ...(names.length ? [fullName(...names)] : [tlv(0xa2, tlv(0xa4, NAME))])))))) : undefined,
  }) as unknown as CertificateParts;

  it('an unusable CRL, or one of another issuer, never applies; without an issuingDistributionPoint it covers all', () => {
    expect(crlScopeProblem(crl(new Map(), 'CRL_DELTA_UNSUPPORTED'), cert(), false)).toBe('CRL_DELTA_UNSUPPORTED');
    expect(crlScopeProblem(crl(new Map()), cert(undefined, tlv(SEQ)), false)).toBe('CRL_OTHER_ISSUER');
    expect(crlScopeProblem(crl(new Map()), cert(), false)).toBeUndefined();
    expect(crlScopeProblem(crl(new Map()), cert(), true)).toBeUndefined();
    expect(crlScopeProblem(crl(idp()), cert(), true)).toBeUndefined();
  });

  it('user-only and CA-only CRLs, attribute-certificate CRLs, indirect CRLs and reason partitions', () => {
    expect(crlScopeProblem(crl(idp(tlv(0x81, TRUE))), cert(), true)).toBe('CRL_SCOPE_USER_CERTS_ONLY');
    expect(crlScopeProblem(crl(idp(tlv(0x81, TRUE))), cert(), false)).toBeUndefined();
    expect(crlScopeProblem(crl(idp(tlv(0x81, FALSE))), cert(), true)).toBeUndefined();
    expect(crlScopeProblem(crl(idp(tlv(0x82, TRUE))), cert(), false)).toBe('CRL_SCOPE_CA_CERTS_ONLY');
    expect(crlScopeProblem(crl(idp(tlv(0x82, TRUE))), cert(), true)).toBeUndefined();
    expect(crlScopeProblem(crl(idp(tlv(0x82, FALSE))), cert(), false)).toBeUndefined();
    expect(crlScopeProblem(crl(idp(tlv(0x85, TRUE))), cert(), false)).toBe('CRL_SCOPE_ATTRIBUTE_CERTS');
    expect(crlScopeProblem(crl(idp(tlv(0x85, FALSE))), cert(), false)).toBeUndefined();
    expect(crlScopeProblem(crl(idp(tlv(0x84, TRUE))), cert(), false)).toBe('CRL_SCOPE_UNSUPPORTED');
    expect(crlScopeProblem(crl(idp(tlv(0x84, FALSE))), cert(), false)).toBeUndefined();
    expect(crlScopeProblem(crl(idp(tlv(0x83, Uint8Array.of(7, 0x80)))), cert(), false)).toBe('CRL_SCOPE_UNSUPPORTED');
  });

  it('a partitioned CRL covers only certificates naming one of its distribution points', () => {
    const partA = crl(idp(fullName(URI_A)));
    expect(crlScopeProblem(partA, cert([[URI_A]]), false)).toBeUndefined();
    expect(crlScopeProblem(partA, cert([[URI_B], [URI_A]]), false)).toBeUndefined();
    expect(crlScopeProblem(partA, cert([[URI_B, URI_A]]), false)).toBeUndefined();
    expect(crlScopeProblem(crl(idp(fullName(URI_B, URI_A))), cert([[URI_A]]), false)).toBeUndefined();
    expect(crlScopeProblem(partA, cert([[URI_B]]), false)).toBe('CRL_SCOPE_OTHER_PARTITION');
    expect(crlScopeProblem(partA, cert(), false)).toBe('CRL_SCOPE_OTHER_PARTITION');
    expect(crlScopeProblem(partA, cert([[]]), false)).toBe('CRL_SCOPE_OTHER_PARTITION'); // a point with only a cRLIssuer
    // An empty distributionPoint, or nameRelativeToCRLIssuer [1] (not supported): no names, covers nothing.
    expect(crlScopeProblem(crl(idp(tlv(0xa0))), cert([[URI_A]]), false)).toBe('CRL_SCOPE_OTHER_PARTITION');
    expect(crlScopeProblem(crl(idp(tlv(0xa0, tlv(0xa1, tlv(0x31))))), cert([[URI_A]]), false)).toBe('CRL_SCOPE_OTHER_PARTITION');
  });
});
