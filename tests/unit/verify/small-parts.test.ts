/**
 * The small modules of core/verify, each on its own (no signing, no PKI): PDF dates (pdf-date.ts), Vietnamese name
 * comparison (ecopy-names.ts), the range digester (hash.ts), reason texts (reasons.ts), /DSS validation data
 * (dss.ts) and the e-copy XMP of a revision (ecopy-data.ts), the last two on hand-written PDFs.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildEcopyXmp } from '../../../core/ecopy/xmp.js';
import { dictGet, parsePdf } from '../../../core/pdf/parse/index.js';
import { RevisionView, refNum } from '../../../core/verify/pdf-access.js';
import { readDss } from '../../../core/verify/dss.js';
import { readEcopyData } from '../../../core/verify/ecopy-data.js';
import { normaliseName, sameOffice, samePerson } from '../../../core/verify/ecopy-names.js';
import { webCryptoDigester } from '../../../core/verify/hash.js';
import { parsePdfDate } from '../../../core/verify/pdf-date.js';
import { REASONS, reason, severityOf } from '../../../core/verify/reasons.js';
import { DEFAULT_VERIFY_LIMITS } from '../../../core/verify/options.js';
import { pdfOf } from '../../helpers/pdf-of.js';

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('parsePdfDate', () => {
  it('a full date with an offset: the UTC instant', () => {
    expect(parsePdfDate("D:20260305103000+07'00'")?.toISOString()).toBe('2026-03-05T03:30:00.000Z');
    expect(parsePdfDate("D:20260305103000-05'30'")?.toISOString()).toBe('2026-03-05T16:00:00.000Z');
    expect(parsePdfDate("D:20260305103000+0730")?.toISOString()).toBe('2026-03-05T03:00:00.000Z');
    expect(parsePdfDate('D:20260305103000Z')?.toISOString()).toBe('2026-03-05T10:30:00.000Z');
    expect(parsePdfDate('D:20260305103000z')?.toISOString()).toBe('2026-03-05T10:30:00.000Z');
    expect(parsePdfDate("D:20260305103000+07")?.toISOString()).toBe('2026-03-05T03:30:00.000Z');
    // Z is UTC: hours and minutes written after it (some tools write Z00'00') are not an offset.
    expect(parsePdfDate("D:20260305103000Z05'00'")?.toISOString()).toBe('2026-03-05T10:30:00.000Z');
  });

  it('every part after the year is optional (month and day 01, time 00), D: too; surrounding spaces are ignored', () => {
    expect(parsePdfDate('D:2026')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parsePdfDate('202603')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parsePdfDate('D:20260305')?.toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(parsePdfDate('D:2026030510')?.toISOString()).toBe('2026-03-05T10:00:00.000Z');
    expect(parsePdfDate('D:202603051030')?.toISOString()).toBe('2026-03-05T10:30:00.000Z');
    expect(parsePdfDate('  D:20260305103059  ')?.toISOString()).toBe('2026-03-05T10:30:59.000Z');
  });

  it('no date: missing, empty, not digits, or digits that make no time', () => {
    expect(parsePdfDate(undefined)).toBeUndefined();
    expect(parsePdfDate('')).toBeUndefined();
    expect(parsePdfDate('D:yesterday')).toBeUndefined();
    expect(parsePdfDate('x20260305')).toBeUndefined();
    expect(parsePdfDate('D:26')).toBeUndefined();
  });
});

describe('Vietnamese names', () => {
  it('normaliseName: NFC, lower case, tone at the end of its word, abbreviations, punctuation and spaces', () => {
    expect(normaliseName('Uỷ ban')).toBe(normaliseName('Ủy ban'));
    expect(normaliseName('Uỷ ban')).toBe('uy\u0309 ban');
    expect(normaliseName('hoà')).toBe(normaliseName('hòa'));
    expect(normaliseName('UBND  xã;  Nga Sơn')).toBe(normaliseName('ủy ban nhân dân xã nga sơn'));
    expect(normaliseName('TP. Hà Nội')).toBe(normaliseName('thành phố hà nội'));
    expect(normaliseName('tp Hà Nội')).toBe(normaliseName('thành phố hà nội'));
    // Only whole words: "ubnd" inside a word or "tp" inside "tpx" stay.
    expect(normaliseName('xubnd')).toBe('xubnd');
    expect(normaliseName('tpx')).toBe('tpx');
    expect(normaliseName('ubndx')).toBe('ubndx');
    expect(normaliseName('a , b ,, c')).toBe('a,b,c');
    expect(normaliseName(' , ')).toBe('');
    expect(normaliseName('A  B')).toBe('a b');
    expect(normaliseName('Đức')).toBe(normaliseName('đức'));
    expect(normaliseName('ĐỨC')).toContain('đ');
  });

  it('normaliseName keeps answering the same past its cache of 1000 names', () => {
    const first = normaliseName('Nguyễn Văn An 0');
    for (let i = 1; i <= 1100; i++) normaliseName(`Tên ${i}`);
    expect(normaliseName('Nguyễn Văn An 0')).toBe(first);
    expect(normaliseName('Tên 1100')).toBe('tên 1100'.normalize('NFD').normalize('NFD'));
  });

  it('sameOffice: the same office with or without its place; not another office or an empty name', () => {
    expect(sameOffice('UBND xã Nga Sơn', 'ỦY BAN NHÂN DÂN XÃ NGA SƠN')).toBe(true);
    expect(sameOffice('UBND phường Hạc Thành, tỉnh Thanh Hóa', 'Ủy ban nhân dân phường Hạc Thành')).toBe(true);
    expect(sameOffice('Ủy ban nhân dân phường Hạc Thành', 'UBND phường Hạc Thành, tỉnh Thanh Hóa')).toBe(true);
    expect(sameOffice('UBND xã Nga Sơn, tỉnh Thanh Hóa', 'Ủy ban nhân dân xã Nga Sơn, tỉnh Ninh Bình')).toBe(false);
    expect(sameOffice('UBND xã Nga Sơn', 'UBND xã Nga Thắng')).toBe(false);
    expect(sameOffice('', '')).toBe(false);
    expect(sameOffice('UBND', '')).toBe(false);
    expect(sameOffice('', 'UBND')).toBe(false);
    // Same head, different tails that neither starts the other.
    expect(sameOffice('UBND xã A, tỉnh B, x', 'UBND xã A, tỉnh C')).toBe(false);
    // Same head; one is a prefix of the other only by the whole head.
    expect(sameOffice('UBND xã A, tỉnh B', 'UBND xã A, tỉnh B, Việt Nam')).toBe(true);
    // Head differs though one string starts the other.
    expect(sameOffice('UBND xã An', 'UBND xã An Bình')).toBe(false);
  });

  it('samePerson: exact after normalising; never two empty names', () => {
    expect(samePerson('Nguyễn Thị Hồng  Nhung', 'NGUYỄN THỊ HỒNG NHUNG')).toBe(true);
    expect(samePerson('Nguyễn Thị Hồng Nhung', 'Nguyễn Thị Hồng Nhu')).toBe(false);
    expect(samePerson('', '')).toBe(false);
    expect(samePerson('...', '')).toBe(false);
  });
});

describe('webCryptoDigester', () => {
  it('hashes the concatenation of the spans, one span or several', async () => {
    const bytes = latin1('0123456789abcdef');
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const sha = (s: string) => createHash('sha256').update(s, 'latin1').digest('hex');
    expect(hex(await webCryptoDigester('SHA-256', bytes, [[2, 5]]))).toBe(sha('234'));
    expect(hex(await webCryptoDigester('SHA-256', bytes, [[0, 2], [10, 12]]))).toBe(sha('01ab'));
    expect(hex(await webCryptoDigester('SHA-1', bytes, [[0, 16]]))).toBe(createHash('sha1').update(bytes).digest('hex'));
  });
});

describe('reasons', () => {
  it('reason: the table’s words, a detail after a space, the field only when given', () => {
    const [en, vi] = REASONS.CERT_EXPIRED;
    expect(reason('CERT_EXPIRED')).toEqual({ code: 'CERT_EXPIRED', en, vi });
    expect(reason('CERT_EXPIRED', 'sig', { en: '(x)', vi: '(y)' })).toEqual({ code: 'CERT_EXPIRED', en: `${en} (x)`, vi: `${vi} (y)`, field: 'sig' });
    expect(reason('CERT_EXPIRED', '', { en: '(x)' })).toEqual({ code: 'CERT_EXPIRED', en: `${en} (x)`, vi });
    expect(reason('CERT_EXPIRED', undefined, { vi: '(y)', en: '' })).toEqual({ code: 'CERT_EXPIRED', en, vi: `${vi} (y)` });
    expect(severityOf('CERT_EXPIRED')).toBe('indeterminate');
    expect(severityOf('DIGEST_MISMATCH')).toBe('failed');
    expect(severityOf('NO_SIGNATURES')).toBe('info');
  });
});

describe('DEFAULT_VERIFY_LIMITS', () => {
  it('100 MiB and 10 s', () => {
    expect(DEFAULT_VERIFY_LIMITS).toEqual({ maxFileBytes: 100 * 1024 * 1024, maxMillis: 10_000 });
  });
});

describe('readDss', () => {
  const der = (n: number) => new Uint8Array([0x30, 0x03, 0x02, 0x01, n]);
  it('certificates, CRLs and OCSP responses from /DSS streams (decoded); anything else is skipped', async () => {
    const pdf = pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /DSS 3 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /Certs [4 0 R 5 0 R 9 0 R (notastream)] /CRLs [6 0 R] /OCSPs [7 0 R 8 0 R] >>',
      ['', der(1)],
      ['/Filter /FlateDecode', new Uint8Array(deflateSync(der(2)))],
      ['', der(3)],
      ['', der(4)],
      ['/Filter /FlateDecode', latin1('not deflate data')],
    ]);
    const d = await readDss(await parsePdf(pdf));
    expect(d.certificates).toEqual([der(1), der(2)]);
    expect(d.crls).toEqual([der(3)]);
    expect(d.ocspResponses).toEqual([der(4)]);
  });

  it('a stream cut short (Flate data truncated) is not used', async () => {
    const payload = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);
    const flate = new Uint8Array(deflateSync(payload));
    const pdf = pdfOf(['<< /Type /Catalog /Pages 2 0 R /DSS << /CRLs [3 0 R 4 0 R] >> >>', '<< /Type /Pages /Kids [] /Count 0 >>', ['/Filter /FlateDecode', flate.subarray(0, flate.length >> 1)], ['/Filter /FlateDecode', flate]]);
    const d = await readDss(await parsePdf(pdf));
    expect(d.crls).toEqual([payload]);
  });

  it('no /DSS, or /DSS without arrays: nothing', async () => {
    const none = await readDss(await parsePdf(pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'])));
    expect(none).toEqual({ certificates: [], crls: [], ocspResponses: [] });
    const empty = await readDss(await parsePdf(pdfOf(['<< /Type /Catalog /Pages 2 0 R /DSS << /Certs 5 >> >>', '<< /Type /Pages /Kids [] /Count 0 >>'])));
    expect(empty).toEqual({ certificates: [], crls: [], ocspResponses: [] });
  });

  it('at most 200 items per array, and no stream decoding to more than 1 MiB', async () => {
    const refs = (n: number) => `[${'3 0 R '.repeat(n - 1)}4 0 R]`;
    const big = new Uint8Array((1 << 20) + 1);
    const exact = new Uint8Array(1 << 20);
    const make = (n: number) =>
      pdfOf([`<< /Type /Catalog /Pages 2 0 R /DSS << /Certs ${refs(n)} /CRLs [5 0 R] /OCSPs [6 0 R] >> >>`, '<< /Type /Pages /Kids [] /Count 0 >>', ['', der(1)], ['', der(2)], ['/Filter /FlateDecode', new Uint8Array(deflateSync(big))], ['/Filter /FlateDecode', new Uint8Array(deflateSync(exact))]]);
    const at200 = await readDss(await parsePdf(make(200)));
    expect(at200.certificates).toHaveLength(200);
    expect(at200.certificates.at(-1)).toEqual(der(2));
    const at201 = await readDss(await parsePdf(make(201)));
    expect(at201.certificates).toHaveLength(200);
    expect(at201.certificates.at(-1)).toEqual(der(1));
    expect(at200.crls).toEqual([]);
    expect(at200.ocspResponses.map((b) => b.length)).toEqual([1 << 20]);
  });
});

describe('readEcopyData', () => {
  const fields = { certNo: '15', bookNo: '01/2026-SCT/BS', date: '2026-03-05', office: 'Ủy ban nhân dân phường Hạc Thành', certifier: 'Lê Thị Thu Hà', authority: 'UBND phường Hạc Thành', docName: 'Giấy khai sinh', pageCount: 2 };
  const withMeta = (meta: string | [string, Uint8Array]) => pdfOf(['<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', meta]);

  it('the e-copy fields of the XMP (UTF-8), each of them', async () => {
    const xmp = buildEcopyXmp(fields as Parameters<typeof buildEcopyXmp>[0]);
    const data = await readEcopyData(await parsePdf(withMeta(['/Type /Metadata /Subtype /XML', new Uint8Array(Buffer.from(xmp, 'utf8'))])), 0);
    expect(data).toEqual(fields);
  });

  it('nothing: no /Metadata, not a stream, no e-copy XMP, undecodable, or over 1 MiB', async () => {
    const noMeta = pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    expect(await readEcopyData(await parsePdf(noMeta), 0)).toBeUndefined();
    expect(await readEcopyData(await parsePdf(withMeta('<< /Type /Metadata >>')), 0)).toBeUndefined();
    expect(await readEcopyData(await parsePdf(withMeta(['', latin1('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')])), 0)).toBeUndefined();
    expect(await readEcopyData(await parsePdf(withMeta(['/Filter /FlateDecode', latin1('garbage')])), 0)).toBeUndefined();
    const xmp = buildEcopyXmp(fields as Parameters<typeof buildEcopyXmp>[0]);
    // The whole XMP, then noise, the Flate data cut inside the noise: readable XMP, but an incomplete stream.
    const noisy = Buffer.concat([Buffer.from(xmp, 'utf8'), Buffer.from(new Uint8Array(300_000).map((_, i) => 0x20 + ((i * 7919) % 90)))]);
    const flate = deflateSync(noisy);
    expect(await readEcopyData(await parsePdf(withMeta(['/Filter /FlateDecode', new Uint8Array(flate.subarray(0, flate.length - 1000))])), 0)).toBeUndefined();
    expect(await readEcopyData(await parsePdf(withMeta(['/Filter /FlateDecode', new Uint8Array(flate)])), 0)).toEqual(fields);
    const huge = Buffer.concat([Buffer.from(xmp, 'utf8'), Buffer.alloc((1 << 20) - xmp.length + 10, 0x20)]);
    expect(await readEcopyData(await parsePdf(withMeta(['/Filter /FlateDecode', new Uint8Array(deflateSync(huge))])), 0)).toBeUndefined();
  });
});

describe('RevisionView', () => {
  // Object 3 is changed in revision 1; object 9 is missing; object 4 holds every kind of value.
  const rev0 = pdfOf([
    '<< /Type /Catalog /Pages 2 0 R /X 4 0 R >>',
    '<< /Type /Pages /Kids [] /Count 0 >>',
    '<< /Old true >>',
    '<< /N /Name /I 7 /F 1.5 /T (text) /A [1 2] /D << /K 1 >> /R 3 0 R /M 9 0 R /Z null /P 5 0 R >>',
    'null',
  ]);

  it('typed getters resolve references and give undefined for another kind, null or a missing object', async () => {
    const pdf = await parsePdf(rev0);
    const v = new RevisionView(pdf, 0);
    const d = v.dict(dictGet(v.catalog(), 'X'))!;
    expect(v.getName(d, 'N')).toBe('Name');
    expect(v.getName(d, 'I')).toBeUndefined();
    expect(v.getInt(d, 'I')).toBe(7);
    expect(v.getInt(d, 'F')).toBeUndefined();
    expect(v.getInt(d, 'N')).toBeUndefined();
    expect(v.getText(d, 'T')).toBe('text');
    expect(v.getText(d, 'N')).toBeUndefined();
    expect(v.getArray(d, 'A')?.length).toBe(2);
    expect(v.getArray(d, 'D')).toBeUndefined();
    expect(v.getDict(d, 'D')?.entries.has('K')).toBe(true);
    expect(v.getDict(d, 'A')).toBeUndefined();
    expect(v.getDict(d, 'R')?.entries.has('Old')).toBe(true);
    expect(v.get(d, 'M')).toBeUndefined();
    expect(v.get(d, 'Z')).toBeUndefined();
    expect(v.get(d, 'P')).toBeUndefined();
    expect(v.get(undefined, 'N')).toBeUndefined();
    expect(v.resolve(undefined)).toBeUndefined();
    expect(v.trailer().entries.has('Root')).toBe(true);
    expect(refNum(dictGet(d, 'R'))).toBe(3);
    expect(refNum(dictGet(d, 'I'))).toBeUndefined();
    expect(refNum(undefined)).toBeUndefined();
  });

  it('each revision sees its own objects', async () => {
    const body = '3 0 obj\n<< /New true >>\nendobj\n';
    const text = Buffer.from(rev0).toString('latin1');
    const prev = Number(/startxref\n(\d+)/.exec(text)![1]);
    const at = rev0.length;
    const update = `${body}xref\n3 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${at + body.length}\n%%EOF\n`;
    const pdf = await parsePdf(new Uint8Array(Buffer.concat([Buffer.from(rev0), Buffer.from(update, 'latin1')])));
    expect(pdf.revisions).toHaveLength(2);
    const ref = { kind: 'ref', num: 3, gen: 0 } as const;
    expect(new RevisionView(pdf, 0).dict(ref)?.entries.has('Old')).toBe(true);
    expect(new RevisionView(pdf, 1).dict(ref)?.entries.has('New')).toBe(true);
    expect(new RevisionView(pdf, 1).trailer().entries.has('Prev')).toBe(true);
    expect(new RevisionView(pdf, 0).trailer().entries.has('Prev')).toBe(false);
  });

  it('a parser limit while resolving propagates; other unreadable objects count as absent', async () => {
    const deep = pdfOf(['<< /Type /Catalog /Pages 2 0 R /X 3 0 R /Y 4 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', `<< /S (${'x'.repeat(300)}) >>`, ']] broken']);
    const pdf = await parsePdf(deep, { maxStringLength: 100 });
    const v = new RevisionView(pdf, 0);
    expect(() => v.get(v.catalog(), 'X')).toThrow(expect.objectContaining({ code: 'PDF_LIMIT' }));
    expect(v.get(v.catalog(), 'Y')).toBeUndefined();
  });
});
