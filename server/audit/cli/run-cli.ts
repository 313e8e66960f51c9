// Runs one CLI invocation against small interfaces (argv, streams, env), so tests
// and the entry point share it. Every failure ends as one line and exit 2.
import type fs from 'node:fs';
import { crackCookies, CrackRunError, wordlistSource, type CandidateSource } from '../crack/crack-pool';
import { CrackSourceError } from '../crack/batches';
import { CookieInputError, MAX_INPUT_CHARS } from '../cookie-input';
import { SignError, type AuditTarget } from '../formats/format';
import { FORMATS } from '../formats/registry';
import { examine, resign, signNew, verifyTarget, type ExaminedCookie } from '../session-auditor';
import { escapeText, excerpt, terminalSafeJson } from '../text/escape';
import { CLI_USAGE, parseCliArgs, UsageError, type CliCommand } from './cli-args';
import {
  cookieLabel,
  decodedJson,
  decodedText,
  payloadJson,
  payloadText,
  runJson,
  runText,
  secretJson,
  secretText,
  setCookieJson,
  setCookieText,
  unrecognisedText,
} from './cli-output';
import { auditSetCookie } from '../set-cookie-row';
import { ProgressLine } from './progress-line';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The whole of stdin as bytes, read once on demand. */
  readStdin: () => Promise<Buffer>;
  stdinStream: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  stderrIsTty: boolean;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  workerPath?: string;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const cmd = parseCliArgs(argv);
    if (cmd.command === 'help') {
      io.stdout(`${CLI_USAGE}\n`);
      return 0;
    }
    return await dispatch(cmd, io);
  } catch (e) {
    const known =
      e instanceof UsageError || e instanceof CookieInputError || e instanceof SignError || e instanceof CrackSourceError || e instanceof CrackRunError;
    const message = e instanceof Error ? e.message : String(e);
    // One line, escaped: an unexpected error never prints a stack.
    io.stderr(`Error: ${known ? '' : 'unexpected failure: '}${escapeText(message.split('\n')[0] ?? '')}\n`);
    if (e instanceof UsageError) io.stderr('Run with --help for usage.\n');
    return 2;
  }
}

async function readInput(cmd: CliCommand, io: CliIo): Promise<string> {
  if (cmd.input !== '-') return cmd.input!;
  const bytes = await io.readStdin();
  if (bytes.length > MAX_INPUT_CHARS) throw new CookieInputError(`stdin has ${bytes.length} bytes; a Cookie header is at most a few KB.`);
  return bytes.toString('utf8');
}

async function readSecret(cmd: CliCommand, io: CliIo): Promise<Buffer> {
  let text: string;
  const s = cmd.secret!;
  if (s.kind === 'argv') text = s.value;
  else if (s.kind === 'env') {
    const v = io.env[s.variable];
    if (v === undefined) throw new UsageError(`The environment variable ${excerpt(s.variable)} is not set.`);
    text = v;
  } else text = (await io.readStdin()).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (text === '') throw new UsageError('The key is empty.');
  if (cmd.keyForm === 'raw') return Buffer.from(text, 'utf8');
  const ok = cmd.keyForm === 'hex' ? /^([0-9a-fA-F]{2})+$/.test(text) : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text);
  if (!ok) throw new UsageError(`The key is not ${cmd.keyForm}.`);
  return Buffer.from(text, cmd.keyForm === 'hex' ? 'hex' : 'base64');
}

function examineInput(text: string, cmd: CliCommand): ExaminedCookie[] {
  const cookies = examine(text, { ...(cmd.format ? { format: cmd.format } : {}), options: cmd.options });
  if (cookies.every((c) => c.target === null)) {
    throw new CookieInputError(
      cmd.format
        ? `No cookie in the input reads as ${cmd.format}.`
        : `No session cookie format the auditor knows in the input (${cookies.map((c) => (c.name === null ? 'a bare value' : `"${escapeText(c.name)}"`)).join(', ')}).`,
    );
  }
  return cookies;
}

const out = (io: CliIo, cmd: CliCommand, json: Record<string, unknown>, text: string) => io.stdout(`${cmd.json ? terminalSafeJson(json) : text}\n`);

