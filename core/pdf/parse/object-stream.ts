import { syntaxError } from './errors.js';
import { decodeStream, type ValueResolver } from './filters.js';
import { Lexer } from './lexer.js';
import { type Budget, limitError } from './limits.js';
import { parseValueAt } from './object-parser.js';
import { type IndirectObject, type PdfValue, asNonNegInt, dictGet, isName } from './objects.js';

/** A decoded /Type /ObjStm with its header (object numbers and offsets) already read. */
export interface ObjectStream {
  readonly streamNum: number;
  /** Span of the object stream in the file. */
  readonly start: number;
  readonly end: number;
  readonly data: Uint8Array;
  readonly first: number;
  readonly nums: readonly number[];
  readonly offsets: readonly number[];
  readonly issues: readonly string[];
}

export async function loadObjectStream(obj: IndirectObject, budget: Budget, resolve?: ValueResolver, decrypt?: (raw: Uint8Array) => Promise<Uint8Array>): Promise<ObjectStream> {
  const s = obj.value;
  const where = obj.start;
  if (s.kind !== 'stream' || !isName(dictGet(s.dict, 'Type'), 'ObjStm')) throw syntaxError('not an object stream', where);
  const n = asNonNegInt(dictGet(s.dict, 'N'));
  const first = asNonNegInt(dictGet(s.dict, 'First'));
  if (n === undefined || first === undefined) throw syntaxError('object stream without valid /N and /First', where);
  const max = budget.limits.maxObjects;
  if (n > max) throw limitError(`an object stream with more than ${max} objects`, `luồng đối tượng có hơn ${max} đối tượng`);

  const issues = [...obj.issues];
  const decoded = await decodeStream(s, budget, budget.limits.maxStreamBytes, resolve, decrypt);
  if (!decoded.complete) issues.push(`FLATE_INCOMPLETE: the object stream ${obj.num} at byte ${where} is truncated or corrupt`);
  const data = decoded.bytes;
  if (first > data.length || n * 4 > first + 1) throw syntaxError('object stream /First or /N does not fit its data', where);

  const lexer = new Lexer(data, 0, budget, first);
  const nums: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = lexer.next();
    const b = lexer.next();
    if (a.type !== 'number' || !a.isInteger || a.value < 0 || b.type !== 'number' || !b.isInteger || b.value < 0) {
      throw syntaxError('malformed object stream header', where);
    }
    if (first + b.value >= data.length) throw syntaxError('object stream offset beyond its data', where);
    nums.push(a.value);
    offsets.push(b.value);
  }
  return { streamNum: obj.num, start: obj.start, end: obj.end, data, first, nums, offsets, issues };
}

/** The value stored at `index`, bounded by the next object's offset so it cannot read into its neighbour. */
export function valueInObjectStream(os: ObjectStream, index: number, budget: Budget, issues: string[]): PdfValue {
  const at = os.first + os.offsets[index];
  const next = index + 1 < os.offsets.length ? os.first + os.offsets[index + 1] : os.data.length;
  const end = next > at ? next : os.data.length;
  return parseValueAt(os.data, at, budget, end, issues).value;
}
