/**
 * Colour + icon per verdict, shared by badges and pages so the same verdict always looks the same.
 * Never colour alone: every use also shows the icon and the word.
 */
import type { Verdict } from '../../core/verify/report.js';

export type BadgeState = Verdict | 'pending';

export interface VerdictStyle {
  fg: string;
  bg: string;
  border: string;
  /** SVG path data on a 16×16 grid, stroked. */
  icon: string;
}

export const VERDICT_STYLE: Record<BadgeState, VerdictStyle> = {
  valid: { fg: '#0b5a27', bg: '#e3f4e8', border: '#2e9a4f', icon: 'M3.5 8.5l3 3 6-7' },
  invalid: { fg: '#a00d0d', bg: '#fde7e5', border: '#d93025', icon: 'M4 4l8 8M12 4l-8 8' },
  indeterminate: { fg: '#6b4200', bg: '#fff4d6', border: '#e8a200', icon: 'M5.8 5.6a2.3 2.3 0 1 1 3.2 2.1c-.7.3-1 .8-1 1.5v.6M8 12.2v.3' },
  unsigned: { fg: '#3c4043', bg: '#eef0f2', border: '#8a9096', icon: 'M4 8h8' },
  error: { fg: '#5b1a86', bg: '#f3e8fd', border: '#9b4bd8', icon: 'M8 3.5v5.5M8 12v.4' },
  pending: { fg: '#174ea6', bg: '#e8f0fe', border: '#7ea6f0', icon: 'M8 2.5a5.5 5.5 0 1 0 5.5 5.5' },
};

/** _locales key of the short verdict word ("Hợp lệ", "Không hợp lệ", ...). */
export const VERDICT_WORD_KEY: Record<BadgeState, string> = {
  valid: 'badge_valid',
  invalid: 'badge_invalid',
  indeterminate: 'badge_indeterminate',
  unsigned: 'badge_unsigned',
  error: 'badge_error',
  pending: 'badge_pending',
};
