/**
 * extensionObjects (core/verify/diff/rules/extension-objects.ts): exactly which indirect objects make up a catalog
 * /Extensions (the extensions rule approves exactly those), and when it holds something other than developer
 * extension dictionaries.
 */
import { describe, expect, it } from 'vitest';
import { dictGet, parsePdf } from '../../../core/pdf/parse/index.js';
import { extensionObjects } from '../../../core/verify/diff/rules/extension-objects.js';
import { RevisionView } from '../../../core/verify/pdf-access.js';
import { pdfOf } from '../../helpers/pdf-of.js';

async function objects(ext: string, bodies: string[] = []) {
  const view = new RevisionView(await parsePdf(pdfOf([`<< /Type /Catalog /Extensions ${ext} >>`, ...bodies])), 0);
  const r = extensionObjects(view, dictGet(view.catalog(), 'Extensions'));
  return r && [...r].sort((a, b) => a - b);
}

const ESIC = '<< /Type /DeveloperExtensions /BaseVersion /1.7 /ExtensionLevel 2 /URL (https://example.test) /ExtensionRevision (1) >>';

describe('extensionObjects', () => {
  it('all direct: no objects', async () => {
    expect(await objects(`<< /Type /Extensions /ESIC ${ESIC} >>`)).toEqual([]);
  });
  it('indirect dictionary, indirect extension, an array of an indirect and a direct one', async () => {
    expect(await objects('2 0 R', ['<< /ESIC 3 0 R /ADBE 4 0 R >>', ESIC, `[ 5 0 R ${ESIC} ]`, ESIC])).toEqual([2, 3, 4, 5]);
  });
  const refused: [string, string, string[]][] = [
    ['not a dictionary', '[ 1 ]', []],
    ['a missing object', '9 0 R', []],
    ['an extension with another key', '<< /ESIC << /BaseVersion /1.7 /JS (x) >> >>', []],
    ['an extension that is no dictionary', '<< /ESIC 5 >>', []],
    ['an array item that is no dictionary', `<< /ESIC [ ${ESIC} 7 ] >>`, []],
    ['an array item with another key', `<< /ESIC 2 0 R >>`, [`[ ${ESIC} << /AA << >> >> ]`]],
  ];
  for (const [name, ext, bodies] of refused) {
    it(`${name}: not developer extensions`, async () => {
      expect(await objects(ext, bodies)).toBeUndefined();
    });
  }
});
