/**
 * "Kiểm tra trực tuyến" / `saoy verify --online`, only ever on request: fetch what the document's certificates
 * name — a missing issuer from AIA caIssuers, the OCSP response or else the CRL — then verify again with that
 * evidence. Nothing is sent but an OCSP request for a certificate of the document, and only to the URLs in it.
 * The report says where each answer came from and when.
 */
import { certificatesOfBundle, parseSignedData } from '../cms/parse-signed-data.js';
import { describeCertificate } from '../pki/certificate.js';
import { certificateParts } from '../pki/cert-parts.js';
import { parseCrl } from '../pki/crl.js';
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

const same = (a: Uint8Array, b: Uint8Array) => compareBytes(a, b) === 0;

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

/** The certificates whose names can be read: junk (in a /DSS, a CMS, a user's file) is left out, never fatal. */
function readable(certs: Uint8Array[]): Uint8Array[] {
  return certs.filter((c) => {
    try {
      certificateParts(c);
      describeCertificate(c);
      return true;
    } catch {
      return false;
    }
  });
}

/** A caIssuers answer: DER or PEM certificates, or a certs-only PKCS#7 bundle; only readable certificates. */
function certificatesFromAnswer(b: Uint8Array): Uint8Array[] {
  const direct = tryRead(() => certificatesFromFile(b));
  // Usually certs-only (no SignerInfo), which parseSignedData refuses: read just the certificates.
  return direct.length ? direct : tryRead(() => certificatesOfBundle(b));
}

function tryRead(read: () => Uint8Array[]): Uint8Array[] {
  try {
    return readable(read());
  } catch {
    return [];
  }
}

/** The http(s) origins the document's own certificates name (what the extension asks permission for). */
export async function namedOrigins(bytes: Uint8Array): Promise<string[]> {
  const doc = await documentCertificates(bytes);
  const urls = readable([...doc.signing, ...doc.dss]).flatMap((c) => Object.values(certificateUrls(c)).flat());
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
  const known: Uint8Array[] = readable([...doc.signing, ...doc.dss, ...(options.intermediates ?? []), ...trust.intermediates, ...anchors]);
  const toCheck: Uint8Array[] = [];
  for (const c of readable(doc.signing)) if (!toCheck.some((x) => same(x, c)) && !anchors.some((a) => same(a, c))) toCheck.push(c);
  let fetches = 0;

  const deadline = Date.now() + MAX_ONLINE_MILLIS;
  /** One fetch, recorded as a source; the answer with its source, or undefined (failed, skipped: the source says why). */
  const get = async (kind: OnlineSource['kind'], url: string, about: Uint8Array, body?: Uint8Array): Promise<{ answer: Uint8Array; src: OnlineSource } | undefined> => {
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
      return { answer, src };
    } catch (e) {
      src.error = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      // When the answer came (or did not): a slow server shows in the report.
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

  // Missing issuers first (a signature that carries only its signer's certificate), a few levels up. A URL is
  // asked once: its answer is the same in the next round.
  const askedIssuers = new Set<string>();
  for (let round = 0; round < MAX_ISSUER_ROUNDS; round++) {
    let added = false;
    for (const c of [...toCheck]) {
      if (selfIssued(c) || issuerOf(c)) continue;
      for (const url of certificateUrls(c).caIssuers) {
        if (askedIssuers.has(url)) continue;
        askedIssuers.add(url);
        const got = await get('caIssuers', url, c);
        if (!got) continue;
        const found = certificatesFromAnswer(got.answer);
        for (const f of found.slice(0, 5)) {
          if (known.some((k) => same(k, f))) continue;
          got.src.ok = true;
          known.push(f);
          ev.intermediates.push(f);
          // Anchors are in `known`: a fetched certificate reaching here is never one.
          if (toCheck.length < MAX_CERTS) toCheck.push(f);
          added = true;
        }
        // An answer of certificates already at hand helps nothing: say so rather than "no answer".
        if (!got.src.ok) got.src.error = found.length ? 'only certificates already known' : 'not a certificate';
        if (issuerOf(c)) break;
      }
    }
    if (!added) break;
  }

  // Revocation: OCSP first (fresh and small), the CRL when there is no OCSP answer. Certificates of one CA share
  // its CRL: a CRL URL is fetched once, and what it gave (or that it failed) holds for the next certificate.
  const crlGave = new Map<string, boolean>();
  for (const c of toCheck) {
    const issuer = issuerOf(c);
    if (!issuer || selfIssued(c)) continue;
    const urls = certificateUrls(c);
    let answered = false;
    for (const url of urls.ocsp) {
      const got = await get('ocsp', url, c, await buildOcspRequest(c, issuer));
      if (!got) continue;
      try {
        parseOcspResponse(got.answer);
        ev.ocspResponses.push(got.answer);
        got.src.ok = answered = true;
        break;
      } catch (e) {
        // The parser's own words (e.g. "responseStatus 6": the responder refused) say more than "unreadable".
        const inner = (e as Error).cause;
        got.src.error = `not a usable OCSP response (${inner instanceof Error ? inner.message : (e as Error).message})`;
      }
    }
    if (answered) continue;
    for (const url of urls.crl) {
      const before = crlGave.get(url);
      if (before !== undefined) {
        if (before) break;
        continue;
      }
      crlGave.set(url, false);
      const got = await get('crl', url, c);
      if (!got) continue;
      // Only what reads as a CRL counts: a source marked ok must have given evidence verification can use.
      const crls = readableCrls(got.answer);
      if (crls.length) {
        ev.crls.push(...crls);
        got.src.ok = true;
        crlGave.set(url, true);
        break;
      }
      got.src.error = 'not a CRL';
    }
  }
  return ev;
}

/** The CRLs (DER or PEM) in an answer that parse as CRLs; none for anything else. */
function readableCrls(answer: Uint8Array): Uint8Array[] {
  let blocks: Uint8Array[];
  try {
    blocks = readCrlsFromFile(answer);
  } catch {
    return []; // PEM armour around text that is not base64
  }
  return blocks.filter((der) => {
    try {
      parseCrl(der);
      return true;
    } catch {
      return false;
    }
  });
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
