import { parseArgs } from 'node:util';
import { readCrlsFromFile } from '../../core/pki/revocation.js';
import { readOcspFromFile } from '../../core/pki/ocsp.js';
import { verifyPdfOnline } from '../../core/verify/online.js';
import { httpFetcher } from '../../core/pki/online/fetcher.js';
import type { VerificationReport } from '../../core/verify/report.js';
import { ecopyCheckLines } from '../../core/verify/ecopy-summary.js';
import { ltvLines } from '../../core/verify/ltv-lines.js';
import { signatureLine, verdictSentence, type Lang } from '../../core/verify/summary.js';
import { CliError } from '../fail.js';
import { verifyUsage } from '../usage.js';
import { readInput } from '../files.js';
import { poolSize, verifyFile, verifyInPool, verifyOptionsOf, type VerifyRunOptions } from '../verify-pool.js';
import { createNodeDigester } from '../node-digester.js';
import { cliTrust, trustListName, TRUST_OPTIONS } from '../trust-options.js';

const RANK = { valid: 0, unsigned: 1, indeterminate: 2, invalid: 3, error: 4 } as const;

/** Exit code: 0 all valid; 1 any invalid or error; 2 the worst is indeterminate or unsigned. */
export function exitCodeFor(reports: readonly VerificationReport[]): number {
  const worst = reports.reduce((w, r) => Math.max(w, RANK[r.verdict]), 0);
  return worst >= RANK.invalid ? 1 : worst > 0 ? 2 : 0;
}

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      ...TRUST_OPTIONS,
      online: { type: 'boolean', default: false },
      crl: { type: 'string', multiple: true },
      ocsp: { type: 'string', multiple: true },
      at: { type: 'string' },
      lang: { type: 'string', default: 'en' },
    },
  });
  if (positionals.length === 0) throw new CliError(`usage: ${verifyUsage}`);
  const lang = values.lang as Lang;
  if (lang !== 'en' && lang !== 'vi') throw new CliError('--lang must be "en" or "vi"');
  let at: Date | undefined;
  if (values.at) {
    at = new Date(values.at);
    if (Number.isNaN(at.getTime())) throw new CliError(`--at must be an ISO time like 2026-03-05T10:00:00+07:00, got "${values.at}"`);
  }
  const trust = await cliTrust(values);
  const crls: Uint8Array[] = [];
  for (const f of values.crl ?? []) {
    const list = readCrlsFromFile(await readInput(f, 'CRL file'));
    if (list.length === 0) throw new CliError(`no CRL found in "${f}"`);
    crls.push(...list);
  }
  const ocspResponses: Uint8Array[] = [];
  for (const f of values.ocsp ?? []) {
    const list = readOcspFromFile(await readInput(f, 'OCSP response file'));
    if (list.length === 0) throw new CliError(`no DER OCSP response found in "${f}"`);
    ocspResponses.push(...list);
  }

  const reports: VerificationReport[] = [];
  const emit = (report: VerificationReport) => {
    reports.push(report);
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : humanReport(report, lang));
  };
  const run: VerifyRunOptions = { trustAnchors: trust.userAnchors, trustLists: trust.lists, intermediates: trust.intermediates, crls, ocspResponses, at: at?.toISOString() };
  // --online fetches only what the document's certificates name (CRL, OCSP, caIssuers), one file at a time, in
  // this thread; never without the flag.
  const threads = values.online ? 1 : poolSize(positionals.length);
  if (threads > 1) {
    try {
      await verifyInPool(positionals, run, threads, emit);
      return exitCodeFor(reports);
    } catch {
      // No worker could start: verify here, skipping what was already printed.
    }
  }
  // Read one file ahead while the current one is verified (I/O overlaps the crypto).
  const reads = new Map<number, Promise<Uint8Array>>();
  const prefetch = (i: number) => {
    if (i < positionals.length && !reads.has(i)) {
      const p = readInput(positionals[i], 'file');
      p.catch(() => undefined);
      reads.set(i, p);
    }
  };
  for (let i = reports.length; i < positionals.length; i++) {
    prefetch(i);
    prefetch(i + 1);
    const bytes = reads.get(i) as Promise<Uint8Array>;
    reads.delete(i);
    emit(
      values.online
        ? await verifyFile(positionals[i], run, bytes, (data, file) => verifyPdfOnline(data, verifyOptionsOf(run, file), httpFetcher(), { createDigester: createNodeDigester }))
        : await verifyFile(positionals[i], run, bytes),
    );
  }
  return exitCodeFor(reports);
}

