// The auditor CLI's command line: its usage text and the options parsed into a
// typed command. Misuse is a UsageError whose message names the problem.
import { parseArgs } from 'node:util';
import { parseKeyForms, type KeyForm } from '../crack/key-forms';
import type { FormatId, FormatOptions, KeyDerivation } from '../formats/format';
import { FORMAT_IDS, isFormatId } from '../formats/registry';
import type { HashName } from '../crypto/primitives';
import { excerpt } from '../text/escape';

export const CLI_USAGE = `Usage: node dist/server/audit/cli.js <command> [options]   (or: npm run cli -- <command> [options])

Audits the session cookies of Express cookie-session, Flask/itsdangerous,
express-session, Django, JWT (HS256/384/512), Rails and Laravel.

<cookies> is what you copy: a bare value, name=value, a whole Cookie header
("Cookie: …" too, or a Set-Cookie line), or - to read it from stdin. Every
cookie in it is examined; URL-encoded values are decoded; the format is detected.

Commands:
  decode <cookies>                 each cookie's format, payload and parameters
  verify <cookies>                 whether the key made each cookie (exit 0 yes, 1 no)
  crack  <cookies>                 try the built-in list (or --wordlist) on every cookie
                                   at once; exit 0 "secret found: <key>", 1 not found
  sign   <payload> [--format F]    a new cookie, signed as the framework signs it
                                   (default format: cookie-session, the lab's own)
  sign   --resign <cookie> [<payload>]
                                   the cookie re-signed with the key: same format and
                                   parameters, a fresh timestamp, optionally a new payload

Keys (verify, sign):
  --secret-env VAR                 read the key from environment variable VAR
  --secret-stdin                   read the key from the first line of stdin
  --secret K                       the key itself (other users can see it in ps)
  --key-form raw|hex|base64        how the key is written (default raw; a Laravel
                                   APP_KEY "base64:…" is read as Laravel reads it)

Cracking:
  --wordlist FILE                  one candidate per line, any bytes; - for stdin
  --transforms LIST                key forms to try, comma-separated: raw, hex, base64,
                                   laravel (default: all of them)
  --threads N                      worker threads (default: one per core)
  --quiet                          no progress line on stderr

Formats and their parameters:
  --format F                       ${FORMAT_IDS.join(', ')}
  --name NAME                      (sign) the cookie's name
  --salt S                         itsdangerous / Django salt
  --key-derivation D               itsdangerous: hmac, django-concat, concat, none
  --digest H                       sha1, sha256, sha384, sha512
  --kdf-digest H                   Rails PBKDF2: sha1 (before 7), sha256 (7)
  --legacy-epoch                   itsdangerous before 1.1 (timestamps from 2011)
  --rails-cookie K                 signed, encrypted (GCM, 5.2+), encrypted-cbc (4.0-5.1)
  --rails-envelope E               message (5.2-7.0), data (7.1), none (before 5.2)
  --laravel-cipher C               cbc (default) or gcm

Output:
  --json                           one JSON object per cookie, one per line
  --help                           this text

Exit status: 0 success / found / valid; 1 not found / not valid; 2 bad input or error.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type SecretSource = { kind: 'argv'; value: string } | { kind: 'env'; variable: string } | { kind: 'stdin' };

export interface CliCommand {
  command: 'decode' | 'verify' | 'crack' | 'sign' | 'help';
  /** decode/verify/crack: the cookies; sign: the payload (or, with --resign, the cookie). */
  input: string | undefined;
  payload: string | undefined;
  resign: boolean;
  format: FormatId | undefined;
  options: FormatOptions;
  name: string | undefined;
  json: boolean;
  quiet: boolean;
  secret: SecretSource | undefined;
  keyForm: 'raw' | 'hex' | 'base64';
  wordlist: string | undefined;
  transforms: Set<KeyForm> | undefined;
  threads: number | undefined;
}

const HASHES = ['sha1', 'sha256', 'sha384', 'sha512'];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly string[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not ${excerpt(value)}.`);
  return value as T;
}

