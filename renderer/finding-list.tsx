// A cookie's findings as the opened jar row shows them (each with why and what
// to change), and the badge its row shows while closed.
import { FRAMEWORK_LABELS, type CookieAudit, type CookieFinding, type FindingSeverity } from '../contract';

const SEVERITY_LABELS: Record<FindingSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

export const severityLabel = (severity: FindingSeverity): string => SEVERITY_LABELS[severity];

/** "2 · High" (the count and the worst); "none". */
export function FindingBadge({ findings }: { findings: readonly CookieFinding[] }) {
  const worst = findings[0]?.severity;
  if (worst === undefined) return <span class="no-findings">none</span>;
  return <span class={`finding-badge sev-${worst}`}>{`${findings.length} · ${SEVERITY_LABELS[worst]}`}</span>;
}

/** Whose session the cookie looks like, in one sentence. */
export function sessionSentence(audit: CookieAudit): string {
  if (!audit.sessionLike) return 'Not a session cookie, by its name or its value.';
  return audit.framework === null ? 'Looks like a session cookie.' : `Looks like a ${FRAMEWORK_LABELS[audit.framework]} session cookie.`;
}

export function FindingList({ findings }: { findings: readonly CookieFinding[] }) {
  if (findings.length === 0) return <p class="no-findings-note">No findings: the audit’s rules have nothing to say about this cookie.</p>;
  return (
    <ul class="findings">
      {findings.map((f) => (
        <li key={f.rule} class={`finding sev-${f.severity}`}>
          <p class="finding-title">
            <span class="finding-severity">{SEVERITY_LABELS[f.severity]}</span> {f.title}
          </p>
          <p>
            <strong>Why it matters:</strong> {f.why}
          </p>
          <p>
            <strong>What to change:</strong> {f.fix}
          </p>
          <p class="finding-ref">{f.reference}</p>
        </li>
      ))}
    </ul>
  );
}
