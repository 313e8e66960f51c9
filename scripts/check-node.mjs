// Stops a script early, with what to do, when it runs on another Node.js major
// than the one Electron embeds: the tests, `npm run serve`, `npm run cli` and
// the bench must run the server on the runtime users get inside the app.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const wanted = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
const major = Number(/^>=(\d+)/.exec(wanted)?.[1]);
const have = process.versions.node;

if (Number(have.split('.')[0]) !== major) {
  console.error(
    [
      `Session Lab needs Node.js ${major} (package.json engines: "${wanted}"), the major its Electron embeds; this is Node.js ${have}.`,
      'Get it with nvm or fnm (the repo has a .node-version), or, with only npm at hand, from the npm registry:',
      '  npm ci --prefix toolchain && export PATH="$PWD/toolchain/node_modules/.bin:$PATH"',
    ].join('\n'),
  );
  process.exit(1);
}
