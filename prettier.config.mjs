// The repo's one formatter, checked by `npm test` (format:check).
// printWidth 160: the codebase was written to that width (long sentences in
// error messages and comments stay on one line); below it prettier would
// rewrap a third of the files for no reader's gain.
/** @type {import('prettier').Config} */
export default {
  printWidth: 160,
  singleQuote: true,
  trailingComma: 'all',
};