async function dispatch(cmd: CliCommand, io: CliIo): Promise<number> {
  switch (cmd.command) {
    case 'decode': {
      const cookies = examineInput(await readInput(cmd, io), cmd);
      const now = Date.now() / 1000;
      for (const c of cookies) {
        // A Set-Cookie line's attributes, audited as the app's Decoder tab does (decode cracks nothing: no weak-key finding).
        const line = c.setCookie !== null && c.name !== null ? auditSetCookie(c.name, c.setCookie, c.decoded, { readAt: now, now, weakKeyFound: false }) : null;
        const json = c.decoded ? decodedJson(c.decoded) : { cookie: c.name, format: null };
        const text = c.decoded ? decodedText(c.decoded) : unrecognisedText(c, c.value);
        if (line === null) out(io, cmd, json, text);
        else out(io, cmd, { ...json, setCookie: setCookieJson(line) }, `${text}\n${setCookieText(line)}`);
      }
      return 0;
    }
    case 'verify': {
      const text = await readInput(cmd, io);
      const secret = await readSecret(cmd, io);
      const cookies = examineInput(text, cmd).filter((c) => c.target !== null);
      let invalid = 0;
      let checked = 0;
      for (const c of cookies) {
        const v = verifyTarget(c.target!, secret);
        const unverifiable = c.decoded?.unverifiable;
        if (unverifiable) {
          out(
            io,
            cmd,
            { cookie: c.name, format: c.target!.format, valid: null, reason: unverifiable },
            `${cookieLabel(c.name)}: cannot be verified: ${escapeText(unverifiable)}`,
          );
          continue;
        }
        checked++;
        if (v.valid) {
          const shown = v.payload ? `\n  payload:\n${payloadText(v.payload, '    ')}` : '';
          out(
            io,
            cmd,
            { cookie: c.name, format: c.target!.format, valid: true, variant: v.variant, ...(v.payload ? { payload: payloadJson(v.payload) } : {}) },
            `${cookieLabel(c.name)}: signature valid: made with this key (${v.variant})${shown}`,
          );
        } else {
          invalid++;
          out(
            io,
            cmd,
            { cookie: c.name, format: c.target!.format, valid: false },
            `${cookieLabel(c.name)}: signature does NOT match: not made with this key (or changed since)`,
          );
        }
      }
      if (checked === 0) throw new CookieInputError('No cookie in the input has a signature to verify.');
      return invalid === 0 ? 0 : 1;
    }
    case 'crack':
      return crack(cmd, io);
    case 'sign': {
      const secret = await readSecret(cmd, io);
      let signed;
      if (cmd.resign) {
        const cookies = examineInput(await readInput(cmd, io), cmd).filter((c) => c.target !== null);
        if (cookies.length !== 1) throw new UsageError(`--resign takes one session cookie; the input has ${cookies.length}.`);
        const target = cmd.name ? { ...cookies[0]!.target!, name: cmd.name } : cookies[0]!.target!;
        signed = resign(target, secret, cmd.payload);
      } else signed = signNew(cmd.format ?? 'cookie-session', { name: cmd.name ?? null, payload: cmd.input!, secret, options: cmd.options });
      const header = signed.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      if (cmd.json)
        io.stdout(
          `${terminalSafeJson({ format: cmd.format ?? (cmd.resign ? null : 'cookie-session'), cookies: signed.cookies, header, summary: signed.summary })}\n`,
        );
      else {
        io.stdout(`${escapeText(header)}\n`);
        io.stderr(`(${signed.summary})\n`);
      }
      return 0;
    }
    default:
      throw new UsageError('Unknown command.');
  }
}

async function crack(cmd: CliCommand, io: CliIo): Promise<number> {
  const cookies = examineInput(await readInput(cmd, io), cmd).filter((c) => c.target !== null);
  const crackable = cookies.filter((c) => FORMATS[c.target!.format].hypotheses(FORMATS[c.target!.format].parse(c.target!)!).length > 0);
  for (const c of cookies.filter((x) => !crackable.includes(x))) {
    io.stderr(`${cookieLabel(c.name)}: skipped: ${escapeText(c.decoded?.unverifiable ?? 'nothing to check a key against')}\n`);
  }
  if (crackable.length === 0) throw new CookieInputError('No cookie in the input has a signature to crack.');
  const targets: AuditTarget[] = crackable.map((c) => c.target!);
  let source: CandidateSource = { kind: 'built-in' };
  if (cmd.wordlist !== undefined) {
    try {
      source = wordlistSource(cmd.wordlist, io.stdinStream);
    } catch (e) {
      throw new CrackRunError(`Cannot read the wordlist ${excerpt(cmd.wordlist, 80)}: ${(e as Error).message.replace(/^[A-Z]+: /, '')}`);
    }
    if (source.kind === 'stream' && cmd.wordlist !== '-') {
      const stream = source.stream as fs.ReadStream;
      // An unreadable file fails on first read; say so as input, not as a crash.
      stream.on('error', () => undefined);
    }
  }
  const progress = io.stderrIsTty && !cmd.quiet ? new ProgressLine(io.stderr) : null;
  let report;
  try {
    report = await crackCookies(targets, source, {
      ...(cmd.transforms ? { forms: cmd.transforms } : {}),
      ...(cmd.threads ? { threads: cmd.threads } : {}),
      ...(io.workerPath ? { workerPath: io.workerPath } : {}),
      signal: io.signal,
      progressIntervalMs: 200,
      onProgress: (p) => progress?.update(p),
    });
  } catch (e) {
    if (e instanceof Error && 'code' in e && typeof (e as NodeJS.ErrnoException).code === 'string')
      throw new CrackRunError(`Cannot read the wordlist ${excerpt(cmd.wordlist ?? '', 80)}: ${e.message}`);
    throw e;
  } finally {
    progress?.clear();
  }
  const single = targets.length === 1;
  for (const [i, c] of crackable.entries()) {
    const hit = report.found.find((f) => f.target === i);
    const label = single ? '' : `${cookieLabel(c.name)} (${c.target!.format}): `;
    const text = hit ? `${label}secret found: ${secretText(hit)}` : `${label}secret not found`;
    out(
      io,
      cmd,
      {
        cookie: c.name,
        format: c.target!.format,
        found: hit !== undefined,
        ...(hit ? secretJson(hit) : {}),
        run: { ...runJson(report), peakRssBytes: process.resourceUsage().maxRSS * 1024 },
      },
      text,
    );
  }
  if (report.outcome === 'aborted') io.stderr(`Stopped by Ctrl-C after ${runText(report)}.\n`);
  else if (!cmd.json) io.stderr(`(${runText(report)})\n`);
  return report.found.length > 0 ? 0 : 1;
}
