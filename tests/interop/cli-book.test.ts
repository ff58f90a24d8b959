/**
 * The CLI's book directory: 20 `saoy certify --book-dir` processes at once take 1..20 with no gap and no
 * duplicate; `saoy book check` names the edited line; the XLSX export is read back by an independent ZIP
 * reader (unzip); the monthly print's totals; nothing can be added after the year-end closing.
 */
import { vietnamDay } from '../../core/certify/signing-day.js';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg } from '../helpers/images.js';
import { makeTempDir } from '../helpers/pki.js';
import { parseCsv } from '../../core/book/csv.js';
import { assertTools, ensureCliBuilt, run, saoy, saoyBin, skipWithout } from '../helpers/tools.js';

// A copy is dated the day it is signed (Vietnam time), so the book's dates are today's.
const TODAY = vietnamDay(new Date());
const YEAR = TODAY.slice(0, 4);
const MONTH = TODAY.slice(0, 7);
// Another month of the same year, with no entries.
const OTHER_MONTH = `${YEAR}-${TODAY.slice(5, 7) === '01' ? '02' : '01'}`;

const env = { SAOY_P12_PASSWORD: 'demo' };
const OFFICE = 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa';
const N = 20;

function saoyAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [saoyBin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const skip = skipWithout('unzip');

describe.skipIf(skip)('saoy book + certify --book-dir', () => {
  const t = makeTempDir('saoy-cli-book-');
  const dir = t.dir;
  const book = join(dir, 'book');
  const lines = () => readFileSync(join(book, 'book.jsonl'), 'utf8').trimEnd().split('\n');
  const certifyArgs = (i: number) => [
    'certify', '--book-dir', book, '--image', join(dir, 'p.jpg'), '--doc-name', `Bằng tốt nghiệp ${i}`,
    '--requester', `Người yêu cầu ${i}`, '--certifier-p12', join(dir, 'demo/certifier.p12'), '--date', TODAY,
    '-o', join(dir, 'out', `c${i}.pdf`),
  ];
  let outputs: Awaited<ReturnType<typeof saoyAsync>>[] = [];

  beforeAll(async () => {
    assertTools('unzip');
    ensureCliBuilt();
    writeFileSync(join(dir, 'p.jpg'), makeJpeg(300, 400, { dpi: 100 }));
    expect(saoy(['demo-identity', join(dir, 'demo')], env).status).toBe(0);
    const open = saoy(['book', 'open', book, '--office', OFFICE, '--book-no', `01/${YEAR}-SCT/BS`, '--year', YEAR], env);
    expect(open.stderr).toBe('');
    outputs = await Promise.all(Array.from({ length: N }, (_, i) => saoyAsync(certifyArgs(i + 1))));
  }, 300_000);
  afterAll(() => t.cleanup());

  it(`${N} parallel processes get 1..${N}: no gap, no duplicate, each copy's SHA-256 chained into the book`, () => {
    for (const o of outputs) expect(o.stderr).toBe('');
    const taken = outputs.map((o) => Number(/e-copy no\. (\d+)/.exec(o.stdout)?.[1])).sort((a, b) => a - b);
    expect(taken).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const records = lines().slice(1).map((l) => JSON.parse(l) as { kind: string; number: number; sha256?: string });
    const entries = records.filter((r) => r.kind === 'entry').map((r) => r.number);
    expect(entries).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    for (let i = 1; i <= N; i++) {
      const o = outputs[i - 1];
      const no = Number(/e-copy no\. (\d+)/.exec(o.stdout)?.[1]);
      const sha = createHash('sha256').update(readFileSync(join(dir, 'out', `c${i}.pdf`))).digest('hex');
      expect(records.find((r) => r.kind === 'complete' && r.number === no)?.sha256).toBe(sha);
    }
    const check = saoy(['book', 'check', book]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(new RegExp(`intact, ${2 * N} record\\(s\\), ${N} number\\(s\\)`));
  });

  it('the copies verify and carry the number the book gave them', () => {
    const r = saoy(['verify', join(dir, 'out', 'c7.pdf'), '--trust', join(dir, 'demo/root.pem'), '--json']);
    const report = JSON.parse(r.stdout) as { ecopy?: { certNo?: string } };
    const no = /e-copy no\. (\d+)/.exec(outputs[6].stdout)?.[1];
    expect(report.ecopy?.certNo).toBe(no);
  });

  it('exports CSV and XLSX; the workbook is read back by an independent ZIP reader (unzip)', () => {
    const csv = saoy(['book', 'export', book, '--csv', '-o', join(dir, 'book.csv')]);
    expect(csv.status).toBe(0);
    const table = parseCsv(readFileSync(join(dir, 'book.csv'), 'utf8'));
    expect(table).toHaveLength(N + 1);
    expect(table[1].slice(0, 3)).toEqual(['01', `${TODAY.slice(8, 10)}/${TODAY.slice(5, 7)}/${YEAR}`, expect.stringMatching(/^Người yêu cầu \d+$/)]);
    const xlsx = saoy(['book', 'export', book, '--xlsx', '-o', join(dir, 'book.xlsx')]);
    expect(xlsx.status).toBe(0);
    const test = run('unzip', ['-t', join(dir, 'book.xlsx')]);
    expect(test.stdout).toMatch(/No errors detected/);
    const list = run('unzip', ['-Z1', join(dir, 'book.xlsx')]).stdout.trim().split('\n').sort();
    expect(list).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = run('unzip', ['-p', join(dir, 'book.xlsx'), 'xl/worksheets/sheet1.xml']).stdout;
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)];
    expect(rows).toHaveLength(N + 1);
    const cells = (row: string) => [...row.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)].map((m) => m[2] ?? m[3]);
    expect(cells(rows[0][2])[0]).toBe('Số thứ tự/số chứng thực');
    expect(cells(rows[1][2]).slice(0, 3)).toEqual(table[1].slice(0, 3));
    expect(rows[1][2]).toMatch(/<c r="G2"><v>2000<\/v><\/c>/); // the fee is a number cell
  });

  it('prints a month with its totals', () => {
    const r = saoy(['book', 'print', book, '--month', MONTH]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Cộng tháng ${MONTH.slice(5)}/${YEAR}: ${N} số (từ số 01 đến số ${N}): ${N} đã chứng thực, 0 đã hủy; ${N} bản sao, ${N} trang bản chính; lệ phí 40.000 đồng`);
    const other = saoy(['book', 'print', book, '--month', OTHER_MONTH]);
    expect(other.stdout).toContain(`Cộng tháng ${OTHER_MONTH.slice(5)}/${YEAR}: 0 số`);
  });

  it('names the line of book.jsonl that was edited', () => {
    const path = join(book, 'book.jsonl');
    const original = readFileSync(path, 'utf8');
    try {
      const ls = lines();
      ls[4] = ls[4].replace(/"requester":"[^"]*"/, '"requester":"Kẻ giả mạo"');
      expect(ls[4]).toContain('Kẻ giả mạo');
      writeFileSync(path, `${ls.join('\n')}\n`);
      const r = saoy(['book', 'check', book]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^book\.jsonl line 5: Entry \d+ was modified$/m);
      const refused = saoy(certifyArgs(99), env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/fails its check \(book\.jsonl line 5/);
    } finally {
      writeFileSync(path, original);
    }
  });

  it('a signing failure after the number was taken leaves that number cancelled, with the reason, never a gap', async () => {
    const other = join(dir, 'book-fail');
    expect(saoy(['book', 'open', other, '--office', OFFICE, '--book-no', `02/${YEAR}-SCT/BS`, '--year', YEAR]).status).toBe(0);
    // Nothing listens on port 9 of 127.0.0.1: the timestamp request fails after the certifier's key signed.
    const args = certifyArgs(1).map((a) => (a === book ? other : a));
    const failed = saoy([...args, '--tsa-url', 'http://127.0.0.1:9/'], env);
    expect(failed.status).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    const ok = saoy(args, env);
    expect(ok.stdout).toMatch(/e-copy no\. 02 /);
    const csv = saoy(['book', 'export', other, '--csv']).stdout.split('\r\n');
    expect(csv[1]).toMatch(/^01,.*Đã hủy: Ký không thành công/);
    expect(csv[2]).toMatch(/^02,/);
    expect(saoy(['book', 'check', other]).status).toBe(0);
  });

  it('closes the year with its totals; no entry can be added after that', () => {
    const r = saoy(['book', 'close', book]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Khóa sổ cuối năm ${YEAR}. Tổng cộng năm ${YEAR}: ${N} số`);
    const after = saoy(certifyArgs(100), env);
    expect(after.status).toBe(1);
    expect(after.stderr).toMatch(new RegExp(`book 01/${YEAR}-SCT/BS is closed`));
    expect(saoy(['book', 'check', book]).stdout).toMatch(/intact, .*, closed;/);
    expect(lines().at(-1)).toContain('"kind":"close"');
  });
});
