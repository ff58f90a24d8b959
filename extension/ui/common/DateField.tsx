/**
 * A date typed the way Vietnamese documents write it (dd/mm/yyyy), whatever the browser's own locale. A text
 * that is no day (32/13/2026, or anything left unfinished when the field is left) is reported through
 * `onError`, so the page can say so instead of filtering as if nothing had been typed.
 */
import { useState } from 'preact/hooks';
import { parseDateVn } from '../../../core/book/dates.js';
import { dayVn } from './format.js';

/** Typed to the end (d/m/yyyy shape): from here on a text that is no day is an error, not a date being typed. */
const COMPLETE = /^\s*\d{1,2}\/\d{1,2}\/\d{4}\s*$/;

export function DateField({ id, value, onChange, onError }: { id: string; value?: string; onChange: (iso: string | undefined) => void; onError?: (text: string | undefined) => void }) {
  const [text, setText] = useState(value ? dayVn(value) : '');
  const [bad, setBad] = useState(false);
  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      class={`date-input${bad ? ' invalid' : ''}`}
      placeholder="dd/mm/yyyy"
      value={text}
      aria-invalid={bad}
      onInput={(e) => {
        const s = e.currentTarget.value;
        setText(s);
        if (!s.trim()) {
          setBad(false);
          onError?.(undefined);
          return onChange(undefined);
        }
        const iso = parseDateVn(s);
        setBad(!iso);
        if (iso) onChange(iso);
        onError?.(iso || !COMPLETE.test(s) ? undefined : s.trim());
      }}
      onBlur={(e) => {
        const s = e.currentTarget.value;
        if (s.trim() && !parseDateVn(s)) onError?.(s.trim());
      }}
    />
  );
}
