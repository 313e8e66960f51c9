// The session cookie taken apart: decoded payload, signature verdict, size.
import type { CookieInspection } from '../contract';
import { sizeText, verdictText } from './cookie-format';
import { byId } from './dom';

export function renderInspection(inspection: CookieInspection): void {
  const payload = byId('payload');
  const decoded = inspection.decoded;
  if (!inspection.received || decoded === null) {
    payload.textContent = `No ${inspection.name} cookie: the server has nothing to remember you by.`;
    payload.classList.add('muted');
  } else if (!decoded.ok) {
    payload.textContent = `Cannot decode ${inspection.name}: ${decoded.error}`;
    payload.classList.add('muted');
  } else {
    // Anyone holding the cookie can read this: it is base64, not encryption.
    payload.textContent = JSON.stringify(decoded.payload, null, 2);
    payload.classList.remove('muted');
  }

  const { text, tone } = verdictText(inspection);
  const verdict = byId('verdict');
  verdict.textContent = text;
  verdict.className = `verdict verdict-${tone}`;

  const meter = byId<HTMLMeterElement>('size-meter');
  meter.max = inspection.sizeLimit;
  meter.high = Math.round(inspection.sizeLimit * 0.875);
  meter.low = Math.round(inspection.sizeLimit * 0.5);
  meter.value = inspection.sizeBytes;
  byId('size-text').textContent = inspection.received
    ? `${sizeText(inspection.sizeBytes, inspection.sizeLimit)}: ${inspection.name} plus ${inspection.name}.sig. A browser drops a cookie over about 4 KB.`
    : `0 bytes of ~${inspection.sizeLimit}. A browser drops any cookie over about 4 KB.`;
}
