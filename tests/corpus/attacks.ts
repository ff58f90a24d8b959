/**
 * Attack files, each derived from a valid e-copy by byte-level editing (see pdf-bytes.ts): Incremental Saving
 * (ISA), Universal Signature Forgery (USF), Signature Wrapping (SWA) — Mladenov et al., "1 Trillion Dollar Refund",
 * CCS 2019 —, shadow attacks (Mainka et al., NDSS 2021), sneaky signature / certification attacks (Mainka et al.,
 * IEEE S&P 2021), byte flips and transplanted signatures.
 */
import { signAuthority, signCertifier } from '../../core/certify/certify-copy.js';
import { signPdf } from '../../core/certify/sign-pdf.js';
import { buildSignedData, estimateSignedDataSize } from '../../core/cms/signed-data.js';
import { AUTHORITY_FIELD } from '../../core/ecopy/fields.js';
import { embedSignature, prepareFieldSignature } from '../../core/pdf/signature-field.js';
import type { Signer } from '../../core/signers/signer.js';
import type { MadeCopy } from './copies.js';
import { pageImages, signedAt } from './copies.js';
import {
  appendUpdate,
  catalogNum,
  cmsWithOnlyFirstCertificate,
  concat,
  dictOf,
  enc,
  equalBytes,
  flipByte,
  getObject,
  hexOf,
  lastTrailer,
  type NewObject,
  overwrite,
  pageContents,
  pages,
  refOf,
  setByteRange,
  sigDicts,
  streamBody,
  streamDataAt,
  txt,
  xrefTable,
} from './pdf-bytes.js';
import type { CorpusCase, Expected } from './types.js';

/** Paints the page white and puts a red block where the statement was: unmistakably "other content". */
export const EVIL_CONTENT = 'q 1 1 1 rg 0 0 2000 2000 re f Q q 1 0 0 rg 60 380 470 140 re f Q\n';
const EVIL_CONTENT_2 = 'q 0 0 1 rg 0 0 2000 2000 re f Q\n';

const evilStream = (content = EVIL_CONTENT): Uint8Array => streamBody('', content);

function evilXmp(pdf: Uint8Array, metadataNum: number): Uint8Array {
  const obj = getObject(pdf, metadataNum);
  const { start, end } = streamDataAt(pdf, obj);
  const xmp = txt(pdf, start, end)
    .replace(/<saoy:certNo>[^<]*<\/saoy:certNo>/, '<saoy:certNo>999</saoy:certNo>')
    .replace(/<saoy:pageCount>[^<]*<\/saoy:pageCount>/, '<saoy:pageCount>7</saoy:pageCount>');
  return streamBody('/Type /Metadata /Subtype /XML', enc(xmp));
}

/** The dictionary text of `num` with `key`'s value replaced (or added when absent). */
function withEntry(dict: string, key: string, value: string): string {
  const re = new RegExp(`/${key}\\s*(\\[[^\\]]*\\]|\\d+\\s+\\d+\\s+R|<<[\\s\\S]*?>>|/[A-Za-z0-9]+|\\([^)]*\\)|-?[\\d.]+)`);
  if (re.test(dict)) return dict.replace(re, `/${key} ${value}`);
  return dict.replace(/>>\s*$/, `/${key} ${value}\n>>`);
}

function withoutEntry(dict: string, key: string): string {
  return dict.replace(new RegExp(`/${key}\\s*(\\[[^\\]]*\\]|\\d+\\s+\\d+\\s+R)`), '');
}

/** `/Annots [ ... ]` of a page with `extra` appended. */
function annotsPlus(pdf: Uint8Array, page: number, extra: number[]): string {
  const dict = dictOf(pdf, page);
  const m = /\/Annots\s*\[([^\]]*)\]/.exec(dict);
  const refs = `${m ? m[1].trim() : ''} ${extra.map((n) => `${n} 0 R`).join(' ')}`.trim();
  return withEntry(dict, 'Annots', `[ ${refs} ]`);
}

interface Doc {
  pdf: Uint8Array;
  pages: number[];
  catalog: number;
  pagesTree: number;
  acroForm: number;
  metadata: number;
  next: number;
}

function doc(pdf: Uint8Array): Doc {
  const catalog = catalogNum(pdf);
  const cat = dictOf(pdf, catalog);
  return {
    pdf,
    pages: pages(pdf),
    catalog,
    pagesTree: refOf(cat, 'Pages'),
    acroForm: refOf(cat, 'AcroForm'),
    metadata: refOf(cat, 'Metadata'),
    next: lastTrailer(pdf).size,
  };
}

const statementPage = (d: Doc): number => d.pages[d.pages.length - 1];

const update = (pdf: Uint8Array, objects: NewObject[], opts?: Parameters<typeof appendUpdate>[2]): Uint8Array =>
  appendUpdate(pdf, objects, opts).bytes;

