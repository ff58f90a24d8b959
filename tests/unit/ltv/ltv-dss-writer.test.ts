/**
 * The /DSS writer on its own: a PDF with cross-reference *streams* and object streams (pdf-lib) signed once, then
 * extended twice — the second update reuses the first one's streams (nothing written twice), keeps its /VRI entries,
 * and adds the invisible document-timestamp field; qpdf finds the structure sound and the signature stays valid.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../core/certify/sign-pdf.js';
import { timestampPdf } from '../../../core/certify/timestamp-pdf.js';
import { documentSignatures } from '../../../core/ltv/signatures.js';
import { extendPdf } from '../../../core/ltv/extend.js';
import { renewalStatus } from '../../../core/ltv/renewal.js';
import { appendDss } from '../../../core/pdf/dss-writer.js';
import { vriKey } from '../../../core/pdf/dss-vri.js';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { readDss } from '../../../core/verify/dss.js';
import { verifyPdf } from '../../../core/verify/index.js';
import { makeLeaf, makeRoot, makeTempDir, type TestIdentity } from '../../helpers/pki.js';
import { assertTools, run, skipWithout } from '../../helpers/tools.js';
import { makeTsa } from '../trust/fixtures.js';

describe.skipIf(skipWithout('qpdf', 'openssl'))('/DSS writer (xref streams, extending an existing /DSS)', () => {
  const tmp = makeTempDir('saoy-dss-');
  let root: TestIdentity;
  let signed: Uint8Array;

  beforeAll(async () => {
    assertTools('qpdf', 'openssl');
    root = await makeRoot();
    const leaf = await makeLeaf(root);
    const doc = await PDFDocument.create();
    doc.addPage([300, 300]);
    const form = doc.getForm();
    form.createTextField('name').addToPage(doc.getPage(0), { x: 10, y: 10, width: 100, height: 20 });
    const sigField = doc.context.obj({ FT: 'Sig', T: PDFString.of('sig1'), Type: 'Annot', Subtype: 'Widget', Rect: [0, 0, 0, 0], P: doc.getPage(0).ref });
    const ref = doc.context.register(sigField);
    form.acroForm.addField(ref);
    const bytes = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Type /XRef');
    signed = await signPdf(bytes, { fieldName: 'sig1', signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate]), signingTime: new Date() });
  }, 60_000);

  it('writes, extends without duplicates, keeps old VRI entries, adds the timestamp field; qpdf --check passes', async () => {
    const [sig] = await documentSignatures(signed);
    const key = await vriKey(sig.contents);
    const one = await appendDss(signed, { certificates: [root.certificate], crls: [], ocspResponses: [], vri: [{ key, certificates: [root.certificate], crls: [], ocspResponses: [] }], time: new Date() });
    const two = await appendDss(one, { certificates: [root.certificate, sig.signerCertificate!], crls: [], ocspResponses: [], vri: [{ key: 'AB'.repeat(20), certificates: [sig.signerCertificate!], crls: [], ocspResponses: [] }], time: new Date(), timestampField: 'ArchiveTimestamp1' });
    const dss = await readDss(await parsePdf(two));
    expect(dss.certificates.length).toBe(2); // the root once, then the signer
    const text = Buffer.from(two.subarray(one.length)).toString('latin1');
    expect(text.match(/endstream/g)?.length).toBe(2); // one new certificate stream + the xref stream
    expect(text).toMatch(new RegExp(`/${key} \\d+ 0 R`));
    expect(text).toContain('/ABABABABABABABABABABABABABABABABABABABAB ');
    expect(text).toContain('/FT /Sig /T (ArchiveTimestamp1) /Rect [0 0 0 0] /F 132');
    const file = join(tmp.dir, 'two.pdf');
    writeFileSync(file, two);
    const q = run('qpdf', ['--check', file]);
    expect(q.status, q.stdout + q.stderr).toBe(0);
    const r = await verifyPdf(two, { trustAnchors: [root.certificate] });
    expect(r.signatures[0].intact && r.signatures[0].valid).toBe(true);
    expect(r.signatures[0].modificationLevel).toBe('LTA_UPDATES');
    // A /VRI key that names no signature of the document is reported.
    expect(r.reasons.map((x) => x.code)).toContain('DSS_VRI_UNMATCHED');
    expect(r.ltv?.dss).toMatchObject({ certificates: 2, vriEntries: 2, signaturesWithVri: ['sig1'] });

    // The prepared field takes a document timestamp; the copy now needs renewal with a far margin only.
    const tsa = await makeTsa(tmp.dir, root);
    const stamped = await timestampPdf(two, { fieldName: 'ArchiveTimestamp1', timestamp: async (data) => tsa.stamp(data) });
    const v = await verifyPdf(stamped, { trustAnchors: [root.certificate] });
    expect(v.signatures.map((s) => s.indication), JSON.stringify(v.signatures.map((s) => s.reasons))).toEqual(['PASSED', 'PASSED']);
    expect(v.ltv?.timestamps.map((t) => [t.kind, t.relied])).toEqual([['document', true]]);
    expect((await renewalStatus(stamped, 0)).due).toBe(false); // makeTsa certificates live 30 days
    expect((await renewalStatus(stamped, 2)).due).toBe(true);
    expect((await renewalStatus(signed, 12)).due).toBe(true); // no timestamp at all
  }, 60_000);

  it('a token larger than the first reserve is asked for again with room for it', async () => {
    let calls = 0;
    const big = new Uint8Array(10_000).fill(0x41);
    const x = await extendPdf(signed, { level: 'B-LTA', certificates: [root.certificate], timestamp: async () => (calls++, big) });
    expect(calls).toBe(2);
    expect(Buffer.from(x.bytes).toString('latin1')).toContain('41'.repeat(10_000));
    expect(x.timestampField).toBe('ArchiveTimestamp1');
  }, 60_000);
});
