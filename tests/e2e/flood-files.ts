/**
 * The crafted flood of attack 4 (issue 12), shared by tests/e2e/attack-flood.test.ts and the flood figure of
 * `npm run bench:extension -- --flood`: `count` distinct valid, unsigned PDFs whose parsing takes many seconds of
 * synchronous work each, listed on a hostile page served from its own loopback server.
 */
import type { HostileServer } from './hostile-server.js';

/** A valid, unsigned PDF of `n` tiny objects in a classic xref: cheap to make, slow to parse (~20 s in Node). */
export function slowPdf(n: number): Uint8Array {
  const parts: string[] = ['%PDF-1.7\n'];
  const offsets: number[] = [0];
  let at = parts[0].length;
  const add = (s: string) => {
    offsets.push(at);
    parts.push(s);
    at += s.length;
  };
  add('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  add('2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n');
  add('3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n');
  for (let i = 4; i < n; i++) add(`${i} 0 obj\n<< /K [${i - 1} 0 R ${i} 0 R] /V (xxxxxxxxxxxxxxxx) >>\nendobj\n`);
  const xref = [`xref\n0 ${n}\n0000000000 65535 f \n`, ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(`${xref}trailer\n<< /Size ${n} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`);
  return new TextEncoder().encode(parts.join(''));
}

/** Serves `count` distinct crafted files and the page listing them (the demo portal's markup) at `/`. */
export function serveFlood(hostile: HostileServer, count: number): void {
  const pdf = slowPdf(250_000);
  const links: string[] = [];
  // Where each copy gets its own bytes: the first string value (same length, so every offset stays right).
  const at = Buffer.from(pdf).indexOf('(xxxxxxxxxxxxxxxx)') + 1;
  for (let i = 1; i <= count; i++) {
    // Every file differs (with only two variants, once one was verified the cache answered for the others at
    // once and the flood drained in seconds, which said nothing about fairness).
    const body = pdf.slice();
    body.set(new TextEncoder().encode(`nang-${String(i).padStart(11, '0')}`), at);
    hostile.route(`/files/nang-${i}.pdf`, { pdf: body });
    links.push(`<li><a class="tep-dinh-kem" href="/files/nang-${i}.pdf">nang-${i}.pdf</a></li>`);
  }
  hostile.route('/', { html: `<!doctype html><html><head><meta charset="utf-8"><title>Lũ</title></head><body><div class="dvc-ho-so"><ul>${links.join('')}</ul></div></body></html>` });
}
