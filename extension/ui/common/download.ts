/** Saves bytes as a file the way a download link does (works in tabs, the side panel and the sidebar). */
export function downloadBytes(parts: readonly Uint8Array[], name: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts as Uint8Array<ArrayBuffer>[], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens bytes (a PDF) in a new tab to look at. */
export function openBytes(bytes: Uint8Array, type = 'application/pdf'): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
}

export async function readFileBytes(f: File): Promise<Uint8Array> {
  return new Uint8Array(await f.arrayBuffer());
}
