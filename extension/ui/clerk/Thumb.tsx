/** A page thumbnail as it will appear on the copy: EXIF orientation by the browser, the clerk's turn by CSS. */
import type { PageRotation } from '../../../core/ecopy/rotation.js';

export function Thumb({ url, rotate, label, size = 'md' }: { url: string; rotate: PageRotation; label: string; size?: 'sm' | 'md' }) {
  return (
    <span class={`thumb thumb-${size}`} data-rotate={rotate}>
      <img src={url} alt={label} style={{ transform: `rotate(${rotate}deg)` }} draggable={false} />
    </span>
  );
}