export function parseCliArgs(argv: string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
  const { values: v, positionals } = parsed;
  if (v.help === true) return { ...blank(), command: 'help' };
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('Give a command: decode, verify, crack or sign.');
  if (!['decode', 'verify', 'crack', 'sign'].includes(command)) throw new UsageError(`Unknown command ${excerpt(command)}: use decode, verify, crack or sign.`);
  const resign = v.resign !== undefined;
  if (resign && command !== 'sign') throw new UsageError('--resign belongs to the sign command.');
  if (rest.length > 1) throw new UsageError('Too many arguments: quote the Cookie header (it contains ";" and spaces).');
  const input = resign ? v.resign : rest[0];
  if (input === undefined) throw new UsageError(`"${command}" needs ${command === 'sign' ? 'a JSON payload' : 'the cookies'} as its argument.`);
  if (v.format !== undefined && !isFormatId(v.format)) throw new UsageError(`--format must be one of ${FORMAT_IDS.join(', ')}, not ${excerpt(v.format)}.`);
  const format = v.format as FormatId | undefined;
  const secrets = [v.secret !== undefined, v['secret-env'] !== undefined, v['secret-stdin'] === true].filter(Boolean).length;
  if (secrets > 1) throw new UsageError('Give the key one way: --secret-env, --secret-stdin or --secret.');
  const secret: SecretSource | undefined =
    v.secret !== undefined
      ? { kind: 'argv', value: v.secret }
      : v['secret-env'] !== undefined
        ? { kind: 'env', variable: v['secret-env'] }
        : v['secret-stdin'] === true
          ? { kind: 'stdin' }
          : undefined;
  if ((command === 'verify' || command === 'sign') && secret === undefined)
    throw new UsageError(`${command} needs a key: --secret-env VAR, --secret-stdin or --secret K.`);
  if (secret?.kind === 'stdin' && (input === '-' || v.wordlist === '-')) throw new UsageError('stdin can carry the key or the input, not both.');
  if (v.wordlist === '-' && input === '-') throw new UsageError('stdin can carry the wordlist or the cookies, not both.');
  let threads: number | undefined;
  if (v.threads !== undefined) {
    threads = Number(v.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64)
      throw new UsageError(`--threads must be a whole number from 1 to 64, not ${excerpt(v.threads)}.`);
  }
  let transforms: Set<KeyForm> | undefined;
  if (v.transforms !== undefined) {
    try {
      transforms = parseKeyForms(v.transforms);
    } catch (e) {
      throw new UsageError(`--transforms: ${(e as Error).message}`);
    }
  }
  const options: FormatOptions = {};
  if (v.salt !== undefined) options.salt = v.salt;
  const kd = oneOf<KeyDerivation>('--key-derivation', v['key-derivation'], ['hmac', 'django-concat', 'concat', 'none']);
  if (kd) options.keyDerivation = kd;
  const digest = oneOf<HashName>('--digest', v.digest, HASHES);
  if (digest) options.digest = digest;
  const kdf = oneOf<'sha1' | 'sha256'>('--kdf-digest', v['kdf-digest'], ['sha1', 'sha256']);
  if (kdf) options.kdfDigest = kdf;
  if (v['legacy-epoch'] === true) options.legacyEpoch = true;
  const railsCookie = oneOf<'signed' | 'encrypted' | 'encrypted-cbc'>('--rails-cookie', v['rails-cookie'], ['signed', 'encrypted', 'encrypted-cbc']);
  if (railsCookie) options.railsCookie = railsCookie;
  const envelope = oneOf<'message' | 'data' | 'none'>('--rails-envelope', v['rails-envelope'], ['message', 'data', 'none']);
  if (envelope) options.railsEnvelope = envelope;
  const cipher = oneOf<'cbc' | 'gcm'>('--laravel-cipher', v['laravel-cipher'], ['cbc', 'gcm']);
  if (cipher) options.laravelCipher = cipher;
  return {
    command: command as CliCommand['command'],
    input,
    payload: resign ? rest[0] : undefined,
    resign,
    format,
    options,
    name: v.name,
    json: v.json === true,
    quiet: v.quiet === true,
    secret,
    keyForm: oneOf<'raw' | 'hex' | 'base64'>('--key-form', v['key-form'], ['raw', 'hex', 'base64']) ?? 'raw',
    wordlist: v.wordlist,
    transforms,
    threads,
  };
}

function blank(): CliCommand {
  return {
    command: 'help',
    input: undefined,
    payload: undefined,
    resign: false,
    format: undefined,
    options: {},
    name: undefined,
    json: false,
    quiet: false,
    secret: undefined,
    keyForm: 'raw',
    wordlist: undefined,
    transforms: undefined,
    threads: undefined,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      json: { type: 'boolean' },
      name: { type: 'string' },
      secret: { type: 'string' },
      'secret-env': { type: 'string' },
      'secret-stdin': { type: 'boolean' },
      'key-form': { type: 'string' },
      wordlist: { type: 'string' },
      transforms: { type: 'string' },
      threads: { type: 'string' },
      quiet: { type: 'boolean' },
      resign: { type: 'string' },
      salt: { type: 'string' },
      'key-derivation': { type: 'string' },
      digest: { type: 'string' },
      'kdf-digest': { type: 'string' },
      'legacy-epoch': { type: 'boolean' },
      'rails-cookie': { type: 'string' },
      'rails-envelope': { type: 'string' },
      'laravel-cipher': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
