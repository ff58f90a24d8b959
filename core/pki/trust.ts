/**
 * Is the signer's certificate trusted for this signature? Chain to an anchor, key usage for the purpose, validity
 * of every non-anchor certificate and revocation, all judged at the proof-of-existence time: the signature
 * timestamp's time when a valid one exists, otherwise the time the signer claims (/M). ETSI EN 319 102-1 words:
 * EXPIRED is OUT_OF_BOUNDS_NO_POE; a revocation after that time leaves the signature valid (revokedLater).
 */
import { buildChain } from './chain.js';
import { certificateParts } from './cert-parts.js';
import { allowsDocumentSigning, describeCertificate, displayName, validityAt } from './certificate.js';
import { readExtensionMap } from './extensions.js';
import { checkRevocation, type RevocationResult } from './revocation.js';
import { OID } from '../asn1/oids.js';

export type TrustStatus =
  | 'TRUSTED'
  | 'NO_CHAIN'
  | 'CHAIN_INVALID'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'KEY_USAGE'
  | 'REVOCATION_UNKNOWN';

export interface EvaluateSignerOptions {
  readonly signerCertificate: Uint8Array;
  /** Candidate intermediates: certificates from the CMS and the PDF /DSS (untrusted). */
  readonly pool: readonly Uint8Array[];
  readonly anchors: readonly Uint8Array[];
  /** DER CRLs (user-given and /DSS). */
  readonly crls: readonly Uint8Array[];
  /** DER OCSP responses (user-given and /DSS /OCSPs). */
  readonly ocspResponses?: readonly Uint8Array[];
  /** The claimed signing time (/M). */
  readonly signingTime: Date;
  /** genTime of a signature timestamp that was verified and whose TSA is trusted. */
  readonly timestampTime?: Date;
  /** Evaluation time (now, or --at); no proof-of-existence time can be later. */
  readonly at: Date;
  /** 'signing' (default): digitalSignature/nonRepudiation; 'timestamping': a TSA certificate (RFC 3161 §2.3). */
  readonly purpose?: 'signing' | 'timestamping';
}

export interface TrustResult {
  status: TrustStatus;
  /** Leaf first, ending with the anchor when a path was found. */
  chain: Uint8Array[];
  anchor?: Uint8Array;
  /** A certificate of the chain was revoked, but after the proof-of-existence time. */
  revokedLater?: boolean;
  /** When the (first) revoked certificate was revoked (REVOKED or revokedLater). */
  revocationDate?: Date;
  /** The time everything was judged at. */
  proofOfExistence: Date;
  revocation: RevocationResult[];
  /** Stable codes, optionally followed by ": detail". */
  problems: string[];
  /** Every status found, most severe first (`status` is the first): all of them are reported. */
  all: TrustStatus[];
}


/** Most severe first: the first status found in this order wins. */
const PRECEDENCE: readonly TrustStatus[] = ['CHAIN_INVALID', 'NO_CHAIN', 'REVOKED', 'KEY_USAGE', 'NOT_YET_VALID', 'EXPIRED', 'REVOCATION_UNKNOWN'];

export async function evaluateSigner(opts: EvaluateSignerOptions): Promise<TrustResult> {
  const problems: string[] = [];
  let poe = opts.timestampTime ?? opts.signingTime;
  if (Number.isNaN(poe.getTime()) || poe > opts.at) {
    problems.push('SIGNING_TIME_AFTER_EVALUATION_TIME: judged at the evaluation time instead');
    poe = opts.at;
  }
  const found = new Set<TrustStatus>();
  try {
    describeCertificate(opts.signerCertificate);
  } catch {
    problems.push('CERT_UNREADABLE: the signer certificate');
    return { status: 'NO_CHAIN', chain: [opts.signerCertificate], proofOfExistence: poe, revocation: [], problems, all: ['NO_CHAIN'] };
  }
  const chainResult = await buildChain(opts.signerCertificate, opts.pool, opts.anchors);
  problems.push(...chainResult.problems);
  const result: TrustResult = { status: 'TRUSTED', chain: chainResult.chain, proofOfExistence: poe, revocation: [], problems, all: [] };
  if (chainResult.anchor) result.anchor = chainResult.anchor;
  if (chainResult.status === 'BAD_SIGNATURE') found.add('CHAIN_INVALID');
  if (chainResult.status === 'NO_CHAIN') found.add('NO_CHAIN');

  if (!keyUsageOk(opts.signerCertificate, opts.purpose ?? 'signing', problems)) found.add('KEY_USAGE');

  // Every certificate but the anchor must be valid at the proof-of-existence time (a chain of one: the leaf).
  const chain = result.chain;
  const toCheck = chainResult.status === 'TRUSTED' ? Math.max(1, chain.length - 1) : chain.length;
  for (let i = 0; i < toCheck; i++) {
    const d = describeCertificate(chain[i]);
    const v = validityAt(d, poe);
    if (v === 'valid') continue;
    found.add(v === 'expired' ? 'EXPIRED' : 'NOT_YET_VALID');
    const who = i === 0 ? 'SIGNER' : 'INTERMEDIATE';
    problems.push(`${who}_${v === 'expired' ? 'EXPIRED' : 'NOT_YET_VALID'}: ${displayName(d)} at ${poe.toISOString()}`);
  }

  if (chainResult.status === 'TRUSTED') {
    result.revocation = await checkRevocation({ chain, crls: opts.crls, ocspResponses: opts.ocspResponses, at: poe, now: opts.at });
    for (const r of result.revocation) {
      const name = displayName(describeCertificate(r.certificate));
      if (r.status === 'REVOKED' || r.status === 'REVOKED_AFTER') {
        if (r.status === 'REVOKED') found.add('REVOKED');
        else result.revokedLater = true;
        result.revocationDate ??= r.revocationDate;
        problems.push(`${r.status}: ${name} on ${r.revocationDate?.toISOString()}${r.reason ? ` (${r.reason})` : ''}`);
      } else if (r.status === 'UNKNOWN') {
        if (r.crlRequired) found.add('REVOCATION_UNKNOWN');
        problems.push(`REVOCATION_UNKNOWN: ${name}${r.problems.length ? ` (${r.problems.join('; ')})` : ''}`);
      }
    }
  }
  result.all = PRECEDENCE.filter((s) => found.has(s));
  result.status = result.all[0] ?? 'TRUSTED';
  return result;
}

function keyUsageOk(der: Uint8Array, purpose: 'signing' | 'timestamping', problems: string[]): boolean {
  const d = describeCertificate(der);
  if (!allowsDocumentSigning(d)) {
    problems.push('KEY_USAGE: neither digitalSignature nor nonRepudiation');
    return false;
  }
  if (purpose === 'signing') return true;
  if (!d.extendedKeyUsage?.includes(OID.kpTimeStamping)) {
    problems.push('KEY_USAGE: not a timestamping certificate (extended key usage timeStamping missing)');
    return false;
  }
  // RFC 3161 §2.3 wants it critical and alone; common TSAs comply, but do not reject the ones that do not.
  const eku = readExtensionMap(certificateParts(der).extensions).get(OID.extKeyUsage);
  if (!eku?.critical || d.extendedKeyUsage.length !== 1) problems.push('TSA_EKU_NOT_EXCLUSIVE_CRITICAL');
  return true;
}
