import { PDFDocument, type PDFRef } from 'pdf-lib';
import { SaoyError } from '../errors.js';
import { toHex } from '../bytes/hex.js';
import { indexOfAscii, latin1 } from './bytes.js';
import { appendRevision, type UpdatedObject } from './incremental-writer.js';
import { pdfDate, pdfTextString } from './pdf-string.js';
import { readSigningTarget, type SigningTarget } from './signing-target.js';
import { writeDict } from './write-value.js';

export type DocMdpLevel = 1 | 2 | 3;

/**
 * Draws a signature's visible appearance: registers new objects in `doc` (a form XObject of `box`'s size and
 * whatever it uses: font subset, image) and returns the form's reference. Every object it registers is written
 * in the signing update; the widget's /AP /N then points at the form.
 */
export type AppearanceDrawer = (doc: PDFDocument, box: { width: number; height: number }) => Promise<PDFRef>;

export interface FieldSignatureOptions {
  /** Fully qualified name of the empty signature field to fill. */
  fieldName: string;
  /** Claimed signing time, written to /M (PAdES: no CMS signing-time attribute). */
  signingTime: Date;
  /** Bytes reserved for the DER CMS; the hex placeholder is twice as long. */
  contentsCapacity: number;
  /** Makes this a certification signature with this DocMDP /P level (only the first signature may). */
  docMdp?: DocMdpLevel;
  signerName?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** A document timestamp (PAdES B-LTA, /SubFilter /ETSI.RFC3161): /Contents will hold an RFC 3161 token. */
  docTimeStamp?: boolean;
  /** Visible appearance for the field's widget (the field must be merged with its widget). */
  appearance?: AppearanceDrawer;
}

/** The file with an appended revision whose /Contents is still zeros. */
export interface PreparedSignature {
  bytes: Uint8Array;
  byteRange: readonly [number, number, number, number];
  /** Offset of the first hex digit inside /Contents < >. */
  contentsHexStart: number;
  contentsCapacity: number;
}

const BYTE_RANGE_PLACEHOLDER = '[0 ########## ########## ##########]';

/**
 * Appends, as an incremental update, a signature dictionary with a zero-filled /Contents and sets the
 * field's /V to it (plus /Perms /DocMDP on the catalog for a certification signature). The caller
 * hashes `signedParts`, builds the CMS and calls `embedSignature`.
 */
export async function prepareFieldSignature(pdf: Uint8Array, opts: FieldSignatureOptions): Promise<PreparedSignature> {
  // Read with the verifier's strict parser; pdf-lib only draws the appearance, in a document of its own.
  const target = await readSigningTarget(pdf, opts.fieldName);
  const objects: UpdatedObject[] = [];
  const fieldEntries = new Map<string, string>();
  // New objects never reuse a number the file already has (even a free one): the update only adds.
  let next = target.nextObject;
  if (opts.appearance) {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, next - 1);
    const firstNew = doc.context.largestObjectNumber + 1;
    const form = await opts.appearance(doc, widgetBox(target, opts.fieldName));
    objects.push(...newObjectsFrom(doc, firstNew));
    fieldEntries.set('AP', `<< /N ${form.toString()} >>`);
    next = doc.context.largestObjectNumber + 1;
  }

  const sigNum = next;
  const sigRef = `${sigNum} 0 R`;
  const hexLength = opts.contentsCapacity * 2;
  objects.push({ num: sigNum, gen: 0, body: latin1(signatureDictionary(opts, hexLength)) });
  fieldEntries.set('V', sigRef);
  objects.push({ num: target.field.num, gen: target.field.gen, body: latin1(writeDict(target.field.dict.entries, fieldEntries)) });

  if (opts.docMdp) {
    if (target.catalog.entries.has('Perms')) {
      throw new SaoyError('SIG_ALREADY_CERTIFIED', 'the PDF already carries a certification (DocMDP) signature', 'Tệp PDF đã có chữ ký chứng nhận (DocMDP)');
    }
    const catalog = writeDict(target.catalog.entries, new Map([['Perms', `<< /DocMDP ${sigRef} >>`]]));
    objects.push({ num: target.root.num, gen: target.root.gen, body: latin1(catalog) });
  }

  const { bytes, offsets } = appendRevision(
    pdf,
    objects,
    {
      size: sigNum + 1,
      root: `${target.root.num} ${target.root.gen} R`,
      info: target.info,
      id: trailerId(target.firstId),
      prev: target.prev,
    },
    target.kind,
  );

  const sigAt = offsets.get(sigNum);
  if (sigAt === undefined) throw new Error('signature object offset missing');
  const brAt = indexOfAscii(bytes, BYTE_RANGE_PLACEHOLDER, sigAt);
  const contentsLt = indexOfAscii(bytes, '/Contents <', sigAt) + '/Contents '.length;
  const a = contentsLt;
  const b = contentsLt + hexLength + 2;
  const c = bytes.length - b;
  const br = `[0 ${a} ${b} ${c}`;
  if (br.length + 1 > BYTE_RANGE_PLACEHOLDER.length) throw new SaoyError('PDF_TOO_LARGE', 'the PDF is too large to sign', 'Tệp PDF quá lớn để ký');
  bytes.set(latin1(br.padEnd(BYTE_RANGE_PLACEHOLDER.length - 1, ' ') + ']'), brAt);
  return { bytes, byteRange: [0, a, b, c], contentsHexStart: a + 1, contentsCapacity: opts.contentsCapacity };
}

