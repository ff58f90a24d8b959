/**
 * Visible signatures as independent viewers show them: the copy made by `saoy certify` (certifier's signature
 * image) and `saoy approve` (office seal) is rendered by poppler (pdftoppm) and MuPDF (mutool draw); both
 * appearance blocks must show, in the widgets of their own fields, only after signing; every signature stays
 * valid for pdfsig, mutool, qpdf and saoy itself.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { STATEMENT_LAYOUT, type Rect } from '../../core/ecopy/statement-page.js';
import { testOutput } from '../helpers/ecopy.js';
import { makeJpeg, makePng } from '../helpers/images.js';
import { assertTools, ensureCliBuilt, run, saoy, skipWithout } from '../helpers/tools.js';

const TOOLS = ['pdftoppm', 'mutool', 'pdfsig', 'qpdf'];
const env = { SAOY_P12_PASSWORD: 'demo' };
const DPI = 72; // one pixel per point: widget rectangles map to pixels directly

/** A binary PPM (P6) as pdftoppm writes it. */
function readPpm(path: string): { width: number; height: number; rgb: Uint8Array } {
  const b = readFileSync(path);
  const head = b.subarray(0, 64).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(head);
  if (!m) throw new Error(`not a P6 PPM: ${path}`);
  return { width: Number(m[1]), height: Number(m[2]), rgb: new Uint8Array(b.subarray(m[0].length)) };
}

/** Share of clearly non-white pixels inside `r` (PDF points, origin bottom-left), ignoring a 3 pt border
 * so the dashed frame drawn on the page does not count. */
function ink(img: ReturnType<typeof readPpm>, r: Rect, pageHeight: number, red = false): number {
  let dark = 0;
  let total = 0;
  const x0 = Math.ceil(r.x + 3);
  const x1 = Math.floor(r.x + r.width - 3);
  const y0 = Math.ceil(pageHeight - (r.y + r.height) + 3);
  const y1 = Math.floor(pageHeight - r.y - 3);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const at = (y * img.width + x) * 3;
      const [R, G, B] = [img.rgb[at], img.rgb[at + 1], img.rgb[at + 2]];
      total++;
      if (red ? R > 150 && G < 90 && B < 90 : R + G + B < 600) dark++;
    }
  }
  return dark / total;
}

/** Bytes up to and including the first %%EOF line: the unsigned copy (rev0) inside the final file. */
function firstRevision(pdf: Uint8Array): Uint8Array {
  const s = Buffer.from(pdf).toString('latin1');
  const at = s.indexOf('%%EOF');
  let end = at + 5;
  while (pdf[end] === 0x0a || pdf[end] === 0x0d) end++;
  return pdf.subarray(0, end);
}

