/**
 * core/verify/diff/rules/xmp-text.ts: a property's value in each form XMP writers use, and the packet with what a
 * signing tool rewrites taken out (the xmp-metadata rule accepts a rewritten packet exactly when these are equal).
 */
import { describe, expect, it } from 'vitest';
import { normalised, property } from '../../../core/verify/diff/rules/xmp-text.js';

describe('property', () => {
  it('element form: the inner text, white space collapsed and trimmed; attributes on the element allowed', () => {
    expect(property('<dc:title>\n  <rdf:Alt>\t<rdf:li>Giay   khai sinh</rdf:li></rdf:Alt>\n</dc:title>', 'dc:title')).toBe('<rdf:Alt> <rdf:li>Giay khai sinh</rdf:li></rdf:Alt>');
    expect(property('<dc:title xml:lang="vi"> X </dc:title>', 'dc:title')).toBe('X');
  });
  it('attribute form, double or single quotes, spaces around =; an empty value', () => {
    expect(property('<rdf:Description pdf:Keywords="a, b "/>', 'pdf:Keywords')).toBe('a, b');
    expect(property("<rdf:Description pdf:Keywords = ' c '/>", 'pdf:Keywords')).toBe('c');
    expect(property('<rdf:Description pdf:Keywords=""/>', 'pdf:Keywords')).toBe('');
  });
  it('absent, or only as part of a longer name: empty', () => {
    expect(property('<dc:titleX>T</dc:titleX>', 'dc:title')).toBe('');
    expect(property('<x pdf:KeywordsX="k"/>', 'pdf:Keywords')).toBe('');
    expect(property('<x/>', 'dc:title')).toBe('');
  });
  it('a name is matched literally, not as a pattern', () => {
    expect(property('<dcXtitle>T</dcXtitle>', 'dc.title')).toBe('');
    expect(property('<dc.title>T</dc.title>', 'dc.title')).toBe('T');
  });
});

describe('normalised', () => {
  const packet = (tool: string) =>
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta>\n  <rdf:Description rdf:about=""${tool}>\n    <dc:title>T</dc:title>\n  </rdf:Description>\n</x:xmpmeta>\n<?xpacket end="w"?>`;

  it('the tool properties go in element, empty-element and attribute form; the wrapper and white space too', () => {
    const plain = '<x:xmpmeta><rdf:Description rdf:about=""><dc:title>T</dc:title></rdf:Description></x:xmpmeta>';
    expect(normalised(packet(''))).toBe(plain);
    expect(normalised(packet(' xmp:ModifyDate="2027-01-01" pdf:Producer=\'saoy\''))).toBe(plain);
    expect(normalised(packet('').replace('<dc:title>', '<xmp:MetadataDate>2027</xmp:MetadataDate><xmpMM:InstanceID/><dc:title>'))).toBe(plain);
    expect(normalised(packet('').replace('<dc:title>', '<xmp:ModifyDate rdf:parseType="Literal">2027</xmp:ModifyDate> <dc:title>'))).toBe(plain);
  });
  it('anything else stays, with runs of white space as one space', () => {
    expect(normalised('<a>x   y</a>\n<b/>')).toBe('<a>x y</a><b/>');
    expect(normalised(' <a  k="v">z</a> ')).toBe('<a k="v">z</a>');
    expect(normalised('<pdf:Producer>saoy</pdf:Producer><pdf:ProducerX>kept</pdf:ProducerX>')).toBe('<pdf:ProducerX>kept</pdf:ProducerX>');
  });
});
