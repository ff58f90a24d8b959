/** A new, empty saoy database per test (fake-indexeddb; a unique name isolates tests in one process). */
import 'fake-indexeddb/auto';
import { openSaoyDb, type SaoyDatabase } from '../../../core/store/db';

let counter = 0;

export async function freshDb(): Promise<{ db: SaoyDatabase; name: string; reopen: () => Promise<SaoyDatabase> }> {
  const name = `saoy-test-${process.pid}-${++counter}-${Date.now()}`;
  const db = await openSaoyDb(name);
  return { db, name, reopen: () => openSaoyDb(name) };
}

export const OFFICE = 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa';

export function draft(over: Partial<import('../../../core/book/types').EntryDraft> = {}): import('../../../core/book/types').EntryDraft {
  return {
    date: '2026-03-05',
    requester: 'Lê Văn Đức',
    docName: 'Bằng tốt nghiệp đại học',
    signerName: 'Nguyễn Thị Hồng Nhung',
    signerTitle: 'Công chức Tư pháp - Hộ tịch',
    pages: 2,
    ...over,
  };
}

/** The SaoyError code a promise rejects with (or the error as text), undefined when it resolves. */
export async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : String(e);
  }
  return undefined;
}
