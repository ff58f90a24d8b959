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
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(d);
}

export function bytes(n: number): string {
  const nf = (x: number, digits: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(x);
  if (n < 1024) return `${nf(n, 0)} B`;
  if (n < 1024 * 1024) return `${nf(n / 1024, 0)} KB`;
  return `${nf(n / (1024 * 1024), 1)} MB`;
}
