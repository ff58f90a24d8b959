/**
 * core/store/portals.ts check by check (issue 14: no surviving mutant in the URL checks): how a match pattern
 * compiles (scheme, host, port, path), which typed origins become patterns, and what a stored adapter must be.
 */
import { describe, expect, it } from 'vitest';
import { isMatchPattern, isPortalAdapter, matchPatternRegExp, originToMatchPattern } from '../../../core/store/portals.js';

const matches = (pattern: string, url: string) => matchPatternRegExp(pattern).test(url);

describe('matchPatternRegExp', () => {
  it('a pattern that is not one matches nothing, and does not throw', () => {
    for (const p of ['ftp://x.gov.vn/*', 'xhttps://x.gov.vn/*', 'https://x.gov.vn', 'not a pattern', 'https://x.gov.vn/a\n*']) {
      expect(matches(p, 'https://x.gov.vn/a'), p).toBe(false);
      expect(matches(p, 'ftp://x.gov.vn/a'), p).toBe(false);
    }
  });
  it('* as scheme: http and https, nothing else', () => {
    expect(matches('*://x.gov.vn/*', 'http://x.gov.vn/a')).toBe(true);
    expect(matches('*://x.gov.vn/*', 'https://x.gov.vn/a')).toBe(true);
    expect(matches('*://x.gov.vn/*', 'ftp://x.gov.vn/a')).toBe(false);
  });
  it('* as host: any host, on the default port', () => {
    expect(matches('https://*/*', 'https://any.where.vn/x')).toBe(true);
    expect(matches('https://*/*', 'https://any.where.vn:8443/x')).toBe(false);
  });
  it('case: scheme and host in any case in the pattern; the path matches in any case too (the origin, which is the security boundary, is exact either way)', () => {
    expect(matches('HTTPS://X.Gov.VN/*', 'https://x.gov.vn/a')).toBe(true);
    expect(matches('https://x.gov.vn/Files/*', 'https://x.gov.vn/files/a')).toBe(true);
    expect(matches('https://X.gov.vn/*', 'https://y.gov.vn/a')).toBe(false);
  });
  it('the path: * is any run of characters, everything else literal, to the end', () => {
    expect(matches('https://x.gov.vn/files/*.pdf', 'https://x.gov.vn/files/a.pdf')).toBe(true);
    expect(matches('https://x.gov.vn/files/*.pdf', 'https://x.gov.vn/files/sub/b.pdf')).toBe(true);
    expect(matches('https://x.gov.vn/files/*.pdf', 'https://x.gov.vn/other/a.pdf')).toBe(false);
    expect(matches('https://x.gov.vn/files/*.pdf', 'https://x.gov.vn/files/a.pdfx')).toBe(false);
    expect(matches('https://x.gov.vn/files/*.pdf', 'https://x.gov.vn/files/aXpdf')).toBe(false);
    expect(matches('https://x.gov.vn/ho-so/*', 'https://x.gov.vn/ho-so/1')).toBe(true);
  });
  it('a default port written out is the default port; another scheme’s default is not', () => {
    expect(matches('http://x.vn:80/*', 'http://x.vn/a')).toBe(true);
    expect(matches('https://x.vn:443/*', 'https://x.vn/a')).toBe(true);
    expect(matches('https://x.vn:80/*', 'https://x.vn/a')).toBe(false);
    expect(matches('https://x.vn:80/*', 'https://x.vn:80/a')).toBe(true);
    expect(matches('http://x.vn:443/*', 'http://x.vn/a')).toBe(false);
    expect(matches('http://x.vn:443/*', 'http://x.vn:443/a')).toBe(true);
  });
});

describe('originToMatchPattern', () => {
  it('http only for this machine (localhost or 127.0.0.1), https anywhere, nothing else', () => {
    expect(originToMatchPattern('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/*');
    expect(originToMatchPattern('ftp://localhost/')).toBeUndefined();
    expect(originToMatchPattern('ftp://x.gov.vn/')).toBeUndefined();
  });
  it('no user name or password, however given; host names of letters, digits, dots and hyphens only', () => {
    expect(originToMatchPattern('https://user@x.gov.vn')).toBeUndefined();
    expect(originToMatchPattern('https://:pw@x.gov.vn')).toBeUndefined();
    expect(originToMatchPattern('https://x_y.gov.vn')).toBeUndefined();
    expect(originToMatchPattern('https://y.gov.vn_')).toBeUndefined();
  });
});

describe('isMatchPattern and isPortalAdapter', () => {
  it('a pattern is a string of at most 300 characters', () => {
    const p = (n: number) => `https://x.gov.vn/${'a'.repeat(n - 'https://x.gov.vn/'.length)}`;
    expect(isMatchPattern(p(300))).toBe(true);
    expect(isMatchPattern(p(301))).toBe(false);
    expect(isMatchPattern(42)).toBe(false);
  });

  const ok = { id: 'p1', name: 'Cổng tỉnh', matches: ['https://x.gov.vn/*'], attachmentLinks: 'a.file' };
  it('accepted: the limits themselves, optional selectors, builtIn as a boolean', () => {
    expect(isPortalAdapter({ ...ok, name: 'n'.repeat(200) })).toBe(true);
    expect(isPortalAdapter({ ...ok, matches: Array.from({ length: 20 }, (_, i) => `https://p${i}.gov.vn/*`) })).toBe(true);
    expect(isPortalAdapter({ ...ok, attachmentLinks: 's'.repeat(500), certifyPlacement: '#c', fileInput: 'input[type=file]', builtIn: true })).toBe(true);
    expect(isPortalAdapter({ ...ok, builtIn: false })).toBe(true);
  });
  it('refused: one thing wrong at a time', () => {
    const bad: [string, unknown][] = [
      ['null', null],
      ['a string', 'adapter'],
      ['id not a string', { ...ok, id: 1 }],
      ['name not a string', { ...ok, name: 1 }],
      ['name of 201 characters', { ...ok, name: 'n'.repeat(201) }],
      ['matches not an array', { ...ok, matches: 'https://x.gov.vn/*' }],
      ['21 patterns', { ...ok, matches: Array.from({ length: 21 }, (_, i) => `https://p${i}.gov.vn/*`) }],
      ['one bad pattern among good ones', { ...ok, matches: ['https://x.gov.vn/*', 'ftp://x/*'] }],
      ['no attachment selector', { ...ok, attachmentLinks: undefined }],
      ['a selector of spaces', { ...ok, attachmentLinks: '   ' }],
      ['a selector of 501 characters', { ...ok, attachmentLinks: 's'.repeat(501) }],
      ['an empty placement selector', { ...ok, certifyPlacement: '' }],
      ['builtIn not a boolean', { ...ok, builtIn: 'yes' }],
    ];
    for (const [name, v] of bad) expect(isPortalAdapter(v), name).toBe(false);
  });
});
