/**
 * Revocation data is fetched only from origins the user listed (issue 14: core/pki/online/allowed-origins.ts had
 * no test of its own): exact origins, what counts as an origin in the settings, and a refusal before any request.
 */
import { describe, expect, it } from 'vitest';
import { allowedOriginsFetcher, normaliseOrigin, originAllowed } from '../../../core/pki/online/allowed-origins.js';
import { OnlineFetchError, type OnlineFetcher } from '../../../core/pki/online/fetcher.js';

describe('normaliseOrigin', () => {
  it('an http(s) origin, with or without its slash, default ports dropped, case folded', () => {
    expect(normaliseOrigin('https://ca.example:8443/')).toBe('https://ca.example:8443');
    expect(normaliseOrigin('http://CA.Example')).toBe('http://ca.example');
    expect(normaliseOrigin('https://ca.example:443')).toBe('https://ca.example');
    expect(normaliseOrigin('  https://ca.example  ')).toBe('https://ca.example');
  });

  it('anything more or other than an origin is not one', () => {
    for (const v of ['ftp://ca.example', 'ca.example', '', 'https://user@ca.example', 'https://u:p@ca.example', 'https://ca.example/crl', 'https://ca.example/?x=1', 'https://ca.example/#x', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(normaliseOrigin(v), v).toBeUndefined();
    }
  });
});

describe('originAllowed and allowedOriginsFetcher', () => {
  const allowed = ['http://crl.ca.vn', 'https://ocsp.ca.vn:8443'];
  it('scheme, host and port must all match', () => {
    expect(originAllowed('http://crl.ca.vn/root.crl', allowed)).toBe(true);
    expect(originAllowed('https://ocsp.ca.vn:8443/', allowed)).toBe(true);
    expect(originAllowed('https://crl.ca.vn/root.crl', allowed)).toBe(false);
    expect(originAllowed('http://crl.ca.vn:8080/root.crl', allowed)).toBe(false);
    expect(originAllowed('https://ocsp.ca.vn/', allowed)).toBe(false);
    expect(originAllowed('http://evil.crl.ca.vn/x', allowed)).toBe(false);
    expect(originAllowed('not a url', allowed)).toBe(false);
    expect(originAllowed('http://crl.ca.vn/', [])).toBe(false);
  });

  it('refuses outside the list without asking the inner fetcher, naming only the origin; passes the rest through', async () => {
    const asked: string[] = [];
    const inner: OnlineFetcher = async (req) => {
      asked.push(req.url);
      return new Uint8Array([1]);
    };
    const f = allowedOriginsFetcher(inner, allowed);
    await expect(f({ url: 'http://intranet.local/secret?token=1', kind: 'crl' } as never)).rejects.toThrow(new OnlineFetchError('http://intranet.local is not in the allowed origins'));
    await expect(f({ url: '::not a url::', kind: 'crl' } as never)).rejects.toThrow('the URL is not in the allowed origins');
    expect(asked).toEqual([]);
    expect(await f({ url: 'http://crl.ca.vn/root.crl', kind: 'crl' } as never)).toEqual(new Uint8Array([1]));
    expect(asked).toEqual(['http://crl.ca.vn/root.crl']);
  });
});
