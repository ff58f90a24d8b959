/**
 * The real-world corpus of issue 9: files made at test time by independent software (poppler's pdfsig, qpdf,
 * mutool, openssl cms/ts) and updates written byte by byte the way PAdES-LT tools, Acrobat and iText write them.
 * Each case says where its shape comes from, which issue-9 class it stands for, the verdict and reason codes a
 * correct verifier gives, and the difference rule that explains it (accept) or vetoes it (reject).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFDocument } from 'pdf-lib';
import type { ReasonCode } from '../../../core/verify/reasons.js';
import type { Verdict } from '../../../core/verify/report.js';
import { appendUpdate, dictOf, lastTrailer, refOf, sigDicts, streamBody, type NewObject } from '../pdf-bytes.js';
import { must, type RealWorldPki } from './pki.js';
import { pdfDate, signedUpdate } from './pdf-writer.js';
import { formDoc, INFO, plainDoc, taggedDoc, XMP_STREAM, xmpPacket } from './sources.js';

export interface RealWorldCase {
  name: string;
  /** Issue 9 class(es) the case stands for. */
  classes: number[];
  /** Where the file's shape comes from. */
  source: string;
  bytes: Uint8Array;
  expected: { verdict: Verdict; reasons?: ReasonCode[]; signatures?: number };
  /** Accept: the rule without which the change would be unexplained. Reject: the rule that vetoes it. */
  rule?: string;
}

const ref = (n: number) => `${n} 0 R`;

/** @signpdf's own flow: pdf-lib adds the placeholder and saves the whole file, then signpdf fills it. */
async function signpdfSign(pki: RealWorldPki, pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({ pdfDoc: doc, reason: 'real-world corpus', contactInfo: 'test@example.vn', name: 'Real World TEST signer', location: 'Ha Noi' });
  const placeholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signer = new P12Signer(readFileSync(pki.file('signer.p12')), { passphrase: 'test' });
  return new Uint8Array(await signpdf.sign(placeholder, signer));
}

/** Sets `/Key value` in a dictionary's text (replacing a simple, bracketed or `<< >>` value, or adding it). */
export function withEntry(dict: string, key: string, value: string): string {
  const dictAt = new RegExp(`/${key}\\s*<<`).exec(dict);
  if (dictAt) {
    let depth = 0;
    for (let i = dictAt.index + dictAt[0].length - 2; i < dict.length - 1; i++) {
      if (dict.startsWith('<<', i)) (depth++, i++);
      else if (dict.startsWith('>>', i) && --depth === 0) return `${dict.slice(0, dictAt.index)}/${key} ${value}${dict.slice(i + 2)}`;
      else if (dict.startsWith('>>', i)) i++;
    }
  }
  const re = new RegExp(`/${key}(\\s*\\[[^\\]]*\\]|\\s*\\([^)]*\\)|\\s+\\d+\\s+\\d+\\s+R|\\s*/[^\\s/<>\\[\\]()]+|\\s+[-\\d.]+)`);
  if (re.test(dict)) return dict.replace(re, `/${key} ${value}`);
  const end = dict.lastIndexOf('>>');
  return `${dict.slice(0, end).trimEnd()} /${key} ${value} >>`;
}

