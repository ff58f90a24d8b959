/** Dates as the book prints them. */
import { parseIsoDate } from '../ecopy/statement.js';

/** "2026-03-05" → "05/03/2026". */
export function formatDateVn(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) throw new RangeError(`invalid ISO date: ${iso}`);
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

/** "05/03/2026" → "2026-03-05"; undefined when it is not a real date. */
export function parseDateVn(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : undefined;
}

/** The local calendar day of an instant as ISO (the clerk's day, not UTC's). */
export function isoDay(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}
