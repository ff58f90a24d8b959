/**
 * The URLs a certificate names for checking online (issue 14: core/pki/online/urls.ts on hand-written
 * extensions): CRL distribution points, OCSP and caIssuers; only http(s), at most 4 of each, no duplicates, and a
 * malformed extension names nothing instead of failing.
 */
import { describe, expect, it } from 'vitest';
import { context, oid, seq, smallInteger, tlv, TAG } from '../../../core/asn1/der.js';
import { certificateUrls } from '../../../core/pki/online/urls.js';

const uri = (s: string) => tlv(0x86, new TextEncoder().encode(s));
const ext = (id: string, value: Uint8Array) => seq(oid(id), tlv(TAG.OCTET_STRING, value));
const spki = seq(seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')), tlv(TAG.BIT_STRING, Uint8Array.of(0, 4)));
const name = seq(tlv(TAG.SET, seq(oid('2.5.4.3'), tlv(TAG.UTF8_STRING, Uint8Array.of(0x41)))));
const validity = seq(tlv(TAG.UTC_TIME, new TextEncoder().encode('260101000000Z')), tlv(TAG.UTC_TIME, new TextEncoder().encode('270101000000Z')));
const cert = (...exts: Uint8Array[]) => seq(seq(context(0, smallInteger(2)), smallInteger(1), seq(oid('1.2.840.10045.4.3.2')), name, validity, name, spki, ...(exts.length ? [context(3, seq(...exts))] : [])), seq(oid('1.2.840.10045.4.3.2')), tlv(TAG.BIT_STRING, Uint8Array.of(0)));
/** CRLDistributionPoints: each point's distributionPoint [0] holding fullName [0] GeneralNames. */
const crldp = (...points: Uint8Array[][]) => ext('2.5.29.31', seq(...points.map((names) => seq(context(0, context(0, ...names))))));
const aia = (...ads: [string, Uint8Array][]) => ext('1.3.6.1.5.5.7.1.1', seq(...ads.map(([m, loc]) => seq(oid(m), loc))));
const OCSP = '1.3.6.1.5.5.7.48.1';
const CA_ISSUERS = '1.3.6.1.5.5.7.48.2';

describe('certificateUrls', () => {
  it('reads CRL, OCSP and caIssuers URLs, http and https, in order', () => {
    const urls = certificateUrls(cert(
      crldp([uri('http://crl.ca.vn/root.crl'), uri('ldap://ldap.ca.vn/cn=x')], [uri('HTTPS://crl2.ca.vn/b.crl')]),
      aia([OCSP, uri('http://ocsp.ca.vn')], [CA_ISSUERS, uri('http://ca.vn/ca.p7c')], ['1.2.3', uri('http://other.vn')], [OCSP, tlv(0x82, new TextEncoder().encode('ocsp.ca.vn'))]),
    ));
    expect(urls).toEqual({ crl: ['http://crl.ca.vn/root.crl', 'HTTPS://crl2.ca.vn/b.crl'], ocsp: ['http://ocsp.ca.vn'], caIssuers: ['http://ca.vn/ca.p7c'] });
  });

  it('keeps no URL with white space, none over 2048 characters, no duplicates, at most 4 of each', () => {
    const many = Array.from({ length: 6 }, (_, i) => uri(`http://crl${i}.ca.vn/x.crl`));
    const urls = certificateUrls(cert(
      crldp([uri('http://a b.vn/x'), uri(`http://ca.vn/${'x'.repeat(2040)}`), uri(`http://ca.vn/${'y'.repeat(2030)}`)], [uri('http://crl0.ca.vn/x.crl')], many),
    ));
    expect(urls.crl).toEqual([`http://ca.vn/${'y'.repeat(2030)}`, 'http://crl0.ca.vn/x.crl', 'http://crl1.ca.vn/x.crl', 'http://crl2.ca.vn/x.crl']);
  });

  it('URIs nested in the distribution point name are found; a point without a distributionPoint names nothing', () => {
    const reasonsOnly = ext('2.5.29.31', seq(seq(tlv(0x81, Uint8Array.of(0)))));
    expect(certificateUrls(cert(reasonsOnly)).crl).toEqual([]);
    const primitiveName = ext('2.5.29.31', seq(seq(context(0, tlv(0x81, new TextEncoder().encode('http://x.vn'))))));
    expect(certificateUrls(cert(primitiveName)).crl).toEqual([]);
  });

  it('a malformed extension names nothing; the other extension still counts; a broken certificate names nothing', () => {
    const badDp = ext('2.5.29.31', Uint8Array.of(0x30, 0x05, 0x30));
    expect(certificateUrls(cert(badDp, aia([OCSP, uri('http://ocsp.ca.vn')])))).toEqual({ crl: [], ocsp: ['http://ocsp.ca.vn'], caIssuers: [] });
    const badAia = ext('1.3.6.1.5.5.7.1.1', Uint8Array.of(0x30, 0x03, 0x30, 0x01));
    expect(certificateUrls(cert(crldp([uri('http://crl.vn/a')]), badAia))).toEqual({ crl: ['http://crl.vn/a'], ocsp: [], caIssuers: [] });
    const methodOnly = ext('1.3.6.1.5.5.7.1.1', seq(seq(oid(OCSP))));
    expect(certificateUrls(cert(methodOnly)).ocsp).toEqual([]);
    expect(certificateUrls(Uint8Array.of(1, 2, 3))).toEqual({ crl: [], ocsp: [], caIssuers: [] });
    expect(certificateUrls(cert())).toEqual({ crl: [], ocsp: [], caIssuers: [] });
  });
});
