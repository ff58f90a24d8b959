/**
 * One rule of the difference policy (pyHanko's diff_analysis is the model): it explains kinds of change at a
 * modification level by claiming changed keys and approving new objects, and it may veto a revision. Whatever no
 * rule explains is disallowed (reject by default).
 */
import type { ModificationLevel } from '../report.js';
import type { DiffContext, RuleLevel } from './context.js';

export interface DiffRule {
  /** Stable name, shown with each veto (e.g. "dss"). */
  name: string;
  /** The level of what it explains, or 'veto' for a rule that only rejects. */
  level: RuleLevel | 'veto';
  /** One line: which object changes it explains or rejects (and from which specification). */
  explains: string;
  /** Claims changed keys and approves new objects (rules run in list order). */
  explain?(ctx: DiffContext): void | Promise<void>;
  /** After every rule has explained: may veto, knowing the modification level reached. */
  review?(ctx: DiffContext, level: ModificationLevel): void;
}
