/**
 * E-copies signed through the generic signing path (buildCopy → signPdf into the two fixed fields), with any
 * statement data and any claimed signing time: the e-copy profile checks need copies the certify service would
 * refuse to make (a statement dated another day, a wrong office or certifier).
 */
import { signPdf } from '../../core/certify/sign-pdf.js';
import { buildCopy } from '../../core/ecopy/index.js';
import { AUTHORITY_FIELD, CERTIFIER_FIELD, type EcopyFields } from '../../core/ecopy/fields.js';
import type { Signer } from '../../core/signers/signer.js';
import { pageImages } from '../corpus/copies.js';
import { copyFonts, sampleFields } from './ecopy.js';

export const vnDay = (d: Date): string => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export interface SignedEcopy {
  fields: EcopyFields;
  unsigned: Uint8Array;
  certified: Uint8Array;
  final?: Uint8Array;
}

export async function signedEcopy(opts: { certifier: Signer; authority?: Signer; fields?: Partial<EcopyFields>; at?: Date }): Promise<SignedEcopy> {
  const at = opts.at ?? new Date(Date.now() - 60_000);
  const fields = sampleFields({ pageCount: 1, date: vnDay(at), ...opts.fields });
  const unsigned = await buildCopy(pageImages().slice(0, 1).map((bytes) => ({ bytes, name: 'p.jpg' })), fields, copyFonts());
  const certified = await signPdf(unsigned, { fieldName: CERTIFIER_FIELD, signer: opts.certifier, signingTime: at, docMdp: 2, reason: 'Chứng thực bản sao đúng với bản chính', location: fields.office });
  const final = opts.authority ? await signPdf(certified, { fieldName: AUTHORITY_FIELD, signer: opts.authority, signingTime: at, reason: 'Cơ quan có thẩm quyền xác nhận', location: fields.office }) : undefined;
  return { fields, unsigned, certified, final };
}
