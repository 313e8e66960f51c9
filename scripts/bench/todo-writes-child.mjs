// Sequential to-do creates straight at the store (openTodoStore from dist/server,
// as startServer opens it), in a fresh process on a fresh data dir. Prints one
// JSON line: {samples}, each create's time in ms, in the order they ran.
//   --data-dir D   the data dir (empty)
//   --users N      owners, one after another
//   --per-user N   creates per owner
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchTitle, benchUser } from './todo-names.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, users: { type: 'string' }, 'per-user': { type: 'string' } } });
const dir = values['data-dir'];
const users = Number(values.users);
const perUser = Number(values['per-user']);
if (!dir || !(users > 0) || !(perUser > 0)) throw new Error('todo-writes-child: needs --data-dir, --users and --per-user.');

const { openTodoStore } = createRequire(import.meta.url)(path.join(root, 'dist/server/index.js'));
const store = await openTodoStore({ dir, log: (message) => console.error(message) });
if (store.notice !== null) throw new Error(`todo-writes-child: the to-do database opened with a notice: ${store.notice}`);
const samples = [];
for (let u = 1; u <= users; u++) {
  for (let i = 1; i <= perUser; i++) {
    const t0 = performance.now();
    await store.add(benchUser(u), benchTitle(u, i));
    samples.push(performance.now() - t0);
  }
}
await store.close();
console.log(JSON.stringify({ samples }));
