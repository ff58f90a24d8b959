/**
 * Reading an XMP packet as text, for the xmp-metadata rule: one property's value, and the packet without what
 * signing tools rewrite (TOOL_PROPS, the xpacket wrapper, white space), so two packets compare equal exactly when
 * nothing else changed.
 */

const TOOL_PROPS = ['xmp:ModifyDate', 'xmp:MetadataDate', 'pdf:Producer', 'xmpMM:InstanceID'];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text of one property in element form (<p>...</p>) or attribute form (p="..."), or ''. */
export function property(xmp: string, name: string): string {
  const el = new RegExp(`<${esc(name)}(\\s[^>]*)?>([\\s\\S]*?)</${esc(name)}>`).exec(xmp);
  if (el) return el[2].replace(/\s+/g, ' ').trim();
  const attr = new RegExp(`\\s${esc(name)}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(xmp);
  return attr ? (attr[2] ?? attr[3] ?? '').trim() : '';
}

/** The packet with the tool-maintained properties and insignificant white space removed. */
export function normalised(xmp: string): string {
  let s = xmp;
  for (const p of TOOL_PROPS) {
    s = s.replace(new RegExp(`<${esc(p)}(\\s[^>]*)?>[\\s\\S]*?</${esc(p)}>`, 'g'), '').replace(new RegExp(`<${esc(p)}(\\s[^>]*)?/>`, 'g'), '');
    s = s.replace(new RegExp(`\\s${esc(p)}\\s*=\\s*("[^"]*"|'[^']*')`, 'g'), '');
  }
  return s.replace(/<\?xpacket[^?]*\?>/g, '').replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim();
}