describe.skipIf(skipWithout(...TOOLS))('visible signatures render in independent viewers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saoy-appearance-'));
  const final = join(dir, 'final.pdf');
  const pending = join(dir, 'pending.pdf');
  const rev0 = join(dir, 'rev0.pdf');
  let statementPage = 0;

  beforeAll(() => {
    assertTools(...TOOLS);
    ensureCliBuilt();
    const id = saoy(['demo-identity', join(dir, 'id')]);
    expect(id.status, id.stderr).toBe(0);
    const page = join(dir, 'page.jpg');
    writeFileSync(page, makeJpeg(600, 800, { dpi: 100 }));
    // A blue scribble as the certifier's signature image, a red ring as the office's seal.
    const sig = join(dir, 'sig.jpg');
    writeFileSync(sig, makeJpeg(240, 90, { paint: (x, y) => (Math.abs(y - 45 - 25 * Math.sin(x / 18)) < 4 ? [20, 40, 200] : [255, 255, 255]) }));
    const seal = join(dir, 'seal.png');
    writeFileSync(seal, makePng(160, 160, {
      paint: (x, y) => {
        const d = Math.hypot(x - 80, y - 80);
        return d < 76 && d > 62 ? [220, 20, 20] : d < 40 && d > 34 ? [220, 20, 20] : [255, 255, 255];
      },
    }));
    const c = saoy([
      'certify', '--image', page, '--doc-name', 'Bằng tốt nghiệp đại học', '--cert-no', '7', '--book', '01',
      '--office', 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa',
      '--certifier-p12', join(dir, 'id', 'certifier.p12'), '--signature-image', sig, '-o', pending,
    ], env);
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    const a = saoy(['approve', pending, '--authority-p12', join(dir, 'id', 'authority.p12'), '--seal-image', seal, '-o', final], env);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    writeFileSync(rev0, firstRevision(readFileSync(final)));
    statementPage = 2;
  });

  it('pdftoppm: both appearance blocks show after signing, none before; the seal is red', () => {
    const out = join(dir, 'render');
    for (const [name, file] of [['final', final], ['rev0', rev0]] as const) {
      const r = run('pdftoppm', ['-r', String(DPI), '-f', String(statementPage), '-l', String(statementPage), '-singlefile', file, `${out}-${name}`]);
      expect(r.status, r.stderr).toBe(0);
    }
    const after = readPpm(`${out}-final.ppm`);
    const before = readPpm(`${out}-rev0.ppm`);
    const H = STATEMENT_LAYOUT.pageSize[1];
    expect(after.height).toBe(Math.round(H));
    for (const r of [STATEMENT_LAYOUT.certifierSignature, STATEMENT_LAYOUT.authoritySignature]) {
      expect(ink(before, r, H)).toBe(0);
      expect(ink(after, r, H)).toBeGreaterThan(0.02);
    }
    expect(ink(after, STATEMENT_LAYOUT.authoritySignature, H, true)).toBeGreaterThan(0.01);
    expect(ink(after, STATEMENT_LAYOUT.certifierSignature, H, true)).toBe(0);
    // For people to look at: the signed statement page at 100 % (96 px per inch, as a viewer shows it at 100 %)
    // and at a phone's width (390 CSS px), where the appearance text must stay readable.
    mkdirSync(testOutput, { recursive: true });
    const page = ['-f', String(statementPage), '-l', String(statementPage), '-singlefile', '-png'];
    expect(run('pdftoppm', [...page, '-r', '96', final, join(testOutput, 'statement-signed-100')]).status).toBe(0);
    expect(run('pdftoppm', [...page, '-scale-to-x', '390', '-scale-to-y', '-1', final, join(testOutput, 'statement-signed-phone')]).status).toBe(0);
    expect(run('mutool', ['draw', '-r', '96', '-o', join(testOutput, 'statement-signed-mutool.png'), final, String(statementPage)]).status).toBe(0);
  });

  it('mutool draw -F txt: signer, organisation and signing time appear only in the signed copy', () => {
    const text = (file: string): string => {
      const r = run('mutool', ['draw', '-F', 'txt', '-o', '-', file, String(statementPage)]);
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.normalize('NFC').replace(/\s+/g, ' '); // viewers break lines where they like
    };
    const after = text(final);
    const before = text(rev0);
    const time = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/;
    expect(after).toContain('Nguyễn Thị Demo (DEMO)'); // the certifier's certificate
    expect(after).toContain('Ủy ban nhân dân phường Hạc Thành'); // the authority's certificate (organisation)
    expect(after).toMatch(time);
    // The statement prints the certifier's name already; the appearance adds it once more, beside the time.
    const count = (t: string, s: string) => t.split(s).length - 1;
    expect(count(after, 'Nguyễn Thị Demo (DEMO)')).toBe(count(before, 'Nguyễn Thị Demo (DEMO)') + 1);
    expect(before).not.toContain('Ủy ban nhân dân phường Hạc Thành');
    expect(before).not.toMatch(time);
    // The time shown is the signing time in /M (to the second, in Vietnam time).
    const shown = time.exec(after)?.[0] ?? '';
    expect(Math.abs(Date.parse(shown) - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('pdfsig, mutool sign, qpdf and saoy verify accept both signatures', () => {
    const p = run('pdfsig', [final]);
    expect(p.stdout.match(/Signature Validation: Signature is Valid\./g)?.length).toBe(2);
    const m = run('mutool', ['sign', '-v', final]);
    expect(m.status, m.stderr).toBe(0);
    const blocks = m.stdout.split(/^Verifying signature \d+:/m).slice(1);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain('The signature is valid but there have been edits since signing.'); // rev2 follows
    expect(blocks[1]).toContain('The document is unchanged since signing.');
    const q = run('qpdf', ['--check', final]);
    expect(q.status, q.stdout + q.stderr).toBe(0);
    const v = saoy(['verify', final, '--json', '--trust', join(dir, 'id', 'root.pem')]);
    const report = JSON.parse(v.stdout) as { verdict: string; signatures: Array<{ modificationLevel?: string }> };
    expect(report.verdict).toBe('valid');
    expect(v.status).toBe(0);
  });
});
