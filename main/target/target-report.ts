// The Your app tab's report for a bug tracker: the findings and the decoded
// cookies of every origin visited, as Markdown or JSON. Built from what the
// window already sees (a TargetInspection), so a key the user typed, which
// never leaves main's key holder, cannot be in it.
import { FRAMEWORK_LABELS, type CookieFinding, type ReportFormat, type TargetCookieView, type TargetInspection } from '../../contract';

export interface ReportInput {
  inspection: TargetInspection;
  /** The address the view showed. */
  url: string;
  /** When it was made, ms since the epoch. */
  time: number;
}

const FILE_EXTENSIONS: Record<ReportFormat, string> = { markdown: 'md', json: 'json' };

/** "session-lab-127.0.0.1-5000-2026-12-01.md": the host the report is about, and the day. */
export function reportFileName(url: string, format: ReportFormat, time: number): string {
  let host = 'your-app';
  try {
    const parsed = new URL(url);
    const name = parsed.hostname.replace(/[^a-zA-Z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
    host = `${name || 'your-app'}${parsed.port ? `-${parsed.port}` : ''}`;
  } catch {
    // No page yet: the generic name.
  }
  return `session-lab-${host}-${new Date(time).toISOString().slice(0, 10)}.${FILE_EXTENSIONS[format]}`;
}

const verdictWords = (c: TargetCookieView): string => {
  switch (c.verdict.state) {
    case 'no-key':
      return 'not checked (no key given)';
    case 'valid':
      return `valid with the key given (${c.verdict.variant})`;
    case 'invalid':
      return `does NOT match the key given: ${c.verdict.reason}`;
    case 'unverifiable':
      return `cannot be checked: ${c.verdict.reason}`;
  }
};

const expiry = (c: TargetCookieView): string =>
  c.cookie.session || c.cookie.expirationDate === null ? 'session' : new Date(c.cookie.expirationDate * 1000).toISOString();

const sessionWords = (c: TargetCookieView): string | null =>
  c.session === undefined ? null : c.session === null ? 'a session cookie' : `a ${FRAMEWORK_LABELS[c.session]} session cookie`;

function cookieJson(c: TargetCookieView, findings: readonly CookieFinding[]): Record<string, unknown> {
  const row = c.cookie;
  return {
    name: row.name,
    domain: row.domain,
    path: row.path,
    hostOnly: row.hostOnly,
    secure: row.secure,
    httpOnly: row.httpOnly,
    sameSite: row.sameSite,
    expires: expiry(c),
    size: row.size,
    session: sessionWords(c),
    value: row.value,
    signatureOf: c.signatureOf,
    signatureCookie: c.signatureCookie,
    decoded: c.decoded,
    signature: c.signatureOf === null ? verdictWords(c) : null,
    weakKey: c.weakKey,
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, title: f.title, why: f.why, fix: f.fix, reference: f.reference })),
  };
}

/** Markdown keeps a cookie's text literal: in a code span, with backticks fenced. */
function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const fence = oneLine.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${oneLine}${fence === '``' ? ' ' : ''}${fence}`;
}

function block(text: string): string {
  const fence = text.includes('```') ? '````' : '```';
  return `${fence}\n${text}\n${fence}`;
}

function cookieMarkdown(c: TargetCookieView, findings: readonly CookieFinding[]): string {
  const row = c.cookie;
  const lines = [`### ${code(row.name)} on ${code(row.domain)}${row.path === '/' ? '' : ` (path ${code(row.path)})`}`, ''];
  lines.push(
    `- Attributes: Secure ${row.secure ? 'yes' : 'no'}, HttpOnly ${row.httpOnly ? 'yes' : 'no'}, SameSite ${row.sameSite}, ${row.hostOnly ? 'host-only' : `Domain=${row.domain}`}, expires ${expiry(c)}, ${row.size} bytes`,
  );
  const session = sessionWords(c);
  if (session !== null) lines.push(`- Looks like ${session}.`);
  if (c.signatureOf !== null) lines.push(`- The cookie-session signature of ${code(c.signatureOf)}.`);
  if (c.decoded !== null) {
    lines.push(`- Format: ${c.decoded.title}`);
    for (const fact of c.decoded.facts) lines.push(`  - ${fact.label}: ${code(fact.value)}`);
    for (const note of c.decoded.notes) lines.push(`  - ${note}`);
    lines.push(`- Signature: ${verdictWords(c)}`);
  } else if (c.signatureOf === null) {
    lines.push('- Format: not a session format the auditor knows');
  }
  if (c.weakKey !== null)
    lines.push(`- **Signed with a known weak key**: ${code(c.weakKey.key)} (${c.weakKey.form}, ${c.weakKey.variant}), from the built-in list of public keys.`);
  if (findings.length > 0) {
    lines.push('- Findings:');
    for (const f of findings) lines.push(`  - **${f.severity}: ${f.title}.** ${f.why} *What to change:* ${f.fix} (${f.reference})`);
  }
  if (c.decoded !== null) lines.push('', 'Payload:', '', block(c.decoded.payload.text));
  lines.push('', `Value: ${code(row.value)}`);
  return lines.join('\n');
}

export function buildReport(input: ReportInput, format: ReportFormat): string {
  const { inspection, url, time } = input;
  const findingsOf = (i: number): CookieFinding[] => (inspection.cookies[i]?.findings ?? []).flatMap((at) => inspection.findings[at] ?? []);
  if (format === 'json') {
    return `${JSON.stringify(
      {
        generator: 'Session Lab',
        created: new Date(time).toISOString(),
        page: url,
        origins: inspection.visited,
        cookies: inspection.cookies.map((c, i) => cookieJson(c, findingsOf(i))),
        lastCrack: inspection.lastCrack,
      },
      null,
      2,
    )}\n`;
  }
  const findingCount = inspection.cookies.reduce((n, c) => n + c.findings.length, 0);
  const weak = inspection.cookies.filter((c) => c.weakKey !== null).length;
  const head = [
    '# Session Lab report',
    '',
    `- Page: ${url === '' ? '(none)' : code(url)}`,
    `- Created: ${new Date(time).toISOString()}`,
    `- Origins visited: ${inspection.visited.length === 0 ? '(none in this run)' : inspection.visited.map(code).join(', ')}`,
    `- Cookies: ${inspection.cookies.length}; findings: ${findingCount}; signed with a known weak key: ${weak}`,
  ];
  if (inspection.lastCrack !== null) {
    const crack = inspection.lastCrack;
    head.push(`- Weak-key check: ${crack.tried} of ${crack.total} known keys tried against ${crack.cookies} signed cookie(s) (${crack.outcome}).`);
  }
  const cookies = inspection.cookies.map((c, i) => cookieMarkdown(c, findingsOf(i)));
  return `${[...head, '', '## Cookies', '', cookies.join('\n\n')].join('\n')}\n`;
}
