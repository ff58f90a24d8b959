/**
 * Reads signatures out of a PDF the plain way (regex over the bytes), independent of core/, so the
 * interop tests do not trust the code they check.
 */
export interface RawSignature {
  byteRange: [number, number, number, number];
  cms: Uint8Array;
  signedData: Uint8Array;
}

export function rawSignatures(pdf: Uint8Array): RawSignature[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: RawSignature[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const br = [1, 2, 3, 4].map((i) => Number(m[i])) as [number, number, number, number];
    const [a, b, c, d] = br;
    const hex = text.slice(a + b + 1, c - 1).replace(/\s+/g, '');
    let der = Buffer.from(hex, 'hex');
    // Trim the zero padding after the DER: read the outer SEQUENCE length.
    der = der.subarray(0, derLength(der));
    const signedData = Buffer.concat([Buffer.from(pdf.subarray(a, a + b)), Buffer.from(pdf.subarray(c, c + d))]);
    out.push({ byteRange: br, cms: new Uint8Array(der), signedData: new Uint8Array(signedData) });
  }
  return out;
}

function derLength(der: Uint8Array): number {
  if (der[0] !== 0x30) throw new Error('CMS does not start with a SEQUENCE');
  const l = der[1];
  if (l < 0x80) return 2 + l;
  const n = l & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i];
  return 2 + n + len;
}
