/**
 * verifyPdf: bytes → one VerificationReport. Never throws on bad input: an unreadable or hostile file
 * gets the `error` verdict with a reason, bounded in size, parser work and time.
 */
import { isSaoyError, SaoyError } from '../errors.js';
import { decodePdfText, dictGet, parsePdf, type ParsedPdf } from '../pdf/parse/index.js';
import { checkSignature, type SignatureContext } from './checks/signature.js';
import { findSignatures, type FoundSignature } from './checks/signature-fields.js';
import { structureProblems } from './checks/structure.js';
import { byteRangeEnd, firstSpanEnd, ProofOfExistence } from './checks/timestamp-poe.js';
import { readDss } from './dss.js';
import { ltvSummary } from './ltv-summary.js';
import { resolveTrust } from '../pki/trust-lists.js';
import { readEcopyData } from './ecopy-data.js';
import { checkEcopyProfile, withEcopyProfile } from './ecopy-checks.js';
import { webCryptoDigester, type RangeDigester } from './hash.js';
import { DEFAULT_VERIFY_LIMITS, type VerifyOptions } from './options.js';
import { reason } from './reasons.js';
import type { SignatureReport, VerificationReport } from './report.js';
import { verdictOf } from './verdict.js';
import { toHex } from '../bytes/hex.js';

export type { VerificationReport, SignatureReport, Verdict } from './report.js';
export type { VerifyOptions } from './options.js';

export interface VerifyPlatform {
  /** Makes a faster range digester for one verification (e.g. node:crypto in the CLI); WebCrypto otherwise. */
  createDigester?: () => RangeDigester;
}

