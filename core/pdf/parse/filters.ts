import { streamError, unsupportedError } from './errors.js';
import { inflate } from './flate.js';
import type { Budget } from './limits.js';
import { type PdfDict, type PdfStream, type PdfValue, asNonNegInt, dictGet } from './objects.js';
import { unpredict } from './predictor.js';

export interface DecodedStream {
  readonly bytes: Uint8Array;
  /** False when Flate data ended early; the bytes are what could be recovered. */
  readonly complete: boolean;
}

/** Indirect /Filter or /DecodeParms values are resolved through this when given. */
export type ValueResolver = (v: PdfValue | undefined) => PdfValue | undefined;

/**
 * Decodes a stream's data: no filter, or FlateDecode (with predictors), possibly chained. Anything
 * else is refused; signature verification only needs xref and object streams decoded.
 */
export async function decodeStream(
  stream: PdfStream,
  budget: Budget,
  maxBytes = budget.limits.maxStreamBytes,
  resolve: ValueResolver = (v) => v,
  decrypt?: (raw: Uint8Array) => Promise<Uint8Array>,
): Promise<DecodedStream> {
  const filters = asList(resolve(dictGet(stream.dict, 'Filter')), resolve);
  const params = asList(resolve(dictGet(stream.dict, 'DecodeParms')), resolve);
  let data = decrypt ? await decrypt(stream.raw) : stream.raw;
  let complete = true;
  for (let i = 0; i < filters.length; i++) {
    const f = filters[i];
    if (f?.kind !== 'name') throw streamError('a filter is not a name');
    if (f.value !== 'FlateDecode') throw unsupportedError(`stream filter /${f.value}`);
    const out = await inflate(data, maxBytes);
    budget.addDecoded(out.bytes.length);
    complete &&= out.complete;
    const p = params[i];
    data = p?.kind === 'dict' ? unpredict(out.bytes, predictorParams(p), budget) : out.bytes;
  }
  return { bytes: data, complete };
}

function asList(v: PdfValue | undefined, resolve: ValueResolver): (PdfValue | undefined)[] {
  if (v === undefined) return [];
  if (v.kind === 'array') {
    if (v.items.length > 8) throw streamError('too many filters');
    return v.items.map((x) => resolve(x.kind === 'null' ? undefined : x));
  }
  return [v];
}

function predictorParams(d: PdfDict) {
  const get = (key: string, dflt: number) => {
    const v = dictGet(d, key);
    if (v === undefined) return dflt;
    const n = asNonNegInt(v);
    if (n === undefined) throw streamError(`invalid /${key} in /DecodeParms`);
    return n;
  };
  return {
    predictor: get('Predictor', 1),
    colors: get('Colors', 1),
    bitsPerComponent: get('BitsPerComponent', 8),
    columns: get('Columns', 1),
  };
}
