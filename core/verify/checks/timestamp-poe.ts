/**
 * Proof of existence from timestamps (ETSI EN 319 102-1 §5.6.2.3, PAdES B-LTA): a document timestamp that
 * validates proves that every byte before its revision existed at its genTime, so what those bytes hold (earlier
 * signatures, their timestamps, earlier document timestamps, the /DSS) is judged at that time instead of now. The
 * newest timestamp is judged now (or `--at`): once its TSA's certificate has expired, nothing vouches for it,
 * which is why archive timestamps must be renewed before that.
 */
import { describeCertificate } from '../../pki/certificate.js';
import type { PdfDict } from '../../pdf/parse/index.js';
import type { SignatureReport } from '../report.js';

/** Document timestamps that validated, by revision, checked newest first (see checkSignaturesNewestFirst). */
export class ProofOfExistence {
  private readonly proofs: { revision: number; time: Date }[] = [];

  /** Records a report of a document timestamp that PASSED. */
  record(r: SignatureReport): void {
    if (!isDocTimestampReport(r) || r.indication !== 'PASSED' || r.signedRevision === undefined || !r.timestampTime) return;
    this.proofs.push({ revision: r.signedRevision, time: new Date(r.timestampTime) });
  }

  /** The earliest time a validated document timestamp of a later revision proves `revision` existed at. */
  readonly after = (revision: number): Date | undefined => {
    let best: Date | undefined;
    for (const p of this.proofs) if (p.revision > revision && (!best || p.time < best)) best = p.time;
    return best;
  };
}

export function isDocTimestampReport(r: Pick<SignatureReport, 'subFilter'>): boolean {
  return r.subFilter === 'ETSI.RFC3161';
}

/**
 * The certificate of a TSA chain (leaf first, the anchor left out when the chain reached one) that has expired by
 * `time`, if any: a timestamp is only as good as its TSA's certificate at the time it is relied on.
 */
export function expiredInChain(chain: readonly Uint8Array[], trusted: boolean, time: Date): { name: string; notAfter: Date } | undefined {
  const checked = trusted && chain.length > 1 ? chain.slice(0, -1) : chain;
  for (const c of checked) {
    const d = describeCertificate(c);
    if (d.notAfter.getTime() < time.getTime()) return { name: d.subject.commonName ?? d.subject.text, notAfter: d.notAfter };
  }
  return undefined;
}

/** The earliest notAfter of a chain (the anchor left out when the chain reached one). */
export function chainValidUntil(chain: readonly Uint8Array[], trusted: boolean): Date | undefined {
  const checked = trusted && chain.length > 1 ? chain.slice(0, -1) : chain;
  let min: number | undefined;
  for (const c of checked) {
    const t = describeCertificate(c).notAfter.getTime();
    if (min === undefined || t < min) min = t;
  }
  return min === undefined ? undefined : new Date(min);
}

/** Byte offset where a signature's ByteRange ends (its revision's end), to check the newest first. */
/** Where the first signed span of a signature's /ByteRange ends (its /Contents starts), or -1. */
export function firstSpanEnd(sig: PdfDict): number {
  const br = sig.entries.get('ByteRange');
  if (br?.kind !== 'array' || br.items.length !== 4) return -1;
  const [a, b] = br.items.map((v) => (v.kind === 'number' ? v.value : -1));
  return a === 0 && b > 0 ? b : -1;
}

export function byteRangeEnd(sig: PdfDict): number {
  const br = sig.entries.get('ByteRange');
  if (br?.kind !== 'array' || br.items.length !== 4) return -1;
  const [, , b, c] = br.items.map((v) => (v.kind === 'number' ? v.value : 0));
  return b + c;
}
