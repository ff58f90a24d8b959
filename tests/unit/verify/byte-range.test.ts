/**
 * Each ByteRange rule of core/verify/checks/byte-range.ts on its own: hand-written PDFs (offsets computed here,
 * not by saoy) whose signature dictionary breaks exactly one rule, checked for that rule's own message, plus the
 * boundary cases that must still pass. The corpus tests catch the attacks end to end; these make sure no single
 * rule can be dropped or loosened because another one happens to catch the corpus file.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index';
import type { PdfDict } from '../../../core/pdf/parse/index';
import { checkByteRange } from '../../../core/verify/checks/byte-range';

const BR_WIDTH = 48;
const BR_SLOT = '#'.repeat(BR_WIDTH);
const enc = new TextEncoder();

interface Obj {
  num: number;
  body: string;
}

/** One revision: objects, an xref table listing them, a trailer; `prevXref` makes it an incremental update. */
function revision(offset: number, objs: readonly Obj[], size: number, prevXref: number | undefined, eol: string): { text: string; xref: number } {
  let text = '';
  const at = new Map<number, number>();
  for (const o of objs) {
    at.set(o.num, offset + text.length);
    text += `${o.num} 0 obj\n${o.body}\nendobj\n`;
  }
  const xref = offset + text.length;
  const row = (n: number) => `${String(at.get(n)).padStart(10, '0')} 00000 n \n`;
  text += 'xref\n';
  if (prevXref === undefined) {
    text += `0 ${size}\n0000000000 65535 f \n`;
    for (let n = 1; n < size; n++) text += row(n);
  } else {
    for (const o of objs) text += `${o.num} 1\n${row(o.num)}`;
  }
  text += `trailer\n<< /Size ${size} /Root 1 0 R${prevXref === undefined ? '' : ` /Prev ${prevXref}`} >>\nstartxref\n${xref}\n%%EOF${eol}`;
  return { text, xref };
}

interface Doc {
  text: string;
  /** Offsets of the /Contents hex string of object 3: '<' and just after '>'. */
  a: number;
  b: number;
  /** The ByteRange that signs everything up to the end of revision `signs`. */
  good: [number, number, number, number];
  revisionEnds: number[];
}

interface DocOptions {
  /** The signature dictionary's keys; BR is replaced by the ByteRange slot. */
  sig?: string;
  /** Extra objects of the first revision (numbers from 4), in file order before or after the signature. */
  before?: Obj[];
  after?: Obj[];
  /** An incremental update appended after the signed revision; `sigInUpdate` puts object 3 there instead. */
  update?: boolean;
  sigInUpdate?: boolean;
  eol?: string;
  trailing?: string;
}

const SIG = '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange BR /Contents <AABBCC> /M (D:20260305120000Z) >>';

