/** Dates and sizes the way the chosen language writes them. */
import { lang } from './i18n.js';

const locale = () => (lang() === 'vi' ? 'vi-VN' : 'en-GB');

/** dd/mm/yyyy hh:mm:ss (local time), the way Vietnamese documents write it; unambiguous in English too. */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function date(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  // ICU writes "24 tháng 11, 2026"; Vietnamese documents (and the statement on the copy) write "năm".
  if (lang() === 'vi') return `${d.getDate()} tháng ${d.getMonth() + 1} năm ${d.getFullYear()}`;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(d);
}

export function bytes(n: number): string {
  const nf = (x: number, digits: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(x);
  if (n < 1024) return `${nf(n, 0)} B`;
  if (n < 1024 * 1024) return `${nf(n / 1024, 0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${nf(n / (1024 * 1024), 1)} MB`;
  return `${nf(n / (1024 * 1024 * 1024), 1)} GB`;
}

/** Whole VND: "4.000 đ" in Vietnamese, "4,000 VND" in English. */
export function money(vnd: number): string {
  const n = new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(vnd);
  return lang() === 'vi' ? `${n} đ` : `${n} VND`;
}

/** dd/mm/yyyy for an ISO date (the way the book writes dates, in both languages). */
export function dayVn(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A SHA-256 in groups of 8 so a person can compare it by eye. */
export function groupedHex(hex: string): string {
  return hex.replace(/(.{8})(?=.)/g, '$1 ');
}
