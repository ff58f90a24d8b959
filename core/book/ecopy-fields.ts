/** The e-copy's statement fields from a reservation, so the copy says exactly what the book says. */
import type { EcopyFields } from '../ecopy/fields.js';
import type { Reservation } from './types.js';

export function ecopyFieldsFor(r: Reservation, extra: { pageCount: number; authority?: string }): EcopyFields {
  return {
    certNo: r.certNo,
    bookNo: r.bookNo,
    date: r.date,
    office: r.office,
    certifier: r.signerName,
    docName: r.docName,
    requester: r.requester,
    pageCount: extra.pageCount,
    ...(extra.authority ? { authority: extra.authority } : {}),
  };
}
