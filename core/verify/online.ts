/**
 * "Kiểm tra trực tuyến" / `saoy verify --online`, only ever on request: fetch what the document's certificates
 * name — a missing issuer from AIA caIssuers, the OCSP response or else the CRL — then verify again with that
 * evidence. Nothing is sent but an OCSP request for a certificate of the document, and only to the URLs in it.
 * The report says where each answer came from and when.
 */
import { certificatesOfBundle, parseSignedData } from '../cms/parse-signed-data.js';
import { describeCertificate } from '../pki/certificate.js';
import { certificateParts } from '../pki/cert-parts.js';
import { parseOcspResponse } from '../pki/ocsp.js';
import { buildOcspRequest } from '../pki/online/ocsp-request.js';
import { certificateUrls } from '../pki/online/urls.js';
import type { OnlineFetcher } from '../pki/online/fetcher.js';
import { certificatesFromFile } from '../pki/pem.js';
import { readCrlsFromFile } from '../pki/revocation.js';
import { resolveTrust } from '../pki/trust-lists.js';
import { dictGet, parsePdf } from '../pdf/parse/index.js';
import { findSignatures } from './checks/signature-fields.js';
import { readDss } from './dss.js';
import { verifyPdf, type VerifyPlatform } from './index.js';
import type { VerifyOptions } from './options.js';
import { reason } from './reasons.js';
import type { OnlineSource, VerificationReport } from './report.js';
import { compareBytes } from '../bytes/concat.js';

/** Bounds: certificates looked at, issuers fetched (rounds), answers fetched. */
const MAX_CERTS = 30;
const MAX_ISSUER_ROUNDS = 3;
const MAX_FETCHES = 40;
/** The whole online phase: a file never hangs on slow servers (each fetch has its own timeout too). */
export const MAX_ONLINE_MILLIS = 60_000;

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && compareBytes(a, b) === 0;

/** Certificates carried by the document's signatures (CMS) and its /DSS; empty when it cannot be read. */
async function documentCertificates(bytes: Uint8Array): Promise<{ signing: Uint8Array[]; dss: Uint8Array[] }> {
  const signing: Uint8Array[] = [];
  try {
    const pdf = await parsePdf(bytes);
    for (const f of findSignatures(pdf).signatures) {
      const c = dictGet(f.sig, 'Contents');
      if (c?.kind !== 'string') continue;
      try {
        signing.push(...parseSignedData(c.bytes).certificates);
      } catch {
        // a broken signature has nothing to check online
      }
    }
    return { signing, dss: (await readDss(pdf)).certificates };
  } catch {
    return { signing, dss: [] };
  }
}

/** A caIssuers answer: one DER or PEM certificate, or a certs-only PKCS#7 bundle. */
function certificatesFromAnswer(b: Uint8Array): Uint8Array[] {
  try {
    const [one] = certificatesFromFile(b);
    if (one) {
      describeCertificate(one);
      return certificatesFromFile(b);
    }
  } catch {
    // not a certificate: maybe PKCS#7
  }
  try {
    // Usually certs-only (no SignerInfo), which parseSignedData refuses: read just the certificates.
    return certificatesOfBundle(b);
  } catch {
    return [];
  }
}

/** The http(s) origins the document's own certificates name (what the extension asks permission for). */
export async function namedOrigins(bytes: Uint8Array): Promise<string[]> {
  const doc = await documentCertificates(bytes);
  const urls = [...doc.signing, ...doc.dss].flatMap((c) => Object.values(certificateUrls(c)).flat());
  return [...new Set(urls.map((u) => `${new URL(u).origin}/*`))];
}

export interface OnlineEvidence {
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
  /** Issuers fetched from caIssuers: chain-building help, never anchors. */
  intermediates: Uint8Array[];
  sources: OnlineSource[];
}

