/**
 * When must an archive timestamp be renewed? The newest timestamp of the document (its latest document timestamp,
 * else its latest signature timestamp) proves everything before it only while its TSA's certificate chain is
 * valid: a new document timestamp must be added before the first certificate of that chain expires.
 */
import { buildChain } from '../pki/chain.js';
import { certificateParts } from '../pki/cert-parts.js';
import { describeCertificate } from '../pki/certificate.js';
import { compareBytes } from '../bytes/concat.js';
import { documentSignatures, type DocumentSignature } from './signatures.js';
import { parsePdf } from '../pdf/parse/index.js';
import { readDss } from '../verify/dss.js';

export interface RenewalStatus {
  /** Field of the newest timestamp; undefined when the document has none. */
  newestField?: string;
  kind?: DocumentSignature['kind'];
  /** When the first certificate of the newest timestamp's TSA chain (anchor excluded when known) expires. */
  expires?: Date;
  /** The newest timestamp expires before `now + months`, or there is none. */
  due: boolean;
}

export async function renewalStatus(bytes: Uint8Array, months: number, now = new Date(), extraCertificates: readonly Uint8Array[] = []): Promise<RenewalStatus> {
  const pdf = await parsePdf(bytes);
  const sigs = await documentSignatures(bytes, pdf);
  const stamped = sigs.filter((s) => s.timestamp?.tsaCertificate);
  const docTs = stamped.filter((s) => s.kind === 'document-timestamp');
  const newest = (docTs.length ? docTs : stamped).at(-1);
  if (!newest?.timestamp?.tsaCertificate) return { due: true };
  const pool = [...newest.timestamp.certificates, ...(await readDss(pdf)).certificates, ...extraCertificates];
  const expires = await chainExpiry(newest.timestamp.tsaCertificate, pool);
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() + months);
  return { newestField: newest.fieldName, kind: newest.kind, expires, due: expires.getTime() <= limit.getTime() };
}

/** Earliest notAfter along the chain, the self-signed root left out (its expiry is the trust list's business). */
async function chainExpiry(leaf: Uint8Array, pool: readonly Uint8Array[]): Promise<Date> {
  const selfIssued = (c: Uint8Array) => {
    const p = certificateParts(c);
    return compareBytes(p.subject, p.issuer) === 0;
  };
  const chain = (await buildChain(leaf, pool, pool.filter(selfIssued))).chain;
  const checked = chain.length > 1 && selfIssued(chain[chain.length - 1]) ? chain.slice(0, -1) : chain;
  return new Date(Math.min(...checked.map((c) => describeCertificate(c).notAfter.getTime())));
}
