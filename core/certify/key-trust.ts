/**
 * Whether a signing key's certificate chains to an anchor the verifier trusts. A copy signed with a key that does
 * not is reported "not trusted" by every verifier with the same lists, so the clerk's pages never choose such a
 * key by themselves and say why (issue 12: the authority key was preselected although its root was untrusted).
 */
import { buildChain } from '../pki/chain.js';
import { describeCertificate } from '../pki/certificate.js';
import { resolveTrust, type TrustList } from '../pki/trust-lists.js';

export interface KeyTrust {
  trusted: boolean;
  /** NO_CHAIN: no trusted root above it; BAD_SIGNATURE: a certificate in its chain does not verify. */
  problem?: 'NO_CHAIN' | 'BAD_SIGNATURE';
  /** The issuer named by the last certificate the chain reached: the root (or CA) that is not trusted. */
  untrustedIssuer?: string;
}

export async function keyChainTrust(certificates: readonly Uint8Array[], lists: readonly TrustList[]): Promise<KeyTrust> {
  if (certificates.length === 0) return { trusted: false, problem: 'NO_CHAIN' };
  const trust = resolveTrust(lists);
  const r = await buildChain(certificates[0], [...certificates.slice(1), ...trust.intermediates], trust.anchors);
  if (r.status === 'TRUSTED') return { trusted: true };
  const last = r.chain[r.chain.length - 1];
  let issuer: string | undefined;
  try {
    const d = describeCertificate(last);
    // A self-signed end of the chain is the untrusted root itself; otherwise its issuer is what is missing.
    const name = d.subject.text === d.issuer.text ? d.subject : d.issuer;
    issuer = name.commonName ?? name.text; // the name a clerk recognises, the full DN only when there is no CN
  } catch {
    issuer = undefined;
  }
  return { trusted: false, problem: r.status, ...(issuer ? { untrustedIssuer: issuer } : {}) };
}