export async function fetchOnlineEvidence(bytes: Uint8Array, options: VerifyOptions, fetcher: OnlineFetcher, now: () => Date = () => new Date()): Promise<OnlineEvidence> {
  const ev: OnlineEvidence = { crls: [], ocspResponses: [], intermediates: [], sources: [] };
  const trust = resolveTrust([{ id: 'user', anchors: options.trustAnchors }, ...(options.trustLists ?? [])]);
  const anchors = trust.timestampAnchors;
  const doc = await documentCertificates(bytes);
  const known: Uint8Array[] = [...doc.signing, ...doc.dss, ...(options.intermediates ?? []), ...trust.intermediates, ...anchors];
  const toCheck: Uint8Array[] = [];
  for (const c of doc.signing) if (!toCheck.some((x) => same(x, c)) && !anchors.some((a) => same(a, c))) toCheck.push(c);
  let fetches = 0;

  const deadline = Date.now() + MAX_ONLINE_MILLIS;
  const get = async (kind: OnlineSource['kind'], url: string, about: Uint8Array, body?: Uint8Array): Promise<Uint8Array | undefined> => {
    if (++fetches > MAX_FETCHES) return undefined;
    const src: OnlineSource = { kind, url, ok: false, fetchedAt: now().toISOString(), certificate: describeCertificate(about).subject.commonName ?? describeCertificate(about).subject.text };
    ev.sources.push(src);
    if (Date.now() > deadline) {
      src.error = `not fetched: the online check took longer than ${MAX_ONLINE_MILLIS / 1000} s`;
      return undefined;
    }
    try {
      const answer = await fetcher({ url, body, contentType: body ? 'application/ocsp-request' : undefined });
      src.bytes = answer.length;
      return answer;
    } catch (e) {
      src.error = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      src.fetchedAt = now().toISOString();
    }
  };
  const issuerOf = (c: Uint8Array) => {
    const issuer = certificateParts(c).issuer;
    return known.find((k) => !same(k, c) && same(certificateParts(k).subject, issuer));
  };
  const selfIssued = (c: Uint8Array) => {
    const p = certificateParts(c);
    return same(p.subject, p.issuer);
  };

  // Missing issuers first (a signature that carries only its signer's certificate), a few levels up.
  for (let round = 0; round < MAX_ISSUER_ROUNDS; round++) {
    let added = false;
    for (const c of [...toCheck]) {
      if (selfIssued(c) || issuerOf(c)) continue;
      for (const url of certificateUrls(c).caIssuers) {
        const answer = await get('caIssuers', url, c);
        const found = answer ? certificatesFromAnswer(answer) : [];
        const src = ev.sources[ev.sources.length - 1];
        if (answer && !found.length && src) {
          src.ok = false;
          src.error = 'not a certificate';
        }
        for (const f of found.slice(0, 5)) {
          if (known.some((k) => same(k, f))) continue;
          if (src) src.ok = true;
          known.push(f);
          ev.intermediates.push(f);
          if (toCheck.length < MAX_CERTS && !anchors.some((a) => same(a, f))) toCheck.push(f);
          added = true;
        }
        if (issuerOf(c)) break;
      }
    }
    if (!added) break;
  }

  // Revocation: OCSP first (fresh and small), the CRL when there is no OCSP answer.
  for (const c of toCheck) {
    const issuer = issuerOf(c);
    if (!issuer || selfIssued(c)) continue;
    const urls = certificateUrls(c);
    let answered = false;
    for (const url of urls.ocsp) {
      const answer = await get('ocsp', url, c, await buildOcspRequest(c, issuer));
      if (!answer) continue;
      const src = ev.sources[ev.sources.length - 1];
      try {
        parseOcspResponse(answer);
        ev.ocspResponses.push(answer);
        src.ok = answered = true;
        break;
      } catch (e) {
        src.error = `not a usable OCSP response (${e instanceof Error ? e.message : 'unreadable'})`;
      }
    }
    if (answered) continue;
    for (const url of urls.crl) {
      const answer = await get('crl', url, c);
      if (!answer) continue;
      const src = ev.sources[ev.sources.length - 1];
      let crls: Uint8Array[] = [];
      try {
        crls = readCrlsFromFile(answer);
      } catch {
        crls = [];
      }
      if (crls.length) {
        ev.crls.push(...crls);
        src.ok = true;
        break;
      }
      src.error = 'not a CRL';
    }
  }
  return ev;
}

/** Verify with what the certificates' URLs answer; the report carries `online` and a reason per failed fetch. */
export async function verifyPdfOnline(bytes: Uint8Array, options: VerifyOptions, fetcher: OnlineFetcher, platform: VerifyPlatform = {}): Promise<VerificationReport> {
  const ev = await fetchOnlineEvidence(bytes, options, fetcher);
  const report = await verifyPdf(
    bytes,
    {
      ...options,
      crls: [...(options.crls ?? []), ...ev.crls],
      ocspResponses: [...(options.ocspResponses ?? []), ...ev.ocspResponses],
      intermediates: [...(options.intermediates ?? []), ...ev.intermediates],
    },
    platform,
  );
  const failed = ev.sources.filter((s) => !s.ok);
  const reasons = failed.map((s) =>
    reason('ONLINE_FETCH_FAILED', undefined, { en: `(${s.kind} ${s.url} for ${s.certificate}: ${s.error ?? 'no answer'})`, vi: `(${s.kind} ${s.url} cho ${s.certificate}: ${s.error ?? 'không có trả lời'})` }),
  );
  if (ev.sources.length === 0 && report.signatures.length > 0) reasons.push(reason('ONLINE_NOTHING_TO_FETCH'));
  return { ...report, reasons: [...report.reasons, ...reasons], online: { checkedAt: new Date().toISOString(), sources: ev.sources } };
}
