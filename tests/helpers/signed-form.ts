/**
 * The small signed form the difference-rule tests start from: rev0 = the form (tests/corpus/real-world/sources.ts),
 * rev1 = field sigA signed with a placeholder signature dictionary (analyseChanges compares revisions only, so no
 * cryptography is needed).
 */
import { appendUpdate } from '../corpus/pdf-bytes.js';
import { formDoc } from '../corpus/real-world/sources.js';

export const FAKE_SIG = '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [ 0 10 20 30 ] /Contents <3000> >>';

export function signedForm(): Uint8Array {
  return appendUpdate(formDoc(), [
    { num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 15 0 R /M (D:20260105090000Z) >>' },
    { num: 15, body: FAKE_SIG },
  ]).bytes;
}
