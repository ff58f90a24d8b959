/**
 * What long-term validation needs to know about each signature of a document: the /Contents bytes (the VRI key
 * is their SHA-1), the certificates the CMS carries, the signer, and every RFC 3161 token (the signature
 * timestamp of a CMS signature, or the document timestamp itself) with the certificates it carries.
 */
import { parseSignedData, type ParsedSignedData } from '../cms/parse-signed-data.js';
import { OID } from '../asn1/oids.js';
import { signerCertificateCandidates } from '../cms/verify-signed-data.js';
import { dictGet, parsePdf, type ParsedPdf } from '../pdf/parse/index.js';
import { findSignatures } from '../verify/checks/signature-fields.js';
import { RevisionView } from '../verify/pdf-access.js';

export interface TimestampTokenInfo {
  /** DER TimeStampToken (ContentInfo). */
  token: Uint8Array;
  /** The TSA's certificate (the token's signer), when the token carries it. */
  tsaCertificate?: Uint8Array;
  certificates: Uint8Array[];
}

export interface DocumentSignature {
  fieldName: string;
  /** Every byte of the decoded /Contents string, padding included (ETSI EN 319 142-1 VRI key input). */
  contents: Uint8Array;
  kind: 'signature' | 'document-timestamp';
  /** The signer (a TSA for a document timestamp). */
  signerCertificate?: Uint8Array;
  /** Certificates carried by the CMS. */
  certificates: Uint8Array[];
  /** The signature timestamp (B-T) of a CMS signature, or the document timestamp's own token. */
  timestamp?: TimestampTokenInfo;
  /** Index (0 = oldest) of the revision that ends with this signature. */
  revision: number;
}

export async function documentSignatures(bytes: Uint8Array, pdf?: ParsedPdf): Promise<DocumentSignature[]> {
  const parsed = pdf ?? (await parsePdf(bytes));
  const view = new RevisionView(parsed, parsed.revisions.length - 1);
  const out: DocumentSignature[] = [];
  for (const f of findSignatures(parsed).signatures) {
    const contents = dictGet(f.sig, 'Contents');
    if (contents?.kind !== 'string') continue;
    const isDocTs = view.getName(f.sig, 'SubFilter') === 'ETSI.RFC3161' || view.getName(f.sig, 'Type') === 'DocTimeStamp';
    let cms: ParsedSignedData;
    try {
      cms = parseSignedData(contents.bytes);
    } catch {
      continue; // a broken signature has no validation data to gather
    }
    const sig: DocumentSignature = {
      fieldName: f.fieldName,
      contents: contents.bytes,
      kind: isDocTs ? 'document-timestamp' : 'signature',
      signerCertificate: signerOf(cms),
      certificates: [...cms.certificates],
      revision: revisionEnding(parsed, byteRangeEnd(view, f.sig)),
    };
    if (isDocTs) sig.timestamp = { token: contents.bytes.subarray(0, cms.encodedLength), tsaCertificate: sig.signerCertificate, certificates: sig.certificates };
    else {
      const attr = cms.unsignedAttributeList.find((a) => a.type === OID.timeStampToken);
      const token = attr?.values[0];
      if (token) sig.timestamp = tokenInfo(token);
    }
    out.push(sig);
  }
  return out.sort((a, b) => a.revision - b.revision);
}

export function tokenInfo(token: Uint8Array): TimestampTokenInfo {
  try {
    const cms = parseSignedData(token);
    return { token, tsaCertificate: signerOf(cms), certificates: [...cms.certificates] };
  } catch {
    return { token, certificates: [] };
  }
}

function signerOf(cms: ParsedSignedData): Uint8Array | undefined {
  const [first] = signerCertificateCandidates(cms.signerId, cms.certificates);
  return first?.der;
}

function byteRangeEnd(view: RevisionView, sig: Parameters<RevisionView['getArray']>[0]): number {
  const br = view.getArray(sig, 'ByteRange') ?? [];
  const nums = br.map((v) => (v.kind === 'number' ? v.value : 0));
  return (nums[2] ?? 0) + (nums[3] ?? 0);
}

/** The revision whose bytes end where the signature's ByteRange ends (the last one when none matches). */
function revisionEnding(pdf: ParsedPdf, end: number): number {
  const i = pdf.revisions.findIndex((r) => r.end >= end);
  return i < 0 ? pdf.revisions.length - 1 : i;
}