function makeDoc(o: DocOptions = {}): Doc {
  const eol = o.eol ?? '\n';
  const sigObj = { num: 3, body: (o.sig ?? SIG).replace('BR', `[${BR_SLOT}]`) };
  const base: Obj[] = [
    { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { num: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' },
    ...(o.before ?? []),
    ...(o.sigInUpdate ? [{ num: 3, body: '<< /Placeholder true >>' }] : [sigObj]),
    ...(o.after ?? []),
  ];
  const size = Math.max(...base.map((x) => x.num)) + 1;
  const header = '%PDF-1.7\n%\u00e2\u00e3\n'.replace(/[^\x00-\x7f]/g, 'x');
  const r0 = revision(header.length, base, size, undefined, eol);
  let text = header + r0.text;
  const revisionEnds = [text.length];
  if (o.update || o.sigInUpdate) {
    const objs = o.sigInUpdate ? [sigObj] : [{ num: 1, body: '<< /Type /Catalog /Pages 2 0 R /Lang (vi) >>' }];
    text += revision(text.length, objs, size, r0.xref, eol).text;
    revisionEnds.push(text.length);
  }
  text += o.trailing ?? '';
  const sigAt = text.indexOf('/Type /Sig');
  const a = text.indexOf('/Contents <', sigAt) + '/Contents '.length;
  const b = text.indexOf('>', a) + 1;
  const end = o.sigInUpdate ? revisionEnds[1] : revisionEnds[0];
  return { text, a, b, good: [0, a, b, end - b], revisionEnds };
}

function withRange(doc: Doc, range: string): Uint8Array {
  if (range.length > BR_WIDTH) throw new Error('ByteRange too wide for its slot');
  return enc.encode(doc.text.replace(BR_SLOT, range.padEnd(BR_WIDTH, ' ')));
}

/** sigNum null: the dictionary was not reached through an indirect object. */
async function check(doc: Doc, range: readonly (number | string)[] | string = doc.good, sigNum: number | null = 3) {
  const bytes = withRange(doc, typeof range === 'string' ? range : range.join(' '));
  const pdf = await parsePdf(bytes);
  const obj = pdf.getObject(3);
  if (!obj || obj.value.kind !== 'dict') throw new Error('test PDF: object 3 is not a dictionary');
  return checkByteRange(pdf, obj.value as PdfDict, sigNum ?? undefined);
}

const problem = async (...args: Parameters<typeof check>) => {
  const r = await check(...args);
  return r.ok ? 'ok' : r.problem;
};

describe('ByteRange: the well-formed cases pass', () => {
  it('a signature over the whole file', async () => {
    const doc = makeDoc();
    const bytes = withRange(doc, doc.good.join(' '));
    expect(await check(doc)).toEqual({ ok: true, range: doc.good, revision: 0, signedEnd: bytes.length, coverage: 'ENTIRE_FILE' });
  });

  it('whitespace after the signed end still counts as the entire file', async () => {
    const doc = makeDoc({ trailing: '\r\n \t\f\0\n' });
    expect(await check(doc)).toMatchObject({ ok: true, coverage: 'ENTIRE_FILE', signedEnd: doc.revisionEnds[0] });
  });

  it('a signed first revision followed by an update covers the revision only', async () => {
    const doc = makeDoc({ update: true });
    expect(await check(doc)).toEqual({ ok: true, range: doc.good, revision: 0, signedEnd: doc.revisionEnds[0], coverage: 'ENTIRE_REVISION' });
  });

  it('a signature added in an incremental update signs that revision', async () => {
    const doc = makeDoc({ sigInUpdate: true });
    expect(await check(doc)).toMatchObject({ ok: true, revision: 1, signedEnd: doc.revisionEnds[1], coverage: 'ENTIRE_FILE' });
  });

  it('a signature ending right after %%EOF, before its EOL (1 or 2 bytes)', async () => {
    const lf = makeDoc();
    expect(await check(lf, [0, lf.a, lf.b, lf.good[3] - 1])).toMatchObject({ ok: true, signedEnd: lf.revisionEnds[0] - 1, coverage: 'ENTIRE_FILE' });
    const crlf = makeDoc({ eol: '\r\n' });
    expect(await check(crlf, [0, crlf.a, crlf.b, crlf.good[3] - 2])).toMatchObject({ ok: true, signedEnd: crlf.revisionEnds[0] - 2 });
  });

  it('hex with spaces and line breaks, lower case, and an odd number of digits', async () => {
    // Every hex digit at its range ends (0 9 A F a f), whitespace of each kind, also between the two nibbles of a
    // byte, leading zero nibbles and an odd trailing 0.
    for (const hex of ['AA BB\nCC', 'aabbcc', 'AaBb\tCc', 'ABC', 'A', '09AFaf', '90FAfa', 'A A\rB\fB C\tC', '0A00', 'AB0', '00 0']) {
      const doc = makeDoc({ sig: SIG.replace('AABBCC', hex) });
      expect(await problem(doc), hex).toBe('ok');
    }
  });
});

describe('ByteRange: each rule on its own', () => {
  it('missing, or not a direct array', async () => {
    const msg = '/ByteRange is missing or not a direct array';
    expect(await problem(makeDoc({ sig: SIG.replace('/ByteRange BR', '/Other BR') }))).toBe(msg);
    const indirect = makeDoc({ sig: SIG.replace('/ByteRange BR', '/ByteRange 2 0 R /Other BR') });
    expect(await problem(indirect)).toBe(msg);
  });

  it('not four numbers', async () => {
    const doc = makeDoc();
    const [, a, b, len] = doc.good;
    expect(await problem(doc, [0, a, b])).toBe('/ByteRange has 3 numbers, not 4');
    expect(await problem(doc, [0, a, b, len, 0])).toBe('/ByteRange has 5 numbers, not 4');
    expect(await problem(doc, '')).toBe('/ByteRange has 0 numbers, not 4');
  });

  it('something other than non-negative integers', async () => {
    const doc = makeDoc();
    const [, a, b, len] = doc.good;
    const msg = '/ByteRange holds something other than non-negative integers';
    expect(await problem(doc, [0, a, b, `${len}.0`])).toBe(msg);
    expect(await problem(doc, [0, a, b, '/Len'])).toBe(msg);
    expect(await problem(doc, [0, a, b, '(1)'])).toBe(msg);
    expect(await problem(doc, [0, a, -1, len])).toBe(msg);
    expect(await problem(doc, ['-0.5', a, b, len])).toBe(msg);
    expect(await problem(doc, [0, a, b, '9007199254740993'])).toBe(msg);
    // An empty last range passes this rule (and fails the revision-end rule below).
    expect(await problem(doc, [0, a, b, 0])).toBe('the signed range does not end at the end of a revision');
  });

  it('not starting at byte 0', async () => {
    const doc = makeDoc();
    const [, a, b, len] = doc.good;
    expect(await problem(doc, [1, a, b, len])).toBe('/ByteRange does not start at byte 0');
  });

  it('out of the file, or overlapping ranges', async () => {
    const doc = makeDoc();
    const [, a, b, len] = doc.good;
    const msg = '/ByteRange is out of the file or its ranges overlap';
    expect(await problem(doc, [0, 0, b, len])).toBe(msg);
    expect(await problem(doc, [0, a, a + 1, len])).toBe(msg);
    expect(await problem(doc, [0, a, a, len])).toBe(msg);
    expect(await problem(doc, [0, b, a, len])).toBe(msg);
    expect(await problem(doc, [0, a, b, len + 1])).toBe(msg);
    // Just inside each bound: another rule answers.
    expect(await problem(doc, [0, a, a + 2, len])).not.toBe(msg);
    expect(await problem(doc, [0, 1, b, len])).not.toBe(msg);
  });

  it('/Contents missing or not a hex string', async () => {
    const msg = '/Contents is missing or not a hex string';
    expect(await problem(makeDoc({ sig: SIG.replace('/Contents <AABBCC>', '/Cert <AABBCC>') }))).toBe(msg);
    const literal = makeDoc({ sig: SIG.replace('/Contents <AABBCC>', '/Contents (AABBCC) /Cert <AABBCC>') });
    expect(await problem(literal)).toBe(msg);
  });

  it('the gap is not a <hex> string', async () => {
    const doc = makeDoc();
    const [, a, b, len] = doc.good;
    const msg = 'the unsigned gap is not a <hex> string';
    expect(await problem(doc, [0, a + 1, b, len])).toBe(msg);
    expect(await problem(doc, [0, a - 1, b, len])).toBe(msg);
    expect(await problem(doc, [0, a, b - 1, len + 1])).toBe(msg);
  });

  it('the gap holds something other than hex digits', async () => {
    // From '<' of /Contents to the '>' of the dictionary's end: '>' and spaces inside.
    const doc = makeDoc({ sig: SIG.replace(' /M (D:20260305120000Z) >>', ' >>') });
    const [, a, b, len] = doc.good;
    expect(await problem(doc, [0, a, b + 2, len - 2])).toBe('the unsigned gap contains something other than hex digits');
  });

  it('each byte outside 0-9, A-F, a-f and whitespace is refused in the gap', async () => {
    // The gap points at a hex-looking string in a comment of the signature dictionary (the parser skips it).
    for (const bad of ['/', ':', '@', 'G', '`', 'g', '>', '\u0000']) {
      const doc = makeDoc({ sig: SIG.replace(' /M ', ` % <AA${bad}BBCC>\n /M `) });
      const d = doc.text.indexOf(`<AA${bad}BBCC>`);
      expect(await problem(doc, [0, d, d + 9, doc.text.length - d - 9]), JSON.stringify(bad)).toBe('the unsigned gap contains something other than hex digits');
    }
    // Control: the same comment with only hex digits and spaces gets past this rule.
    const fine = makeDoc({ sig: SIG.replace(' /M ', ' % <AA BBCC>\n /M ') });
    const d = fine.text.indexOf('<AA BBCC>');
    expect(await problem(fine, [0, d, d + 9, fine.text.length - d - 9])).toBe('ok');
  });

  it('the gap is another hex string than /Contents (other length, or same length other value)', async () => {
    const msg = 'the unsigned gap is not the /Contents of this signature';
    const longer = makeDoc({ sig: SIG.replace('/Contents <AABBCC>', '/Decoy <AABBCCDD> /Contents <AABBCC>') });
    const d1 = longer.text.indexOf('<AABBCCDD>');
    expect(await problem(longer, [0, d1, d1 + 10, longer.text.length - d1 - 10])).toBe(msg);
    const shorter = makeDoc({ sig: SIG.replace('/Contents <AABBCC>', '/Decoy <AABB> /Contents <AABBCC>') });
    const d2 = shorter.text.indexOf('<AABB>');
    expect(await problem(shorter, [0, d2, d2 + 6, shorter.text.length - d2 - 6])).toBe(msg);
    for (const decoy of ['AABBCD', 'ABBBCC', 'AABBCC00'.slice(0, 6).replace('AA', 'BA')]) {
      const same = makeDoc({ sig: SIG.replace('/Contents <AABBCC>', `/Decoy <${decoy}> /Contents <AABBCC>`) });
      const d = same.text.indexOf(`<${decoy}>`);
      expect(await problem(same, [0, d, d + 8, same.text.length - d - 8]), decoy).toBe(msg);
    }
    // Odd digit counts: "ABD" is AB D0, not AB C0.
    const odd = makeDoc({ sig: SIG.replace('/Contents <AABBCC>', '/Decoy <ABD> /Contents <ABC>') });
    const d3 = odd.text.indexOf('<ABD>');
    expect(await problem(odd, [0, d3, d3 + 5, odd.text.length - d3 - 5])).toBe(msg);
    // Same digits, but the gap's string has one digit more than /Contents needs.
    const extra = makeDoc({ sig: SIG.replace('/Contents <AABBCC>', '/Decoy <AABBCC0> /Contents <AABBCC>') });
    const d4 = extra.text.indexOf('<AABBCC0>');
    expect(await problem(extra, [0, d4, d4 + 9, extra.text.length - d4 - 9])).toBe(msg);
  });

  it('the signature dictionary is not an indirect object, or not one in the file', async () => {
    expect(await problem(makeDoc(), undefined, null)).toBe('the signature dictionary is not an indirect object');
    expect(await problem(makeDoc(), undefined, 99)).toBe('the signature dictionary is not a plain object in the file');
  });

  it('a gap of another length elsewhere in the file is refused as not this /Contents', async () => {
    const doc = makeDoc({ after: [{ num: 4, body: '<< /Contents <AABBCCDD> >>' }] });
    const d = doc.text.lastIndexOf('<AABBCCDD>');
    expect(await problem(doc, [0, d, d + 10, doc.text.length - d - 10])).toBe('the unsigned gap is not the /Contents of this signature');
  });

  it('the gap lies outside the signature dictionary (before it and after it)', async () => {
    const msg = 'the unsigned gap lies outside the signature dictionary';
    const before = makeDoc({ before: [{ num: 4, body: '<< /Contents <AABBCC> >>' }] });
    const d1 = before.text.indexOf('<AABBCC>');
    expect(d1).toBeLessThan(before.a);
    expect(await problem(before, [0, d1, d1 + 8, before.text.length - d1 - 8])).toBe(msg);
    const after = makeDoc({ after: [{ num: 4, body: '<< /Contents <AABBCC> >>' }] });
    const d2 = after.text.lastIndexOf('<AABBCC>');
    expect(d2).toBeGreaterThan(after.b);
    expect(await problem(after, [0, d2, d2 + 8, after.text.length - d2 - 8])).toBe(msg);
  });

  it('the signed range does not end at the end of a revision', async () => {
    const msg = 'the signed range does not end at the end of a revision';
    const lf = makeDoc();
    const [, a, b, len] = lf.good;
    expect(await problem(lf, [0, a, b, len - 2])).toBe(msg); // cuts into "%%EOF"
    expect(await problem(lf, [0, a, b, len - 10])).toBe(msg);
    const crlf = makeDoc({ eol: '\r\n' });
    expect(await problem(crlf, [0, crlf.a, crlf.b, crlf.good[3] - 1])).toBe(msg); // ends between CR and LF
    expect(await problem(crlf, [0, crlf.a, crlf.b, crlf.good[3] - 3])).toBe(msg);
    const upd = makeDoc({ update: true });
    expect(await problem(upd, [0, upd.a, upd.b, upd.revisionEnds[0] - upd.b + 5])).toBe(msg);
  });

  it('the signature dictionary is not part of the revision it signs', async () => {
    const doc = makeDoc({ update: true });
    const msg = 'the signature dictionary is not part of the revision it signs';
    expect(await problem(doc, [0, doc.a, doc.b, doc.revisionEnds[1] - doc.b])).toBe(msg);
    // Also when the range stops right after the later revision's %%EOF (the EOL tolerance names revision 1, not 0).
    expect(await problem(doc, [0, doc.a, doc.b, doc.revisionEnds[1] - doc.b - 1])).toBe(msg);
  });
});
