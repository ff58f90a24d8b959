/** The CN of an RFC 4514-style subject string (what the list shows first), falling back to the whole string. */
export function readDistinguishedNameText(subject: string): string {
  const m = /(?:^|,)CN=((?:\\.|[^,])*)/.exec(subject);
  return m ? m[1].replace(/\\(.)/g, '$1') : subject;
}
