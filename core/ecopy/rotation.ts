/**
 * A page turned by the user (the photo was taken sideways): a quarter-turn clockwise on top of the image's own
 * EXIF orientation. Only the drawing matrix changes — the JPEG/PNG bytes are embedded exactly as they are.
 */
import type { ExifOrientation } from './images';

export type PageRotation = 0 | 90 | 180 | 270;

export const PAGE_ROTATIONS: readonly PageRotation[] = [0, 90, 180, 270];

export function isPageRotation(v: unknown): v is PageRotation {
  return v === 0 || v === 90 || v === 180 || v === 270;
}

/**
 * EXIF orientation as "mirror left-right first, then turn clockwise by `turn` degrees" (EXIF 5 = mirror + 270°,
 * 7 = mirror + 90°, 4 = mirror + 180°).
 */
const AS_TURN: Record<ExifOrientation, { mirror: boolean; turn: PageRotation }> = {
  1: { mirror: false, turn: 0 },
  2: { mirror: true, turn: 0 },
  3: { mirror: false, turn: 180 },
  4: { mirror: true, turn: 180 },
  5: { mirror: true, turn: 270 },
  6: { mirror: false, turn: 90 },
  7: { mirror: true, turn: 90 },
  8: { mirror: false, turn: 270 },
};

/** The orientation that shows the image as `o` shows it, then turned `rotation` degrees clockwise. */
export function rotateOrientation(o: ExifOrientation, rotation: PageRotation): ExifOrientation {
  const { mirror, turn } = AS_TURN[o];
  const total = ((turn + rotation) % 360) as PageRotation;
  for (const [k, v] of Object.entries(AS_TURN)) {
    if (v.mirror === mirror && v.turn === total) return Number(k) as ExifOrientation;
  }
  return o; // unreachable: the table covers every (mirror, turn) pair
}

/** The next quarter-turn clockwise (90 → 180 → 270 → 0). */
export function nextRotation(r: PageRotation): PageRotation {
  return ((r + 90) % 360) as PageRotation;
}
