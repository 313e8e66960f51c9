// Builds dist/: server/ and main/ transpiled to CommonJS for Node and Electron,
// the preload bundled into one sandbox-safe file, and the renderer bundled.
// Type checking is separate (npm run typecheck); esbuild only strips types.
//
// Files are replaced atomically and only when their content changed, so a
// build (`npm run serve` builds first) never disturbs a server reading dist/.
// `--clean` empties dist/ first (packaging uses it, so nothing stale ships).
import { build } from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist');

function sources(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(abs, f));
}

function writeIfChanged(file, contents) {
  if (fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), contents) === 0) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

async function emit(options) {
  const result = await build({ ...options, write: false, logLevel: 'warning' });
  for (const f of result.outputFiles) writeIfChanged(f.path, Buffer.from(f.contents));
}

if (process.argv.includes('--clean')) fs.rmSync(out, { recursive: true, force: true });

// import() becomes require(): the lazy loads stay inside CommonJS (and so inside app.asar, which
// Electron's require reads), with no ES-module loader involved.
const node = { platform: 'node', target: 'node24', format: 'cjs', sourcemap: true, supported: { 'dynamic-import': false } };

// contract/, server/ and main/ (minus the preload): one output file per source file, so
// dist/ mirrors the source tree and dependencies stay in node_modules.
const nodeEntries = [...sources('contract'), ...sources('server'), ...sources('main').filter((f) => path.basename(f) !== 'preload.ts')];
await emit({ ...node, entryPoints: nodeEntries, outdir: out, outbase: root });

// Data the auditor reads beside its modules: the Flask-Unsign wordlist and its licence.
const wordlists = path.join(root, 'server', 'audit', 'wordlists');
for (const f of fs.existsSync(wordlists) ? fs.readdirSync(wordlists, { recursive: true }) : []) {
  const from = path.join(wordlists, f);
  if (fs.statSync(from).isFile()) writeIfChanged(path.join(out, 'server', 'audit', 'wordlists', f), fs.readFileSync(from));
}

const preload = path.join(root, 'main', 'preload.ts');
if (fs.existsSync(preload)) {
  // A sandboxed preload can require only 'electron': bundle everything else in.
  await emit({ ...node, entryPoints: [preload], bundle: true, external: ['electron'], outfile: path.join(out, 'main', 'preload.js') });
}

const rendererEntry = path.join(root, 'renderer', 'app.ts');
if (fs.existsSync(rendererEntry)) {
  await emit({
    entryPoints: [rendererEntry, path.join(root, 'renderer', 'app.css')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'chrome120',
    // Preact's JSX: plain function calls, no eval, so it runs under the page's strict CSP.
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: path.join(out, 'renderer'),
  });
  // The page's CSP allows exactly this app.js: pin its hash (subresource integrity).
  const appJs = fs.readFileSync(path.join(out, 'renderer', 'app.js'));
  const sha384 = crypto.createHash('sha384').update(appJs).digest('base64');
  const html = fs.readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8');
  if (!html.includes('APP_JS_SHA384')) throw new Error('renderer/index.html lost its APP_JS_SHA384 placeholders');
  writeIfChanged(path.join(out, 'renderer', 'index.html'), Buffer.from(html.replaceAll('APP_JS_SHA384', sha384)));
}
// Quiet on success: npm run serve and npm run cli print only their own output.
