import { buildSignedData, estimateSignedDataSize, parseSignedData } from '../cms/signed-data.js';
import { addSignatureTimestamp } from '../cms/unsigned-attributes.js';
import { SaoyError } from '../errors.js';
import { type AppearanceDrawer, embedSignature, prepareFieldSignature, signedBytes, type DocMdpLevel } from '../pdf/signature-field.js';
import type { Signer } from '../signers/signer.js';
import { sha256 } from '../bytes/sha.js';

export interface SignPdfOptions {
  fieldName: string;
  signer: Signer;
  signingTime: Date;
  /** Set for the certifier's certification signature (docs/ARCHITECTURE.md "Signature profile": DocMDP /P 2). */
  docMdp?: DocMdpLevel;
  signerName?: string;
  reason?: string;
  location?: string;
  /** Extra bytes kept free in /Contents, e.g. for a later RFC 3161 signature timestamp. */
  reserve?: number;
  /**
   * PAdES B-T: returns an RFC 3161 TimeStampToken (DER) whose messageImprint is the SHA-256 of
   * `signatureValue` (the SignerInfo signature), e.g. from a TSA over HTTP. A callback keeps core offline.
   */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array | undefined>;
  /** Bytes reserved for the timestamp token when `timestamp` is set (default 12 KB). */
  timestampReserve?: number;
  /** Visible appearance drawn into the field's widget in the same update. */
  appearance?: AppearanceDrawer;
}

/** Room for a signature timestamp token: a TSA chain of two or three certificates fits easily. */
export const DEFAULT_TIMESTAMP_RESERVE = 12 * 1024;

/**
 * PAdES B-B (B-T with `timestamp`): fills one empty signature field as an incremental update.
 * placeholder → SHA-256 over the ByteRange → CMS SignedData → embed.
 */
export async function signPdf(pdf: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const extra = opts.timestamp ? (opts.timestampReserve ?? DEFAULT_TIMESTAMP_RESERVE) : 0;
  const capacity = estimateSignedDataSize(opts.signer.certificates, opts.signer.algorithm, extra) + (opts.reserve ?? 0);
  const prepared = await prepareFieldSignature(pdf, {
    fieldName: opts.fieldName,
    signingTime: opts.signingTime,
    contentsCapacity: capacity,
    docMdp: opts.docMdp,
    signerName: opts.signerName,
    reason: opts.reason,
    location: opts.location,
    appearance: opts.appearance,
  });
  const digest = await sha256(signedBytes(prepared));
  let cms = await buildSignedData({ contentDigest: digest, signer: opts.signer });
  if (opts.timestamp) {
    const token = await opts.timestamp(parseSignedData(cms).signature);
    // No token (a tolerant timestamper whose TSA failed): the signature stays B-B instead of the copy being lost.
    if (token) cms = addSignatureTimestamp(cms, token);
    if (cms.length > capacity) {
      throw new SaoyError(
        'TIMESTAMP_TOO_LARGE',
        `the timestamp token is too large for the space reserved in the signature (${cms.length} > ${capacity} bytes)`,
        `Dấu thời gian quá lớn so với chỗ dành sẵn trong chữ ký (${cms.length} > ${capacity} byte)`,
      );
    }
  }
  return embedSignature(prepared, cms);
}
