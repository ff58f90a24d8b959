/**
 * issueCertificate's details without OpenSSL (issue 14): serial numbers as minimal positive INTEGERs, the
 * basicConstraints and keyUsage encodings, UTCTime/GeneralizedTime by year, the authority key identifier taken from
 * the issuer or computed from its key, and encodeName's string-type checks.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { children, readOne, TAG } from '../../../core/asn1/der.js';
import { certificateParts } from '../../../core/pki/cert-parts.js';
import { describeCertificate } from '../../../core/pki/certificate.js';
import { readExtensionMap } from '../../../core/pki/extensions.js';
import { encodeName, generateKeyPair, issueCertificate, type IssueCertificateOptions } from '../../../core/pki/issue.js';
import { readDistinguishedName } from '../../../core/pki/name.js';

const keys = await generateKeyPair('ECDSA-P256', { extractable: false });
const base: IssueCertificateOptions = {
  subject: { commonName: 'Test' }, publicKey: keys.publicKey, issuerKey: keys.privateKey,
  notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z'), isCA: false, keyUsage: ['digitalSignature'],
};
const issue = (over: Partial<IssueCertificateOptions>) => issueCertificate({ ...base, ...over });
const extOf = async (der: Uint8Array, id: string) => readExtensionMap(certificateParts(der).extensions).get(id);

describe('issueCertificate encodings', () => {
  it('serials are minimal positive INTEGERs: leading zeros dropped, a 0x00 before a high bit', async () => {
    const serialTlv = async (serial: Uint8Array) => [...certificateParts(await issue({ serial })).serialNumber];
    expect(await serialTlv(Uint8Array.of(0, 0, 5))).toEqual([2, 1, 5]);
    expect(await serialTlv(Uint8Array.of(0x80))).toEqual([2, 2, 0, 0x80]);
    expect(await serialTlv(Uint8Array.of(0, 0x80, 1))).toEqual([2, 3, 0, 0x80, 1]);
    expect(await serialTlv(Uint8Array.of(0))).toEqual([2, 1, 0]);
    const random = certificateParts(await issue({})).serialNumber;
    expect(random[1]).toBe(16);
    expect(random[2] & 0x80).toBe(0);
    expect(random[2] & 0x01).toBe(1);
  });

  it('basicConstraints: critical with cA for a CA (pathLen when given), empty and not critical otherwise', async () => {
    const leaf = await extOf(await issue({}), '2.5.29.19');
    expect(leaf).toEqual({ critical: false, value: Uint8Array.of(0x30, 0) });
    const ca = await extOf(await issue({ isCA: true }), '2.5.29.19');
    expect(ca).toEqual({ critical: true, value: Uint8Array.of(0x30, 3, 1, 1, 0xff) });
    const ca0 = await extOf(await issue({ isCA: true, pathLen: 0 }), '2.5.29.19');
    expect(ca0?.value).toEqual(Uint8Array.of(0x30, 6, 1, 1, 0xff, 2, 1, 0));
  });

  it('keyUsage: critical, DER bit string with trailing zero bits counted as unused', async () => {
    const ku = async (keyUsage: IssueCertificateOptions['keyUsage']) => (await extOf(await issue({ keyUsage }), '2.5.29.15'))!;
    expect(await ku(['digitalSignature'])).toEqual({ critical: true, value: Uint8Array.of(3, 2, 7, 0x80) });
    expect((await ku(['digitalSignature', 'nonRepudiation'])).value).toEqual(Uint8Array.of(3, 2, 6, 0xc0));
    expect((await ku(['keyCertSign', 'cRLSign'])).value).toEqual(Uint8Array.of(3, 2, 1, 0x06));
    expect((await ku(['encipherOnly'])).value).toEqual(Uint8Array.of(3, 2, 0, 0x01));
    expect((await ku(['decipherOnly'])).value).toEqual(Uint8Array.of(3, 3, 7, 0, 0x80));
    await expect(issue({ keyUsage: [] })).rejects.toThrow('keyUsage must name at least one usage');
    await expect(issue({ keyUsage: ['signEverything' as never] })).rejects.toThrow('unknown key usage in signEverything');
  });

  it('extended key usage only when asked for, not critical', async () => {
    expect(await extOf(await issue({ extKeyUsage: [] }), '2.5.29.37')).toBeUndefined();
    expect(describeCertificate(await issue({ extKeyUsage: ['1.3.6.1.5.5.7.3.4'] })).extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.4']);
    expect((await extOf(await issue({ extKeyUsage: ['1.3.6.1.5.5.7.3.4'] }), '2.5.29.37'))?.critical).toBe(false);
  });

  it('UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', async () => {
    const tags = async (notBefore: Date, notAfter: Date) => children(readOne(certificateParts(await issue({ notBefore, notAfter })).validity, TAG.SEQUENCE)).map((t) => t.tag);
    expect(await tags(new Date('2049-12-31T23:59:59Z'), new Date('2050-01-01T00:00:00Z'))).toEqual([TAG.UTC_TIME, TAG.GENERALIZED_TIME]);
    const d = describeCertificate(await issue({ notAfter: new Date('2060-06-01T12:00:00Z') }));
    expect(d.notAfter.toISOString()).toBe('2060-06-01T12:00:00.000Z');
  });

  it('the issuer: its subject and its SKI as our AKI; without an SKI, the SHA-1 of its key', async () => {
    const ca = await issue({ subject: { commonName: 'CA', organization: 'Sở Tư pháp' }, isCA: true, keyUsage: ['keyCertSign'] });
    const leafKeys = await generateKeyPair('ECDSA-P256', { extractable: false });
    const leaf = describeCertificate(await issue({ subject: { commonName: 'Leaf' }, publicKey: leafKeys.publicKey, issuerCertificate: ca }));
    expect(leaf.issuer.text).toBe('CN=CA,O=Sở Tư pháp');
    expect(leaf.authorityKeyIdentifierHex).toBe(describeCertificate(ca).subjectKeyIdentifierHex);
    const spki = certificateParts(await issue({ publicKey: leafKeys.publicKey })).spki;
    const keyBits = children(readOne(spki, TAG.SEQUENCE))[1].content.subarray(1);
    expect(describeCertificate(await issue({ publicKey: leafKeys.publicKey })).subjectKeyIdentifierHex).toBe(createHash('sha1').update(keyBits).digest('hex'));
  });
});

describe('encodeName', () => {
  it('every part in a fixed order, each as its own RDN, with its string type', () => {
    const der = encodeName({ commonName: 'A', country: 'VN', state: 'Hà Nội', locality: 'L', organization: 'O', organizationalUnit: 'OU', serialNumber: 'CMND:1', uid: 'u', email: 'a@b.vn' });
    const n = readDistinguishedName(der);
    expect(n.text).toBe('emailAddress=a@b.vn,UID=u,serialNumber=CMND:1,CN=A,OU=OU,O=O,L=L,ST=Hà Nội,C=VN');
    const types = children(readOne(der, TAG.SEQUENCE)).map((rdn) => children(children(rdn)[0])[1].tag);
    expect(types).toEqual([TAG.PRINTABLE_STRING, TAG.UTF8_STRING, TAG.UTF8_STRING, TAG.UTF8_STRING, TAG.UTF8_STRING, TAG.UTF8_STRING, TAG.PRINTABLE_STRING, TAG.UTF8_STRING, TAG.IA5_STRING]);
    expect(encodeName({})).toEqual(Uint8Array.of(0x30, 0));
  });

  it('refuses what the string type cannot hold, naming the part', () => {
    expect(() => encodeName({ serialNumber: 'số 1' })).toThrow('serialNumber must be a PrintableString');
    expect(() => encodeName({ country: 'V_N' })).toThrow('country must be a PrintableString');
    expect(() => encodeName({ email: 'ân@x.vn' })).toThrow('email must be ASCII');
    expect(() => encodeName({ email: 'a\tb@x.vn' })).toThrow('email must be ASCII');
    expect(encodeName({ serialNumber: "A-Z a'z 0+9 (x),./:=?" }).length).toBeGreaterThan(0);
  });
});
