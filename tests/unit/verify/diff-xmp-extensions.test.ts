/**
 * The xmp-metadata and extensions difference rules case by case (issue 14): what a signing tool may change in the
 * XMP packet (dates, producer, instance ID, in element or attribute form, white space), what it may not (each
 * descriptive property, named in the veto), and the catalog /Extensions and /Version that PAdES tools add.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { appendUpdate, dictOf, lastTrailer, streamBody, type NewObject } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { xmpPacket, XMP_STREAM } from '../../corpus/real-world/sources.js';
import { signedForm } from '../../helpers/signed-form.js';

const up = (pdf: Uint8Array, objects: NewObject[]) => appendUpdate(pdf, objects).bytes;

const denied = (d: DiffResult) => d.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`);
const vetoes = (d: DiffResult, rule: string) => denied(d).filter((x) => x.includes(`[${rule}]`));
const diff = async (pdf: Uint8Array) => analyseChanges(await parsePdf(pdf), 1, RULES);

/** The packet of the original form (title 'Giay khai sinh'), with `edit` applied. */
const packet = (edit: (xmp: string) => string = (x) => x) => edit(xmpPacket({ title: 'Giay khai sinh', modify: '2026-01-05T08:00:00Z', instance: 'uuid:7d1c9a52-0000-4000-8000-0000000000a1' }));
const rewritten = (edit: (xmp: string) => string) => up(signedForm(), [{ num: 14, body: XMP_STREAM(packet(edit)) }]);

describe('xmp-metadata: what a signing tool may rewrite', () => {
  const toolEdits: [string, (x: string) => string][] = [
    ['new dates, producer and instance ID (element form)', (x) => x.replace(/2026-01-05T08:00:00Z<\/xmp:Modify/, '2027-03-01T10:00:00Z</xmp:Modify').replace(/<xmp:MetadataDate>[^<]*/, '<xmp:MetadataDate>2027-03-01T10:00:00Z').replace('hand-written', 'saoy 1.0').replace(/uuid:7d1c9a52-0000-4000-8000-0000000000a1/, 'uuid:new')],
    ['the tool properties moved to attribute form', (x) => x.replace(/\s*<xmp:ModifyDate>[^<]*<\/xmp:ModifyDate>/, '').replace('rdf:about=""', 'rdf:about="" xmp:ModifyDate="2027-03-01T10:00:00Z"')],
    ['a tool property written as an empty element', (x) => x.replace(/<pdf:Producer>[^<]*<\/pdf:Producer>/, '<pdf:Producer/>')],
    ['white space and the xpacket header rewritten', (x) => x.replace(/\n\s*/g, '\n').replace('W5M0MpCehiHzreSzNTczkc9d', 'other-id')],
  ];
  for (const [name, edit] of toolEdits) {
    it(name, async () => {
      const d = await diff(rewritten(edit));
      expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
    });
  }
});

describe('xmp-metadata: the document’s description may not change, and the veto names what changed', () => {
  const cases: [string, (x: string) => string][] = [
    ['dc:title', (x) => x.replace('>Giay khai sinh<', '>Bang gia<')],
    ['dc:creator', (x) => x.replace('UBND phuong Hac Thanh', 'Someone else')],
    ['dc:description', (x) => x.replace('<dc:title>', '<dc:description><rdf:Alt><rdf:li>Ban sao</rdf:li></rdf:Alt></dc:description><dc:title>')],
    ['dc:subject', (x) => x.replace('<dc:title>', '<dc:subject><rdf:Bag><rdf:li>tien</rdf:li></rdf:Bag></dc:subject><dc:title>')],
    ['pdf:Keywords', (x) => x.replace('rdf:about=""', "rdf:about=\"\" pdf:Keywords='khong'")],
  ];
  for (const [prop, edit] of cases) {
    it(prop, async () => {
      const v = vetoes(await diff(rewritten(edit)), 'xmp-metadata');
      expect(v).toHaveLength(1);
      expect(v[0]).toContain(`document description in the XMP metadata changed after signing: ${prop}`);
    });
  }

  it('two properties changed at once are both named, in a fixed order', async () => {
    const v = vetoes(await diff(rewritten((x) => x.replace('>Giay khai sinh<', '>Bang gia<').replace('UBND phuong Hac Thanh', 'X'))), 'xmp-metadata');
    expect(v[0]).toContain('changed after signing: dc:title, dc:creator');
  });

  it('a property indented differently is the same property', async () => {
    const d = await diff(rewritten((x) => x.replace('<dc:title><rdf:Alt>', '<dc:title>\n    <rdf:Alt>').replace('</rdf:Alt></dc:title>', '</rdf:Alt>\n   </dc:title>')));
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });

  it('any other difference is left unexplained (no veto from this rule, the change is OTHER)', async () => {
    const d = await diff(rewritten((x) => x.replace('2026-01-05T08:00:00Z</xmp:CreateDate>', '2020-01-01T00:00:00Z</xmp:CreateDate>')));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d, 'xmp-metadata')).toEqual([]);
  });

  it('a packet that cannot be decoded is not explained', async () => {
    const d = await diff(up(signedForm(), [{ num: 14, body: streamBody('/Type /Metadata /Subtype /XML /Filter /FlateDecode', new Uint8Array([1, 2, 3, 4])) }]));
    expect(d.level).toBe('OTHER');
  });

  it('a metadata object that is not a stream is not explained', async () => {
    const d = await diff(up(signedForm(), [{ num: 14, body: '<< /Type /Metadata >>' }]));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d, 'xmp-metadata')).toEqual([]);
  });

  it('XMP added where there was none: a packet with a description is vetoed (nothing to compare it with is "changed")', async () => {
    const pdf = signedForm();
    const n = lastTrailer(pdf).size;
    const d = await diff(up(pdf, [{ num: 1, body: withEntry(dictOf(pdf, 1), 'Metadata', `${n} 0 R`) }, { num: n, body: XMP_STREAM(packet()) }]));
    // The new packet's title differs from the old packet's: the same rule as a rewrite.
    expect(d.level).not.toBe('OTHER');
  });
});

