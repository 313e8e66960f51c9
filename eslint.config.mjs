// Lint config: eslint's and typescript-eslint's recommended type-aware rules, plus the
// boundaries between the processes (who may import whom) and the renderer's hostile-text rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (...patterns) => ['error', { patterns }];

/** Cookie values are attacker-controlled: nothing may parse them as HTML. */
const hostileText = [
  {
    selector: "AssignmentExpression[left.property.name='innerHTML']",
    message: 'Cookie values are hostile text: never assign innerHTML.',
  },
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML'], Property[key.name='dangerouslySetInnerHTML']",
    message: 'Cookie values are hostile text: never use dangerouslySetInnerHTML.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'toolchain/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-duplicate-imports': 'error',
      'no-restricted-syntax': ['error', ...hostileText],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['../*', 'node:*', 'electron', 'express'],
        message: 'contract/ stands alone: types and plain constants, no imports from other folders, Node or libraries.',
      }),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['electron'], message: 'server/ never imports electron.' },
        {
          group: ['**/main', '**/main/*', '**/renderer', '**/renderer/*'],
          message: 'server/ knows nothing of main/ or renderer/; what they share is in contract/.',
        },
      ),
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/server/*'], message: 'main/ enters the server only through server/index.ts: import from ../server.' },
        { group: ['**/renderer', '**/renderer/*'], message: 'main/ talks to the renderer only over the bridge (contract/bridge.ts).' },
      ),
    },
  },
  {
    // GitHub Desktop's rule: IPC only in the two files that own it.
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/preload.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/server/*'], message: 'main/ enters the server only through server/index.ts: import from ../server.' },
        { group: ['**/renderer', '**/renderer/*'], message: 'main/ talks to the renderer only over the bridge (contract/bridge.ts).' },
        {
          group: ['electron'],
          importNames: ['ipcMain', 'ipcRenderer'],
          message: 'Only main/index.ts (ipcMain) and main/preload.ts (ipcRenderer) touch IPC; the rest takes an IpcMainLike.',
        },
      ),
    },
  },
  {
    // The window has no Node and reaches the others only over HTTP and window.sessionLab.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'global', 'require', '__dirname', '__filename', 'setImmediate'].map((name) => ({
          name,
          message: 'The renderer runs in the page: no Node globals.',
        })),
      ],
      'no-restricted-imports': restrict({
        group: ['**/server', '**/server/*', '**/main', '**/main/*', 'electron', 'node:*'],
        message: 'The renderer reaches the server over HTTP and main through window.sessionLab; what they share is in contract/. It has no Node.',
      }),
      'no-restricted-syntax': [
        'error',
        ...hostileText,
        { selector: "TSQualifiedName[left.name='NodeJS']", message: 'The renderer runs in the page: no NodeJS types.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**/*.mjs', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