function arrayPlus(dict: string, key: string, extra: number[]): string {
  const m = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`).exec(dict);
  return withEntry(dict, key, `[ ${`${m ? m[1].trim() : ''} ${extra.map(ref).join(' ')}`.trim()} ]`);
}

const flate = (der: Uint8Array) => streamBody('/Filter /FlateDecode', deflateSync(der));
const sha1Hex = (b: Uint8Array) => createHash('sha1').update(b).digest('hex').toUpperCase();
const next = (pdf: Uint8Array) => lastTrailer(pdf).size;
const visibleStream = (w: number, h: number) => streamBody(`/Type /XObject /Subtype /Form /BBox [ 0 0 ${w} ${h} ] /Resources << /Font << /Helv 5 0 R >> >>`, `q 1 1 1 rg 0 0 ${w} ${h} re f Q BT /Helv 18 Tf 0 0 1 rg 10 ${h / 2} Td (Da ky: Chu tich UBND) Tj ET`);

export async function realWorldCases(pki: RealWorldPki, workDir: string): Promise<RealWorldCase[]> {
  const dir = join(workDir, 'real-world');
  mkdirSync(dir, { recursive: true });
  let k = 0;
  const tool = (cmd: string, args: (out: string, inp: string) => string[], input: Uint8Array, what: string): Uint8Array => {
    const inp = join(dir, `in-${++k}.pdf`);
    const out = join(dir, `out-${k}.pdf`);
    writeFileSync(inp, input);
    must(cmd, args(out, inp), what);
    if (!existsSync(out)) throw new Error(`${what}: no output`);
    return new Uint8Array(readFileSync(out));
  };
  const pdfsigSign = (pdf: Uint8Array, field: string) => tool('pdfsig', (o, i) => ['-nssdir', pki.nss, '-nick', pki.nick, '-sign', field, i, o], pdf, `pdfsig -sign ${field}`);
  const pdfsigAdd = (pdf: Uint8Array, field: string) => tool('pdfsig', (o, i) => ['-nssdir', pki.nss, '-nick', pki.nick, '-add-signature', '-new-signature-field-name', field, i, o], pdf, `pdfsig -add-signature ${field}`);
  // MuPDF's own form filling (mutool run, JavaScript API, incremental save).
  writeFileSync(join(dir, 'fill.js'), [
    'var doc = new PDFDocument(scriptArgs[0]);',
    'var ws = doc.loadPage(0).getWidgets();',
    'for (var i = 0; i < ws.length; i++) {',
    '  if (ws[i].getFieldType() == "combobox" && scriptArgs[2] == "choice") { ws[i].setChoiceValue("b"); ws[i].update(); }',
    '  if (ws[i].getFieldType() == "text" && scriptArgs[2] == "text") { ws[i].setTextValue("Tran Thi B"); ws[i].update(); }',
    '}',
    'doc.save(scriptArgs[1], "incremental");',
  ].join('\n'));
  const mutoolFill = (pdf: Uint8Array, what: 'choice' | 'text') => tool('mutool', (o, i) => ['run', join(dir, 'fill.js'), i, o, what], pdf, `mutool run fill.js (${what})`);
  const update = (pdf: Uint8Array, objects: NewObject[], root?: number) => appendUpdate(pdf, objects, root ? { root: ref(root) } : {}).bytes;

  const cases: RealWorldCase[] = [];
  const valid = (n: number) => ({ verdict: 'valid' as const, signatures: n });
  const modified = { verdict: 'invalid' as const, reasons: ['MODIFIED_AFTER_SIGNING' as ReasonCode] };

  // ---------------------------------------------------------------- Sources and ordinary signing by other tools
  const form0 = formDoc();
  const formA = pdfsigSign(form0, 'sigA');
  const formAB = pdfsigSign(formA, 'sigB');
  const plain2 = pdfsigAdd(pdfsigAdd(plainDoc(), 'Signature1'), 'Signature2');
  const form2 = pdfsigAdd(pdfsigAdd(form0, 'extra1'), 'extra2');
  const tag1 = pdfsigAdd(taggedDoc(), 'Signature1');
  cases.push(
    { name: 'pdfsig-add-twice-plain', classes: [2], rule: 'new-signature-field', source: 'poppler pdfsig -add-signature twice on a one-page PDF without a form: each creates a field whose widget gets /M, /AP and /DR fonts; the first also creates /AcroForm', bytes: plain2, expected: valid(2) },
    { name: 'pdfsig-add-twice-form', classes: [2], rule: 'page-annotations', source: 'poppler pdfsig -add-signature twice on a form with text, combo box and empty signature fields', bytes: form2, expected: valid(2) },
    { name: 'pdfsig-sign-existing-fields', classes: [2], rule: 'sign-existing-field', source: 'poppler pdfsig -sign into the existing empty fields sigA then sigB (the widget gains /M and a new /AP)', bytes: formAB, expected: valid(2) },
    { name: 'pdfsig-add-twice-tagged', classes: [2], rule: 'acroform', source: 'poppler pdfsig -add-signature twice on a tagged PDF (structure tree untouched)', bytes: pdfsigAdd(tag1, 'Signature2'), expected: valid(2) },
  );
  const os = tool('qpdf', (o, i) => ['--object-streams=generate', i, o], form0, 'qpdf --object-streams=generate');
  cases.push({ name: 'qpdf-object-streams-pdfsig', classes: [2], source: 'qpdf --object-streams=generate (xref stream, objects in object streams), then pdfsig -sign sigA and sigB', bytes: pdfsigSign(pdfsigSign(os, 'sigA'), 'sigB'), expected: valid(2) });
  const lin = tool('qpdf', (o, i) => ['--linearize', i, o], form0, 'qpdf --linearize');
  cases.push({ name: 'qpdf-linearized-pdfsig', classes: [2, 3], source: 'qpdf --linearize, then pdfsig -sign sigA and sigB', bytes: pdfsigSign(pdfsigSign(lin, 'sigA'), 'sigB'), expected: valid(2) });
  cases.push({
    name: 'signpdf-then-pdfsig',
    classes: [2],
    source: 'the npm signer @signpdf/signpdf 3.3 (pdf-lib placeholder, node-forge PKCS#7 from the openssl-made .p12) signs first; pdfsig then signs sigA and adds a field',
    bytes: pdfsigAdd(pdfsigSign(await signpdfSign(pki, form0), 'sigA'), 'late'),
    expected: valid(3),
  });
  const mu = tool('mutool', (o, i) => ['clean', '-gg', i, o], form0, 'mutool clean -gg');
  cases.push({ name: 'mutool-clean-pdfsig', classes: [2], source: 'mutool clean -gg (MuPDF rewrites and renumbers the file), then pdfsig -sign sigA and sigB', bytes: pdfsigSign(pdfsigSign(mu, 'sigA'), 'sigB'), expected: valid(2) });

  // ---------------------------------------------------------------- Class 1: long-term validation (PAdES-LT/LTA)
  const sigs = sigDicts(formAB);
  const n = next(formAB);
  const catalog = dictOf(formAB, 1);
  const vriEntry = (certs: number[], crls: number[], ocsps: number[]) => `<< /Cert [ ${certs.map(ref).join(' ')} ] /CRL [ ${crls.map(ref).join(' ')} ] /OCSP [ ${ocsps.map(ref).join(' ')} ] /TU (${pdfDate()}) >>`;
  const lt = update(formAB, [
    { num: 1, body: withEntry(withEntry(withEntry(catalog, 'DSS', ref(n)), 'Extensions', ref(n + 8)), 'Version', '/2.0') },
    { num: n, body: `<< /Type /DSS /Certs [ ${ref(n + 1)} ${ref(n + 2)} ] /CRLs [ ${ref(n + 3)} ] /OCSPs [ ${ref(n + 4)} ] /VRI ${ref(n + 5)} >>` },
    { num: n + 1, body: flate(pki.root) },
    { num: n + 2, body: flate(pki.signer) },
    { num: n + 3, body: flate(pki.crl) },
    { num: n + 4, body: flate(pki.ocsp) },
    { num: n + 5, body: `<< /${sha1Hex(sigs[0].cms)} ${ref(n + 6)} /${sha1Hex(sigs[1].cms)} ${ref(n + 7)} >>` },
    { num: n + 6, body: vriEntry([n + 1, n + 2], [n + 3], [n + 4]) },
    { num: n + 7, body: vriEntry([n + 1, n + 2], [n + 3], [n + 4]) },
    { num: n + 8, body: '<< /ESIC << /BaseVersion /1.7 /ExtensionLevel 5 >> >>' },
  ]);
  cases.push({
    name: 'dss-indirect-vri-compressed',
    classes: [1],
    rule: 'dss',
    source: 'PAdES-LT update as pyHanko/iText write it: indirect /DSS and /VRI, VRI entries as new indirect dictionaries, FlateDecode cert/CRL/OCSP streams (openssl-made), indirect /Extensions /ESIC and /Version /2.0 (ETSI EN 319 142-1 §5.4)',
    bytes: lt,
    expected: valid(2),
  });
  cases.push({ name: 'dss-extensions-version', classes: [1], rule: 'extensions', source: 'same file as dss-indirect-vri-compressed: its indirect /Extensions and /Version bump need the extensions rule', bytes: lt, expected: valid(2) });
  const m = next(lt);
  cases.push({
    name: 'dss-extended-in-place',
    classes: [1],
    rule: 'dss',
    source: 'a second LT update extending the same /DSS and /VRI objects (new TSA certificate, another OCSP response, a third VRI entry), as an LTA refresh does',
    bytes: update(lt, [
      { num: n, body: `<< /Type /DSS /Certs [ ${ref(n + 1)} ${ref(n + 2)} ${ref(m)} ] /CRLs [ ${ref(n + 3)} ] /OCSPs [ ${ref(n + 4)} ${ref(m + 1)} ] /VRI ${ref(n + 5)} >>` },
      { num: n + 5, body: `<< /${sha1Hex(sigs[0].cms)} ${ref(n + 6)} /${sha1Hex(sigs[1].cms)} ${ref(n + 7)} /${sha1Hex(pki.tsa)} ${ref(m + 2)} >>` },
      { num: m, body: flate(pki.tsa) },
      { num: m + 1, body: flate(pki.ocsp) },
      { num: m + 2, body: vriEntry([n + 1, m], [], [m + 1]) },
    ]),
    expected: valid(2),
  });
  cases.push({
    name: 'dss-replaced-catalog-new-object',
    classes: [1, 2],
    rule: 'catalog-rewrite',
    source: 'an update that writes the catalog again as a new object (trailer /Root changes) with a new /DSS whose /VRI is direct',
    bytes: update(
      lt,
      [
        { num: m, body: withEntry(dictOf(lt, 1), 'DSS', ref(m + 1)) },
        { num: m + 1, body: `<< /Type /DSS /Certs [ ${ref(n + 1)} ${ref(n + 2)} ] /OCSPs [ ${ref(n + 4)} ] /VRI << /${sha1Hex(sigs[1].cms)} << /Cert [ ${ref(n + 2)} ] /OCSP [ ${ref(n + 4)} ] >> >> >>` },
      ],
      m,
    ),
    expected: valid(2),
  });
  const ts = m;
  cases.push({
    name: 'document-timestamp-invisible-widget',
    classes: [1, 2],
    rule: 'new-signature-field',
    source: 'PAdES B-LTA: a document timestamp (openssl ts -reply token over the ByteRange) in a new field with an invisible widget, listed in /Fields and the page /Annots',
    bytes: signedUpdate(pki, lt, [
      { num: 7, body: arrayPlus(dictOf(lt, 7), 'Fields', [ts]) },
      { num: 3, body: arrayPlus(dictOf(lt, 3), 'Annots', [ts]) },
      { num: ts, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature3) /Rect [ 0 0 0 0 ] /F 132 /P ${ref(3)} /V ${ref(ts + 1)} >>` },
    ], { num: ts + 1, docTimestamp: true }),
    expected: valid(3),
  });

  // ---------------------------------------------------------------- Class 2/10: signing updates by other tools
  const s2 = next(formA);
  cases.push({
    name: 'itext-style-metadata-with-signature',
    classes: [2, 10],
    rule: 'doc-info',
    source: 'a signing update as iText writes it: the second field signed (openssl cms -cades), /Info /ModDate and /Producer and the XMP packet (xmp:ModifyDate, xmp:MetadataDate, xmpMM:InstanceID) updated in the same revision',
    bytes: signedUpdate(pki, formA, [
      { num: 11, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P ${ref(3)} /V ${ref(s2)} /M (${pdfDate()}) >>` },
      { num: 6, body: INFO('Giay khai sinh', pdfDate(), 'iText 8.0.5 (AGPL)') },
      { num: 14, body: XMP_STREAM(xmpPacket({ title: 'Giay khai sinh', modify: new Date().toISOString(), instance: 'uuid:7d1c9a52-0000-4000-8000-0000000000a2' })) },
    ], { num: s2 }),
    expected: valid(2),
  });
  {
    const a = next(formA);
    cases.push({
      name: 'acrobat-style-sign-existing-field',
      classes: [2],
      rule: 'sign-existing-field',
      source: 'signing the existing field sigB the way Acrobat does: the widget gains /MK, /DA, /SV, /Lock, /P, /F, /M and a visible /AP form XObject drawn for the signature (openssl cms -cades)',
      bytes: signedUpdate(pki, formA, [
        {
          num: 11,
          body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 4 /P ${ref(3)} /V ${ref(a + 1)} /M (${pdfDate()}) /MK << /BG [ 1 ] >> /DA (/Helv 0 Tf 0 g) /SV << /Type /SV /Filter /Adobe.PPKLite /SubFilter [ /ETSI.CAdES.detached ] >> /Lock << /Type /SigFieldLock /Action /All >> /AP << /N ${ref(a)} >> >>`,
        },
        { num: a, body: visibleStream(200, 40) },
      ], { num: a + 1 }),
      expected: valid(2),
    });
  }
  const fill = (pdf: Uint8Array, choice: boolean) => {
    const f = next(pdf);
    return update(pdf, [
      choice
        ? { num: 9, body: `<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /T (choice) /Opt [ (a) (b) (c) ] /V (b) /I [ 1 ] /AS /N /Rect [ 50 650 200 672 ] /F 4 /P ${ref(3)} /DA (/Helv 12 Tf 0 g) /AP << /N ${ref(f)} >> >>` }
        : { num: 8, body: `<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Tran Thi B) /Rect [ 50 700 300 722 ] /F 4 /P ${ref(3)} /DA (/Helv 12 Tf 0 g) /AP << /N ${ref(f)} >> >>` },
      { num: f, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ] /Resources << /Font << /Helv 5 0 R >> >>', `/Tx BMC BT /Helv 12 Tf 2 6 Td (${choice ? 'b' : 'Tran Thi B'}) Tj ET EMC`) },
    ]);
  };
  cases.push({
    name: 'choice-filled-then-signed',
    classes: [2],
    rule: 'form-filling',
    source: 'after pdfsig signed sigA, a form-filling update as Acrobat writes it (combo box /V, /I, /AS and a new /AP), then pdfsig -sign sigB',
    bytes: pdfsigSign(fill(formA, true), 'sigB'),
    expected: valid(2),
  });
  {
    const w = next(tag1);
    const cat = dictOf(tag1, 1);
    // pdfsig reuses a free object number with its next generation for the new form (here "7 1 R").
    const fm = /\/AcroForm\s+(\d+)\s+(\d+)\s+R/.exec(cat)!;
    const form = Number(fm[1]);
    const formGen = Number(fm[2]);
    const am = /\/Annots\s+(\d+)\s+(\d+)\s+R/.exec(dictOf(tag1, 3))!;
    const annots = Number(am[1]);
    const annotsGen = Number(am[2]);
    cases.push({
      name: 'tagged-acrobat-style-signature',
      classes: [2],
      rule: 'struct-tree',
      source: 'a tagged PDF signed the way Acrobat does: new widget with /StructParent, a /Form StructElem with an /OBJR to it, the parent tree and /ParentTreeNextKey grown (ISO 32000-2 §14.7.5.4); signed with openssl cms',
      bytes: signedUpdate(pki, tag1, [
        { num: form, gen: formGen, body: arrayPlus(dictOf(tag1, form), 'Fields', [w]) },
        // pdfsig wrote the page's /Annots as an indirect array ("15 1 R"): Acrobat appends to that array.
        { num: annots, gen: annotsGen, body: `[ ${/^\s*\[([^\]]*)\]/.exec(dictOf(tag1, annots))![1].trim()} ${ref(w)} ]` },
        { num: w, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature2) /Rect [ 0 0 0 0 ] /F 132 /P ${ref(3)} /StructParent 1 /V ${ref(w + 2)} >>` },
        { num: w + 1, body: `<< /Type /StructElem /S /Form /P ${ref(21)} /Pg ${ref(3)} /K << /Type /OBJR /Obj ${ref(w)} /Pg ${ref(3)} >> >>` },
        { num: 21, body: `<< /Type /StructElem /S /Document /P ${ref(20)} /K [ ${ref(23)} ${ref(w + 1)} ] >>` },
        { num: 22, body: `<< /Nums [ 0 [ ${ref(23)} ] 1 ${ref(w + 1)} ] >>` },
        { num: 20, body: `<< /Type /StructTreeRoot /K ${ref(21)} /ParentTree ${ref(22)} /ParentTreeNextKey 2 >>` },
      ], { num: w + 2 }),
      expected: valid(2),
    });
    // The same signing, but the parent tree's leaf is split into new intermediate nodes (ISO 32000-2 §7.9.7), the
    // way Acrobat and iText rebuild a number tree that grew: 22 becomes a /Kids node over two new leaves.
    const split = (keyZero: string, leafExtra = '', limits = '[ 0 0 ]') =>
      signedUpdate(pki, tag1, [
        { num: form, gen: formGen, body: arrayPlus(dictOf(tag1, form), 'Fields', [w]) },
        { num: annots, gen: annotsGen, body: `[ ${/^\s*\[([^\]]*)\]/.exec(dictOf(tag1, annots))![1].trim()} ${ref(w)} ]` },
        { num: w, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature2) /Rect [ 0 0 0 0 ] /F 132 /P ${ref(3)} /StructParent 1 /V ${ref(w + 2)} >>` },
        { num: w + 1, body: `<< /Type /StructElem /S /Form /P ${ref(21)} /Pg ${ref(3)} /K << /Type /OBJR /Obj ${ref(w)} /Pg ${ref(3)} >> >>` },
        { num: 21, body: `<< /Type /StructElem /S /Document /P ${ref(20)} /K [ ${ref(23)} ${ref(w + 1)} ] >>` },
        { num: 22, body: `<< /Kids [ ${ref(w + 3)} ${ref(w + 4)} ] >>` },
        { num: w + 3, body: `<< /Limits ${limits} /Nums [ 0 ${keyZero} ]${leafExtra} >>` },
        { num: w + 4, body: `<< /Limits [ 1 1 ] /Nums [ 1 ${ref(w + 1)} ] >>` },
        { num: 20, body: `<< /Type /StructTreeRoot /K ${ref(21)} /ParentTree ${ref(22)} /ParentTreeNextKey 2 >>` },
      ], { num: w + 2 });
    cases.push(
      {
        name: 'tagged-parent-tree-split',
        classes: [2],
        rule: 'struct-tree',
        source: 'a tagged PDF signed as above, but the parent tree /Nums leaf is rebuilt as a /Kids node over two new leaves with /Limits (Acrobat/iText number-tree growth); signed with openssl cms',
        bytes: split(`[ ${ref(23)} ]`),
        expected: valid(2),
      },
      {
        name: 'tagged-parent-tree-split-repointed',
        classes: [2],
        source: 'the same split, but the page\'s marked content (key 0) now maps to the /Document element instead of its paragraph: a structure change, not growth',
        bytes: split(`[ ${ref(21)} ]`),
        expected: modified,
      },
      {
        name: 'tagged-parent-tree-split-extra-key',
        classes: [2],
        source: 'the same split, but a new leaf node also carries a key a number tree has no use for (/ActualText): not a plain tree node',
        bytes: split(`[ ${ref(23)} ]`, ' /ActualText (x)'),
        expected: modified,
      },
      {
        name: 'tagged-parent-tree-split-wrong-limits',
        classes: [2],
        source: 'the same split, but the first leaf claims /Limits [ 5 9 ]: a reader looking up key 0 would skip the leaf that holds it (ISO 32000-2 §7.9.7)',
        bytes: split(`[ ${ref(23)} ]`, '', '[ 5 9 ]'),
        expected: modified,
      },
    );
  }
  cases.push({
    name: 'mutool-fill-choice-then-pdfsig',
    classes: [2],
    rule: 'form-filling',
    source: 'after pdfsig signed sigA, MuPDF fills the combo box (mutool run: setChoiceValue, widget update, incremental save: new /V and /AP), then pdfsig -sign sigB',
    bytes: pdfsigSign(mutoolFill(formA, 'choice'), 'sigB'),
    expected: valid(2),
  });
  {
    const f = next(formA);
    cases.push({
      name: 'empty-field-only-in-annots',
      classes: [2],
      rule: 'page-annotations',
      source: 'an empty invisible signature field reached from the page /Annots but not listed in /Fields (poppler prepares fields this way on files that already have a form)',
      bytes: update(formA, [
        { num: 3, body: arrayPlus(dictOf(formA, 3), 'Annots', [f]) },
        { num: f, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigC) /Rect [ 0 0 0 0 ] /F 132 /P ${ref(3)} >>` },
      ]),
      expected: valid(1),
    });
  }

  // ---------------------------------------------------------------- Class 6: new never-signed signature fields
  const newField = (pdf: Uint8Array, rect: string, ap: Uint8Array) => {
    const f = next(pdf);
    return update(pdf, [
      { num: 7, body: arrayPlus(dictOf(pdf, 7), 'Fields', [f]) },
      { num: 3, body: arrayPlus(dictOf(pdf, 3), 'Annots', [f]) },
      { num: f, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sneaky) /Rect ${rect} /F 4 /P ${ref(3)} /AP << /N ${ref(f + 1)} >> >>` },
      { num: f + 1, body: ap },
    ]);
  };
  cases.push(
    { name: 'new-visible-unsigned-field', classes: [6], rule: 'new-signature-field', source: 'sneaky signature (Mainka et al.): a new signature field nobody signed, with an opaque appearance saying "signed" over the signed statement', bytes: newField(formAB, '[ 40 740 400 800 ]', visibleStream(360, 60)), expected: modified },
    { name: 'new-unsigned-field-empty-appearance', classes: [6], rule: 'new-signature-field', source: 'a new empty signature field with a real /Rect but an empty, zero-size appearance (prepared for a later signer): nothing is shown', bytes: newField(formAB, '[ 40 740 400 800 ]', streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 0 0 ]', '')), expected: valid(2) },
  );

  // ---------------------------------------------------------------- Class 7: appearance of an already-signed widget
  {
    const apNum = refOf(/\/AP\s*<<([^>]*)>>/.exec(dictOf(formAB, 10))![1].replace(/^\s*\/N/, '/N'), 'N');
    const v = next(formAB);
    cases.push(
      { name: 'signed-widget-ap-replaced', classes: [7], rule: 'signed-field-frozen', source: 'after both signatures, an update gives the already-signed widget sigA a new visible /AP', bytes: update(formAB, [{ num: 10, body: withEntry(dictOf(formAB, 10), 'AP', `<< /N ${ref(v)} >>`) }, { num: v, body: visibleStream(200, 40) }]), expected: modified },
      { name: 'signed-appearance-stream-rewritten', classes: [7], rule: 'signed-field-frozen', source: 'after both signatures, an update rewrites the appearance stream object of the already-signed widget sigA (shadow attack on the appearance)', bytes: update(formAB, [{ num: apNum, body: visibleStream(200, 40) }]), expected: modified },
    );
  }

  // ---------------------------------------------------------------- Class 9: field locks (FieldMDP)
  {
    const locked = pdfsigSign(formDoc({ lockA: '<< /Type /SigFieldLock /Action /Include /Fields [ (name) ] >>' }), 'sigA');
    cases.push(
      { name: 'lock-include-locked-field-filled', classes: [9], rule: 'field-lock', source: 'sigA carries /Lock << /Action /Include /Fields [(name)] >> (ISO 32000-2 §12.7.5.5), pdfsig signs it; a later update fills "name", then pdfsig signs sigB', bytes: pdfsigSign(fill(locked, false), 'sigB'), expected: modified },
      { name: 'lock-include-other-field-filled', classes: [9], rule: 'form-filling', source: 'the same lock, but the later update fills "choice", which the lock does not include', bytes: pdfsigSign(fill(locked, true), 'sigB'), expected: valid(2) },
    );
    cases.push({ name: 'mutool-fill-locked-field', classes: [9], rule: 'field-lock', source: 'sigA locks "name" (/Lock /Include); MuPDF then fills "name" (mutool run: setTextValue, incremental save)', bytes: mutoolFill(locked, 'text'), expected: modified });
    const p1 = pdfsigSign(formDoc({ lockA: '<< /Type /SigFieldLock /Action /Include /Fields [ (choice) ] /P 1 >>' }), 'sigA');
    cases.push({ name: 'lock-p1-then-new-signature', classes: [9], rule: 'field-lock', source: 'sigA carries /Lock with /P 1 (PDF 2.0: no changes after this signature); pdfsig then signs sigB', bytes: pdfsigSign(p1, 'sigB'), expected: modified });
    const s = next(form0);
    const fieldMdp = signedUpdate(pki, form0, [
      { num: 10, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P ${ref(3)} /V ${ref(s)} >>` },
    ], { num: s, entries: '/Reference [ << /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams /Action /Exclude /Fields [ (name) ] /V /1.2 >> >> ]' });
    cases.push({ name: 'fieldmdp-reference-exclude', classes: [9], rule: 'field-lock', source: 'a signature (openssl cms) whose /Reference holds a FieldMDP transform /Action /Exclude [(name)]: "choice" is locked; a later update fills it, then pdfsig signs sigB', bytes: pdfsigSign(fill(fieldMdp, true), 'sigB'), expected: modified });
  }

  // ---------------------------------------------------------------- Class 10: descriptive metadata
  cases.push(
    { name: 'info-title-changed', classes: [10], rule: 'doc-info', source: 'after signing, an update that changes /Info /Title (and /ModDate)', bytes: update(formAB, [{ num: 6, body: INFO('Bang tot nghiep dai hoc', pdfDate()) }]), expected: modified },
    { name: 'xmp-title-changed', classes: [10], rule: 'xmp-metadata', source: 'after signing, an update that rewrites the XMP packet with another dc:title', bytes: update(formAB, [{ num: 14, body: XMP_STREAM(xmpPacket({ title: 'Bang tot nghiep dai hoc', modify: new Date().toISOString(), instance: 'uuid:x' })) }]), expected: modified },
    { name: 'xmp-tool-dates-only', classes: [10], rule: 'xmp-metadata', source: 'after signing, a save that only refreshes xmp:ModifyDate, xmp:MetadataDate and xmpMM:InstanceID (what a viewer saving the file writes)', bytes: update(formAB, [{ num: 14, body: XMP_STREAM(xmpPacket({ title: 'Giay khai sinh', modify: new Date().toISOString(), instance: 'uuid:7d1c9a52-0000-4000-8000-0000000000a3' })) }]), expected: valid(2) },
  );

  // ---------------------------------------------------------------- Validation data that is not validation data
  {
    const d = next(formAB);
    cases.push({ name: 'dss-smuggles-page', classes: [1], rule: 'dss', source: 'a /DSS whose /Certs lists the page object and whose VRI entry carries /Annots: not validation data', bytes: update(formAB, [{ num: 1, body: withEntry(dictOf(formAB, 1), 'DSS', ref(d)) }, { num: d, body: `<< /Type /DSS /Certs [ ${ref(3)} ] /VRI << /ABCD << /Annots [ ${ref(8)} ] >> >> >>` }]), expected: modified });
  }
  return cases;
}
