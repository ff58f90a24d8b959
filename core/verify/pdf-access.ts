/** Small typed accessors over the strict parser's values, resolved in one revision. */
import { isSaoyError } from '../errors.js';
import type { ParsedPdf, PdfDict, PdfValue } from '../pdf/parse/index.js';
import { asDict, decodePdfText, dictGet } from '../pdf/parse/index.js';

export class RevisionView {
  constructor(readonly pdf: ParsedPdf, readonly rev: number) {}

  /** Resolves references; an unreadable object counts as absent (limit breaches still propagate). */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    if (v === undefined) return undefined;
    let r: PdfValue;
    try {
      r = this.pdf.resolve(v, this.rev);
    } catch (e) {
      if (isSaoyError(e) && e.code !== 'PDF_LIMIT') return undefined;
      throw e;
    }
    return r.kind === 'null' ? undefined : r;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    return asDict(this.resolve(v));
  }

  get(d: PdfDict | undefined, key: string): PdfValue | undefined {
    return this.resolve(dictGet(d, key));
  }

  getDict(d: PdfDict | undefined, key: string): PdfDict | undefined {
    return asDict(this.get(d, key));
  }

  getName(d: PdfDict | undefined, key: string): string | undefined {
    const v = this.get(d, key);
    return v?.kind === 'name' ? v.value : undefined;
  }

  getInt(d: PdfDict | undefined, key: string): number | undefined {
    const v = this.get(d, key);
    return v?.kind === 'number' && v.isInteger ? v.value : undefined;
  }

  getText(d: PdfDict | undefined, key: string): string | undefined {
    const v = this.get(d, key);
    return v?.kind === 'string' ? decodePdfText(v) : undefined;
  }

  getArray(d: PdfDict | undefined, key: string): readonly PdfValue[] | undefined {
    const v = this.get(d, key);
    return v?.kind === 'array' ? v.items : undefined;
  }

  trailer(): PdfDict {
    return this.pdf.revisions[this.rev].trailer;
  }

  catalog(): PdfDict | undefined {
    return this.dict(dictGet(this.trailer(), 'Root'));
  }
}

/** Object number of a direct reference value, if it is one. */
export function refNum(v: PdfValue | undefined): number | undefined {
  return v?.kind === 'ref' ? v.num : undefined;
}
