/**
 * The statement's date is the day of certification (Decree 23/2015 Art. 7, 10(2)): the calendar day in Vietnam
 * (UTC+7, no daylight saving) on which the certifier signs. Signing refuses any other date, so no copy can be
 * backdated or postdated; tests that need a fixed date pass a fixed signing time instead.
 */
import { SaoyError } from '../errors.js';

/** YYYY-MM-DD of `at` in Asia/Ho_Chi_Minh. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Throws DATE_NOT_SIGNING_DAY unless `date` (ISO) is the Vietnam calendar day of `at`. */
export function checkSigningDay(date: string, at: Date): void {
  const day = vietnamDay(at);
  if (date !== day) {
    throw new SaoyError(
      'DATE_NOT_SIGNING_DAY',
      `the statement is dated ${date} but is signed on ${day} (Vietnam time): a copy is dated the day it is signed`,
      `Lời chứng ghi ngày ${date} nhưng được ký ngày ${day} (giờ Việt Nam): bản sao phải ghi đúng ngày ký`,
    );
  }
}
