/** Shared inputs for e-copy tests: the DejaVu fonts from node_modules and a realistic set of fields. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EcopyFields } from '../../core/ecopy/fields';

const ttf = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../node_modules/dejavu-fonts-ttf/ttf/${name}`, import.meta.url))));

let cached: { fontRegular: Uint8Array; fontBold: Uint8Array } | undefined;

/** DejaVuSerif / DejaVuSerif-Bold bytes (read once per test file). */
export function copyFonts(): { fontRegular: Uint8Array; fontBold: Uint8Array } {
  cached ??= { fontRegular: ttf('DejaVuSerif.ttf'), fontBold: ttf('DejaVuSerif-Bold.ttf') };
  return cached;
}

export function sampleFields(over: Partial<EcopyFields> = {}): EcopyFields {
  return {
    certNo: '15',
    bookNo: '01',
    date: '2026-03-05',
    office: 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa',
    certifier: 'Nguyễn Thị Hồng Nhung',
    certifierTitle: 'KT. CHỦ TỊCH, PHÓ CHỦ TỊCH',
    authority: 'Ủy ban nhân dân phường Hạc Thành',
    docName: 'Bằng tốt nghiệp đại học',
    requester: 'Lê Văn Đức',
    pageCount: 1,
    ...over,
  };
}

/** Today in Vietnam: the only date a copy signed now may carry (the statement is dated the signing day). */
export function signingDay(at: Date = new Date()): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const testOutput = fileURLToPath(new URL('../../test-output/', import.meta.url));
