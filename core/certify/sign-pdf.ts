import { buildSignedData, estimateSignedDataSize } from '../cms/signed-data.js';
import { embedSignature, prepareFieldSignature, signedBytes, type DocMdpLevel } from '../pdf/signature-field.js';
import type { Signer } from '../signers/signer.js';

export interface SignPdfOptions {
  fieldName: string;
  signer: Signer;
  signingTime: Date;
  /** Set for the certifier's certification signature (DESIGN.md: DocMDP /P 2). */
  docMdp?: DocMdpLevel;
  signerName?: string;
  reason?: string;
  location?: string;
  /** Extra bytes kept free in /Contents, e.g. for a later RFC 3161 signature timestamp. */
  reserve?: number;
}

/**
 * PAdES B-B: fills one empty signature field as an incremental update.
 * placeholder → SHA-256 over the ByteRange → CMS SignedData → embed.
 */
export async function signPdf(pdf: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const capacity = estimateSignedDataSize(opts.signer.certificates, opts.signer.algorithm) + (opts.reserve ?? 0);
  const prepared = await prepareFieldSignature(pdf, {
    fieldName: opts.fieldName,
    signingTime: opts.signingTime,
    contentsCapacity: capacity,
    docMdp: opts.docMdp,
    signerName: opts.signerName,
    reason: opts.reason,
    location: opts.location,
  });
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', signedBytes(prepared) as Uint8Array<ArrayBuffer>));
  const cms = await buildSignedData({ contentDigest: digest, signer: opts.signer });
  return embedSignature(prepared, cms);
}
