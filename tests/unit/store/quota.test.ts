import { describe, expect, it } from 'vitest';
import { SaoyError } from '../../../core/errors';
import { isQuotaError, mapStoreError } from '../../../core/store/quota';

describe('storage errors', () => {
  it('recognises quota errors however the browser reports them', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new DOMException('full', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
    expect(isQuotaError(new Error('aborted', { cause: new DOMException('full', 'QuotaExceededError') }))).toBe(true);
    expect(isQuotaError(new DOMException('x', 'ConstraintError'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });

  it('maps, passes SaoyErrors through and wraps other IndexedDB errors', () => {
    expect((mapStoreError(new DOMException('full', 'QuotaExceededError')) as SaoyError).code).toBe('STORE_QUOTA');
    const own = new SaoyError('X', 'x', 'x');
    expect(mapStoreError(own)).toBe(own);
    expect((mapStoreError(new DOMException('dup', 'ConstraintError')) as SaoyError).code).toBe('STORE_FAILED');
    const bug = new TypeError('bug');
    expect(mapStoreError(bug)).toBe(bug);
  });
});
