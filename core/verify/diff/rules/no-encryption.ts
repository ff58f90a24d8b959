/** Encryption appearing after signing changes how every string and stream reads: never explained. */
import { dictGet } from '../../../pdf/parse/index.js';
import type { DiffRule } from '../rule.js';

export const noEncryption: DiffRule = {
  name: 'no-encryption',
  level: 'veto',
  explains: 'vetoes an /Encrypt entry added to the trailer after signing',
  explain(ctx) {
    if (!dictGet(ctx.vs.trailer(), 'Encrypt') && dictGet(ctx.vf.trailer(), 'Encrypt')) ctx.veto('no-encryption', 'trailer', 'encryption was added after signing', 'tài liệu bị mã hóa sau khi ký');
  },
};
