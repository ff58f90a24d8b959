/**
 * Validation-data gathering for PAdES B-LT (ETSI EN 319 142-1 §5.4): for every signature and every timestamp of
 * the document, the certificates of each chain (signer, TSA, OCSP responder) and the CRLs or OCSP responses that
 * cover each certificate. Offline by default: CRLs and OCSP responses come from what the caller gives; only with a
 * fetcher (asked for explicitly) are the URLs the certificates name fetched, with the fetcher's timeouts and caps.
 */
import { buildChain } from '../pki/chain.js';
import { certificateParts } from '../pki/cert-parts.js';
import { describeCertificate } from '../pki/certificate.js';
import { compareBytes } from '../bytes/concat.js';
import { parseCrl } from '../pki/crl.js';
import { certIdMatches, parseOcspResponse } from '../pki/ocsp.js';
import { readCrlsFromFile } from '../pki/revocation.js';
import { buildOcspRequest } from '../pki/online/ocsp-request.js';
import { certificateUrls } from '../pki/online/urls.js';
import type { OnlineFetcher } from '../pki/online/fetcher.js';
import type { DocumentSignature } from './signatures.js';

export interface ValidationData {
  certificates: Uint8Array[];
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
}

export interface GatherOptions {
  /** CRLs (DER) the caller has (`--crl`). */
  crls?: readonly Uint8Array[];
  /** OCSP responses (DER OCSPResponse) the caller has (`--ocsp`). */
  ocspResponses?: readonly Uint8Array[];
  /** More certificates to build chains with (trust anchors, intermediates, the /DSS's own). */
  certificates?: readonly Uint8Array[];
  /** Only when the user asked: fetches OCSP (then CRL) from the URLs each certificate names. */
  fetcher?: OnlineFetcher;
}

export interface FetchRecord {
  kind: 'crl' | 'ocsp';
  url: string;
  /** Common name of the certificate the answer is about. */
  certificate: string;
  ok: boolean;
  error?: string;
}

export interface GatheredSignature {
  signature: DocumentSignature;
  data: ValidationData;
}

export interface GatherResult {
  /** Everything, deduplicated: what the /DSS gains. */
  all: ValidationData;
  /** Per signature (its VRI entry): the data of its own chain and of its timestamp's chain. */
  perSignature: GatheredSignature[];
  /** Certificates (CN) of a chain that publish revocation data but for which none was found. */
  missingRevocation: string[];
  fetches: FetchRecord[];
}

const MAX_FETCHES = 40;
/** The whole fetching phase: slow servers never make extending hang (each fetch has its own timeout too). */
export const MAX_GATHER_MILLIS = 60_000;

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && compareBytes(a, b) === 0;
const cn = (der: Uint8Array) => {
  try {
    const d = describeCertificate(der);
    return d.subject.commonName ?? d.subject.text;
  } catch {
    return 'an unreadable certificate';
  }
};

function selfIssued(c: Uint8Array): boolean {
  try {
    const p = certificateParts(c);
    return same(p.subject, p.issuer);
  } catch {
    return true;
  }
}

function pushUnique(into: Uint8Array[], items: readonly Uint8Array[]): void {
  for (const i of items) if (!into.some((x) => same(x, i))) into.push(i);
}

