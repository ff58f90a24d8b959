/**
 * "Tải bản đã kiểm tra": saves, from the extension, exactly the bytes this report is about (a local file's kept
 * copy, or the attachment fetched again by the extension and accepted only when it hashes to the same SHA-256:
 * the user gets exactly the verified bytes or nothing). A portal can serve the badge's fetch one
 * file and the user's own click on its link another; this button is how the user gets the verified one.
 */
import { useState } from 'preact/hooks';
import type { CachedVerification } from '../../../core/store/verify-cache.js';
import { downloadBytes } from '../common/download.js';
import { t } from '../common/i18n.js';
import { sourceBytes } from './source-bytes.js';
import { sha256Hex } from '../../../core/bytes/sha.js';

/** A safe file name for the saved copy: the original's name when it has one. */
function saveName(rec: CachedVerification): string {
  const base = (rec.fileName ?? '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim();
  if (!base) return `ban-da-kiem-tra-${rec.sha256.slice(0, 12)}.pdf`;
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

export function VerifiedBytes({ rec }: { rec: CachedVerification }) {
  const [note, setNote] = useState<{ kind: 'ok' | 'bad'; text: string }>();
  const save = async () => {
    setNote(undefined);
    const got = await sourceBytes(rec);
    // Never hand out anything but the verified bytes, whatever the source says.
    if (!got.ok || (await sha256Hex(got.bytes)) !== rec.sha256) return setNote({ kind: 'bad', text: t('verified_bytes_gone') });
    downloadBytes([got.bytes], saveName(rec), 'application/pdf');
    setNote({ kind: 'ok', text: t('verified_bytes_saved', saveName(rec)) });
  };
  return (
    <div class="verified-bytes" id="verified-bytes">
      <button type="button" id="download-verified" onClick={() => void save()}>
        {t('verified_bytes_download')}
      </button>
      {rec.source && (
        <p class="small muted" id="link-may-differ">
          {t('verified_bytes_link_note')}
        </p>
      )}
      {note && (
        <p class={`note ${note.kind}`} role="status">
          {note.text}
        </p>
      )}
    </div>
  );
}
