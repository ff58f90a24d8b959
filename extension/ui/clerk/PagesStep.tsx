/**
 * Step 2: the original's pages. From files (several at once, or dropped) or the camera; each page can be moved,
 * turned and removed. Every image is checked by core's parser as it arrives, so a GIF or a broken file is
 * refused at once, naming the page, rather than at signing time.
 */
import { useState } from 'preact/hooks';
import { PAPER_CHOICES } from '../../../core/ecopy/image-pages.js';
import { parseImage, type PaperChoice } from '../../../core/ecopy/images.js';
import { Cropper } from './Cropper.js';
import { bytes as fmtBytes } from '../common/format.js';
import { errorText } from '../common/errors.js';
import { t } from '../common/i18n.js';
import { Camera } from './Camera.js';
import type { FlowAction, FlowState, PageItem } from './flow-state.js';
import { pagesProblems } from './flow-state.js';
import { usePageUrls } from './page-urls.js';
import { Thumb } from './Thumb.js';

let seq = 0;
const newId = () => `p${Date.now().toString(36)}${(++seq).toString(36)}`;

export function PagesStep({ s, dispatch }: { s: FlowState; dispatch: (a: FlowAction) => void }) {
  const [over, setOver] = useState(false);
  const [camera, setCamera] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const [dragging, setDragging] = useState<string>();
  const [cropping, setCropping] = useState<string>();
  const croppingPage = s.pages.find((p) => p.id === cropping);
  const urlOf = usePageUrls(s.pages);

  const addFiles = async (files: File[]) => {
    const ok: PageItem[] = [];
    const bad: string[] = [];
    let n = s.pages.length;
    for (const f of files) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      try {
        parseImage(bytes, { page: ++n, name: f.name });
        ok.push({ id: newId(), name: f.name, bytes, rotate: 0, source: 'file' });
      } catch (e) {
        n--;
        bad.push(errorText(e));
      }
    }
    setRefused(bad);
    dispatch({ type: 'addPages', pages: ok });
  };

  const addCapture = (jpeg: Uint8Array) => {
    const n = s.pages.length + 1;
    dispatch({ type: 'addPages', pages: [{ id: newId(), name: t('pages_camera_name', n), bytes: jpeg, rotate: 0, source: 'camera' }] });
  };

  const problems = s.showProblems ? pagesProblems(s.pages) : [];
  return (
    <section class="step-body" aria-labelledby="pages-title">
      <h2 id="pages-title">{t('step_pages_title')}</h2>
      <label
        class={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          if (!e.dataTransfer?.types.includes('Files')) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          if (!e.dataTransfer?.files.length) return;
          e.preventDefault();
          setOver(false);
          void addFiles([...e.dataTransfer.files]);
        }}
      >
        <span class="drop-title">{t('pages_drop_title')}</span>
        <span class="muted small">{t('pages_drop_hint')}</span>
        <span class="button">{t('pages_choose')}</span>
        <input
          id="page-files"
          type="file"
          accept="image/jpeg,image/png,.jpg,.jpeg,.png"
          multiple
          onChange={(e) => {
            const input = e.currentTarget;
            const files = [...(input.files ?? [])];
            input.value = '';
            if (files.length) void addFiles(files);
          }}
        />
      </label>
      <div class="row-actions">
        <button type="button" class="secondary" id="open-camera" onClick={() => setCamera(true)}>
          {t('pages_camera')}
        </button>
      </div>
      {camera && <Camera onCapture={addCapture} onClose={() => setCamera(false)} />}
      {refused.map((r) => (
        <p class="note bad" role="alert">
          {r}
        </p>
      ))}
      {croppingPage && (
        <Cropper
          bytes={croppingPage.bytes}
          rotate={croppingPage.rotate}
          crop={croppingPage.crop}
          onCancel={() => setCropping(undefined)}
          onDone={(crop) => {
            dispatch({ type: 'cropPage', id: croppingPage.id, crop });
            setCropping(undefined);
          }}
        />
      )}
      {problems.includes('none') && <p class="note bad">{t('pages_need_one')}</p>}
      {problems.includes('tooMany') && <p class="note bad">{t('pages_too_many')}</p>}
      {s.pages.length > 0 && (
        <ol class="page-list" aria-label={t('pages_list')}>
          {s.pages.map((p, i) => (
            <li
              key={p.id}
              class={`page-item${dragging === p.id ? ' dragging' : ''}`}
              data-page={i + 1}
              draggable
              onDragStart={(e) => {
                setDragging(p.id);
                e.dataTransfer?.setData('text/x-saoy-page', p.id);
              }}
              onDragEnd={() => setDragging(undefined)}
              onDragOver={(e) => {
                if (dragging) e.preventDefault();
              }}
              onDrop={(e) => {
                if (!dragging) return;
                e.preventDefault();
                dispatch({ type: 'dropPage', id: dragging, onto: p.id });
                setDragging(undefined);
              }}
            >
              <Thumb url={urlOf(p.id)} rotate={p.rotate} label={t('pages_page_n', i + 1)} />
              <div class="page-info">
                <strong>{t('pages_page_n', i + 1)}</strong>
                <span class="muted small ellipsis" title={p.name}>
                  {p.name}
                </span>
                <span class="muted small">
                  {fmtBytes(p.bytes.length)}
                  {p.rotate ? ` · ${t('pages_turned', p.rotate)}` : ''}
                  {p.crop ? ` · ${t('pages_cropped')}` : ''}
                </span>
                <select
                  class="page-paper small"
                  aria-label={t('pages_paper')}
                  title={t('pages_paper')}
                  value={p.paper ?? ''}
                  onChange={(e) => dispatch({ type: 'setPaper', id: p.id, paper: (e.currentTarget.value || undefined) as PaperChoice | undefined })}
                >
                  <option value="">{t('pages_paper_auto')}</option>
                  {PAPER_CHOICES.map((c) => (
                    <option value={c}>{t(`pages_paper_${c.replace('-', '_')}`)}</option>
                  ))}
                </select>
              </div>
              <div class="page-tools">
                <button type="button" class="icon-btn" title={t('pages_up')} aria-label={t('pages_up')} disabled={i === 0} onClick={() => dispatch({ type: 'movePage', id: p.id, by: -1 })}>
                  ↑
                </button>
                <button type="button" class="icon-btn" title={t('pages_down')} aria-label={t('pages_down')} disabled={i === s.pages.length - 1} onClick={() => dispatch({ type: 'movePage', id: p.id, by: 1 })}>
                  ↓
                </button>
                <button type="button" class="icon-btn rotate-left" title={t('pages_rotate_left')} aria-label={t('pages_rotate_left')} onClick={() => dispatch({ type: 'rotatePage', id: p.id, dir: -1 })}>
                  ↺
                </button>
                <button type="button" class="icon-btn rotate" title={t('pages_rotate')} aria-label={t('pages_rotate')} onClick={() => dispatch({ type: 'rotatePage', id: p.id })}>
                  ↻
                </button>
                <button type="button" class="icon-btn crop" title={t('pages_crop')} aria-label={t('pages_crop')} onClick={() => setCropping(p.id)}>
                  ⛶
                </button>
                <button type="button" class="icon-btn remove" title={t('pages_remove')} aria-label={t('pages_remove')} onClick={() => dispatch({ type: 'removePage', id: p.id })}>
                  ✕
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {s.pages.length > 1 && <p class="muted small">{t('pages_reorder_hint')}</p>}
    </section>
  );
}
