/** Valid copies, trust and revocation cases, unsigned files and files that are not PDFs. */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { signPdf } from '../../core/certify/sign-pdf.js';
import { CERTIFIER_FIELD } from '../../core/ecopy/fields.js';
import type { Signer } from '../../core/signers/signer.js';
import { makeJpeg } from '../helpers/images.js';
import { buildCopy } from '../../core/ecopy/index.js';
import { describeCertificate } from '../../core/pki/certificate.js';
import { copyFonts } from '../helpers/ecopy.js';
import { pageImages, type MadeCopy } from './copies.js';
import { DAY, type CorpusPki } from './pki.js';
import type { CorpusCase } from './types.js';

export function validCases(copies: MadeCopy[]): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const c of copies) {
    out.push({ name: `valid-${c.name}`, class: 'valid', bytes: c.final, expected: { verdict: 'valid', signatures: 2 }, trustAnchors: [c.signers.root] });
    out.push({
      name: `valid-${c.name}-certifier-only`,
      class: 'valid',
      bytes: c.certified,
      expected: { verdict: 'indeterminate', signatures: 1, reasons: ['ECOPY_AUTHORITY_MISSING'], absentReasons: ['CHAIN_UNTRUSTED', 'MODIFIED_AFTER_SIGNING'] },
      trustAnchors: [c.signers.root],
      note: 'rev1: certified, the authority has not signed yet (DOMAIN.md: not complete, so not valid)',
    });
  }
  return out;
}

export async function pkiCases(a: MadeCopy, pki: CorpusPki): Promise<CorpusCase[]> {
  const now = Date.now();
  // Each copy's statement names its signer and its signing day (Vietnam), so only the PKI fact under test (and the
  // still missing authority signature of a certifier-only copy) is wrong with it.
  const sign = async (signer: Signer, at: Date) => {
    const fields = { ...a.fields, date: new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10), certifier: describeCertificate(signer.certificates[0]).subject.commonName ?? '' };
    const rev0 = await buildCopy(pageImages().slice(0, a.fields.pageCount).map((bytes, i) => ({ bytes, name: `trang${i + 1}.jpg` })), fields, copyFonts());
    return signPdf(rev0, { fieldName: CERTIFIER_FIELD, signer, signingTime: at, docMdp: 2, reason: 'corpus' });
  };
  const test = [pki.testRoot.certificate];
  return [
    {
      name: 'pki-root-not-trusted',
      class: 'pki',
      bytes: a.final,
      expected: { verdict: 'indeterminate', reasons: ['CHAIN_UNTRUSTED'] },
      trustAnchors: [pki.unrelatedRoot.certificate],
      note: 'a valid copy checked against another root only',
    },
    {
      name: 'pki-no-trust-anchors',
      class: 'pki',
      bytes: a.final,
      expected: { verdict: 'indeterminate', reasons: ['CHAIN_UNTRUSTED'] },
      trustAnchors: [],
    },
    {
      name: 'pki-self-signed-signer',
      class: 'pki',
      bytes: await sign(pki.selfSigned, new Date(now - 60_000)),
      expected: { verdict: 'indeterminate', reasons: ['CHAIN_UNTRUSTED'] },
      trustAnchors: [a.signers.root],
      note: 'self-signed end-entity certificate, not a trust anchor',
    },
    {
      name: 'pki-expired-signer',
      class: 'pki',
      bytes: await sign(pki.expired, new Date(now - 10 * DAY)),
      expected: { verdict: 'indeterminate', reasons: ['CERT_EXPIRED'] },
      trustAnchors: test,
      note: 'certificate valid until now-30d, claimed signing time now-10d, no timestamp',
    },
    {
      name: 'pki-revoked-before-signing',
      class: 'pki',
      bytes: await sign(pki.revokedEarly, new Date(now - 2 * DAY)),
      expected: { verdict: 'invalid', reasons: ['CERT_REVOKED'] },
      trustAnchors: test,
      crls: [pki.crl],
      note: 'revoked at now-10d (CRL given), claimed signing time now-2d',
    },
    {
      name: 'pki-revoked-after-signing',
      class: 'pki',
      bytes: await sign(pki.revokedLate, new Date(now - 10 * DAY)),
      expected: { verdict: 'indeterminate', signatures: 1, reasons: ['ECOPY_AUTHORITY_MISSING'], absentReasons: ['CERT_REVOKED', 'REVOCATION_UNKNOWN', 'CHAIN_UNTRUSTED'] },
      trustAnchors: test,
      crls: [pki.crl],
      note: 'revoked at now-2d, claimed signing time now-10d (the brief: valid as a signature; CERT_REVOKED_LATER may be reported); the e-copy still lacks its authority signature',
    },
    {
      name: 'pki-crl-not-revoked',
      class: 'pki',
      bytes: await sign(pki.good, new Date(now - 60_000)),
      expected: { verdict: 'indeterminate', signatures: 1, reasons: ['ECOPY_AUTHORITY_MISSING'], absentReasons: ['CERT_REVOKED', 'REVOCATION_UNKNOWN', 'CHAIN_UNTRUSTED'] },
      trustAnchors: test,
      crls: [pki.crl],
      note: 'control: same root and CRL, this serial is not on it (the e-copy still lacks its authority signature)',
    },
  ];
}

export async function unsignedAndMalformedCases(a: MadeCopy): Promise<CorpusCase[]> {
  const plain = await PDFDocument.create({ updateMetadata: false });
  const page = plain.addPage([595.28, 841.89]);
  page.drawText('Plain unsigned PDF', { x: 50, y: 780, size: 18, font: await plain.embedFont(StandardFonts.Helvetica) });
  const plainBytes = await plain.save({ useObjectStreams: false });
  const anchors = [a.signers.root];
  const err = (name: string, bytes: Uint8Array, note?: string): CorpusCase => ({
    name: `malformed-${name}`,
    class: 'malformed',
    bytes,
    expected: { verdict: 'error', reasons: ['PDF_UNREADABLE'] },
    trustAnchors: anchors,
    note,
  });
  const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  return [
    { name: 'unsigned-ecopy-rev0', class: 'malformed', bytes: a.unsigned, expected: { verdict: 'unsigned', reasons: ['NO_SIGNATURES'] }, trustAnchors: anchors, note: 'two empty signature fields, no signature' },
    { name: 'unsigned-plain-pdf', class: 'malformed', bytes: plainBytes, expected: { verdict: 'unsigned', reasons: ['NO_SIGNATURES'] }, trustAnchors: anchors },
    err('empty', new Uint8Array(0)),
    err('jpeg', makeJpeg(64, 64), 'a JPEG, not a PDF'),
    err('text', new Uint8Array(Buffer.from('Đây không phải là tệp PDF.\n', 'utf8'))),
    err('header-only', ascii('%PDF-1.7\n')),
    err('header-and-eof', ascii('%PDF-1.7\n%%EOF\n')),
    err('truncated-half', a.final.slice(0, a.unsigned.length >> 1), 'cut in the middle of rev0: no xref, no trailer, no signature'),
    err('truncated-10-bytes', a.final.slice(0, 10)),
    err('zeros', new Uint8Array(4096)),
  ];
}
