/**
 * RFC 3161 signature timestamp (PAdES B-T): the token is a SignedData over a TSTInfo whose messageImprint is the
 * hash of the SignerInfo's signature value. A token that checks out proves the signature existed at genTime;
 * whether the TSA is trusted is for core/pki/trust.ts (purpose 'timestamping') to decide.
 */
import { parseSignedData } from './parse-signed-data.js';
import { verifySignerInfo } from './verify-signed-data.js';
import { encapsulatedContent, parseTstInfo } from './tst-info.js';
import { describeCertificate } from '../pki/certificate.js';
import { bytesEqual } from '../bytes/concat.js';
import { digest } from '../bytes/sha.js';
import { DIGEST_OIDS } from '../crypto/digest-oids.js';
import { OID } from '../asn1/oids.js';

export interface TimestampCheck {
  /** Invalid Date when the token cannot be read. */
  genTime: Date;
  /** messageImprint equals the hash of `signatureValue`. */
  imprintMatches: boolean;
  /** The token's own CMS signature verifies over its TSTInfo (digest, content type, ESS attribute). */
  signatureValid: boolean;
  tsaCertificate?: Uint8Array;
  /** Certificates carried in the token (for chain building). */
  certificates: Uint8Array[];
  /** Stable codes, optionally followed by ": detail". */
  problems: string[];
}


export async function verifyTimestampToken(token: Uint8Array, signatureValue: Uint8Array): Promise<TimestampCheck> {
  const result: TimestampCheck = {
    genTime: new Date(Number.NaN),
    imprintMatches: false,
    signatureValid: false,
    certificates: [],
    problems: [],
  };
  const { problems } = result;
  let tstInfoDer: Uint8Array | undefined;
  let cms: ReturnType<typeof parseSignedData>;
  try {
    cms = parseSignedData(token);
    result.certificates = [...cms.certificates];
    tstInfoDer = encapsulatedContent(token);
  } catch (e) {
    problems.push(`TIMESTAMP_MALFORMED: ${e instanceof Error ? e.message : String(e)}`);
    return result;
  }
  if (cms.contentType !== OID.tstInfo) problems.push(`TIMESTAMP_CONTENT_TYPE: ${cms.contentType}`);
  if (!tstInfoDer) {
    problems.push('TIMESTAMP_MALFORMED: no TSTInfo');
    return result;
  }
  let tst: ReturnType<typeof parseTstInfo>;
  try {
    tst = parseTstInfo(tstInfoDer);
  } catch (e) {
    problems.push(`TIMESTAMP_MALFORMED: ${e instanceof Error ? e.message : String(e)}`);
    return result;
  }
  result.genTime = tst.genTime;

  const imprintHash = DIGEST_OIDS[tst.hashAlgorithm];
  if (!imprintHash) problems.push(`UNSUPPORTED_DIGEST_ALGORITHM: imprint ${tst.hashAlgorithm}`);
  else result.imprintMatches = bytesEqual(tst.hashedMessage, await digest(imprintHash, signatureValue));
  if (imprintHash && !result.imprintMatches) problems.push('TIMESTAMP_IMPRINT_MISMATCH');

  const tstBytes = tstInfoDer;
  const check = await verifySignerInfo(cms, (alg) => digest(alg, tstBytes));
  problems.push(...check.problems);
  result.tsaCertificate = check.signerCertificate;
  // RFC 3161 §2.4.1 requires an ESS signing-certificate attribute; one that names another certificate fails.
  const essOk = check.signingCertificateV1Ok !== false && check.signingCertificateV2Ok !== false;
  if (check.signingCertificateV1Ok === undefined && check.signingCertificateV2Ok === undefined) problems.push('TIMESTAMP_ESS_MISSING');
  result.signatureValid =
    check.signatureValid && check.messageDigestMatches && check.contentTypeOk && essOk && cms.contentType === OID.tstInfo;
  if (check.signerCertificate && !hasTimeStampingUsage(check.signerCertificate)) problems.push('TSA_EKU_MISSING');
  return result;
}

function hasTimeStampingUsage(der: Uint8Array): boolean {
  try {
    return describeCertificate(der).extendedKeyUsage?.includes(OID.kpTimeStamping) ?? false;
  } catch {
    return false;
  }
}
