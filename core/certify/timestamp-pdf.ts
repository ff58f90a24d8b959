import { embedSignature, prepareFieldSignature, signedBytes } from '../pdf/signature-field.js';

export interface DocTimestampOptions {
  /** An empty signature field to hold the document timestamp. */
  fieldName: string;
  /**
   * Returns an RFC 3161 TimeStampToken (DER) whose messageImprint is the hash of `data` — e.g. from a
   * TSA over HTTP. Kept as a callback so core stays offline and the caller decides where trust comes from.
   */
  timestamp: (data: Uint8Array) => Promise<Uint8Array>;
  /** Bytes reserved for the token (tokens with the TSA chain are typically 3–8 KB). */
  capacity?: number;
}

/** PAdES B-LTA document timestamp in an existing empty field, as an incremental update. */
export async function timestampPdf(pdf: Uint8Array, opts: DocTimestampOptions): Promise<Uint8Array> {
  const prepared = await prepareFieldSignature(pdf, {
    fieldName: opts.fieldName,
    signingTime: new Date(),
    contentsCapacity: opts.capacity ?? 12_000,
    docTimeStamp: true,
  });
  const token = await opts.timestamp(signedBytes(prepared));
  return embedSignature(prepared, token);
}
