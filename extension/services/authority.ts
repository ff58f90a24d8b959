/**
 * The competent authority's step: a copy signed by the certifier (awaiting the authority) gets the authority's
 * approval signature as an incremental update (core signAuthority); the stored copy becomes final (markFinal
 * checks that every byte before it is the certified copy). Runs in extension pages only, after confirmation.
 */
import { type CopyFonts, signAuthority, type Timestamper } from '../../core/certify/certify-copy.js';
import { SaoyError } from '../../core/errors.js';
import { tolerantTimestamper } from '../../core/certify/tolerant-timestamp.js';
import { checkSigningCertificate } from '../../core/pki/certificate.js';
import { getBook } from '../../core/store/book.js';
import { getCopy, markFinal } from '../../core/store/copies.js';
import type { CopyRecord, SaoyDatabase } from '../../core/store/db.js';
import { getKey, signerForKey } from '../../core/store/keys.js';
import { sha256Hex } from '../../core/bytes/sha.js';
import { TOKEN_KEY_PREFIX, tokenKeySigner } from './token-keys.js';

export interface AuthorityDeps {
  db: SaoyDatabase;
  now?(): Date;
  /** The office written as the signature's location (from the book, else from the copy's own data). */
  officeOf?(copy: CopyRecord): Promise<string | undefined>;
  /** The copy's fonts, for the visible signature (without them the widget keeps its empty appearance). */
  fonts?(): Promise<CopyFonts>;
  /** B-T and up: the authority's signature gets its own signature timestamp. */
  timestamp?: Timestamper;
  /** Told when the TSA failed: the signature is then made without its timestamp (the copy is kept, final). */
  onTimestampProblem?(problem: SaoyError): void;
}

export async function signAsAuthority(deps: AuthorityDeps, copyId: string, keyId: string, confirmedSha256: string): Promise<CopyRecord> {
  const now = deps.now?.() ?? new Date();
  const copy = await getCopy(deps.db, copyId);
  if (!copy) throw new SaoyError('COPY_NOT_FOUND', `there is no stored copy ${copyId}`, 'Không tìm thấy bản sao');
  if (copy.status !== 'awaiting-authority') {
    throw new SaoyError('COPY_NOT_PENDING', `copy ${copy.certNo} is not awaiting the authority`, `Bản sao số ${copy.certNo} không còn chờ cơ quan có thẩm quyền ký`);
  }
  if (copy.sha256 !== confirmedSha256 || (await sha256Hex(copy.pdf)) !== confirmedSha256) {
    throw new SaoyError('CONFIRM_MISMATCH', 'the copy differs from the one confirmed', 'Bản sao khác với bản đã xác nhận: hãy xem lại và xác nhận lại');
  }
  const signer = keyId.startsWith(TOKEN_KEY_PREFIX) ? await tokenKeySigner(keyId) : await signerForKey(deps.db, keyId);
  checkSigningCertificate(signer.certificates[0], now);
  const office = (await getBook(deps.db, copy.bookId))?.config.office ?? (await deps.officeOf?.(copy)) ?? '';
  const look = deps.fonts ? { fonts: await deps.fonts(), image: (await getKey(deps.db, keyId))?.signatureImage } : undefined;
  const tolerant = deps.timestamp ? tolerantTimestamper(deps.timestamp) : undefined;
  const final = await signAuthority(copy.pdf, signer, { office }, now, tolerant?.timestamp, look);
  const problem = tolerant?.problem();
  if (problem) deps.onTimestampProblem?.(problem);
  return markFinal(deps.db, copy.id, final, { now });
}
