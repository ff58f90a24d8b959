/** PDF date strings (ISO 32000-1 §7.9.4): D:YYYYMMDDHHmmSSOHH'mm' with every part after the year optional. */
export function parsePdfDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (Number.isNaN(t)) return undefined;
  if (sign === '+' || sign === '-') {
    const off = (+oh * 60 + +om) * 60_000;
    t += sign === '+' ? -off : off;
  }
  return new Date(t);
}
