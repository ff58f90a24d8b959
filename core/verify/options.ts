import type { TrustList } from '../pki/trust-lists.js';

/** Inputs of one verification (everything offline: trust and revocation data are given, never fetched). */
export interface VerifyOptions {
  /** Trust anchors (DER certificates). Only a chain ending at one of these makes a signature trusted. */
  trustAnchors: readonly Uint8Array[];
  /** Named trust lists (built-in, demo...); `trustAnchors` is the list "user". A report names the list a signer chains to. */
  trustLists?: readonly TrustList[];
  /** Chain-building help (e.g. `--intermediate`): offered to path building, never anchors. */
  intermediates?: readonly Uint8Array[];
  /** CRLs (DER) given by the user, in addition to those embedded in the document's /DSS. */
  crls?: readonly Uint8Array[];
  /** OCSP responses (DER OCSPResponse) given by the user, in addition to those in the document's /DSS /OCSPs. */
  ocspResponses?: readonly Uint8Array[];
  /** Evaluate trust at this time instead of now (ISO time from `--at`). */
  at?: Date;
  /** Shown in the report. */
  fileName?: string;
  /** Safety limits for untrusted input. */
  limits?: Partial<VerifyLimits>;
  /**
   * Called now and then during the synchronous parts of the work (parsing, reading objects); throwing stops the
   * verification. A worker pool uses it to stop a job at once instead of terminating a worker that is still busy.
   */
  interrupt?: () => void;
}

export interface VerifyLimits {
  maxFileBytes: number;
  maxMillis: number;
}

export const DEFAULT_VERIFY_LIMITS: VerifyLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxMillis: 10_000,
};
