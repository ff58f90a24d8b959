/**
 * Certification path building (RFC 5280 §6 / RFC 4158, the parts PAdES verification needs): from the signer's
 * certificate up to a trust anchor, through certificates from the CMS and the PDF /DSS. Issuers are matched by
 * exact DER of the names, narrowed by AKI/SKI; every link's signature is checked with the issuer's key; issuers
 * must be CAs (basicConstraints, pathLen, keyCertSign). Depth-first with backtracking, so a wrong candidate with
 * the same name (a re-keyed or cross-certified CA) does not hide a good path. Validity times and revocation are
 * checked by trust.ts at the signing time, not here.
 */
import { bytesMemo } from './bytes-memo.js';
import { certificateParts, type CertificateParts } from './cert-parts.js';
import { describeCertificate, type CertificateDescription } from './certificate.js';
import { authorityKeyIdentifier, EXT, readExtensionMap, subjectKeyIdentifier } from './extensions.js';
import { readDistinguishedName } from './name.js';
import { readSignedObject } from './signed-object.js';
import { verifySignature } from './verify-signature.js';
import { bytesEqual } from '../bytes/concat.js';

export type ChainStatus = 'TRUSTED' | 'NO_CHAIN' | 'BAD_SIGNATURE';

export interface ChainResult {
  /** TRUSTED: reached an anchor; NO_CHAIN: cannot reach one; BAD_SIGNATURE: a link does not verify. */
  status: ChainStatus;
  /** Leaf first; ends with the anchor when TRUSTED; otherwise as far as it got (for BAD_SIGNATURE: the issuer whose key failed). */
  chain: Uint8Array[];
  /** The anchor the path ends at (as configured). */
  anchor?: Uint8Array;
  /** Stable codes, optionally followed by ": detail". */
  problems: string[];
}

/** Longest path, leaf and anchor included. */
export const MAX_CHAIN_LENGTH = 10;
/** Bounds the work on hostile pools (many certificates with the same name). */
const MAX_SIGNATURE_CHECKS = 200;

interface Node {
  readonly der: Uint8Array;
  readonly parts: CertificateParts;
  readonly desc: CertificateDescription;
  readonly ski?: Uint8Array;
  readonly aki?: Uint8Array;
  readonly hasBasicConstraints: boolean;
  /** The configured anchor this certificate is (same DER, or same subject and key). */
  anchor?: Uint8Array;
}

interface Outcome {
  status: ChainStatus;
  path: Node[];
}

export async function buildChain(
  leaf: Uint8Array,
  pool: readonly Uint8Array[],
  anchors: readonly Uint8Array[],
): Promise<ChainResult> {
  const problems: string[] = [];
  const leafNode = toNode(leaf, problems);
  if (!leafNode) return { status: 'NO_CHAIN', chain: [leaf], problems };
  const anchorNodes = dedupe(anchors.map((a) => toNode(a, problems)));
  for (const a of anchorNodes) a.anchor = a.der;
  const nodes = dedupe([...anchorNodes, ...pool.map((c) => toNode(c, problems))]);
  for (const n of [leafNode, ...nodes]) n.anchor ??= anchorNodes.find((a) => sameEntity(a, n))?.der;

  const searchProblems: string[] = [];
  const outcome = await new Builder(nodes, searchProblems).extend([leafNode]);
  const end = outcome.path[outcome.path.length - 1];
  const chain = outcome.path.map((n, i) => (i === outcome.path.length - 1 && outcome.status === 'TRUSTED' ? n.anchor! : n.der));
  // Dead ends met on the way do not matter once a path is found.
  if (outcome.status === 'TRUSTED') return { status: 'TRUSTED', chain, anchor: end.anchor, problems };
  problems.push(...searchProblems);
  if (outcome.status === 'NO_CHAIN') problems.push(`NO_ISSUER_FOUND: ${nameOf(end.parts.issuer)}`);
  return { status: outcome.status, chain, problems };
}

class Builder {
  private checks = 0;
  private readonly verified = new Map<string, boolean>();

  constructor(
    private readonly nodes: readonly Node[],
    private readonly problems: string[],
  ) {}

