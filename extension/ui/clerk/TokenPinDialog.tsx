/**
 * The PIN dialog for token keys: the signing flow (services/token-keys.ts) asks through it when a token key is
 * about to sign. The PIN lives in this component's state only until OK, then is cleared; after a wrong PIN the
 * dialog comes back with the token's message and tries left.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { setTokenPinPrompt } from '../../services/token-keys.js';
import { NativeHostError } from '../../shared/native-protocol-client.js';
import { t } from '../common/i18n.js';

interface Ask {
  label: string;
  error?: string;
  resolve(pin: string): void;
  reject(e: Error): void;
}

export function TokenPinDialog() {
  const [ask, setAsk] = useState<Ask>();
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setTokenPinPrompt((label, previous) => new Promise<string>((resolve, reject) => setAsk({ label, error: previous?.vi, resolve, reject })));
    return () => setTokenPinPrompt(undefined);
  }, []);
  useEffect(() => input.current?.focus(), [ask]);

  if (!ask) return null;
  const done = (ok: boolean) => {
    const typed = pin;
    setPin('');
    setAsk(undefined);
    if (ok && typed) ask.resolve(typed);
    else ask.reject(new NativeHostError('CANCELLED', 'the clerk cancelled the PIN dialog'));
  };
  return (
    <div class="token-pin" id="token-pin-dialog" role="dialog" aria-modal="true" aria-labelledby="token-pin-title">
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          done(true);
        }}
      >
        <h2 id="token-pin-title">{t('token_pin_title', ask.label)}</h2>
        {ask.error && (
          <p class="note bad" id="token-pin-error" role="alert">
            {ask.error}
          </p>
        )}
        <input ref={input} id="token-pin-input" type="password" autocomplete="off" inputMode="numeric" placeholder={t('token_pin_label')} value={pin} onInput={(e) => setPin((e.target as HTMLInputElement).value)} />{' '}
        <button type="submit" id="token-pin-ok">{t('token_pin_ok')}</button>{' '}
        <button type="button" class="secondary" id="token-pin-cancel" onClick={() => done(false)}>
          {t('token_pin_cancel')}
        </button>
      </form>
    </div>
  );
}
