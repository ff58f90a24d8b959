/**
 * Revocation status of each certificate of a built chain at a given time (the signing time), from CRLs and OCSP
 * responses given by the user or found in the PDF /DSS. Offline: nothing is fetched. Either source may prove the
 * status; when several speak and any says revoked, revoked wins.
 *
 * A CRL is believed only when its signature verifies with the key of the certificate's issuer *in the chain*
 * (not any same-named certificate from the pool: the /DSS is attacker-controlled, and a forged "not revoked" CRL
 * would otherwise be accepted). A CRL that fails is ignored and noted, never trusted. OCSP responses follow the same
 * rule, with the delegated responders RFC 6960 allows (see ocsp.ts).
 */
import { pemBlocks } from './pem.js';
import { certificateParts, type CertificateParts } from './cert-parts.js';
import { describeCertificate, type CertificateDescription } from './certificate.js';
import { crlScopeProblem, parseCrl, type ParsedCrl, serialKey } from './crl.js';
import { EXT, publishesRevocation, readExtensionMap } from './extensions.js';
import { readOne, TAG } from '../asn1/der.js';
import { verifySignature } from './verify-signature.js';
import { certIdMatches, ocspSignatureProblem, parseOcspResponse, type ParsedOcspResponse } from './ocsp.js';
import { bytesEqual } from '../bytes/concat.js';

export type RevocationStatus = 'GOOD' | 'REVOKED' | 'REVOKED_AFTER' | 'UNKNOWN';

export interface RevocationResult {
  certificate: Uint8Array;
  /** REVOKED: revocationDate <= at; REVOKED_AFTER: revoked, but after `at`; UNKNOWN: no usable CRL or OCSP response. */
  status: RevocationStatus;
  revocationDate?: Date;
  reason?: string;
  /** The certificate names a CRL distribution point or an OCSP responder: its CA publishes revocation data. */
  crlRequired: boolean;
  /** Stable codes, optionally followed by ": detail" (CRLs and OCSP responses ignored and why). */
  problems: string[];
}

export interface CheckRevocationOptions {
  /** Leaf first, as buildChain returns it; the last certificate (the anchor) is not checked. */
  readonly chain: readonly Uint8Array[];
  /** DER CRLs; unreadable ones are skipped. */
  readonly crls: readonly Uint8Array[];
  /** The time the status is wanted for (the signing time, or the timestamp's time). */
  readonly at: Date;
  /** DER OCSP responses (OCSPResponse); unreadable or unsuccessful ones are skipped. */
  readonly ocspResponses?: readonly Uint8Array[];
  /** The evaluation time (default: now): an OCSP response made later than this (beyond a small skew) is ignored. */
  readonly now?: Date;
}

/** Tolerated clock difference between the OCSP responder and the verifier. */
export const OCSP_CLOCK_SKEW_MS = 5 * 60_000;

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
  const ocsps: ParsedOcspResponse[] = [];
  for (const der of opts.ocspResponses ?? []) {
    try {
      ocsps.push(parseOcspResponse(der));
    } catch {
      // counted below
    }
  }
  const ocspSkipped = (opts.ocspResponses?.length ?? 0) - ocsps.length;
  const now = opts.now ?? new Date();
  const results: RevocationResult[] = [];
  for (let i = 0; i + 1 < opts.chain.length; i++) {
    const r = await statusOf(opts.chain[i], opts.chain[i + 1], crls, opts.at);
    await applyOcsp(r, opts.chain[i + 1], ocsps, opts.at, now);
    if (ocspSkipped > 0) r.problems.unshift(`OCSP_UNREADABLE: ${ocspSkipped} OCSP response(s) skipped`);
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
 * Adds what matching, authentic OCSP responses say to `r` (the CRL verdict): a revocation from either source wins
 * (earliest date); otherwise a good response proves GOOD.
 */
async function applyOcsp(r: RevocationResult, issuerDer: Uint8Array, ocsps: readonly ParsedOcspResponse[], at: Date, now: Date): Promise<void> {
  if (ocsps.length === 0 || r.problems.includes('CERT_UNREADABLE')) return;
  let cert: CertificateParts;
  let issuer: CertificateParts;
  try {
    cert = certificateParts(r.certificate);
    issuer = certificateParts(issuerDer);
  } catch {
    return;
  }
  let revoked: { revocationDate: Date; reason?: string } | undefined;
  let good = false;
  for (const resp of ocsps) {
    const matching: typeof resp.responses[number][] = [];
    for (const single of resp.responses) if (await certIdMatches(single.certId, cert, issuer)) matching.push(single);
    if (matching.length === 0) continue;
    const problem = await ocspSignatureProblem(resp, issuerDer);
    if (problem) {
      r.problems.push(problem);
      continue;
    }
    for (const single of matching) {
      if (single.thisUpdate.getTime() > now.getTime() + OCSP_CLOCK_SKEW_MS) {
        r.problems.push('OCSP_NOT_YET_VALID: the OCSP response is dated after the evaluation time');
        continue;
      }
      const s = single.status;
      if (s.kind === 'revoked') {
        if (!revoked || s.revocationTime < revoked.revocationDate) {
          revoked = s.reason ? { revocationDate: s.revocationTime, reason: s.reason } : { revocationDate: s.revocationTime };
        }
      } else if (s.kind === 'unknown') {
        r.problems.push('OCSP_STATUS_UNKNOWN: the responder does not know the certificate');
      } else if (single.thisUpdate >= at || (single.nextUpdate !== undefined && at <= single.nextUpdate)) {
        // Good at or after `at`, or still current at `at`. Unlike CRLs, OCSP still answers for expired certificates.
        good = true;
      } else {
        r.problems.push('OCSP_STALE: the OCSP response expired before the time in question');
      }
    }
  }
  if (revoked) {
    // A CRL that already reports an earlier (or the same) revocation keeps its date and reason.
    if ((r.status === 'REVOKED' || r.status === 'REVOKED_AFTER') && r.revocationDate && r.revocationDate <= revoked.revocationDate) return;
    r.status = revoked.revocationDate.getTime() <= at.getTime() ? 'REVOKED' : 'REVOKED_AFTER';
    r.revocationDate = revoked.revocationDate;
    if (revoked.reason) r.reason = revoked.reason;
    else delete r.reason;
    return;
  }
  if (good && r.status === 'UNKNOWN') r.status = 'GOOD';
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
