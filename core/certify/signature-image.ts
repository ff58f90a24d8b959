/**
 * The optional image in a signature appearance (the certifier's handwritten signature, the office's seal):
 * PNG or JPEG only, and small, since it is added to every copy the key signs.
 */
import { SaoyError } from '../errors.js';
import { parseImage, sniffImageFormat } from '../ecopy/images.js';

/** 256 KB: a seal scanned at 300 dpi is 50–150 KB; anything larger bloats every copy. */
export const MAX_SIGNATURE_IMAGE_BYTES = 256 * 1024;
/** Pixels per side: an appearance is at most a few centimetres wide. */
const MAX_SIDE = 2000;

/** Throws one clear SaoyError unless `bytes` is a PNG or JPEG within the caps; returns its format. */
export function checkSignatureImage(bytes: Uint8Array): 'png' | 'jpeg' {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new SaoyError('SIGNATURE_IMAGE_INVALID', 'the signature or seal image is empty', 'Ảnh chữ ký hoặc ảnh con dấu bị rỗng');
  }
  if (bytes.length > MAX_SIGNATURE_IMAGE_BYTES) {
    throw new SaoyError(
      'SIGNATURE_IMAGE_TOO_LARGE',
      `the signature or seal image is ${Math.ceil(bytes.length / 1024)} KB, at most ${MAX_SIGNATURE_IMAGE_BYTES / 1024} KB`,
      `Ảnh chữ ký hoặc ảnh con dấu nặng ${Math.ceil(bytes.length / 1024)} KB, tối đa ${MAX_SIGNATURE_IMAGE_BYTES / 1024} KB`,
    );
  }
  const f = sniffImageFormat(bytes);
  if (f !== 'png' && f !== 'jpeg') {
    throw new SaoyError('SIGNATURE_IMAGE_INVALID', 'the signature or seal image must be PNG or JPEG', 'Ảnh chữ ký hoặc ảnh con dấu phải là PNG hoặc JPEG');
  }
  let img;
  try {
    img = parseImage(bytes, { page: 1, name: 'signature image' });
  } catch (e) {
    throw new SaoyError('SIGNATURE_IMAGE_INVALID', 'the signature or seal image cannot be read', 'Không đọc được ảnh chữ ký hoặc ảnh con dấu', { cause: e });
  }
  if (img.width > MAX_SIDE || img.height > MAX_SIDE) {
    throw new SaoyError(
      'SIGNATURE_IMAGE_TOO_LARGE',
      `the signature or seal image is ${img.width}×${img.height} pixels, at most ${MAX_SIDE} per side`,
      `Ảnh chữ ký hoặc ảnh con dấu có ${img.width}×${img.height} điểm ảnh, tối đa ${MAX_SIDE} mỗi cạnh`,
    );
  }
  return f;
}
