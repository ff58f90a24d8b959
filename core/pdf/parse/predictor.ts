import { streamError, unsupportedError } from './errors.js';
import type { Budget } from './limits.js';

export interface PredictorParams {
  readonly predictor: number;
  readonly colors: number;
  readonly bitsPerComponent: number;
  readonly columns: number;
}

/** Undoes a TIFF (2) or PNG (10-15) predictor. Output is never larger than the input. */
export function unpredict(data: Uint8Array, p: PredictorParams, budget: Budget): Uint8Array {
  if (p.predictor === 1) return data;
  const { colors, bitsPerComponent: bpc, columns } = p;
  if (![1, 2, 4, 8, 16].includes(bpc) || colors < 1 || colors > 32 || columns < 1 || columns > 1 << 24) {
    throw streamError('invalid predictor parameters');
  }
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  budget.tickBytes(data.length);
  if (p.predictor === 2) return tiff(data, rowLen, bpp, bpc);
  if (p.predictor >= 10 && p.predictor <= 15) return png(data, rowLen, bpp);
  throw unsupportedError(`predictor ${p.predictor}`);
}

function tiff(data: Uint8Array, rowLen: number, bpp: number, bpc: number): Uint8Array {
  if (bpc !== 8) throw unsupportedError(`TIFF predictor with ${bpc} bits per component`);
  const out = data.slice(0, data.length - (data.length % rowLen));
  for (let r = 0; r < out.length; r += rowLen) {
    for (let i = bpp; i < rowLen; i++) out[r + i] = (out[r + i] + out[r + i - bpp]) & 0xff;
  }
  return out;
}

/** PNG rows: one filter-type byte then rowLen bytes; each row may use its own filter. */
function png(data: Uint8Array, rowLen: number, bpp: number): Uint8Array {
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const src = r * (rowLen + 1);
    const type = data[src];
    const cur = r * rowLen;
    const prev = cur - rowLen; // negative on the first row: "above" bytes are 0
    for (let i = 0; i < rowLen; i++) {
      const x = data[src + 1 + i];
      const a = i >= bpp ? out[cur + i - bpp] : 0;
      const b = r > 0 ? out[prev + i] : 0;
      const c = r > 0 && i >= bpp ? out[prev + i - bpp] : 0;
      let v: number;
      switch (type) {
        case 0: v = x; break;
        case 1: v = x + a; break;
        case 2: v = x + b; break;
        case 3: v = x + ((a + b) >> 1); break;
        case 4: v = x + paeth(a, b, c); break;
        default: throw streamError(`unknown PNG filter type ${type}`);
      }
      out[cur + i] = v & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
