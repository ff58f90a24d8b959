/**
 * Revocation status of each certificate of a built chain at a given time (the signing time), from CRLs given by
 * the user or found in the PDF /DSS. Offline: nothing is fetched.
 *
 * A CRL is believed only when its signature verifies with the key of the certificate's issuer *in the chain*
 * (not any same-named certificate from the pool: the /DSS is attacker-controlled, and a forged "not revoked" CRL
 * would otherwise be accepted). A CRL that fails is ignored and noted, never trusted.
 */
import { pemBlocks } from './pem.js';
import { certificateParts, type CertificateParts } from './cert-parts.js';
import { describeCertificate, type CertificateDescription } from './certificate.js';
import { crlScopeProblem, parseCrl, type ParsedCrl, serialKey } from './crl.js';
import { EXT, publishesRevocation, readExtensionMap } from './extensions.js';
import { readOne, TAG } from './der.js';
import { verifySignature } from './verify-signature.js';
import { bytesEqual } from './algorithms.js';

export type RevocationStatus = 'GOOD' | 'REVOKED' | 'REVOKED_AFTER' | 'UNKNOWN';

export interface RevocationResult {
  certificate: Uint8Array;
  /** REVOKED: revocationDate <= at; REVOKED_AFTER: revoked, but after `at`; UNKNOWN: no usable CRL. */
  status: RevocationStatus;
  revocationDate?: Date;
  reason?: string;
  /** The certificate names a CRL distribution point or an OCSP responder: its CA publishes revocation data. */
  crlRequired: boolean;
  /** Stable codes, optionally followed by ": detail" (CRLs ignored and why). */
  problems: string[];
}

export interface CheckRevocationOptions {
  /** Leaf first, as buildChain returns it; the last certificate (the anchor) is not checked. */
  readonly chain: readonly Uint8Array[];
  /** DER CRLs; unreadable ones are skipped. */
  readonly crls: readonly Uint8Array[];
  /** The time the status is wanted for (the signing time, or the timestamp's time). */
  readonly at: Date;
}

/** One result per certificate of the chain except the last (each needs its issuer, the next one, to check CRLs). */
export async function checkRevocation(opts: CheckRevocationOptions): Promise<RevocationResult[]> {
  const crls: ParsedCrl[] = [];
  for (const der of opts.crls) {
    try {
      crls.push(parseCrl(der));
    } catch {
      // counted below
    }
  }
  const skipped = opts.crls.length - crls.length;
  const results: RevocationResult[] = [];
  for (let i = 0; i + 1 < opts.chain.length; i++) {
    const r = await statusOf(opts.chain[i], opts.chain[i + 1], crls, opts.at);
    if (skipped > 0) r.problems.unshift(`CRL_UNREADABLE: ${skipped} CRL(s) skipped`);
    results.push(r);
  }
  return results;
}

async function statusOf(certDer: Uint8Array, issuerDer: Uint8Array, crls: readonly ParsedCrl[], at: Date): Promise<RevocationResult> {
  const problems: string[] = [];
  let cert: CertificateParts;
  let desc: CertificateDescription;
  let crlRequired = false;
  try {
    cert = certificateParts(certDer);
    desc = describeCertificate(certDer);
    crlRequired = publishesRevocation(readExtensionMap(cert.extensions));
  } catch {
    return { certificate: certDer, status: 'UNKNOWN', crlRequired: true, problems: ['CERT_UNREADABLE'] };
  }
  const usable: ParsedCrl[] = [];
  for (const crl of crls) {
    if (!bytesEqual(crl.issuer, cert.issuer)) continue;
    const problem = crlScopeProblemSafe(crl, cert, desc.isCA) ?? (await crlSignatureProblem(crl, issuerDer));
    if (problem) problems.push(problem);
    else usable.push(crl);
  }
  const result: RevocationResult = { certificate: certDer, status: 'UNKNOWN', crlRequired, problems };
  if (usable.length === 0) {
    problems.push('NO_USABLE_CRL');
    return result;
  }
  usable.sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime());
  const key = serialKey(readOne(cert.serialNumber, TAG.INTEGER).content);
  const revoked = revocationEntry(usable, key);
  if (revoked) {
    result.status = revoked.revocationDate.getTime() <= at.getTime() ? 'REVOKED' : 'REVOKED_AFTER';
    result.revocationDate = revoked.revocationDate;
    if (revoked.reason) result.reason = revoked.reason;
    return result;
  }
  if (usable.some((crl) => provesGoodAt(crl, desc, at, problems))) result.status = 'GOOD';
  return result;
}