const INDICATION = { PASSED: ['hợp lệ', 'valid'], FAILED: ['KHÔNG hợp lệ', 'NOT valid'], INDETERMINATE: ['chưa xác định được', 'indeterminate'] } as const;

/** Times shown to people are Vietnam time (UTC+7), as on the copy itself. */
function vietnamTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)} (UTC+7)`;
}

function humanReport(r: VerificationReport, lang: Lang): string {
  const vi = lang === 'vi';
  const lines = [`${r.file}: ${verdictSentence(r, lang)}`];
  r.signatures.forEach((s, i) => {
    const who = s.signer ? `${s.signer.commonName ?? s.signer.subject}${s.signer.organization ? `, ${s.signer.organization}` : ''}` : vi ? 'không rõ người ký' : 'unknown signer';
    const when = s.timestampTime
      ? `${vi ? 'dấu thời gian' : 'timestamp'} ${vietnamTime(s.timestampTime)}`
      : s.claimedTime
        ? `${vi ? 'ký lúc (theo khai báo)' : 'signed at (claimed)'} ${vietnamTime(s.claimedTime)}`
        : '';
    lines.push(`  ${vi ? 'Chữ ký' : 'Signature'} ${i + 1} [${s.fieldName}]: ${INDICATION[s.indication][vi ? 0 : 1]} — ${who}${when ? `; ${when}` : ''}`);
    lines.push(`    ${signatureLine(s, lang)}`);
    if (s.trustList) lines.push(`    ${vi ? 'danh sách tin cậy' : 'trust list'}: ${trustListName(s.trustList, lang)}`);
    // Comments added after signing are allowed (no certification, or DocMDP P=3) but are not what was signed: say so.
    if (s.modificationLevel === 'ANNOTATIONS' && s.indication === 'PASSED') lines.push(`    ${vi ? 'có chú thích/đánh dấu thêm hoặc sửa sau khi ký (được phép, không thuộc nội dung đã ký)' : 'comments or markup added or changed after signing (allowed; not part of what was signed)'}`);
    for (const m of s.modifications.filter((x) => !x.allowed).slice(0, 8)) lines.push(`    ${vi ? 'thay đổi không được phép' : 'disallowed change'}: ${m.object}: ${vi ? m.descriptionVi : m.description}`);
    for (const x of s.reasons) lines.push(`    - ${vi ? x.vi : x.en}`);
  });
  if (r.signatures.length === 0) for (const x of r.reasons) lines.push(`  - ${vi ? x.vi : x.en}`);
  const e = r.ecopy;
  if (e) {
    lines.push(
      vi
        ? `  Bản sao điện tử: số chứng thực ${e.certNo ?? '?'}, quyển số ${e.bookNo ?? '?'}, ngày ${e.date ?? '?'}, ${e.office ?? ''}; người chứng thực ${e.certifier ?? '?'}; bản chính: ${e.docName ?? '?'} (${e.pageCount ?? '?'} trang)`
        : `  E-copy: certification no. ${e.certNo ?? '?'}, book ${e.bookNo ?? '?'}, date ${e.date ?? '?'}, ${e.office ?? ''}; certifier ${e.certifier ?? '?'}; original: ${e.docName ?? '?'} (${e.pageCount ?? '?'} page(s))`,
    );
  }
  for (const o of r.online?.sources ?? []) {
    const status = o.ok ? (vi ? 'đã nhận' : 'answered') : `${vi ? 'lỗi' : 'failed'}: ${o.error ?? ''}`;
    lines.push(`  ${vi ? 'trực tuyến' : 'online'}: ${o.kind} ${o.url} (${o.certificate}) ${status}, ${vietnamTime(o.fetchedAt)}`);
  }
  lines.push(...ltvLines(r.ltv, lang).map((l) => `  ${l}`));
  if (r.ecopyChecks) lines.push(`  ${vi ? 'Kiểm tra bản sao điện tử' : 'E-copy checks'}:`, ...ecopyCheckLines(r.ecopyChecks, lang).map((l) => `    ${l}`));
  return `${lines.join('\n')}\n`;
}
