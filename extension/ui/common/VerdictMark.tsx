/** Verdict as colour + icon + word (never colour alone). */
import { VERDICT_STYLE, VERDICT_WORD_KEY, type BadgeState } from '../../shared/verdict-style.js';
import { t } from './i18n.js';

export function Icon({ path, size = 16 }: { path: string; size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
      <path d={path} fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function VerdictMark({ state, large = false, label }: { state: BadgeState; large?: boolean; label?: string }) {
  const s = VERDICT_STYLE[state];
  return (
    <span
      class={`verdict${large ? ' verdict-large' : ''}`}
      data-verdict={state}
      style={{ color: s.fg, background: s.bg, borderColor: s.border }}
    >
      <Icon path={s.icon} size={large ? 22 : 15} />
      <span>{label ?? t(VERDICT_WORD_KEY[state])}</span>
    </span>
  );
}