export async function gatherValidationData(signatures: readonly DocumentSignature[], opts: GatherOptions = {}): Promise<GatherResult> {
  const pool: Uint8Array[] = [];
  pushUnique(pool, opts.certificates ?? []);
  for (const s of signatures) {
    pushUnique(pool, s.certificates);
    if (s.timestamp) pushUnique(pool, s.timestamp.certificates);
  }
  const crlsKnown = [...(opts.crls ?? [])];
  const ocspKnown = [...(opts.ocspResponses ?? [])];
  const fetches: FetchRecord[] = [];
  const deadline = Date.now() + MAX_GATHER_MILLIS;
  const missing = new Set<string>();
  const all: ValidationData = { certificates: [], crls: [], ocspResponses: [] };
  /** Revocation data found per certificate (by DER), so shared CAs are looked at once. */
  const revocationOf = new Map<Uint8Array, ValidationData>();
  const chainCache = new Map<Uint8Array, Uint8Array[]>();

  const chainOf = async (leaf: Uint8Array): Promise<Uint8Array[]> => {
    const key = pool.find((p) => same(p, leaf)) ?? leaf;
    const cached = chainCache.get(key);
    if (cached) return cached;
    // Self-issued certificates of the pool end the path: this is gathering, not trusting.
    const r = await buildChain(leaf, pool, pool.filter(selfIssued));
    chainCache.set(key, r.chain);
    return r.chain;
  };

  const fetch = async (kind: FetchRecord['kind'], url: string, about: Uint8Array, body?: Uint8Array): Promise<Uint8Array | undefined> => {
    if (!opts.fetcher || fetches.length >= MAX_FETCHES) return undefined;
    const rec: FetchRecord = { kind, url, certificate: cn(about), ok: false };
    fetches.push(rec);
    if (Date.now() > deadline) {
      rec.error = `not fetched: fetching took longer than ${MAX_GATHER_MILLIS / 1000} s`;
      return undefined;
    }
    try {
      const answer = await opts.fetcher({ url, body, contentType: body ? 'application/ocsp-request' : undefined });
      rec.ok = true;
      return answer;
    } catch (e) {
      rec.error = e instanceof Error ? e.message : String(e);
      return undefined;
    }
  };

  const revocationFor = async (cert: Uint8Array, issuer: Uint8Array, depth: number): Promise<ValidationData> => {
    const key = pool.find((p) => same(p, cert)) ?? cert;
    const cached = revocationOf.get(key);
    if (cached) return cached;
    const out: ValidationData = { certificates: [], crls: [], ocspResponses: [] };
    revocationOf.set(key, out);
    const certParts = certificateParts(cert);
    const issuerParts = certificateParts(issuer);
    const matchingOcsp = async (ders: readonly Uint8Array[]) => {
      for (const der of ders) {
        try {
          const r = parseOcspResponse(der);
          for (const single of r.responses) if (await certIdMatches(single.certId, certParts, issuerParts)) return { der, certs: r.certs };
        } catch {
          // not an OCSP response we can use
        }
      }
      return undefined;
    };
    const matchingCrls = (ders: readonly Uint8Array[]) =>
      ders.filter((der) => {
        try {
          return same(parseCrl(der).issuer, certParts.issuer);
        } catch {
          return false;
        }
      });

    let ocsp = await matchingOcsp(ocspKnown);
    let crls = matchingCrls(crlsKnown);
    const urls = certificateUrls(cert);
    if (!ocsp && crls.length === 0 && opts.fetcher) {
      for (const url of urls.ocsp) {
        const answer = await fetch('ocsp', url, cert, await buildOcspRequest(cert, issuer));
        if (!answer) continue;
        ocsp = await matchingOcsp([answer]);
        if (ocsp) {
          ocspKnown.push(answer);
          break;
        }
        fetches[fetches.length - 1].ok = false;
        fetches[fetches.length - 1].error = 'not an OCSP response for this certificate';
      }
      if (!ocsp) {
        for (const url of urls.crl) {
          const answer = await fetch('crl', url, cert);
          const got = answer ? matchingCrls(safeCrls(answer)) : [];
          if (got.length) {
            crlsKnown.push(...got);
            crls = got;
            break;
          }
          if (answer) {
            fetches[fetches.length - 1].ok = false;
            fetches[fetches.length - 1].error = 'not a CRL of this certificate\'s issuer';
          }
        }
      }
    }
    if (ocsp) {
      out.ocspResponses.push(ocsp.der);
      // The responder's certificate and its chain (and their revocation, unless it is the issuing CA itself).
      pushUnique(pool, ocsp.certs);
      for (const rc of ocsp.certs) {
        if (same(rc, issuer) || depth > 2) continue;
        const sub = await chainData(rc, depth + 1);
        merge(out, sub);
      }
    }
    out.crls.push(...crls);
    if (!ocsp && crls.length === 0 && (urls.crl.length > 0 || urls.ocsp.length > 0)) missing.add(cn(cert));
    return out;
  };

  const chainData = async (leaf: Uint8Array, depth = 0): Promise<ValidationData> => {
    const chain = await chainOf(leaf);
    const out: ValidationData = { certificates: [...chain], crls: [], ocspResponses: [] };
    for (let i = 0; i + 1 < chain.length; i++) merge(out, await revocationFor(chain[i], chain[i + 1], depth));
    return out;
  };

  const perSignature: GatheredSignature[] = [];
  for (const s of signatures) {
    const data: ValidationData = { certificates: [], crls: [], ocspResponses: [] };
    if (s.signerCertificate) merge(data, await chainData(s.signerCertificate));
    const tsa = s.timestamp?.tsaCertificate;
    if (tsa && s.kind === 'signature') merge(data, await chainData(tsa));
    perSignature.push({ signature: s, data });
    merge(all, data);
  }
  return { all, perSignature, missingRevocation: [...missing], fetches };
}

function merge(into: ValidationData, from: ValidationData): void {
  pushUnique(into.certificates, from.certificates);
  pushUnique(into.crls, from.crls);
  pushUnique(into.ocspResponses, from.ocspResponses);
}

function safeCrls(bytes: Uint8Array): Uint8Array[] {
  try {
    return readCrlsFromFile(bytes);
  } catch {
    return [];
  }
}
