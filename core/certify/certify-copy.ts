import { buildCopy, type OriginalImage } from '../ecopy/index.js';
import { AUTHORITY_FIELD, CERTIFIER_FIELD, type EcopyFields } from '../ecopy/fields.js';
import { checkSigningCertificate, describeCertificate } from '../pki/certificate.js';
import type { Signer } from '../signers/signer.js';
import { signatureAppearance, type SignatureLook } from './appearance.js';
import { signPdf } from './sign-pdf.js';
import { checkSigningDay } from './signing-day.js';

export interface CopyFonts {
  fontRegular: Uint8Array;
  fontBold: Uint8Array;
}

export interface CertifyCopyInput {
  pages: OriginalImage[];
  fields: EcopyFields;
  fonts: CopyFonts;
  certifier: Signer;
  /** When absent the copy stops after the certifier's signature and awaits the authority. */
  authority?: Signer;
  /** Claimed signing time (defaults to now); the statement's date must be its day in Vietnam. Tests pass a
   * fixed time here (the clock is injected, never read from the environment). */
  signingTime?: Date;
  /** PAdES B-T: fetches an RFC 3161 token over a signature value (see SignPdfOptions.timestamp). */
  timestamp?: Timestamper;
  /** Optional images in the visible signatures: the certifier's signature, the office's seal. */
  certifierImage?: Uint8Array;
  sealImage?: Uint8Array;
}

/** Resolving to undefined (a tolerant timestamper whose TSA failed) leaves the signature without a timestamp. */
export type Timestamper = (signatureValue: Uint8Array) => Promise<Uint8Array | undefined>;

export interface CertifiedCopy {
  /** rev0: rendered copy with both empty signature fields. */
  unsigned: Uint8Array;
  /** rev1: plus the certifier's certification signature. */
  certified: Uint8Array;
  /** rev2: plus the authority's approval signature (undefined when no authority signer was given). */
  final?: Uint8Array;
}

export const CERTIFIER_REASON = 'Chứng thực bản sao đúng với bản chính';
export const AUTHORITY_REASON = 'Cơ quan có thẩm quyền xác nhận bản sao điện tử được chứng thực';

/** The whole certify path of docs/ARCHITECTURE.md, minus the book and the cache (which belong to the shells). */
export async function certifyCopy(input: CertifyCopyInput): Promise<CertifiedCopy> {
  const at = input.signingTime ?? new Date();
  checkSigningDay(input.fields.date, at);
  checkSigningCertificate(input.certifier.certificates[0], at);
  if (input.authority) checkSigningCertificate(input.authority.certificates[0], at);

  const unsigned = await buildCopy(input.pages, input.fields, input.fonts);
  const certified = await signCertifier(unsigned, input.certifier, input.fields, at, input.timestamp, { fonts: input.fonts, image: input.certifierImage });
  const final = input.authority
    ? await signAuthority(certified, input.authority, input.fields, at, input.timestamp, { fonts: input.fonts, image: input.sealImage })
    : undefined;
  return { unsigned, certified, final };
}

/**
 * The visible signature of `signer` (DOMAIN.md): the certificate's common name (a person, or the office for the
 * authority), its organisation (else the office of the copy), the signing time. Without `look` the widget keeps
 * its empty appearance (callers that have no fonts at hand, e.g. re-signing tools).
 */
function appearanceFor(signer: Signer, office: string, at: Date, look?: SignatureLook) {
  if (!look) return undefined;
  const subject = describeCertificate(signer.certificates[0]).subject;
  return signatureAppearance(
    { signer: subject.commonName ?? subject.text, organisation: subject.organization ?? office, signingTime: at },
    look,
  );
}

export async function signCertifier(
  pdf: Uint8Array,
  signer: Signer,
  fields: Pick<EcopyFields, 'office' | 'date'>,
  at: Date,
  timestamp?: Timestamper,
  look?: SignatureLook,
): Promise<Uint8Array> {
  checkSigningDay(fields.date, at);
  checkSigningCertificate(signer.certificates[0], at);
  return signPdf(pdf, {
    fieldName: CERTIFIER_FIELD,
    signer,
    signingTime: at,
    docMdp: 2,
    signerName: describeCertificate(signer.certificates[0]).subject.commonName,
    reason: CERTIFIER_REASON,
    location: fields.office,
    timestamp,
    appearance: appearanceFor(signer, fields.office, at, look),
  });
}

export async function signAuthority(
  pdf: Uint8Array,
  signer: Signer,
  fields: Pick<EcopyFields, 'office'>,
  at: Date,
  timestamp?: Timestamper,
  look?: SignatureLook,
): Promise<Uint8Array> {
  checkSigningCertificate(signer.certificates[0], at);
  return signPdf(pdf, {
    fieldName: AUTHORITY_FIELD,
    signer,
    signingTime: at,
    signerName: describeCertificate(signer.certificates[0]).subject.commonName,
    reason: AUTHORITY_REASON,
    location: fields.office,
    timestamp,
    appearance: appearanceFor(signer, fields.office, at, look),
  });
}
