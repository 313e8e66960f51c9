// `npm run cli -- <command>`: decode, verify, crack and sign cookie-session cookies.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeSessionValue, encodeSessionValue, signSessionValue, verifySessionSignature } from '../session/session-codec';
import { CookieHeaderError, findSessionPair } from './cookie-header';
import { crackSecret } from './crack';
import { builtInWordlist, parseWordlist } from './wordlist';

export const CLI_USAGE = `Usage: npm run cli -- <command> [options]

Audits cookie-session cookies (any cookie name; keygrip HMAC-SHA1 ".sig").
A cookie header is what the browser sends, e.g. "session=eyJ...; session.sig=abc".

Commands:
  decode "<cookie header>"                  print the session payload as JSON
  verify "<cookie header>" --secret K       say whether the signature holds with K
  crack  "<cookie header>" [--wordlist F]   try a wordlist (built in: well-known
                                            tutorial/default secrets and ~49,000
                                            common passwords); exit 0 and print
                                            "secret found: <key>", or exit 1
  sign   '<json object>' --secret K [--name NAME]
                                            print a Cookie header holding that
                                            session, signed with K (name: session)

Options:
  --name NAME     the session cookie's name, when the header has several cookies
  --secret K      the signing key
  --wordlist F    a file with one candidate secret per line
  --help          show this help

Exit status: 0 success; 1 signature does not hold / secret not found; 2 bad input.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliResult {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** Runs one CLI invocation; pure except for reading a wordlist file. */
export function runCli(argv: string[]): CliResult {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = dispatch(argv, out, err);
    return { code, stdout: out, stderr: err };
  } catch (e) {
    if (e instanceof UsageError || e instanceof CookieHeaderError) {
      return { code: 2, stdout: out, stderr: [...err, `Error: ${e.message}`, 'Run "npm run cli -- --help" for usage.'] };
    }
    throw e;
  }
}

function dispatch(argv: string[], out: string[], err: string[]): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length === 0) {
    (values.help === true ? out : err).push(CLI_USAGE);
    return values.help === true ? 0 : 2;
  }
  const [command, input, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}. Quote the cookie header.`);
  if (input === undefined) throw new UsageError(`"${command ?? ''}" needs an argument.`);

  switch (command) {
    case 'decode': {
      const pair = findSessionPair(input, values.name);
      const decoded = decodeSessionValue(pair.value);
      if (!decoded.ok) throw new UsageError(`The cookie "${pair.name}" is not a cookie-session value: ${decoded.error}`);
      out.push(JSON.stringify(decoded.payload, null, 2));
      return 0;
    }
    case 'verify': {
      const secret = requireSecret(values.secret);
      const pair = findSessionPair(input, values.name);
      if (pair.sig === undefined) throw new UsageError(`The header has no "${pair.name}.sig" cookie: there is no signature to verify.`);
      const verdict = verifySessionSignature(pair.name, pair.value, pair.sig, [secret]);
      if (verdict.state === 'valid') {
        out.push(`signature valid: "${pair.name}" was signed with this secret`);
        return 0;
      }
      out.push(`signature does NOT match: "${pair.name}" was not signed with this secret (or was changed)`);
      return 1;
    }
    case 'crack': {
      const pair = findSessionPair(input, values.name);
      if (pair.sig === undefined) throw new UsageError(`The header has no "${pair.name}.sig" cookie: there is no signature to crack.`);
      const candidates = values.wordlist === undefined ? builtInWordlist() : readWordlist(values.wordlist);
      const started = process.hrtime.bigint();
      const result = crackSecret({ name: pair.name, value: pair.value, sig: pair.sig }, candidates);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.found) {
        out.push(`secret found: ${result.secret}`);
        err.push(`(${result.tried} of ${candidates.length} candidates tried in ${ms.toFixed(0)} ms)`);
        return 0;
      }
      out.push(`secret not found: tried ${result.tried} candidates in ${ms.toFixed(0)} ms; none signs this cookie`);
      return 1;
    }
    case 'sign': {
      const secret = requireSecret(values.secret);
      const payload = parsePayload(input);
      const name = values.name ?? 'session';
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new UsageError(`"${name}" is not a valid cookie name.`);
      const value = encodeSessionValue(payload);
      out.push(`${name}=${value}; ${name}.sig=${signSessionValue(name, value, secret)}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command ?? ''}": use decode, verify, crack or sign.`);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      secret: { type: 'string' },
      wordlist: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function requireSecret(secret: string | undefined): string {
  if (secret === undefined || secret === '') throw new UsageError('This command needs --secret K.');
  return secret;
}

function parsePayload(json: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UsageError(`The payload is not valid JSON: ${json}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('The payload must be a JSON object, such as {"username":"admin"}.');
  }
  return value as Record<string, unknown>;
}

function readWordlist(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read the wordlist ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const words = parseWordlist(text);
  if (words.length === 0) throw new UsageError(`The wordlist ${file} is empty.`);
  return words;
}

// Run when executed directly (node dist/server/audit/cli.js), not when imported by tests.
if (require.main === module) {
  const { code, stdout, stderr } = runCli(process.argv.slice(2));
  for (const line of stdout) console.log(line);
  for (const line of stderr) console.error(line);
  process.exitCode = code;
}
