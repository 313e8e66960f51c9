// What the CLI prints: each cookie as text or as one JSON object, every
// attacker-controlled string escaped so it cannot reach the terminal raw.
import { toPlain, type JsonNode } from '../codec/json-tree';
import type { CrackFound, CrackReport } from '../crack/crack-pool';
import { KEY_FORM_WORDS } from '../crack/key-forms';
import type { AuditedCookie } from '../../../contract';
import type { Decoded, PayloadView } from '../formats/format';
import type { ExaminedCookie } from '../session-auditor';
import { escapeBytes, escapeText, excerpt, isUtf8, terminalSafeJson } from '../text/escape';

export const cookieLabel = (name: string | null) => (name === null ? 'the value' : `cookie "${escapeText(name)}"`);

/** Pretty JSON with every string escaped for the terminal (depth is bounded by the parser). */
export function prettyJson(node: JsonNode, indent = ''): string {
  const inner = `${indent}  `;
  switch (node.kind) {
    case 'object':
      if (node.entries.length === 0) return '{}';
      return `{\n${node.entries.map(([k, v]) => `${inner}${terminalSafeJson(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
    case 'array':
      if (node.items.length === 0) return '[]';
      return `[\n${node.items.map((v) => `${inner}${prettyJson(v, inner)}`).join(',\n')}\n${indent}]`;
    case 'string':
      return terminalSafeJson(node.value);
    case 'number':
      return node.text;
    case 'literal':
      return String(node.value);
  }
}

export function payloadText(view: PayloadView, indent: string): string {
  switch (view.kind) {
    case 'json':
      return `${indent}${prettyJson(view.tree, indent)}`;
    case 'text':
      return `${indent}${escapeText(view.text)}`;
    case 'bytes':
      return `${indent}${escapeBytes(Buffer.from(view.base64, 'base64'))}\n${indent}(${view.note})`;
    case 'hidden':
      return `${indent}(${view.reason})`;
  }
}

export function payloadJson(view: PayloadView): unknown {
  switch (view.kind) {
    case 'json':
      return { kind: 'json', value: toPlain(view.tree) };
    case 'text':
      return { kind: 'text', text: view.text };
    case 'bytes':
      return { kind: 'bytes', base64: view.base64, note: view.note };
    case 'hidden':
      return { kind: 'hidden', reason: view.reason };
  }
}

export function decodedText(d: Decoded): string {
  const lines = [`${cookieLabel(d.name)}: ${d.title}`];
  for (const f of d.facts) lines.push(`  ${f.label}: ${escapeText(f.value)}`);
  lines.push('  payload:', payloadText(d.payload, '    '));
  for (const n of d.notes) lines.push(`  note: ${n}`);
  if (d.unverifiable) lines.push(`  cannot be verified or cracked: ${escapeText(d.unverifiable)}`);
  return lines.join('\n');
}

export function decodedJson(d: Decoded): Record<string, unknown> {
  return {
    cookie: d.name,
    format: d.format,
    title: d.title,
    facts: Object.fromEntries(d.facts.map((f) => [f.label, f.value])),
    payload: payloadJson(d.payload),
    notes: d.notes,
    ...(d.unverifiable ? { unverifiable: d.unverifiable } : {}),
  };
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const SAME_SITE_WORDS: Record<string, string> = { unspecified: 'unset', no_restriction: 'None', lax: 'Lax', strict: 'Strict' };

/** A Set-Cookie line's attributes and the cookie audit's findings on them, judged as sent over https. */
export function setCookieText(a: AuditedCookie): string {
  const c = a.cookie;
  const expires = c.expirationDate === null ? 'session cookie' : `expires ${new Date(Math.floor(c.expirationDate) * 1000).toISOString().replace('.000Z', 'Z')}`;
  const scope = c.hostOnly ? 'host-only' : `Domain=${escapeText(c.domain)}`;
  const lines = [
    `  attributes (judged as sent over https): Secure ${yesNo(c.secure)}, HttpOnly ${yesNo(c.httpOnly)}, SameSite ${SAME_SITE_WORDS[c.sameSite]}, ${scope}, Path ${escapeText(c.path)}, ${expires}, ${c.size} B`,
  ];
  for (const f of a.audit.findings) lines.push(`  finding (${f.severity}): ${f.title}. ${f.fix}`);
  if (a.audit.findings.length === 0) lines.push('  findings: none');
  return lines.join('\n');
}

export function setCookieJson(a: AuditedCookie): Record<string, unknown> {
  const c = a.cookie;
  const attributes = {
    domain: c.domain,
    hostOnly: c.hostOnly,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    expirationDate: c.expirationDate,
    size: c.size,
  };
  return { attributes, findings: a.audit.findings.map(({ rule, severity, title, why, fix, reference }) => ({ rule, severity, title, why, fix, reference })) };
}

export function unrecognisedText(c: ExaminedCookie, value: string): string {
  return `${cookieLabel(c.name)}: not a session cookie format the auditor knows (value ${excerpt(value, 24)})`;
}

/** A found key as text: escaped, with its form when not as written, and hex when it is not text. */
export function secretText(hit: CrackFound): string {
  const shown = escapeBytes(hit.candidate);
  const form = hit.form === 'raw' ? '' : ` (${KEY_FORM_WORDS[hit.form]}: the key is the bytes ${Buffer.from(hit.key).toString('hex')})`;
  const binary = hit.form === 'raw' && !isUtf8(hit.candidate) ? ` (not text; hex ${Buffer.from(hit.candidate).toString('hex')})` : '';
  return `${shown}${form}${binary}`;
}

export function secretJson(hit: CrackFound): Record<string, unknown> {
  return {
    secret: escapeBytes(hit.candidate),
    secretHex: Buffer.from(hit.candidate).toString('hex'),
    form: hit.form,
    keyHex: Buffer.from(hit.key).toString('hex'),
    variant: hit.variant,
    position: hit.position,
  };
}

export function runJson(report: CrackReport): Record<string, unknown> {
  return {
    candidates: report.candidates,
    keys: report.keys,
    total: report.total,
    overlongLines: report.overlong,
    elapsedMs: Math.round(report.elapsedMs),
    keysPerSecond: Math.round(report.keysPerSecond),
    startupMs: Math.round(report.startupMs),
    threads: report.threads,
    outcome: report.outcome,
  };
}

const si = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)} k` : String(Math.round(n)));
export const count = si;

export function runText(report: CrackReport): string {
  const of = report.total === null ? '' : ` of ${report.total}`;
  const overlong = report.overlong > 0 ? `, ${report.overlong} over-long lines skipped` : '';
  return `${report.candidates}${of} candidates (${report.keys} keys) in ${(report.elapsedMs / 1000).toFixed(2)} s, ${si(report.keysPerSecond)} keys/s on ${report.threads} thread${report.threads === 1 ? '' : 's'}${overlong}`;
}
