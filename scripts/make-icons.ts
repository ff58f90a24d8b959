/**
 * `tsx scripts/make-icons.ts`: draws the extension's icons (16, 32, 48, 128 px) as PNG files, no external
 * assets: a red seal (the colour of a Vietnamese certification stamp) with a white tick, supersampled 4×4 for
 * smooth edges, written with node:zlib. The PNGs are committed; run again after changing the drawing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128] as const;
const RED: [number, number, number] = [0xa3, 0x15, 0x1a];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

/** Distance from point p to segment ab. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Colour and coverage at a point of the unit square: seal disc, inner ring, tick. */
function sample(x: number, y: number): [number, number, number, number] {
  const r = Math.hypot(x - 0.5, y - 0.5);
  if (r > 0.48) return [0, 0, 0, 0];
  const ring = Math.abs(r - 0.4) < 0.025;
  const tick = Math.min(segDist(x, y, 0.29, 0.52, 0.44, 0.67), segDist(x, y, 0.44, 0.67, 0.72, 0.35)) < 0.07;
  return [...(ring || tick ? WHITE : RED), 255];
}

function crc32(buf: Uint8Array): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export function iconPng(size: number): Uint8Array {
  const S = 4;
  const raw = new Uint8Array(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const [r, g, b, a] = sample((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const a = acc[3] / (S * S);
      raw.set(acc[3] ? [acc[0] / acc[3], acc[1] / acc[3], acc[2] / acc[3], a].map(Math.round) : [0, 0, 0, 0], o);
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, size);
  v.setUint32(4, size);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const sig = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = [sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const s of SIZES) writeFileSync(join('extension/icons', `icon-${s}.png`), iconPng(s));
  console.log(`icons written: ${SIZES.map((s) => `extension/icons/icon-${s}.png`).join(', ')}`);
}
