/**
 * Photographing the original with the computer's camera (getUserMedia in the extension page): each capture is
 * a new JPEG drawn from the video frame. Where the side panel cannot ask for the camera, the clerk can grant it
 * once in a tab of the extension (same origin: the panel may use it from then on).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../common/i18n.js';

export function Camera({ onCapture, onClose }: { onCapture: (jpeg: Uint8Array) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'live' | 'denied' | 'none' | 'failed'>('starting');
  const [shots, setShots] = useState(0);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 3840 }, height: { ideal: 2160 } }, audio: false });
        if (stopped) return stream.getTracks().forEach((tr) => tr.stop());
        if (video.current) {
          video.current.srcObject = stream;
          await video.current.play().catch(() => undefined);
        }
        setState('live');
      } catch (e) {
        const name = (e as { name?: string }).name;
        setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'none' : 'failed');
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  const capture = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return;
        void blob.arrayBuffer().then((b) => {
          onCapture(new Uint8Array(b));
          setShots((n) => n + 1);
        });
      },
      'image/jpeg',
      0.92,
    );
  };

  return (
    <div class="camera" role="dialog" aria-label={t('camera_title')}>
      <div class="camera-head">
        <strong>{t('camera_title')}</strong>
        <button type="button" class="secondary small-btn" onClick={onClose}>
          {t('camera_done')}
        </button>
      </div>
      {state === 'denied' || state === 'none' || state === 'failed' ? (
        <div class="note bad">
          {t(`camera_${state}`)}
          {state === 'denied' && (
            <div>
              <button type="button" class="secondary small-btn" onClick={() => void browser.tabs.create({ url: `${browser.runtime.getURL('extension/ui/sidepanel/index.html')}#grant-camera` })}>
                {t('camera_grant')}
              </button>
            </div>
          )}
        </div>
      ) : (
        <>
          <video ref={video} class="camera-video" muted playsInline />
          <div class="camera-actions">
            <button type="button" id="camera-capture" disabled={state !== 'live'} onClick={capture}>
              {t('camera_capture')}
            </button>
            <span class="muted small">{state === 'starting' ? t('camera_starting') : t('camera_shots', shots)}</span>
          </div>
        </>
      )}
    </div>
  );
}

/** The tab opened to grant the camera once for the extension (the side panel cannot always ask). */
export function GrantCamera() {
  const [state, setState] = useState<'asking' | 'ok' | 'denied'>('asking');
  useEffect(() => {
    navigator.mediaDevices
      .getUserMedia({ video: true })
      .then((s) => {
        s.getTracks().forEach((tr) => tr.stop());
        setState('ok');
      })
      .catch(() => setState('denied'));
  }, []);
  return (
    <main class="panel">
      <p class={`note ${state === 'denied' ? 'bad' : ''}`}>{t(`camera_grant_${state}`)}</p>
    </main>
  );
}
