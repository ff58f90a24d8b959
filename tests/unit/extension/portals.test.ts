import { describe, expect, it } from 'vitest';
import { adapterMatches, isPortalAdapter, matchPatternRegExp, originToMatchPattern } from '../../../core/store/portals.js';
import { attachmentPolicy } from '../../../extension/background/attachment-origin.js';
import { BUILT_IN_ADAPTERS, demoPortalAdapter } from '../../../extension/shared/adapters.js';

describe('portal adapters (data)', () => {
  it('match patterns compile to exact origins (scheme + host + port), * in host and path', () => {
    const re = matchPatternRegExp('https://dichvucong.thanhhoa.gov.vn/*');
    expect(re.test('https://dichvucong.thanhhoa.gov.vn/ho-so/1')).toBe(true);
    expect(re.test('https://dichvucong.thanhhoa.gov.vn:8443/x')).toBe(false);
    const port = matchPatternRegExp('http://127.0.0.1:8080/*');
    expect(port.test('http://127.0.0.1:8080/ho-so')).toBe(true);
    expect(port.test('http://127.0.0.1:8081/ho-so')).toBe(false);
    expect(port.test('http://127.0.0.1:80800/ho-so')).toBe(false);
    expect(port.test('http://127.0.0.1/ho-so')).toBe(false);
    expect(matchPatternRegExp('https://x.gov.vn:443/*').test('https://x.gov.vn/a')).toBe(true);
    expect(re.test('http://dichvucong.thanhhoa.gov.vn/x')).toBe(false);
    expect(re.test('https://dichvucong.thanhhoa.gov.vn.evil.com/x')).toBe(false);
    expect(re.test('https://evil.com/?https://dichvucong.thanhhoa.gov.vn/')).toBe(false);
    const sub = matchPatternRegExp('https://*.gov.vn/*');
    expect(sub.test('https://a.b.gov.vn/x')).toBe(true);
    expect(sub.test('https://gov.vn/x')).toBe(true);
    expect(sub.test('https://notgov.vn/x')).toBe(false);
  });

  it('the demo adapter matches its own origin only, never another port of the same host', () => {
    const demo = demoPortalAdapter('http://127.0.0.1:41234');
    expect(adapterMatches(demo, 'http://127.0.0.1:41234/')).toBe(true);
    expect(adapterMatches(demo, 'http://127.0.0.1:41235/')).toBe(false);
    expect(adapterMatches(demo, 'http://localhost:41234/')).toBe(false);
    expect(adapterMatches(demo, 'https://127.0.0.1.nip.io/')).toBe(false);
    expect(isPortalAdapter(demo)).toBe(true);
    expect(BUILT_IN_ADAPTERS.filter((a) => adapterMatches(a, 'http://127.0.0.1:41235/'))).toEqual([]);
  });

  it('attachments: the page\'s own origin with cookies, a listed origin without, anything else refused', () => {
    const demo = { ...demoPortalAdapter('http://127.0.0.1:41234'), matches: ['http://127.0.0.1:41234/*', 'https://files.x.gov.vn/*'] };
    const page = 'http://127.0.0.1:41234/ho-so';
    expect(attachmentPolicy(page, 'http://127.0.0.1:41234/files/a.pdf', demo)).toEqual({ origin: 'http://127.0.0.1:41234', credentials: true });
    expect(attachmentPolicy(page, 'https://files.x.gov.vn/a.pdf', demo)).toEqual({ origin: 'https://files.x.gov.vn', credentials: false });
    for (const u of ['http://127.0.0.1:41235/a.pdf', 'http://localhost:41234/a.pdf', 'https://files.x.gov.vn:8443/a.pdf', 'file:///etc/passwd', 'data:application/pdf,x']) {
      expect(attachmentPolicy(page, u, demo), u).toBeUndefined();
    }
    expect(attachmentPolicy('http://127.0.0.1:9999/', 'http://127.0.0.1:9999/a.pdf', demo)).toBeUndefined(); // page not in the adapter
    expect(attachmentPolicy(page, 'http://127.0.0.1:41234/a.pdf', undefined)).toBeUndefined();
  });

  it('turns a typed origin into the pattern to request: https, or http for this machine only', () => {
    expect(originToMatchPattern('https://DichVuCong.ThanhHoa.gov.vn/ho-so?x=1')).toBe('https://dichvucong.thanhhoa.gov.vn/*');
    expect(originToMatchPattern(' http://localhost:3000 ')).toBe('http://localhost:3000/*');
    expect(originToMatchPattern('https://x.gov.vn:443/a')).toBe('https://x.gov.vn/*');
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
