// Builds dist/: server/ and main/ transpiled to CommonJS for Node and Electron,
// the preload bundled into one sandbox-safe file, and the renderer bundled.
// Type checking is separate (npm run typecheck); esbuild only strips types.
import { build } from 'esbuild';
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

fs.rmSync(out, { recursive: true, force: true });

const node = { platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

// server/ and main/ (minus the preload): one output file per source file, so
// dist/ mirrors the source tree and dependencies stay in node_modules.
const nodeEntries = [...sources('server'), ...sources('main').filter((f) => !f.includes(`${path.sep}preload`))];
await build({ ...node, entryPoints: nodeEntries, outdir: out, outbase: root });

const preload = path.join(root, 'main', 'preload.ts');
if (fs.existsSync(preload)) {
  // A sandboxed preload can require only 'electron': bundle everything else in.
  await build({ ...node, entryPoints: [preload], bundle: true, external: ['electron'], outfile: path.join(out, 'main', 'preload.js') });
}

const rendererEntry = path.join(root, 'renderer', 'app.ts');
if (fs.existsSync(rendererEntry)) {
  await build({
    entryPoints: [rendererEntry, path.join(root, 'renderer', 'app.css')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'chrome120',
    sourcemap: false,
    outdir: path.join(out, 'renderer'),
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(root, 'renderer', 'index.html'), path.join(out, 'renderer', 'index.html'));
}
console.error('Built dist/');