const MODIFIED: Expected = { verdict: 'invalid', reasons: ['MODIFIED_AFTER_SIGNING'] };
const MODIFIED_AFTER_CERTIFICATION: Expected = { verdict: 'invalid', anyReason: ['DOCMDP_VIOLATION', 'MODIFIED_AFTER_SIGNING'] };
/** A comment or stamp is level ANNOTATIONS: the e-copy's certification (DocMDP P=2) forbids it (ISO 32000-2 §12.8.2.2). */
const COMMENT_AFTER_CERTIFICATION: Expected = { verdict: 'invalid', reasons: ['DOCMDP_VIOLATION'] };

function hexFlip(c: number): number {
  const v = parseInt(String.fromCharCode(c), 16) ^ 0x01;
  return v.toString(16).toUpperCase().charCodeAt(0);
}

/**
 * Signs the authority field like signAuthority, but lets `shape` change the file and the ByteRange before the
 * digest is taken: how a trusted signer's own software could produce an oddly covering signature.
 */
async function signAuthorityWithRange(
  pdf: Uint8Array,
  signer: Signer,
  shape: (bytes: Uint8Array, br: readonly [number, number, number, number]) => { bytes: Uint8Array; byteRange: [number, number, number, number] },
): Promise<Uint8Array> {
  const prepared = await prepareFieldSignature(pdf, {
    fieldName: AUTHORITY_FIELD,
    signingTime: signedAt(),
    contentsCapacity: estimateSignedDataSize(signer.certificates, signer.algorithm),
  });
  const shaped = shape(prepared.bytes, prepared.byteRange);
  const sig = sigDicts(shaped.bytes).at(-1)!;
  const bytes = setByteRange(shaped.bytes, sig, shaped.byteRange);
  const [a, b, c, d] = shaped.byteRange;
  const signed = concat(bytes.subarray(a, a + b), bytes.subarray(c, c + d));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', signed as Uint8Array<ArrayBuffer>));
  const cms = await buildSignedData({ contentDigest: digest, signer });
  return embedSignature({ ...prepared, bytes, byteRange: shaped.byteRange }, cms);
}

export interface AttackInputs {
  /** The base copy: 1 page, RSA demo identity, both signatures. */
  a: MadeCopy;
  /** Same identity and page count, other data (for transplants). */
  b: MadeCopy;
  /** 3 pages, RSA. */
  a3: MadeCopy;
  /** 1 page, ECDSA certifier. */
  ec: MadeCopy;
}

