/** Fee rules live in settings (they change by circular); absent → the Circular 226/2016 baseline. */
import { DEFAULT_FEE_RULES, parseFeeRules, type FeeRule } from '../book/fee.js';
import type { SaoyDatabase } from './db.js';
import { mapStoreError } from './quota.js';

export const FEE_RULES_SETTING = 'book.feeRules';

export async function loadFeeRules(db: SaoyDatabase): Promise<FeeRule[]> {
  const rec = await db.get('settings', FEE_RULES_SETTING);
  return rec === undefined ? [...DEFAULT_FEE_RULES] : parseFeeRules(rec.value);
}

export async function saveFeeRules(db: SaoyDatabase, rules: readonly FeeRule[]): Promise<void> {
  const value = parseFeeRules(rules);
  try {
    await db.put('settings', { key: FEE_RULES_SETTING, value });
  } catch (e) {
    throw mapStoreError(e);
  }
}
