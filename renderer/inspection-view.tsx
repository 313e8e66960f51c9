// The session cookie taken apart: decoded payload, signature verdict, size.
import type { CookieInspection } from '../contract';
import { sizeText, verdictText } from './cookie-format';
import { useLabWindow } from './lab-window';
import { useStore } from './store';

function payloadText(inspection: CookieInspection): { text: string; muted: boolean } {
  const { decoded } = inspection;
  if (!inspection.received || decoded === null) return { text: `No ${inspection.name} cookie: the server has nothing to remember you by.`, muted: true };
  if (!decoded.ok) return { text: `Cannot decode ${inspection.name}: ${decoded.error}`, muted: true };
  // Anyone holding the cookie can read this: it is base64, not encryption.
  return { text: JSON.stringify(decoded.payload, null, 2), muted: false };
}

export function InspectionCard() {
  const { lab, inspector } = useLabWindow();
  const inspection = useStore(inspector.inspection);
  const payload = inspection === null ? { text: '', muted: false } : payloadText(inspection);
  const verdict = inspection === null ? null : verdictText(inspection);
  const limit = inspection?.sizeLimit ?? 4096;
  let size = '';
  if (inspection !== null) {
    size = inspection.received
      ? `${sizeText(inspection.sizeBytes, inspection.sizeLimit)}: ${inspection.name} plus ${inspection.name}.sig. A browser drops a cookie over about 4 KB.`
      : `0 bytes of ~${inspection.sizeLimit}. A browser drops any cookie over about 4 KB.`;
  }

  return (
    <section class="card" aria-labelledby="inspection-title">
      <h2 id="inspection-title">Session cookie</h2>
      <p id="inspection-source" class="hint">
        {lab
          ? 'Read from the jar; the app checks the signature with the server’s keys, which never reach this window.'
          : 'As the server received it on the last request, checked with its own keys.'}
      </p>
      <div class="inspection">
        <div>
          <h3>Decoded payload</h3>
          <pre id="payload" class={payload.muted ? 'code-box payload muted' : 'code-box payload'}>
            {payload.text}
          </pre>
        </div>
        <div>
          <h3>Signature</h3>
          <p id="verdict" class={verdict === null ? 'verdict' : `verdict verdict-${verdict.tone}`}>
            {verdict?.text ?? ''}
          </p>
          <h3 id="size-title">Size</h3>
          <meter
            id="size-meter"
            min={0}
            max={limit}
            low={Math.round(limit * 0.5)}
            high={Math.round(limit * 0.875)}
            optimum={0}
            value={inspection?.sizeBytes ?? 0}
            aria-labelledby="size-title"
          />
          <p id="size-text" class="size-text">
            {size}
          </p>
        </div>
      </div>
    </section>
  );
}
