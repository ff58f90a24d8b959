/** A date typed the way Vietnamese documents write it (dd/mm/yyyy), whatever the browser's own locale. */
import { useState } from 'preact/hooks';
import { parseDateVn } from '../../../core/book/dates.js';
import { dayVn } from './format.js';

export function DateField({ id, value, onChange }: { id: string; value?: string; onChange: (iso: string | undefined) => void }) {
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
          return onChange(undefined);
        }
        const iso = parseDateVn(s);
        setBad(!iso);
        if (iso) onChange(iso);
      }}
    />
  );
}
