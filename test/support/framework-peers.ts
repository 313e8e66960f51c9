// The real frameworks the auditor's tests check against: Flask/itsdangerous and
// Django (Debian's python3 packages), Rails 6.1's ActiveSupport (ruby). Each peer
// takes one JSON request and answers one JSON object. A missing peer is an error
// that says what to install, never a skipped test (.ci/run installs them).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const PEERS = path.join(__dirname, 'peers');
const APT = 'apt-get install -y python3-flask python3-itsdangerous python3-django ruby-activesupport';

/** Debian's python3 (where apt puts python3-flask and python3-django), or the first python3 that has them. */
function findPython(modules: string): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(candidate, ['-c', `import ${modules}`], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  throw new Error(`No python3 can import ${modules}: install them (${APT}); .ci/run does.`);
}

function run(command: string, args: string[], request: unknown): Record<string, unknown> {
  const r = spawnSync(command, args, { input: JSON.stringify(request), encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw new Error(`${command} could not run (${r.error.message}): install the peers (${APT}).`);
  if (r.status !== 0) throw new Error(`${path.basename(args[0] ?? command)} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

let flaskPython: string | undefined;
let djangoPython: string | undefined;

export function flaskPeer(request: Record<string, unknown>): Record<string, unknown> {
  flaskPython ??= findPython('flask, itsdangerous');
  return run(flaskPython, [path.join(PEERS, 'flask_peer.py')], request);
}

export function djangoPeer(request: Record<string, unknown>): Record<string, unknown> {
  djangoPython ??= findPython('django');
  return run(djangoPython, [path.join(PEERS, 'django_peer.py')], request);
}

export function railsPeer(request: Record<string, unknown>): Record<string, unknown> {
  const probe = spawnSync('ruby', ['-e', 'require "active_support"'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`ruby with ActiveSupport is not installed: ${APT}; .ci/run does.`);
  return run('ruby', [path.join(PEERS, 'rails_peer.rb')], request);
}

/** The python3 that has Flask, for tests that compare against Python itself (literal_eval). */
export function pythonWith(modules: string): string {
  return findPython(modules);
}

export const peersExist = (): boolean => fs.existsSync(PEERS);
