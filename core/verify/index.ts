/**
 * verifyPdf: bytes → one VerificationReport. Never throws on bad input: an unreadable or hostile file
 * gets the `error` verdict with a reason, bounded in size, parser work and time.
 */
import { isSaoyError } from '../errors.js';
import { parsePdf, type ParsedPdf } from '../pdf/parse/index.js';
import { checkSignature } from './checks/signature.js';
import { findSignatures } from './checks/signature-fields.js';
import { readDss } from './dss.js';
import { readEcopyData } from './ecopy-data.js';
import { webCryptoDigester, type RangeDigester } from './hash.js';
import { DEFAULT_VERIFY_LIMITS, type VerifyOptions } from './options.js';
import { reason } from './reasons.js';
import type { VerificationReport } from './report.js';
import { verdictOf } from './verdict.js';

export type { VerificationReport, SignatureReport, Verdict } from './report.js';
export type { VerifyOptions } from './options.js';

export interface VerifyPlatform {
  /** A faster range digester (e.g. node:crypto in the CLI); WebCrypto otherwise. */
  digester?: RangeDigester;
}

export async function verifyPdf(bytes: Uint8Array, options: VerifyOptions, platform: VerifyPlatform = {}): Promise<VerificationReport> {
  const limits = { ...DEFAULT_VERIFY_LIMITS, ...options.limits };
  const at = options.at ?? new Date();
  const digester = platform.digester ?? webCryptoDigester;
  const base = {
    file: options.fileName,
    size: bytes.length,
    sha256: '',
    signatures: [],
    checkedAt: at.toISOString(),
  };
  if (bytes.length > limits.maxFileBytes) {
    return { ...base, verdict: 'error', reasons: [reason('PDF_LIMIT', undefined, { en: `(${bytes.length} bytes; the limit is ${limits.maxFileBytes})` })] };
  }
  const sha256 = hex(await digester('SHA-256', [bytes]));
  const work = verifyParsed(bytes, options, at, digester, sha256, base);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<VerificationReport>((resolve) => {
    timer = setTimeout(
      () => resolve({ ...base, sha256, verdict: 'error', reasons: [reason('PDF_LIMIT', undefined, { en: `(verification took longer than ${limits.maxMillis} ms)`, vi: `(quá ${limits.maxMillis} ms)` })] }),
      limits.maxMillis,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function verifyParsed(
  bytes: Uint8Array,
  options: VerifyOptions,
  at: Date,
  digester: RangeDigester,
  sha256: string,
  base: Omit<VerificationReport, 'verdict' | 'reasons' | 'sha256'>,
): Promise<VerificationReport> {
  let pdf: ParsedPdf;
  try {
    pdf = await parsePdf(bytes, { maxFileSize: options.limits?.maxFileBytes ?? DEFAULT_VERIFY_LIMITS.maxFileBytes });
  } catch (e) {
    const code = isSaoyError(e) && e.code === 'PDF_LIMIT' ? 'PDF_LIMIT' : 'PDF_UNREADABLE';
    return { ...base, sha256, verdict: 'error', reasons: [reason(code, undefined, isSaoyError(e) ? { en: `(${e.message})`, vi: `(${e.vi})` } : undefined)] };
  }
  try {
    if (pdf.encrypted) return { ...base, sha256, verdict: 'error', reasons: [reason('PDF_ENCRYPTED')] };
    const { signatures: found } = findSignatures(pdf);
    if (found.length === 0) return { ...base, sha256, verdict: 'unsigned', reasons: [reason('NO_SIGNATURES')] };
    const dss = await readDss(pdf);
    const ctx = { pdf, anchors: options.trustAnchors, crls: [...(options.crls ?? []), ...dss.crls], dssCertificates: dss.certificates, at, digester };
    const signatures = [];
    for (const f of found) signatures.push(await checkSignature(f, ctx));
    // E-copy data from the oldest intact signature's revision (the certifier's), never from later bytes.
    const oldest = signatures
      .filter((s) => s.intact && s.signedRevisionLength !== undefined)
      .sort((x, y) => (x.signedRevisionLength ?? 0) - (y.signedRevisionLength ?? 0))[0];
    const rev = oldest ? pdf.revisions.findIndex((r) => r.end >= (oldest.signedRevisionLength ?? 0)) : -1;
    const ecopy = rev >= 0 ? await readEcopyData(pdf, rev) : undefined;
    const reasons = signatures.flatMap((s) => s.reasons);
    return { ...base, sha256, verdict: verdictOf(signatures), reasons, signatures, ...(ecopy ? { ecopy } : {}) };
  } catch (e) {
    const code = isSaoyError(e) && e.code === 'PDF_LIMIT' ? 'PDF_LIMIT' : 'PDF_UNREADABLE';
    return { ...base, sha256, verdict: 'error', reasons: [reason(code, undefined, isSaoyError(e) ? { en: `(${e.message})`, vi: `(${e.vi})` } : undefined)] };
  }
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
