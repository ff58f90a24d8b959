import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../core/certify/sign-pdf.js';
import { latin1 } from '../../../core/pdf/bytes.js';
import type { DocMdpLevel } from '../../../core/pdf/signature-field.js';
import { appendRevision } from '../../../core/pdf/incremental-writer.js';
import { xrefTail } from '../../helpers/xref-tail.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { verifyPdf } from '../../../core/verify/index.js';
import { makeLeaf, makeRoot, type TestIdentity } from '../../helpers/pki.js';

/** A form with a text field and an empty signature field, saved with a classic xref table. */
async function formPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([400, 300]);
  const form = doc.getForm();
  form.createTextField('requester').addToPage(page, { x: 20, y: 200, width: 200, height: 24 });
  const sig = doc.context.obj({ FT: 'Sig', T: PDFString.of('sig'), Type: 'Annot', Subtype: 'Widget', Rect: [0, 0, 0, 0], F: 4, P: page.ref });
  const sigRef = doc.context.register(sig);
  form.acroForm.addField(sigRef);
  page.node.addAnnot(sigRef);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** After signing, an incremental update that fills the text field (/V only). */
async function fillField(pdf: Uint8Array, value: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const field = doc.getForm().getTextField('requester');
  const ref = field.ref;
  const dict = (doc.context.lookup(ref) as PDFDict).clone(doc.context);
  dict.set(PDFName.of('V'), PDFHexString.fromText(value));
  const tail = await xrefTail(pdf);
  const root = doc.context.trailerInfo.Root as unknown as { toString(): string };
  return appendRevision(pdf, [{ num: ref.objectNumber, gen: ref.generationNumber, body: latin1(dict.toString()) }], { size: tail.size, root: root.toString(), prev: tail.startxref }, tail.kind).bytes;
}

describe('DocMDP permissions after a certification signature', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  beforeAll(async () => {
    root = await makeRoot();
    leaf = await makeLeaf(root);
  });

  const certified = async (p: DocMdpLevel) =>
    signPdf(await formPdf(), { fieldName: 'sig', signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]), signingTime: new Date(), docMdp: p });

  it('P=2: filling a form field afterwards is allowed form filling', async () => {
    const r = await verifyPdf(await fillField(await certified(2), 'Nguyễn Văn A'), { trustAnchors: [root.certificate] });
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(r.signatures[0].certification).toBe(2);
    expect(r.signatures[0].modificationLevel).toBe('FORM_FILLING');
    expect(r.signatures[0].modifications.every((m) => m.allowed)).toBe(true);
  });

  it('P=1: the same change violates the certification', async () => {
    const r = await verifyPdf(await fillField(await certified(1), 'Nguyễn Văn A'), { trustAnchors: [root.certificate] });
    expect(r.verdict).toBe('invalid');
    expect(r.reasons.map((x) => x.code)).toContain('DOCMDP_VIOLATION');
  });

  it('P=1 with no change after it stays valid', async () => {
    const r = await verifyPdf(await certified(1), { trustAnchors: [root.certificate] });
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(r.signatures[0].modificationLevel).toBe('NONE');
  });
});