/**
 * The entry that counts: a permanent revocation in any usable CRL (earliest date), or a certificateHold only when
 * the newest CRL still lists it (a hold can be released).
 */
function revocationEntry(newestFirst: readonly ParsedCrl[], key: string): { revocationDate: Date; reason?: string } | undefined {
  let best: { revocationDate: Date; reason?: string } | undefined;
  for (const crl of newestFirst) {
    const e = crl.entries.get(key);
    if (!e || e.reason === 'removeFromCRL' || e.reason === 'certificateHold') continue;
    if (!best || e.revocationDate < best.revocationDate) best = e;
  }
  const hold = newestFirst[0].entries.get(key);
  return best ?? (hold?.reason === 'certificateHold' ? hold : undefined);
}

/** Whether the absence of `cert` from `crl` shows it was not revoked at `at`. */
function provesGoodAt(crl: ParsedCrl, cert: CertificateDescription, at: Date, problems: string[]): boolean {
  // CAs drop expired certificates from CRLs unless they announce otherwise (ExpiredCertsOnCRL, RFC 5280 §5.2.7
  // of X.509): a CRL issued after expiry says nothing about the certificate.
  if (crl.thisUpdate > cert.notAfter && !crl.extensions.has(EXT.expiredCertsOnCrl)) {
    problems.push('CRL_AFTER_EXPIRY: the CRL was issued after the certificate expired');
    return false;
  }
  // Issued at or after `at`, or still current at `at`.
  if (crl.thisUpdate >= at || (crl.nextUpdate !== undefined && at <= crl.nextUpdate)) return true;
  problems.push('CRL_STALE: the CRL expired before the time in question');
  return false;
}

function crlScopeProblemSafe(crl: ParsedCrl, cert: CertificateParts, isCA: boolean): string | undefined {
  try {
    return crlScopeProblem(crl, cert, isCA);
  } catch {
    return 'CRL_INVALID: unreadable issuingDistributionPoint';
  }
}

/** Undefined when `issuerDer` signed the CRL and may sign CRLs; otherwise why the CRL is ignored. */
async function crlSignatureProblem(crl: ParsedCrl, issuerDer: Uint8Array): Promise<string | undefined> {
  try {
    const issuer = certificateParts(issuerDer);
    if (!bytesEqual(issuer.subject, crl.issuer)) return 'CRL_OTHER_ISSUER';
    const ku = describeCertificate(issuerDer).keyUsage;
    if (ku && !ku.cRLSign) return 'CRL_ISSUER_NO_CRL_SIGN';
    const r = await verifySignature(issuer, crl.algorithm, crl.tbs, crl.signature);
    return r.valid ? undefined : `CRL_SIGNATURE_INVALID${r.problem ? `: ${r.problem}` : ''}`;
  } catch {
    return 'CRL_SIGNATURE_INVALID: unreadable issuer certificate';
  }
}

/** CRLs from a file: one DER CRL, or PEM with one or more "X509 CRL" blocks. Returns DER; may be empty. */
export function readCrlsFromFile(bytes: Uint8Array): Uint8Array[] {
  if (bytes[0] === 0x30) return [bytes];
  return pemBlocks(new TextDecoder('latin1').decode(bytes), 'X509 CRL');
}
