import { describe, expect, it } from 'vitest';
import { decodeOid, oid, readOne, TAG } from '../../../core/asn1/der.js';
import { OID } from '../../../core/asn1/oids.js';

describe('core/asn1: the OID table', () => {
  it('names each OID once, and each survives a DER round trip', () => {
    const values = Object.values(OID);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(decodeOid(readOne(oid(v), TAG.OID).content)).toBe(v);
  });

  it('holds the well-known values (RFC 5754, RFC 5652, RFC 3279)', () => {
    expect(OID.sha256).toBe('2.16.840.1.101.3.4.2.1');
    expect(OID.signedData).toBe('1.2.840.113549.1.7.2');
    expect(OID.ecPublicKey).toBe('1.2.840.10045.2.1');
    expect(Buffer.from(oid(OID.sha256)).toString('hex')).toBe('0609608648016503040201');
  });
});