export async function attackCases(inp: AttackInputs): Promise<CorpusCase[]> {
  const { a, b } = inp;
  const out: CorpusCase[] = [];
  const add = (klass: CorpusCase['class'], name: string, bytes: Uint8Array, expected: Expected, note?: string, copy: MadeCopy = a) => {
    if ([copy.final, copy.certified, copy.unsigned].some((x) => equalBytes(x, bytes))) throw new Error(`attack ${name} changed nothing`);
    out.push({ name: `${klass}-${name}`, class: klass, bytes, expected, trustAnchors: [copy.signers.root], note });
  };

  const F = doc(a.final);
  const page1 = F.pages[0];
  const stPage = statementPage(F);
  const c1 = pageContents(a.final, page1);
  const c9 = pageContents(a.final, stPage);

  // ---------------------------------------------------------------- ISA: updates after the last signature
  add('isa', 'replace-page1-contents', update(a.final, [{ num: c1, body: evilStream() }]), MODIFIED, 'redefines the content stream of page 1');
  add('isa', 'replace-statement-contents', update(a.final, [{ num: c9, body: evilStream() }]), MODIFIED, 'redefines the statement page content stream');
  {
    const n = F.next;
    const tree = dictOf(a.final, F.pagesTree);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(tree)![1].trim();
    const count = Number(/\/Count\s+(\d+)/.exec(tree)![1]);
    add(
      'isa',
      'add-page',
      update(a.final, [
        { num: F.pagesTree, body: withEntry(withEntry(tree, 'Kids', `[ ${kids} ${n} 0 R ]`), 'Count', String(count + 1)) },
        { num: n, body: `<< /Type /Page /Parent ${F.pagesTree} 0 R /MediaBox [0 0 595.28 841.89] /Resources << >> /Contents ${n + 1} 0 R >>` },
        { num: n + 1, body: evilStream() },
      ]),
      MODIFIED,
      'appends a page to the /Pages tree',
    );
    add(
      'isa',
      'redefine-catalog-pages',
      update(a.final, [
        { num: F.catalog, body: withEntry(dictOf(a.final, F.catalog), 'Pages', `${n + 2} 0 R`) },
        { num: n, body: `<< /Type /Page /Parent ${n + 2} 0 R /MediaBox [0 0 595.28 841.89] /Resources << >> /Contents ${n + 1} 0 R >>` },
        { num: n + 1, body: evilStream() },
        { num: n + 2, body: `<< /Type /Pages /Kids [ ${n} 0 R ] /Count 1 >>` },
      ]),
      MODIFIED,
      'the catalog gets a new /Pages tree with one forged page',
    );
    add(
      'isa',
      'freetext-annotation-page1',
      update(a.final, [
        { num: page1, body: annotsPlus(a.final, page1, [n]) },
        { num: n, body: `<< /Type /Annot /Subtype /FreeText /Rect [ 20 20 400 120 ] /Contents (BAN SAO KHONG HOP LE) /DA (/Helv 24 Tf 1 0 0 rg) /F 4 /P ${page1} 0 R >>` },
      ]),
      COMMENT_AFTER_CERTIFICATION,
      'evil annotation attack: a FreeText annotation added to page 1',
    );
    add(
      'isa',
      'stamp-annotation-statement',
      update(a.final, [
        { num: stPage, body: annotsPlus(a.final, stPage, [n]) },
        { num: n, body: `<< /Type /Annot /Subtype /Stamp /Rect [ 40 360 560 540 ] /F 4 /P ${stPage} 0 R /AP << /N ${n + 1} 0 R >> >>` },
        { num: n + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 520 180 ] /Resources << >>', 'q 1 1 1 rg 0 0 520 180 re f Q q 1 0 0 rg 10 10 500 160 re f Q') },
      ]),
      COMMENT_AFTER_CERTIFICATION,
      'evil annotation attack: an opaque Stamp over the statement',
    );
  }
  add(
    'isa',
    'xmp-and-statement',
    update(a.final, [
      { num: F.metadata, body: evilXmp(a.final, F.metadata) },
      { num: c9, body: evilStream() },
    ]),
    MODIFIED,
    'replaces the XMP (certNo 999) and the statement content',
  );
  add(
    'isa',
    'objects-without-xref',
    update(a.final, [{ num: c9, body: evilStream() }], { xref: false }),
    { verdict: 'invalid' },
    'an object appended after the last %%EOF with no xref section: not a revision, and readers that rebuild the xref by scanning show it',
  );
  {
    // A complete update (objects, xref, trailer) whose startxref points at the previous xref instead of its own:
    // xref-following readers do not see it, readers that scan object bodies (repair mode, pdf-lib) do.
    const u = appendUpdate(a.final, [{ num: c9, body: evilStream() }]).bytes;
    const t = txt(u);
    const at = t.lastIndexOf('startxref');
    add(
      'isa',
      'update-startxref-to-previous',
      concat(u.subarray(0, at), enc(`startxref\n${lastTrailer(a.final).startxref}\n%%EOF\n`)),
      { verdict: 'invalid' },
      'an unreferenced revision redefining the statement content after the last signature',
    );
  }
  add(
    'isa',
    'redefine-with-new-generation',
    update(a.final, [{ num: c9, gen: 1, body: evilStream() }]),
    MODIFIED,
    'the statement content object is redefined as generation 1 (its 9 0 R reference now points at a free/other object)',
  );
  add(
    'isa',
    'new-generation-and-page',
    update(a.final, [
      { num: c9, gen: 1, body: evilStream() },
      { num: stPage, body: dictOf(a.final, stPage).replace(new RegExp(`/Contents\\s*\\[\\s*${c9}\\s+0\\s+R\\s*\\]`), `/Contents [ ${c9} 1 R ]`) },
    ]),
    MODIFIED,
    'statement content redefined at generation 1 and the page pointed at it',
  );
  add('isa', 'after-certification', update(a.certified, [{ num: c9, body: evilStream() }]), MODIFIED_AFTER_CERTIFICATION, 'content change after the certifier (DocMDP P=2), before the authority');
  {
    const D = doc(inp.a3.final);
    add('isa', 'replace-page2-contents-3p', update(inp.a3.final, [{ num: pageContents(inp.a3.final, D.pages[1]), body: evilStream() }]), MODIFIED, undefined, inp.a3);
  }
  {
    const D = doc(inp.ec.final);
    add('isa', 'replace-statement-ecdsa', update(inp.ec.final, [{ num: pageContents(inp.ec.final, statementPage(D)), body: evilStream(EVIL_CONTENT_2) }]), MODIFIED, undefined, inp.ec);
  }

  // ---------------------------------------------------------------- USF: the last signature dictionary, edited in place
  const sigs = sigDicts(a.final);
  const S = sigs[sigs.length - 1];
  const [, sa, sb, sd] = S.byteRange;
  // Removing or shortening /Contents in place necessarily leaves the (signed, unchangeable) ByteRange pointing at
  // something that is no longer the /Contents string, so BYTE_RANGE_INVALID is as true a reason as CONTENTS_INVALID.
  const contentsBad: Expected = { verdict: 'invalid', anyReason: ['CONTENTS_INVALID', 'CMS_INVALID', 'BYTE_RANGE_INVALID'] };
  const rangeBad: Expected = { verdict: 'invalid', reasons: ['BYTE_RANGE_INVALID'] };
  add('usf', 'contents-removed', overwrite(a.final, S.contentsKeyAt, S.contentsEnd, ''), contentsBad);
  add('usf', 'contents-empty', overwrite(a.final, S.contentsKeyAt, S.contentsEnd, '/Contents <>'), contentsBad);
  add('usf', 'contents-zeros', overwrite(a.final, S.contentsLt, S.contentsEnd, `<${'0'.repeat(S.contentsEnd - S.contentsLt - 2)}>`), contentsBad);
  add('usf', 'contents-not-hex', overwrite(a.final, S.contentsKeyAt, S.contentsEnd, '/Contents (not a signature)'), contentsBad);
  add('usf', 'byterange-missing', overwrite(a.final, S.byteRangeKeyAt, S.byteRangeEnd, ''), rangeBad);
  add('usf', 'byterange-empty', overwrite(a.final, S.byteRangeKeyAt, S.byteRangeEnd, '/ByteRange []'), rangeBad);
  add('usf', 'byterange-zeros', setByteRange(a.final, S, [0, 0, 0, 0]), rangeBad);
  add('usf', 'byterange-negative', setByteRange(a.final, S, [0, sa, sb, -sd]), rangeBad);
  add('usf', 'byterange-negative-start', setByteRange(a.final, S, [-10, sa + 10, sb, sd]), rangeBad);
  add('usf', 'byterange-overflow', setByteRange(a.final, S, [0, sa, sb, '99999999999999999999']), rangeBad);
  add('usf', 'byterange-32bit-wrap', setByteRange(a.final, S, [0, sa, 4294967296 + sb, sd]), rangeBad);
  add('usf', 'byterange-beyond-eof', setByteRange(a.final, S, [0, sa, sb, sd + 1000]), rangeBad);
  add('usf', 'byterange-not-from-zero', setByteRange(a.final, S, [1, sa - 1, sb, sd]), rangeBad);
  add('usf', 'byterange-three-numbers', setByteRange(a.final, S, [0, sa, sb]), rangeBad);
  {
    const field = refFieldOf(a.final, S.num);
    add(
      'usf',
      'field-v-removed',
      update(a.final, [{ num: field, body: withoutEntry(dictOf(a.final, field), 'V') }]),
      { verdict: 'invalid', anyReason: ['SIGNATURE_UNREACHABLE', 'MODIFIED_AFTER_SIGNING'] },
      'the authority field loses its /V after signing: the signature is still in the file but no field refers to it',
    );
  }

  // ---------------------------------------------------------------- SWA: signature wrapping
  const cmsHex = hexOf(S.cms);
  /** The authority CMS without the root certificate (unsigned part): room for objects in the gap. */
  const shortHex = hexOf(cmsWithOnlyFirstCertificate(S.cms));
  const gapLen = S.contentsEnd - S.contentsLt; // == sb - sa
  {
    // Gap larger than the /Contents string: a shorter (still valid) CMS, its hex string closed early, whitespace
    // after it up to the end of the gap. Digest intact.
    const gap = `<${shortHex}>`;
    add('swa', 'gap-larger-than-contents', overwrite(a.final, S.contentsLt, S.contentsEnd, gap), rangeBad, 'digest still matches; the excluded gap is not exactly the /Contents string');
  }
  {
    // Malicious object inside the gap, and a pointer-only update that makes the statement content live there.
    const head = `<${shortHex}>\n`;
    const obj = concat(enc(`${c9} 0 obj\n`), evilStream(), enc('\nendobj\n'));
    const gap = concat(enc(head), obj);
    if (gap.length > gapLen) throw new Error('SWA object does not fit the gap');
    const bytes = a.final.slice();
    bytes.set(concat(gap, enc(' '.repeat(gapLen - gap.length))), S.contentsLt);
    add('swa', 'objects-in-gap', bytes, { verdict: 'invalid', anyReason: ['BYTE_RANGE_INVALID', 'CONTENTS_INVALID', 'PDF_STRUCTURE_ANOMALY'] }, 'digest intact, an object hidden after the CMS inside the excluded gap, not referenced');
    add(
      'swa',
      'objects-in-gap-with-xref',
      update(bytes, [], { pointers: [{ num: c9, offset: S.contentsLt + head.length }] }),
      { verdict: 'invalid', anyReason: ['BYTE_RANGE_INVALID', 'MODIFIED_AFTER_SIGNING', 'CONTENTS_INVALID'] },
      'as objects-in-gap, plus an xref-only update pointing the statement content at the hidden object',
    );
  }
  {
    // Move the second signed part further, insert objects before it, adjust ByteRange (which is itself signed).
    const inserted = concat(enc(`<${cmsHex}>\n${c9} 0 obj\n`), evilStream(), enc('\nendobj\n'));
    const newC = S.contentsLt + inserted.length;
    const moved = concat(a.final.subarray(0, S.contentsLt), inserted, a.final.subarray(sb));
    const sig = sigDicts(moved).at(-1)!;
    add(
      'swa',
      'second-part-moved',
      setByteRange(moved, sig, [0, sa, newC, sd]),
      // A reader that checks the certifier's revision from its own bytes finds the moved update unreadable.
      { verdict: 'invalid', anyReason: ['DIGEST_MISMATCH', 'BYTE_RANGE_INVALID', 'MODIFIED_AFTER_SIGNING'], alsoAcceptable: ['error'] },
      'the second signed part is shifted behind inserted objects and /ByteRange adjusted; the shifted (signed) startxref no longer points at its xref, so a strict parser may call the file unreadable',
    );
  }
  {
    // A trusted signer's signature whose ByteRange stops before the end of its revision (startxref/%%EOF unsigned).
    const bytes = await signAuthorityWithRange(a.certified, a.signers.authority, (pdf, [x, y, z, w]) => {
      const tail = txt(pdf).lastIndexOf('startxref');
      return { bytes: pdf, byteRange: [x, y, z, w - (pdf.length - tail)] };
    });
    add('swa', 'range-short-of-revision-end', bytes, { verdict: 'invalid', anyReason: ['SIGNATURE_NOT_AT_REVISION', 'BYTE_RANGE_INVALID'] }, 'cryptographically valid, but startxref and %%EOF of its revision are outside the signed range');
    const rewritten = concat(bytes.subarray(0, txt(bytes).lastIndexOf('startxref')), enc(`startxref\n${lastTrailer(a.certified).startxref}\n%%EOF\n`));
    add(
      'swa',
      'range-short-then-startxref-changed',
      rewritten,
      { verdict: 'invalid' },
      "the unsigned tail of the previous case rewritten by an attacker: startxref now skips the authority's revision",
    );
  }
  {
    const junk = enc(`${c9} 0 obj\n${txt(evilStream())}\nendobj\n`);
    const bytes = await signAuthorityWithRange(a.certified, a.signers.authority, (pdf, [x, y, z, w]) => ({
      bytes: concat(pdf, junk),
      byteRange: [x, y, z, w + junk.length],
    }));
    add('swa', 'range-extended-past-eof', bytes, { verdict: 'invalid', anyReason: ['SIGNATURE_NOT_AT_REVISION', 'BYTE_RANGE_INVALID', 'MODIFIED_AFTER_SIGNING'] }, 'the signed range runs past %%EOF over an object that belongs to no revision');
  }

  // ---------------------------------------------------------------- Shadow attacks (the attacker prepares rev0)
  const U = doc(a.unsigned);
  const uStatement = statementPage(U);
  const uC9 = pageContents(a.unsigned, uStatement);
  const signBoth = async (pdf: Uint8Array) => {
    const at = signedAt();
    const certified = await signCertifier(pdf, a.signers.certifier, a.fields, at);
    return signAuthority(certified, a.signers.authority, a.fields, at);
  };
  {
    // Hide: an unused overlay object is listed in the signed revision; after signing the page is pointed at it.
    const overlay = U.next;
    const prepared = update(a.unsigned, [{ num: overlay, body: evilStream() }]);
    const signed = await signBoth(prepared);
    add('shadow', 'control-unused-object', signed, { verdict: 'valid', signatures: 2 }, 'the prepared, signed shadow document itself: an unused object is not a change');
    const page = dictOf(signed, uStatement).replace(new RegExp(`/Contents\\s*\\[\\s*${uC9}\\s+0\\s+R\\s*\\]`), `/Contents [ ${uC9} 0 R ${overlay} 0 R ]`);
    add('shadow', 'hide-overlay-page-contents', update(signed, [{ num: uStatement, body: page }]), MODIFIED, 'the statement page gets the signed-but-unused overlay as a second content stream');
    add('shadow', 'replace-contents-xref-to-signed-object', update(signed, [{ num: uC9, body: getObject(signed, overlay).body }]), MODIFIED, 'statement content redefined with the body of the signed overlay');
  }
  {
    // Hide-and-replace: bodies numbered like existing objects are in the signed file but in no xref section.
    const listed = U.next;
    const prepared = appendUpdate(a.unsigned, [
      { num: listed, body: '<< /Producer (shadow) >>' },
      { num: uC9, body: evilStream(), unlisted: true },
      { num: U.metadata, body: evilXmp(a.unsigned, U.metadata), unlisted: true },
    ]);
    const signed = await signBoth(prepared.bytes);
    add(
      'shadow',
      'hide-and-replace-statement',
      update(signed, [], { pointers: [{ num: uC9, offset: prepared.offsets.get(uC9)! }] }),
      MODIFIED,
      'xref-only update (no object bodies) pointing the statement content at a shadow body hidden in the signed revision',
    );
    add(
      'shadow',
      'hide-and-replace-statement-and-xmp',
      update(signed, [], {
        pointers: [
          { num: uC9, offset: prepared.offsets.get(uC9)! },
          { num: U.metadata, offset: prepared.offsets.get(U.metadata)! },
        ],
      }),
      MODIFIED,
      'as above for the statement content and the XMP metadata',
    );
  }
  {
    const resources = /\/Font\s*<<([^>]*)>>/.exec(dictOf(a.final, stPage))![1];
    const fonts = [...resources.matchAll(/\/(\S+)\s+(\d+)\s+0\s+R/g)].map((m) => ({ name: m[1], num: Number(m[2]) }));
    const bold = fonts.find((f) => /Bold/.test(f.name))!.num;
    const regular = fonts.find((f) => !/Bold/.test(f.name))!.num;
    const boldDict = dictOf(a.final, bold);
    add('shadow', 'replace-font', update(a.final, [{ num: regular, body: boldDict }]), MODIFIED, 'the regular font object redefined as the bold one (other glyph ids, other text)');
    const image = refOf(dictOf(a.final, page1).replace(/\/XObject\s*<<\s*\/\S+/, '/Img'), 'Img');
    const jpeg = pageImages()[1];
    add(
      'shadow',
      'replace-image-xobject',
      update(a.final, [{ num: image, body: streamBody('/Type /XObject /Subtype /Image /Width 300 /Height 400 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode', jpeg) }]),
      MODIFIED,
      'the page image replaced by another photo of the same size',
    );
  }

  // ---------------------------------------------------------------- Sneaky signature / certification attacks
  {
    const n = F.next;
    const fieldsPlus = (pdf: Uint8Array, extra: number[]) => {
      const d = dictOf(pdf, F.acroForm);
      const m = /\/Fields\s*\[([^\]]*)\]/.exec(d)!;
      return d.replace(m[0], `/Fields [ ${m[1].trim()} ${extra.map((x) => `${x} 0 R`).join(' ')} ]`);
    };
    const emptyField = (num: number, name: string, rect = '[ 0 0 0 0 ]', ap?: number) =>
      `<< /FT /Sig /T (${name}) /Type /Annot /Subtype /Widget /F 4 /P ${stPage} 0 R /Rect ${rect}${ap ? ` /AP << /N ${ap} 0 R >>` : ''} >>`;
    const withField = update(a.final, [
      { num: F.acroForm, body: fieldsPlus(a.final, [n]) },
      { num: stPage, body: annotsPlus(a.final, stPage, [n]) },
      { num: n, body: emptyField(n, 'saoy_extra') },
    ]);
    add('sneaky', 'new-empty-signature-field', withField, { verdict: 'valid', signatures: 2 }, 'DESIGN.md: further signatures are allowed, so is an invisible empty signature field for one');
    const extra = await signPdf(withField, { fieldName: 'saoy_extra', signer: a.signers.authority, signingTime: signedAt(), reason: 'third signature' });
    add('sneaky', 'further-trusted-signature', extra, { verdict: 'valid', signatures: 3 }, 'a further signature by a trusted signer in a new field');

    const visible = (pdf: Uint8Array, also: NewObject[]) =>
      update(pdf, [
        { num: F.acroForm, body: fieldsPlus(pdf, [n]) },
        { num: stPage, body: annotsPlus(pdf, stPage, [n, ...also.filter((o) => o.num === n + 2).map((o) => o.num)]) },
        { num: n, body: emptyField(n, 'saoy_sneaky', '[ 40 380 560 520 ]', n + 1) },
        { num: n + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 520 140 ] /Resources << >>', 'q 1 1 1 rg 0 0 520 140 re f Q q 1 0 0 rg 10 10 500 120 re f Q') },
        ...also,
      ]);
    add('sneaky', 'visible-field-and-content-change', visible(a.final, [{ num: c9, body: evilStream() }]), MODIFIED, 'a new signature field with an opaque appearance over the statement, and the statement content changed in the same update');
    add(
      'sneaky',
      'visible-field-and-freetext',
      visible(a.final, [{ num: n + 2, body: `<< /Type /Annot /Subtype /FreeText /Rect [ 40 300 560 360 ] /Contents (SAO Y) /DA (/Helv 18 Tf 0 0 1 rg) /F 4 /P ${stPage} 0 R >>` }]),
      MODIFIED,
      'a new visible signature field plus a FreeText annotation (not a widget)',
    );
    const withFieldAndChange = update(a.final, [
      { num: F.acroForm, body: fieldsPlus(a.final, [n]) },
      { num: stPage, body: annotsPlus(a.final, stPage, [n]) },
      { num: n, body: emptyField(n, 'saoy_sneaky') },
      { num: c9, body: evilStream() },
    ]);
    const sneakySigned = await signPdf(withFieldAndChange, { fieldName: 'saoy_sneaky', signer: a.signers.authority, signingTime: signedAt() });
    add('sneaky', 'trusted-signature-over-content-change', sneakySigned, MODIFIED, 'a trusted third signature whose field was added in an update that also changed the statement content');
    const nC = doc(a.certified).next;
    const certifiedVisible = update(a.certified, [
      { num: F.acroForm, body: fieldsPlus(a.certified, [nC]) },
      { num: stPage, body: annotsPlus(a.certified, stPage, [nC, nC + 2]) },
      { num: nC, body: emptyField(nC, 'saoy_sneaky', '[ 40 380 560 520 ]', nC + 1) },
      { num: nC + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 520 140 ] /Resources << >>', 'q 1 0 0 rg 0 0 520 140 re f Q') },
      { num: nC + 2, body: `<< /Type /Annot /Subtype /FreeText /Rect [ 40 300 560 360 ] /Contents (SAO Y) /DA (/Helv 18 Tf) /F 4 /P ${stPage} 0 R >>` },
    ]);
    add('sneaky', 'after-certification-freetext', certifiedVisible, MODIFIED_AFTER_CERTIFICATION, 'certification attack: DocMDP P=2 forbids annotations other than signature widgets');
  }

  // ---------------------------------------------------------------- Byte flips
  const digest: Expected = { verdict: 'invalid', reasons: ['DIGEST_MISMATCH'] };
  const s = txt(a.final);
  const imageNum = refOf(dictOf(a.final, page1).replace(/\/XObject\s*<<\s*\/\S+/, '/Img'), 'Img');
  add('flip', 'header-version', flipByte(a.final, 7), digest, '%PDF-1.7 becomes %PDF-1.6');
  {
    const img = streamDataAt(a.final, getObject(a.final, refOf(dictOf(a.final, page1).replace(/\/XObject\s*<<\s*\/\S+/, '/Img'), 'Img')));
    add('flip', 'image-stream', flipByte(a.final, (img.start + img.end) >> 1, 0x10), digest);
    const st = streamDataAt(a.final, getObject(a.final, c9));
    add('flip', 'statement-content', flipByte(a.final, (st.start + st.end) >> 1, 0x04), digest);
  }
  add('flip', 'xref-free-entry-generation', flipByte(a.final, s.indexOf('65535 f') + 4), digest, 'rev0 xref "65535 f" becomes "65534 f": structurally harmless');
  {
    // The rev0 xref entry of the page image: its offset's last digit.
    const xrefAt = s.indexOf('\nxref') + 1;
    const lines = s.slice(xrefAt, s.indexOf('trailer', xrefAt)).split('\n');
    const entryAt = xrefAt + lines.slice(0, 2 + imageNum).reduce((n, l) => n + l.length + 1, 0) + 9;
    if (!/^\d{10} 00000 n/.test(s.slice(entryAt - 9, entryAt + 10))) throw new Error('xref entry not found');
    add('flip', 'xref-offset-digit', flipByte(a.final, entryAt), { verdict: 'invalid' }, "the last digit of the image's rev0 xref offset: the signed xref no longer matches the file");
  }
  add('flip', 'xmp-cert-number', flipByte(a.final, s.indexOf('<saoy:certNo>') + '<saoy:certNo>'.length), digest);
  add('flip', 'authority-claimed-time', flipByte(a.final, s.indexOf('/M (D:', S.offset) + 8), digest, 'a digit of /M in the authority signature dictionary');
  add('flip', 'rev1-catalog-perms', flipByte(a.final, s.indexOf('/Perms') + 1), digest, '/Perms becomes /Qerms in the certifier revision');
  {
    const at = S.contentsLt + 1 + 2 * (S.cms.length - 10);
    const bytes = a.final.slice();
    bytes[at] = hexFlip(bytes[at]);
    add('flip', 'cms-signature-value', bytes, { verdict: 'invalid', reasons: ['SIGNATURE_INVALID'] }, 'a hex digit inside the RSA signature value of the authority CMS');
  }
  {
    const oid = Buffer.from('06092a864886f70d010904', 'hex');
    const i = Buffer.from(S.cms).indexOf(oid);
    const at = S.contentsLt + 1 + 2 * (i + oid.length + 4); // SET(31 len) OCTET STRING(04 20) then the digest
    const bytes = a.final.slice();
    bytes[at] = hexFlip(bytes[at]);
    add('flip', 'cms-message-digest', bytes, { verdict: 'invalid', anyReason: ['SIGNATURE_INVALID', 'DIGEST_MISMATCH'] }, 'the messageDigest signed attribute of the authority CMS');
  }
  {
    // Our placeholders are sized exactly for RSA; sign the authority with 64 spare bytes to have zero padding.
    const padded = await signPdf(a.certified, { fieldName: AUTHORITY_FIELD, signer: a.signers.authority, signingTime: signedAt(), reserve: 64, reason: 'padded' });
    const P = sigDicts(padded).at(-1)!;
    const at = P.contentsLt + 1 + 2 * P.cms.length + 40;
    if (padded[at] !== 0x30) throw new Error('expected zero padding');
    add('flip', 'control-contents-with-padding', padded, { verdict: 'valid', signatures: 2 }, 'control: the authority /Contents has 64 bytes of zero padding after the CMS');
    add(
      'flip',
      'contents-zero-padding',
      flipByte(padded, at),
      { verdict: 'valid', alsoAcceptable: ['invalid'], absentReasons: ['DIGEST_MISMATCH'] },
      'judgement call (the brief: "valid is acceptable"): /Contents is outside every ByteRange and the DER CMS delimits itself, so nothing signed changed (valid); ' +
        'refusing non-zero bytes after the DER as CMS_INVALID is equally defensible. Never DIGEST_MISMATCH.',
    );
  }
  {
    const E = doc(inp.ec.final);
    const img = streamDataAt(inp.ec.final, getObject(inp.ec.final, refOf(dictOf(inp.ec.final, E.pages[0]).replace(/\/XObject\s*<<\s*\/\S+/, '/Img'), 'Img')));
    add('flip', 'image-stream-ecdsa', flipByte(inp.ec.final, img.start + 100, 0x20), digest, undefined, inp.ec);
    const T = doc(inp.a3.final);
    const st = streamDataAt(inp.a3.final, getObject(inp.a3.final, pageContents(inp.a3.final, statementPage(T))));
    add('flip', 'statement-content-3p', flipByte(inp.a3.final, st.start + 5, 0x02), digest, undefined, inp.a3);
  }

  // ---------------------------------------------------------------- Transplanted signatures
  {
    const bs = sigDicts(b.final);
    for (const [i, role] of [[1, 'authority'], [0, 'certifier']] as const) {
      const to = sigs[i];
      const from = bs[i];
      if (to.contentsEnd - to.contentsLt !== from.contentsEnd - from.contentsLt) throw new Error('placeholders differ in size');
      const bytes = a.final.slice();
      bytes.set(b.final.subarray(from.contentsLt, from.contentsEnd), to.contentsLt);
      add('transplant', `${role}-cms-from-other-copy`, bytes, digest, `the ${role} CMS of another copy (same signer, same placeholder size) put in this copy's placeholder`);
    }
    const tail = b.final.subarray(b.certified.length);
    add(
      'transplant',
      'revision-appended-raw',
      concat(a.certified, tail),
      { verdict: 'invalid', alsoAcceptable: ['error'] },
      "the other copy's whole authority revision appended as it is: its startxref, xref offsets and ByteRange point into nothing, so a strict parser may call the file unreadable",
    );

    // The same revision rebased onto this copy: objects, xref, /Prev and ByteRange consistent, CMS from the other copy.
    const authField = refFieldOf(b.final, bs[1].num);
    const fieldBody = dictOf(b.final, authField);
    const sigBody = getObject(b.final, bs[1].num).body;
    const rebased = appendUpdate(a.certified, [
      { num: authField, body: fieldBody },
      { num: bs[1].num, body: sigBody },
    ]).bytes;
    const rs = sigDicts(rebased).at(-1)!;
    const fixed = setByteRange(rebased, rs, [0, rs.contentsLt, rs.contentsEnd, rebased.length - rs.contentsEnd]);
    add('transplant', 'revision-rebased', fixed, digest, "the other copy's authority revision re-laid onto this copy with correct offsets and ByteRange");
  }
  return out;
}

/** The field whose /V points at signature object `sigNum`. */
function refFieldOf(pdf: Uint8Array, sigNum: number): number {
  for (const [num] of xrefTable(pdf)) {
    try {
      const body = dictOf(pdf, num);
      if (/\/FT\s*\/Sig/.test(body) && new RegExp(`/V\\s+${sigNum}\\s+0\\s+R`).test(body)) return num;
    } catch {
      // not a plain object
    }
  }
  throw new Error(`no field for signature ${sigNum}`);
}
