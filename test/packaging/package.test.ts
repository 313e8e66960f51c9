// Packages Session Lab with electron-builder (`--dir`, the unpacked app that
// every installer wraps) and checks what a user would get: what app.asar holds,
// that the Electron fuses are flipped, and that the packaged server code runs.
// The real Electron binary cannot be downloaded here, so electron-builder gets
// a stand-in `electronDist` (see test/support/packaging-build.ts).
import { extractAll, listPackage } from '@electron/asar';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, paragraphs } from '../support/browser-client';
import { ELECTRON_DEFAULT_FUSES, packageApp, readFuseWire, refusedStart, root, startPackagedServer, type PackagedApp } from '../support/packaging-build';
import { strongKey } from '../support/test-keys';

interface PackageJson {
  main?: string;
  productName?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

const projectPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
const dirs: string[] = [];
let app: PackagedApp;
let entries: string[]; // '/'-separated, relative to the asar root, e.g. 'dist/main/index.js'
let extracted: string;

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The .js files that dist/ must hold for every TypeScript source under a folder. */
function builtFromSources(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `dist/${folder}/${f.split(path.sep).join('/').replace(/\.ts$/, '.js')}`);
}

beforeAll(async () => {
  app = await packageApp(tempDir('session-lab-pack-'));
  entries = listPackage(app.asarPath, { isPack: false }).map((e) => e.split(path.sep).join('/').replace(/^\//, ''));
  // Outside the repository, so the packaged code can only find the modules it ships.
  extracted = tempDir('session-lab-asar-');
  extractAll(app.asarPath, extracted);
  const bytes = fs.statSync(app.asarPath).size;
  console.log(`app.asar: ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)} MiB), ${entries.length} entries`);
}, 180_000);

afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the packaged app (electron-builder --dir, stand-in Electron)', () => {
  it('is the Linux executable "session-lab" with resources/app.asar, no loose app folder', () => {
    expect(fs.existsSync(app.executable)).toBe(true);
    expect(fs.existsSync(app.asarPath)).toBe(true);
    expect(fs.existsSync(path.join(app.appOutDir, 'resources', 'app'))).toBe(false);
    // electron-builder needed no download: it used the stand-in and flipped its fuses.
    expect(app.log).toContain('using custom unpacked Electron distribution');
    expect(app.log).not.toMatch(/downloading/i);
  });

  it('holds the main entry, the preload, the renderer and the server', () => {
    const packaged = JSON.parse(fs.readFileSync(path.join(extracted, 'package.json'), 'utf8')) as PackageJson;
    expect(packaged.main).toBe('dist/main/index.js');
    expect(packaged.productName).toBe('Session Lab');
    expect(entries).toEqual(
      expect.arrayContaining([
        'dist/main/index.js',
        'dist/main/preload.js',
        'dist/renderer/index.html',
        'dist/renderer/app.js',
        'dist/renderer/app.css',
        'dist/server/serve.js',
        'dist/server/index.js',
        'dist/server/app.js',
      ]),
    );
    // Every server and main-process module that was written ships, built.
    expect(entries).toEqual(expect.arrayContaining([...builtFromSources('contract'), ...builtFromSources('server'), ...builtFromSources('main')]));
  });

  it('ships every production dependency, express and cookie-session included', () => {
    const production = Object.keys(projectPackage.dependencies ?? {});
    expect(production).toEqual(expect.arrayContaining(['express', 'cookie-session']));
    for (const name of production) expect(entries, name).toContain(`node_modules/${name}/package.json`);
  });

  it('carries no SQLite of its own: no sql.js and no WebAssembly (the to-do database is node:sqlite, built into Electron)', () => {
    expect(entries.filter((e) => e === 'node_modules/sql.js' || e.startsWith('node_modules/sql.js/'))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.wasm'))).toEqual([]);
  });

  it('ships no dev dependency and keeps none in its package.json', () => {
    const dev = Object.keys(projectPackage.devDependencies ?? {}).filter((name) => !(name in (projectPackage.dependencies ?? {})));
    const mustBeAbsent = [...new Set([...dev, 'electron', 'electron-builder', 'vitest', 'typescript', 'esbuild', 'playwright-core', 'eslint'])];
    const shipped = mustBeAbsent.filter((name) => entries.includes(`node_modules/${name}`));
    expect(shipped).toEqual([]);
    expect(entries.some((e) => e.startsWith('node_modules/@types/'))).toBe(false);
    expect(entries.some((e) => e.startsWith('node_modules/.bin'))).toBe(false);

    const packaged = JSON.parse(fs.readFileSync(path.join(extracted, 'package.json'), 'utf8')) as PackageJson;
    expect(packaged.devDependencies).toBeUndefined();
    expect(packaged.scripts).toBeUndefined();
  });

  it('holds only built output: no TypeScript sources, source maps, tests or project files', () => {
    const topLevel = [...new Set(entries.map((e) => e.split('/')[0]))].sort();
    expect(topLevel).toEqual(['dist', 'node_modules', 'package.json']);
    expect(entries.filter((e) => /\.(ts|mts|cts|map)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => /(^|\/)(test|tests|__tests__)\//.test(e) && !e.startsWith('node_modules/'))).toEqual([]);
    const distFolders = [...new Set(entries.filter((e) => e.startsWith('dist/')).map((e) => e.split('/')[1]))].sort();
    expect(distFolders).toEqual(['contract', 'main', 'renderer', 'server']);
  });

  it('has the hardened Electron fuses flipped on the packaged executable', () => {
    // Order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation,
    // OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
    expect(ELECTRON_DEFAULT_FUSES).toBe('10110001');
    const wire = readFuseWire(app.executable);
    const fuse = (i: number): string => wire[i] ?? 'missing';
    expect(fuse(0), 'RunAsNode').toBe('0');
    expect(fuse(1), 'EnableCookieEncryption').toBe('1');
    expect(fuse(2), 'EnableNodeOptionsEnvironmentVariable').toBe('0');
    expect(fuse(3), 'EnableNodeCliInspectArguments').toBe('0');
    expect(fuse(4), 'EnableEmbeddedAsarIntegrityValidation').toBe('1');
    expect(fuse(5), 'OnlyLoadAppFromAsar').toBe('1');
    expect(fuse(7), 'GrantFileProtocolExtraPrivileges').toBe('0');
  });
});

describe('the packaged server code, extracted from app.asar, under plain Node', () => {
  it("runs the auditor CLI with its shipped wordlist (Flask-Unsign's, with its licence) and its worker", () => {
    expect(entries).toEqual(
      expect.arrayContaining(['dist/server/audit/wordlists/flask-unsign/all.txt', 'dist/server/audit/wordlists/flask-unsign/LICENSE.md']),
    );
    const name = 'session';
    const value = Buffer.from('{"user":"alice"}').toString('base64');
    const sig = crypto.createHmac('sha1', 'CHANGEME').update(`${name}=${value}`).digest('base64url');
    const r = spawnSync(process.execPath, [path.join(extracted, 'dist', 'server', 'audit', 'cli.js'), 'crack', `${name}=${value}; ${name}.sig=${sig}`], {
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('secret found: CHANGEME\n');
    expect(r.status).toBe(0);
  });

  it('cracks an HS512 JWT with the shipped hash-wasm (the one bundle of it that ships)', () => {
    expect(entries).toContain('node_modules/hash-wasm/dist/index.umd.js');
    expect(entries.filter((e) => e.startsWith('node_modules/hash-wasm/') && /\.(c|h|min\.js)$|esm/.test(e))).toEqual([]);
    const body = `${Buffer.from('{"alg":"HS512","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"alice"}').toString('base64url')}`;
    const jwt = `${body}.${crypto.createHmac('sha512', 'secret').update(body).digest('base64url')}`;
    const r = spawnSync(process.execPath, [path.join(extracted, 'dist', 'server', 'audit', 'cli.js'), 'crack', `token=${jwt}`], { encoding: 'utf8' });
    expect(r.stdout).toBe('secret found: secret\n');
    expect(r.status).toBe(0);
  });

  it('starts and answers the tutorial flow: log in, count a visit, log out', async () => {
    const server = await startPackagedServer(path.join(extracted, 'dist', 'server', 'serve.js'), {
      SESSION_LAB_DATA_DIR: tempDir('session-lab-pack-data-'),
    });
    try {
      const c = new BrowserClient(server.url);
      expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
      const login = await c.postForm('/login', { username: 'alice' });
      expect(login.status).toBe(302);
      expect(login.headers.get('location')).toBe('/');
      expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
      expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 1']);
      const logout = await c.get('/logout');
      expect(logout.status).toBe(302);
      expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);

      // The lab page it serves is the packaged renderer.
      const lab = await c.get('/lab/');
      expect(lab.status).toBe(200);
      expect(lab.text).toBe(fs.readFileSync(path.join(extracted, 'dist', 'renderer', 'index.html'), 'utf8'));
      expect((await c.get('/lab/app.js')).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.stderr()).toContain('Stopped (SIGTERM).');
  });

  it('keeps to-dos in todos.sqlite in the data dir, with node:sqlite, across a restart', async () => {
    const serveJs = path.join(extracted, 'dist', 'server', 'serve.js');
    const dataDir = tempDir('session-lab-pack-data-');
    const first = await startPackagedServer(serveJs, { SESSION_LAB_DATA_DIR: dataDir });
    let item: unknown;
    try {
      const c = new BrowserClient(first.url);
      expect((await c.get('/api/todos')).status).toBe(401);
      await c.postJson('/api/login', { username: 'alice' });
      const added = await c.postJson('/api/todos', { title: 'Ship it' });
      expect(added.status).toBe(201);
      item = JSON.parse(added.text);
      expect(item).toMatchObject({ id: 1, title: 'Ship it', done: false });
    } finally {
      expect(await first.stop()).toBe(0);
    }
    expect(fs.readdirSync(dataDir).sort()).toEqual(['session-secret', 'todos.sqlite']);

    const second = await startPackagedServer(serveJs, { SESSION_LAB_DATA_DIR: dataDir });
    try {
      const c = new BrowserClient(second.url);
      await c.postJson('/api/login', { username: 'alice' });
      expect(JSON.parse((await c.get('/api/todos')).text)).toEqual({ items: [item], notice: null });
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('checks a configured SESSION_SECRET with the shipped zxcvbn dictionaries', async () => {
    const refused = await refusedStart(path.join(extracted, 'dist', 'server', 'serve.js'), { SESSION_SECRET: 'password'.repeat(5) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('could be guessed');

    const server = await startPackagedServer(path.join(extracted, 'dist', 'server', 'serve.js'), { SESSION_SECRET: strongKey() });
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).toContain('Signing with SESSION_SECRET.');
  });
});
