import { describe, expect, it } from 'vitest';
import { adapterMatches, isPortalAdapter, matchPatternRegExp, originToMatchPattern } from '../../../core/store/portals.js';
import { DEMO_PORTAL_ADAPTER } from '../../../extension/shared/adapters.js';

describe('portal adapters (data)', () => {
  it('match patterns compile like the browser reads them (any port, * in host and path)', () => {
    const re = matchPatternRegExp('https://dichvucong.thanhhoa.gov.vn/*');
    expect(re.test('https://dichvucong.thanhhoa.gov.vn/ho-so/1')).toBe(true);
    expect(re.test('https://dichvucong.thanhhoa.gov.vn:8443/x')).toBe(true);
    expect(re.test('http://dichvucong.thanhhoa.gov.vn/x')).toBe(false);
    expect(re.test('https://dichvucong.thanhhoa.gov.vn.evil.com/x')).toBe(false);
    expect(re.test('https://evil.com/?https://dichvucong.thanhhoa.gov.vn/')).toBe(false);
    const sub = matchPatternRegExp('https://*.gov.vn/*');
    expect(sub.test('https://a.b.gov.vn/x')).toBe(true);
    expect(sub.test('https://gov.vn/x')).toBe(true);
    expect(sub.test('https://notgov.vn/x')).toBe(false);
  });

  it('the built-in adapter matches the local demo portal only', () => {
    expect(adapterMatches(DEMO_PORTAL_ADAPTER, 'http://127.0.0.1:41234/')).toBe(true);
    expect(adapterMatches(DEMO_PORTAL_ADAPTER, 'http://localhost:8080/ho-so')).toBe(true);
    expect(adapterMatches(DEMO_PORTAL_ADAPTER, 'https://127.0.0.1.nip.io/')).toBe(false);
    expect(isPortalAdapter(DEMO_PORTAL_ADAPTER)).toBe(true);
  });

  it('turns a typed origin into the pattern to request: https, or http for this machine only', () => {
    expect(originToMatchPattern('https://DichVuCong.ThanhHoa.gov.vn/ho-so?x=1')).toBe('https://dichvucong.thanhhoa.gov.vn/*');
    expect(originToMatchPattern(' http://localhost:3000 ')).toBe('http://localhost/*');
    expect(originToMatchPattern('http://dichvucong.gov.vn')).toBeUndefined();
    expect(originToMatchPattern('https://user:pw@x.gov.vn')).toBeUndefined();
    expect(originToMatchPattern('javascript:alert(1)')).toBeUndefined();
    expect(originToMatchPattern('not a url')).toBeUndefined();
  });

  it('validates stored adapters structurally', () => {
    const ok = { id: 'p1', name: 'Cổng tỉnh', matches: ['https://x.gov.vn/*'], attachmentLinks: 'a.file' };
    expect(isPortalAdapter(ok)).toBe(true);
    expect(isPortalAdapter({ ...ok, matches: [] })).toBe(false);
    expect(isPortalAdapter({ ...ok, matches: ['<all_urls>'] })).toBe(false);
    expect(isPortalAdapter({ ...ok, attachmentLinks: '' })).toBe(false);
    expect(isPortalAdapter({ ...ok, fileInput: 3 })).toBe(false);
  });
});
