/** The Reservation a store hands the certify workflow for a freshly appended entry (same in every store). */
import type { BookState, EntryRecord, Reservation } from './types.js';

export function reservationOf(state: BookState, e: EntryRecord): Reservation {
  return {
    bookId: state.config.id,
    seq: e.seq,
    bookNo: state.config.bookNo,
    office: state.config.office,
    number: e.number,
    certNo: e.certNo,
    date: e.date,
    requester: e.requester,
    docName: e.docName,
    signerName: e.signerName,
    fee: e.fee,
    reservedAt: e.at,
  };
}