/** Width and height of the widget's /Rect; the field must itself be the widget (fields with /Kids are not drawn). */
function widgetBox(target: SigningTarget, name: string): { width: number; height: number } {
  const { parsed, field } = target;
  const rect = parsed.resolve(field.dict.entries.get('Rect'));
  const n = (i: number): number => {
    const v = rect.kind === 'array' ? parsed.resolve(rect.items[i]) : undefined;
    return v?.kind === 'number' ? v.value : NaN;
  };
  const width = Math.abs(n(2) - n(0));
  const height = Math.abs(n(3) - n(1));
  if (!(width > 1 && height > 1)) {
    throw new SaoyError('SIG_FIELD_NO_WIDGET', `the signature field "${name}" has no visible widget to draw in`, `Ô chữ ký "${name}" không có vùng hiển thị để vẽ chữ ký`);
  }
  return { width, height };
}

/** Every object registered since `first`, serialised as it will be written (streams with their bytes). */
function newObjectsFrom(doc: PDFDocument, first: number): UpdatedObject[] {
  const out: UpdatedObject[] = [];
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (ref.objectNumber < first) continue;
    const body = new Uint8Array(obj.sizeInBytes());
    obj.copyBytesInto(body, 0);
    out.push({ num: ref.objectNumber, gen: ref.generationNumber, body });
  }
  return out;
}

/** The bytes a signature covers: everything but the /Contents hex string. */
export function signedBytes(prepared: PreparedSignature): Uint8Array {
  const [, a, b, c] = prepared.byteRange;
  const out = new Uint8Array(a + c);
  out.set(prepared.bytes.subarray(0, a), 0);
  out.set(prepared.bytes.subarray(b, b + c), a);
  return out;
}

/** Writes the DER CMS into the placeholder (zero-padded); the ByteRange is unchanged. */
export function embedSignature(prepared: PreparedSignature, cms: Uint8Array): Uint8Array {
  if (cms.length > prepared.contentsCapacity) {
    throw new SaoyError(
      'SIG_PLACEHOLDER_TOO_SMALL',
      `the signature (${cms.length} bytes) does not fit its placeholder (${prepared.contentsCapacity} bytes)`,
      'Chữ ký số lớn hơn chỗ dành sẵn trong tệp PDF',
    );
  }
  const out = prepared.bytes.slice();
  out.set(latin1(toHex(cms).toUpperCase()), prepared.contentsHexStart);
  return out;
}

function signatureDictionary(opts: FieldSignatureOptions, hexLength: number): string {
  let s = opts.docTimeStamp
    ? '<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161'
    : '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached';
  s += ` /ByteRange ${BYTE_RANGE_PLACEHOLDER}`;
  s += ` /Contents <${'0'.repeat(hexLength)}>`;
  if (!opts.docTimeStamp) s += ` /M (${pdfDate(opts.signingTime)})`;
  if (opts.signerName) s += ` /Name ${pdfTextString(opts.signerName)}`;
  if (opts.reason) s += ` /Reason ${pdfTextString(opts.reason)}`;
  if (opts.location) s += ` /Location ${pdfTextString(opts.location)}`;
  if (opts.contactInfo) s += ` /ContactInfo ${pdfTextString(opts.contactInfo)}`;
  if (opts.docMdp) {
    s += ` /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${opts.docMdp} /V /1.2 >> >>]`;
  }
  return s + ' >>';
}

/** Keeps the permanent first /ID half and renews the second, as an update should. */
function trailerId(first: string | undefined): string {
  const fresh = toHex(globalThis.crypto.getRandomValues(new Uint8Array(16))).toUpperCase();
  return `[${first ?? `<${fresh}>`} <${fresh}>]`;
}
