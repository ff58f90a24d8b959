/**
 * Crop one page: the image is drawn upright (EXIF orientation by the browser, the clerk's turn on a canvas) and
 * the clerk drags a rectangle over it. The result is fractions of the upright image; core shows that part through
 * the page box and a clip path, so the original's bytes are signed unchanged.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CropRect } from '../../../core/ecopy/images.js';
import type { PageRotation } from '../../../core/ecopy/rotation.js';
import { t } from '../common/i18n.js';

const MIN = 0.02; // core refuses smaller crops: a click is not a crop

interface Props {
  bytes: Uint8Array;
  rotate: PageRotation;
  crop?: CropRect;
  onDone(crop: CropRect | undefined): void;
  onCancel(): void;
}

export function Cropper({ bytes, rotate, crop, onDone, onCancel }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [rect, setRect] = useState<CropRect | undefined>(crop);
  const start = useRef<{ x: number; y: number } | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { imageOrientation: 'from-image' });
      const c = canvas.current;
      if (cancelled || !c) return;
      const side = rotate % 180 === 0;
      const scale = Math.min(1, 900 / Math.max(bitmap.width, bitmap.height));
      c.width = Math.round((side ? bitmap.width : bitmap.height) * scale);
      c.height = Math.round((side ? bitmap.height : bitmap.width) * scale);
      const g = c.getContext('2d');
      if (!g) return;
      g.translate(c.width / 2, c.height / 2);
      g.rotate((rotate * Math.PI) / 180);
      g.drawImage(bitmap, (-bitmap.width * scale) / 2, (-bitmap.height * scale) / 2, bitmap.width * scale, bitmap.height * scale);
      bitmap.close();
    })();
    return () => {
      cancelled = true;
    };
  }, [bytes, rotate]);

  const at = (e: PointerEvent): { x: number; y: number } => {
    const box = (canvas.current as HTMLCanvasElement).getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return { x: clamp((e.clientX - box.left) / box.width), y: clamp((e.clientY - box.top) / box.height) };
  };
  const from = (a: { x: number; y: number }, b: { x: number; y: number }): CropRect => ({
    x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y),
  });
  const usable = rect && rect.width >= MIN && rect.height >= MIN;

  return (
    <div class="cropper" role="dialog" aria-label={t('pages_crop_title')}>
      <p class="muted small">{t('pages_crop_hint')}</p>
      <div class="crop-stage">
        <canvas
          ref={canvas}
          id="crop-canvas"
          onPointerDown={(e) => {
            (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
            start.current = at(e);
            setRect(undefined);
          }}
          onPointerMove={(e) => start.current && setRect(from(start.current, at(e)))}
          onPointerUp={(e) => {
            if (start.current) setRect(from(start.current, at(e)));
            start.current = undefined;
          }}
        />
        {rect && (
          <div
            class="crop-rect"
            style={{ left: `${rect.x * 100}%`, top: `${rect.y * 100}%`, width: `${rect.width * 100}%`, height: `${rect.height * 100}%` }}
          />
        )}
      </div>
      <div class="row-actions">
        <button type="button" id="crop-apply" disabled={!usable} onClick={() => onDone(rect)}>
          {t('pages_crop_apply')}
        </button>
        <button type="button" class="secondary" id="crop-clear" onClick={() => onDone(undefined)}>
          {t('pages_crop_clear')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('pages_crop_cancel')}
        </button>
      </div>
    </div>
  );
}
