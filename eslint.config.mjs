// Lint config: eslint's and typescript-eslint's recommended type-aware rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
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
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', ...hostileText],
    },
  },
  {
    // The window has no Node: renderer code may not lean on its globals or modules.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-globals': ['error', ...['Buffer', 'process', 'global', 'require', '__dirname', '__filename', 'setImmediate'].map((name) => ({ name, message: 'The renderer runs in the page: no Node globals.' }))],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'The renderer runs in the page: no Node modules.' }] }],
      'no-restricted-syntax': ['error', ...hostileText, { selector: "TSQualifiedName[left.name='NodeJS']", message: 'The renderer runs in the page: no NodeJS types.' }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'server/ never imports electron.' }] }],
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