  async extend(path: Node[]): Promise<Outcome> {
    const cur = path[path.length - 1];
    if (cur.anchor) return { status: 'TRUSTED', path };
    if (path.length >= MAX_CHAIN_LENGTH) {
      this.note(`CHAIN_TOO_LONG: more than ${MAX_CHAIN_LENGTH} certificates`);
      return { status: 'NO_CHAIN', path };
    }
    let best: Outcome = { status: 'NO_CHAIN', path };
    for (const cand of this.issuerCandidates(cur, path)) {
      const violation = constraintViolation(cand, path);
      if (violation) {
        this.note(`${violation}: ${nameOf(cand.parts.subject)}`);
        continue;
      }
      if (!(await this.linkVerifies(cur, cand))) {
        this.note(`BAD_SIGNATURE: ${nameOf(cur.parts.subject)} does not verify with the key of ${nameOf(cand.parts.subject)}`);
        if (best.status !== 'BAD_SIGNATURE') best = { status: 'BAD_SIGNATURE', path: [...path, cand] };
        continue;
      }
      const r = await this.extend([...path, cand]);
      if (r.status === 'TRUSTED') return r;
      if (better(r, best)) best = r;
    }
    return best;
  }

  /** Certificates whose subject is `cur`'s issuer (and whose SKI matches its AKI when both exist); anchors first. */
  private issuerCandidates(cur: Node, path: readonly Node[]): Node[] {
    return this.nodes
      .filter(
        (n) =>
          bytesEqual(n.parts.subject, cur.parts.issuer) &&
          !(n.ski && cur.aki && !bytesEqual(n.ski, cur.aki)) &&
          !path.some((p) => sameEntity(p, n)), // cycle-safe: never the same name and key twice
      )
      .sort((a, b) => Number(!!b.anchor) - Number(!!a.anchor));
  }

  private async linkVerifies(child: Node, issuer: Node): Promise<boolean> {
    const key = `${this.nodes.indexOf(child)}>${this.nodes.indexOf(issuer)}:${child.parts.serialNumber.join(',')}`;
    const cached = this.verified.get(key);
    if (cached !== undefined) return cached;
    if (++this.checks > MAX_SIGNATURE_CHECKS) {
      this.note('CHAIN_SEARCH_LIMIT');
      return false;
    }
    let ok = false;
    try {
      const signed = readSignedObject(child.der);
      const r = await verifySignature(issuer.parts, signed.algorithm, signed.tbs, signed.signature);
      ok = r.valid;
      if (r.problem) this.note(r.problem);
    } catch (e) {
      this.note(`CERT_INVALID: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.verified.set(key, ok);
    return ok;
  }

  private note(problem: string): void {
    if (!this.problems.includes(problem)) this.problems.push(problem);
  }
}

/** Why `issuer` may not issue the next certificate down `path`, or undefined. */
function constraintViolation(issuer: Node, path: readonly Node[]): string | undefined {
  const d = issuer.desc;
  // An anchor without any basicConstraints (a v1 root) is trusted as configured; everyone else must say cA.
  if (!d.isCA && !(issuer.anchor && !issuer.hasBasicConstraints)) return 'ISSUER_NOT_CA';
  if (d.keyUsage && !d.keyUsage.keyCertSign) return 'ISSUER_NO_KEY_CERT_SIGN';
  if (d.pathLen !== undefined) {
    // pathLen counts the non-self-issued intermediates below the issuer (RFC 5280 §4.2.1.9).
    const below = path.slice(1).filter((n) => !bytesEqual(n.parts.subject, n.parts.issuer)).length;
    if (below > d.pathLen) return 'PATH_LENGTH_EXCEEDED';
  }
  return undefined;
}

function better(a: Outcome, b: Outcome): boolean {
  if (a.status !== b.status) return a.status === 'BAD_SIGNATURE';
  return a.path.length > b.path.length;
}

/** What a certificate contributes to path building, without `anchor` (set per search): reused across searches. */
const nodeParts = bytesMemo<Omit<Node, 'der' | 'anchor'>>(500);

function toNode(der: Uint8Array, problems: string[]): Node | undefined {
  try {
    const base = nodeParts.get(der, (own) => {
      const parts = certificateParts(own);
      const ext = readExtensionMap(parts.extensions);
      return {
        parts,
        desc: describeCertificate(own),
        ski: subjectKeyIdentifier(ext),
        aki: authorityKeyIdentifier(ext),
        hasBasicConstraints: ext.has(EXT.basicConstraints),
      };
    });
    return { der, ...base };
  } catch {
    problems.push('CERT_UNREADABLE: a certificate was skipped');
    return undefined;
  }
}

function dedupe(list: readonly (Node | undefined)[]): Node[] {
  const out: Node[] = [];
  for (const n of list) if (n && !out.some((o) => bytesEqual(o.der, n.der))) out.push(n);
  return out;
}

/** Same subject name and same public key: the same CA for trust purposes, whatever else differs. */
function sameEntity(a: Node, b: Node): boolean {
  return bytesEqual(a.parts.subject, b.parts.subject) && bytesEqual(a.parts.spki, b.parts.spki);
}

function nameOf(der: Uint8Array): string {
  try {
    return readDistinguishedName(der).text;
  } catch {
    return '(unreadable name)';
  }
}
