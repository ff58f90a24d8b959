/** PEM ⇄ DER without Node's Buffer (core runs in browsers too). */

export function derToPem(der: Uint8Array, label: string): string {
  let bin = '';
  for (const b of der) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** Every PEM block with the given label (e.g. all certificates of a bundle), in order. */
export function pemBlocks(text: string, label: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]{0,2000000}?)-----END ${label}-----`, 'g');
  for (const m of text.matchAll(re)) {
    const bin = atob((m[1] ?? '').replace(/\s+/g, ''));
    const der = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) der[i] = bin.charCodeAt(i);
    out.push(der);
  }
  return out;
}

/** Certificates from a file that is either DER or PEM (one or several blocks). */
export function certificatesFromFile(bytes: Uint8Array): Uint8Array[] {
  if (bytes[0] === 0x30) return [bytes];
  const text = new TextDecoder('latin1').decode(bytes);
  return pemBlocks(text, 'CERTIFICATE');
}
