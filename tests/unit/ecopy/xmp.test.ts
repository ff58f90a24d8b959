import { describe, expect, it } from 'vitest';
import { buildEcopyXmp, parseEcopyXmp, SAOY_XMP_NS } from '../../../core/ecopy/xmp';
import { sampleFields } from '../../helpers/ecopy';

describe('XMP', () => {
  it('round-trips every field, Vietnamese text and markup characters', () => {
    const fields = sampleFields({
      docName: 'Hợp đồng "mua bán" <bản chính> & phụ lục \'A\'',
      office: 'UBND xã Đồng Tâm & Phòng Tư pháp <huyện> Mỹ Đức',
      authority: undefined,
      pageCount: 7,
    });
    const xml = buildEcopyXmp(fields);
    expect(xml).toContain(`xmlns:saoy="${SAOY_XMP_NS}"`);
    expect(xml).toContain('<pdf:Producer>saoy</pdf:Producer>');
    expect(xml).toContain('<xmp:CreateDate>2026-03-05</xmp:CreateDate>');
    expect(xml).toContain('&amp; phụ lục &apos;A&apos;');
    expect(xml).not.toContain('<bản chính>');
    const { authority: _omitted, requester: _notInCopy, ...expected } = fields;
    expect(parseEcopyXmp(xml)).toEqual(expected);
    // The requester belongs in the book, not in the copy (issue 11).
    expect(xml).not.toContain(fields.requester as string);
  });

  it('puts the original name in dc:title', () => {
    expect(buildEcopyXmp(sampleFields())).toContain('<rdf:li xml:lang="x-default">Bằng tốt nghiệp đại học</rdf:li>');
  });

  it('reads another prefix and the attribute form', () => {
    const xml = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:e='${SAOY_XMP_NS}' e:certNo="15/&#272;T" e:pageCount="3">
      <e:office>UBND &#x0070;hường</e:office></rdf:Description></rdf:RDF></x:xmpmeta>`;
    expect(parseEcopyXmp(xml)).toEqual({ certNo: '15/ĐT', pageCount: 3, office: 'UBND phường' });
  });

  it('returns undefined for foreign or hostile input and drops ambiguous values', () => {
    expect(parseEcopyXmp('<x:xmpmeta/>')).toBeUndefined();
    expect(parseEcopyXmp('')).toBeUndefined();
    expect(parseEcopyXmp('x'.repeat(2_000_000))).toBeUndefined();
    const ns = `xmlns:saoy="${SAOY_XMP_NS}"`;
    expect(parseEcopyXmp(`${ns}<saoy:certNo>1</saoy:certNo><saoy:certNo>2</saoy:certNo><saoy:bookNo>01</saoy:bookNo>`)).toEqual({ bookNo: '01' });
    expect(parseEcopyXmp(`${ns}<saoy:certNo><b>1</b></saoy:certNo>`)).toBeUndefined();
    expect(parseEcopyXmp(`${ns}<saoy:certNo>&unknown;</saoy:certNo>`)).toBeUndefined();
    expect(parseEcopyXmp(`${ns}<saoy:pageCount>-1</saoy:pageCount>`)).toBeUndefined();
  });

  it('stays linear on pathological input', () => {
    const ns = `xmlns:saoy="${SAOY_XMP_NS}"`;
    const evil = ns + '<saoy:certNo>'.repeat(60_000) + ` saoy:office="`.repeat(20_000) + '&'.repeat(100_000);
    const t = performance.now();
    parseEcopyXmp(evil);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
