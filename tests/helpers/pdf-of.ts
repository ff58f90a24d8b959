/** A one-revision PDF of the given object bodies (objects 1..n; a [dictEntries, bytes] pair is a stream), root 1. */
export function pdfOf(parts: readonly (string | [string, Uint8Array])[]): Uint8Array {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  let at = chunks[0].length;
  const offsets: number[] = [];
  parts.forEach((p, i) => {
    offsets.push(at);
    const body = typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.concat([Buffer.from(`<< ${p[0]} /Length ${p[1].length} >>\nstream\n`, 'latin1'), Buffer.from(p[1]), Buffer.from('\nendstream', 'latin1')]);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    at += chunk.length;
  });
  const xref = at;
  chunks.push(
    Buffer.from(
      `xref\n0 ${parts.length + 1}\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${parts.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(chunks));
}
