/** Digest algorithms by OID (RFC 3279, RFC 5754): what a CMS/OCSP/PKCS#12 structure names → a WebCrypto digest. */
import { OID } from '../asn1/oids.js';
import { digest, type DigestName } from '../bytes/sha.js';

export const DIGEST_OIDS: Readonly<Record<string, DigestName>> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};

export function digestNameOfOid(oid: string): DigestName | undefined {
  return Object.hasOwn(DIGEST_OIDS, oid) ? DIGEST_OIDS[oid] : undefined;
}

/** Digest with the algorithm an OID names; undefined when WebCrypto has no such digest. */
export async function digestByOid(oid: string, data: Uint8Array): Promise<Uint8Array | undefined> {
  const name = digestNameOfOid(oid);
  return name ? digest(name, data) : undefined;
}
