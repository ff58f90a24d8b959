/** The few lines that name a certificate in a report or a key list, as plain JSON-friendly strings. */
import { describeCertificate } from './certificate.js';

export interface CertificateLines {
  subject: string;
  commonName?: string;
  organization?: string;
  issuer: string;
  serialHex: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
}

export function certificateLines(der: Uint8Array): CertificateLines {
  const d = describeCertificate(der);
  return {
    subject: d.subject.text,
    commonName: d.subject.commonName,
    organization: d.subject.organization,
    issuer: d.issuer.text,
    serialHex: d.serialHex,
    notBefore: d.notBefore.toISOString(),
    notAfter: d.notAfter.toISOString(),
  };
}