export async function verifyPdf(bytes: Uint8Array, options: VerifyOptions, platform: VerifyPlatform = {}): Promise<VerificationReport> {
  const limits = { ...DEFAULT_VERIFY_LIMITS, ...options.limits };
  const at = options.at ?? new Date();
  const digester = platform.createDigester?.() ?? webCryptoDigester;
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
  // The file hash comes last so a streaming digester can reuse the signatures' shared prefix.
  const fileHash = async () => toHex(await digester('SHA-256', bytes, [[0, bytes.length]]));
  // A caller's stop must end the work, never turn into a report: an error thrown from deep in the parser can be
  // caught on the way (a broken object is only an anomaly there), so the stop is remembered, thrown again at every
  // later check, as PDF_LIMIT (which every catch on the way passes on), and the caller's error is thrown at the end.
  let stoppedBy: { error: unknown } | undefined;
  const caller = options.interrupt;
  const interrupt = caller && (() => {
    if (!stoppedBy) {
      try {
        caller();
      } catch (error) {
        stoppedBy = { error };
      }
    }
    if (stoppedBy) throw new SaoyError('PDF_LIMIT', 'verification stopped by its caller', 'đã dừng kiểm tra');
  });
  const work = verifyParsed(bytes, options, at, digester, base, interrupt).then(async (r) => ({ ...r, sha256: await fileHash() }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<VerificationReport>((resolve) => {
    timer = setTimeout(
      () => void fileHash().then((sha256) => resolve({ ...base, sha256, verdict: 'error', reasons: [reason('PDF_LIMIT', undefined, { en: `(verification took longer than ${limits.maxMillis} ms)`, vi: `(quá ${limits.maxMillis} ms)` })] })),
      limits.maxMillis,
    );
  });
  try {
    const report = await Promise.race([work, timeout]);
    if (stoppedBy) throw stoppedBy.error;
    return report;
  } finally {
    clearTimeout(timer);
  }
}

async function verifyParsed(
  bytes: Uint8Array,
  options: VerifyOptions,
  at: Date,
  digester: RangeDigester,
  base: Omit<VerificationReport, 'verdict' | 'reasons'>,
  interrupt: (() => void) | undefined,
): Promise<VerificationReport> {
  let pdf: ParsedPdf;
  try {
    pdf = await parsePdf(bytes, { maxFileSize: options.limits?.maxFileBytes ?? DEFAULT_VERIFY_LIMITS.maxFileBytes }, interrupt);
  } catch (e) {
    const code = isSaoyError(e) && e.code === 'PDF_LIMIT' ? 'PDF_LIMIT' : 'PDF_UNREADABLE';
    return { ...base, verdict: 'error', reasons: [reason(code, undefined, isSaoyError(e) ? { en: `(${e.message})`, vi: `(${e.vi})` } : undefined)] };
  }
  try {
    let decrypt: Decrypt | undefined;
    if (pdf.encrypted) {
      // Signatures are over the raw bytes and their /Contents is never encrypted; opening with the empty user
      // password (what every reader does for an "owner password only" file) is for the names and times shown.
      const open = pdf.security;
      if (!open?.ok) return { ...base, verdict: 'error', reasons: [reason(open?.reason === 'password' ? 'PDF_PASSWORD_REQUIRED' : 'PDF_ENCRYPTED', undefined, open ? { en: `(${open.detail})` } : undefined)] };
      decrypt = (num, gen, data) => pdf.decryptString(num, gen, data);
    }
    const { signatures: found, emptyFields } = findSignatures(pdf);
    if (decrypt) for (const f of found) await decryptShownStrings(pdf, f, decrypt);
    const tail = pdf.unreadableTail;
    if (found.length === 0) {
      // A signed file cut short (or whose signing update is broken) is not an unsigned file.
      if (tail && tailHasSignature(bytes, tail.from)) {
        return { ...base, verdict: 'invalid', reasons: [reason('SIGNED_PART_UNREADABLE', undefined, { en: `(${tail.problem})` })] };
      }
      if (tail?.kind === 'update') return { ...base, verdict: 'error', reasons: [reason('PDF_UNREADABLE', undefined, { en: `(${tail.problem})` })] };
      return { ...base, verdict: 'unsigned', reasons: [reason('NO_SIGNATURES')] };
    }
    const dss = await readDss(pdf);
    const trust = resolveTrust([{ id: 'user', anchors: options.trustAnchors }, ...(options.trustLists ?? [])]);
    const ctx = {
      pdf, anchors: trust.anchors, timestampAnchors: trust.timestampAnchors, listOf: trust.listOf,
      crls: [...(options.crls ?? []), ...dss.crls], ocspResponses: [...(options.ocspResponses ?? []), ...dss.ocspResponses],
      dssCertificates: [...dss.certificates, ...(options.intermediates ?? []), ...trust.intermediates], at, digester,
    };
    // Newest first: a validated document timestamp proves when the revisions before it existed (B-LTA).
    // Signatures are checked newest first, but a digester that reuses hash states by prefix (the CLI's) gains only
    // when prefixes come oldest first: hash the signed prefixes in that order once, so each check below starts from
    // a saved state instead of byte 0 (a 30 MB two-signature copy was hashed twice: 45 ms instead of 25 ms).
    // Only a platform digester keeps such states (the CLI's); WebCrypto's would just hash the prefixes again.
    if (digester !== webCryptoDigester) {
      for (const end of found.map((f) => firstSpanEnd(f.sig)).filter((e) => e > 0 && e <= bytes.length).sort((x, y) => x - y)) {
        await digester('SHA-256', bytes, [[0, end]]);
      }
    }
    const poe = new ProofOfExistence();
    const signatures: SignatureReport[] = new Array(found.length);
    for (const i of found.map((_, k) => k).sort((x, y) => byteRangeEnd(found[y].sig) - byteRangeEnd(found[x].sig))) {
      signatures[i] = await checkSignatureSafely(found[i], { ...ctx, poeAfter: poe.after });
      poe.record(signatures[i]);
    }
    const signedRevisions = signatures.map((s) => s.signedRevision).filter((r): r is number => r !== undefined);
    const structural = signedRevisions.length ? structureProblems(pdf, Math.min(...signedRevisions), Math.max(...signedRevisions)) : structureProblems(pdf, -1);
    const fileReasons: ReturnType<typeof reason>[] = structural.length ? [reason('PDF_STRUCTURE_ANOMALY', undefined, { en: `(${structural.slice(0, 3).join('; ')})` })] : [];
    // Bytes after the readable revisions cannot be an allowed update: nothing explains what a reader makes of them.
    if (tail) {
      fileReasons.unshift(reason('MODIFIED_AFTER_SIGNING', undefined, { en: `(unreadable update after signing: ${tail.problem})`, vi: '(phần cập nhật sau khi ký không đọc được)' }));
      if (tailHasSignature(bytes, tail.from)) fileReasons.push(reason('SIGNED_PART_UNREADABLE'));
    }
    // E-copy data from the oldest intact signature's revision (the certifier's), never from later bytes.
    const intactRevisions = signatures.filter((s) => s.intact && s.signedRevision !== undefined).map((s) => s.signedRevision as number);
    const rev = intactRevisions.length ? Math.min(...intactRevisions) : -1;
    const ecopy = rev >= 0 ? await readEcopyData(pdf, rev) : undefined;
    const profile = checkEcopyProfile({ ecopy, signatures, emptyFields });
    const { verdict, reasons } = withEcopyProfile(fileReasons.length ? 'invalid' : verdictOf(signatures), [...fileReasons, ...signatures.flatMap((s) => s.reasons)], profile);
    const ltv = await ltvSummary(pdf, found, signatures, dss, verdict);
    reasons.push(...ltv.reasons);
    return { ...base, verdict, reasons, signatures, ltv: ltv.ltv, ...(ecopy ? { ecopy } : {}), ...(profile ? { ecopyChecks: profile.checks } : {}) };
  } catch (e) {
    const code = isSaoyError(e) && e.code === 'PDF_LIMIT' ? 'PDF_LIMIT' : 'PDF_UNREADABLE';
    return { ...base, verdict: 'error', reasons: [reason(code, undefined, isSaoyError(e) ? { en: `(${e.message})`, vi: `(${e.vi})` } : undefined)] };
  }
}

type Decrypt = (num: number, gen: number, data: Uint8Array) => Promise<Uint8Array>;

/**
 * The field name (a top-level field's /T) and the signature's /M, decrypted for the report. Strings of objects
 * stored in an object stream are not encrypted on their own (the stream is, and was decrypted as a whole).
 */
async function decryptShownStrings(pdf: ParsedPdf, f: FoundSignature, decrypt: Decrypt): Promise<void> {
  const plain = (o: ReturnType<ParsedPdf['getObject']>) => (o && !o.compressedIn ? o : undefined);
  const field = f.fieldNum === undefined ? undefined : plain(pdf.getObject(f.fieldNum));
  const t = field?.value.kind === 'dict' && !dictGet(field.value, 'Parent') ? dictGet(field.value, 'T') : undefined;
  if (field && t?.kind === 'string') f.fieldName = decodePdfText({ ...t, bytes: await decrypt(field.num, field.gen, t.bytes) });
  const sig = f.sigNum === undefined ? undefined : plain(pdf.getObject(f.sigNum));
  const m = dictGet(f.sig, 'M');
  if (sig && m?.kind === 'string') {
    const entries = new Map(f.sig.entries);
    entries.set('M', { ...m, bytes: await decrypt(sig.num, sig.gen, m.bytes) });
    f.sig = { kind: 'dict', entries };
  }
}

/** A signature whose objects cannot even be read is a broken signature, not an unreadable file. */
async function checkSignatureSafely(f: FoundSignature, ctx: SignatureContext): Promise<SignatureReport> {
  try {
    return await checkSignature(f, ctx);
  } catch (e) {
    if (isSaoyError(e) && e.code === 'PDF_LIMIT') throw e;
    const r = reason('CONTENTS_INVALID', f.fieldName, { en: isSaoyError(e) ? `(${e.message})` : '(the signature objects are unreadable)' });
    return {
      fieldName: f.fieldName, chain: [], indication: 'FAILED', subIndication: 'FORMAT_FAILURE', intact: false, valid: false, trusted: false,
      coverage: 'UNCLEAR', modificationLevel: 'OTHER', modifications: [], reasons: [r],
    };
  }
}

/** Names only signing writes: /ByteRange, /Sig (/FT /Sig, /Type /Sig, /SigFlags), /DocTimeStamp. */
const SIGNATURE_MARKS = ['/ByteRange', '/Sig', '/DocTimeStamp'].map((m) => new TextEncoder().encode(m));

/** Whether the unreadable bytes look like (part of) a signing update. */
function tailHasSignature(bytes: Uint8Array, from: number): boolean {
  return SIGNATURE_MARKS.some((mark) => {
    outer: for (let i = from; i + mark.length <= bytes.length; i++) {
      if (bytes[i] !== 0x2f) continue;
      for (let j = 1; j < mark.length; j++) if (bytes[i + j] !== mark[j]) continue outer;
      return true;
    }
    return false;
  });
}