describe('extensions: /Extensions and /Version as PAdES tools write them', () => {
  const withCatalog = (edit: (catalog: string, n: number) => string, extra: (n: number) => NewObject[] = () => []) => {
    const pdf = signedForm();
    const n = lastTrailer(pdf).size;
    return up(pdf, [{ num: 1, body: edit(dictOf(pdf, 1), n) }, ...extra(n)]);
  };

  it('a direct /Extensions with /ESIC is LTA_UPDATES', async () => {
    const d = await diff(withCatalog((c) => withEntry(c, 'Extensions', '<< /Type /Extensions /ESIC << /Type /DeveloperExtensions /BaseVersion /1.7 /ExtensionLevel 1 >> >>')));
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });

  it('indirect /Extensions, an indirect extension dictionary and an array of them (ISO 32000-2) are LTA_UPDATES', async () => {
    const d = await diff(withCatalog((c, n) => withEntry(c, 'Extensions', `${n} 0 R`), (n) => [
      { num: n, body: `<< /ESIC ${n + 1} 0 R /ADBE [ << /BaseVersion /1.7 /ExtensionLevel 8 /URL (http://x) /ExtensionRevision (1) >> ${n + 2} 0 R ] >>` },
      { num: n + 1, body: '<< /Type /DeveloperExtensions /BaseVersion /1.7 /ExtensionLevel 1 >>' },
      { num: n + 2, body: '<< /BaseVersion /1.7 /ExtensionLevel 3 >>' },
    ]));
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });

  it('anything else in /Extensions is vetoed', async () => {
    for (const body of ['<< /ESIC << /BaseVersion /1.7 /JS (x) >> >>', '<< /ESIC (not a dictionary) >>', '<< /ESIC [ << /ExtensionLevel 1 >> << /OpenAction 3 0 R >> ] >>', '[ /ESIC ]']) {
      const d = await diff(withCatalog((c) => withEntry(c, 'Extensions', body)));
      const v = vetoes(d, 'extensions');
      expect(v, body).toHaveLength(1);
      expect(v[0]).toContain('/Extensions holds something other than developer extension dictionaries');
    }
  });

  it('an extension dictionary already there may be extended in place later', async () => {
    const first = withCatalog((c, n) => withEntry(c, 'Extensions', `<< /ESIC ${n} 0 R >>`), (n) => [{ num: n, body: '<< /BaseVersion /1.7 /ExtensionLevel 1 >>' }]);
    const n = lastTrailer(signedForm()).size;
    const d = await diff(up(first, [{ num: n, body: '<< /BaseVersion /2.0 /ExtensionLevel 2 >>' }]));
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });

  it('/Version: a PDF version name is LTA_UPDATES, anything else is not explained', async () => {
    for (const [v, level] of [['/2.0', 'LTA_UPDATES'], ['/1.7', 'LTA_UPDATES'], ['/3.0', 'OTHER'], ['/1.77', 'OTHER'], ['(2.0)', 'OTHER'], ['/11.7', 'OTHER'], ['/X1.7', 'OTHER']] as const) {
      const d = await diff(withCatalog((c) => withEntry(c, 'Version', v)));
      expect(d.level, `${v}: ${denied(d).join(' | ')}`).toBe(level);
      if (level === 'LTA_UPDATES') expect(d.modifications.map((m) => m.description).join()).toContain(`PDF version declared as ${v.slice(1)}`);
    }
  });
});
