/** One file of the verification corpus and what a correct verifier says about it. */
import type { ReasonCode } from '../../core/verify/reasons.js';
import type { Verdict } from '../../core/verify/report.js';

export type CaseClass =
  | 'valid'
  | 'pki'
  | 'malformed'
  | 'third-party'
  | 'isa'
  | 'usf'
  | 'swa'
  | 'shadow'
  | 'sneaky'
  | 'flip'
  | 'transplant';

export interface Expected {
  verdict: Verdict;
  /** Reason codes that must all appear (in the file's reasons or in any signature's reasons). */
  reasons?: ReasonCode[];
  /** At least one of these must appear (where the vocabulary honestly allows more than one word for the fault). */
  anyReason?: ReasonCode[];
  /** Reason codes that must NOT appear. */
  absentReasons?: ReasonCode[];
  /** Number of signatures the report must list (only where it is beyond doubt). */
  signatures?: number;
  /** Verdicts that are equally right where docs/ARCHITECTURE.md leaves the choice open (documented in `note`). */
  alsoAcceptable?: Verdict[];
}

export interface CorpusCase {
  name: string;
  class: CaseClass;
  bytes: Uint8Array;
  expected: Expected;
  trustAnchors: Uint8Array[];
  crls?: Uint8Array[];
  /** Why the expectation is what it is (shown in the manifest and in failure messages). */
  note?: string;
}
