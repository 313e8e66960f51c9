// Prints the closing "N passed, N failed, N skipped" line from vitest's JSON report.
// A run that failed before vitest wrote a report (typecheck, lint, build) counts as one failure.
import fs from 'node:fs';

const [file, status] = process.argv.slice(2);
if (!file || !fs.existsSync(file)) {
  console.log(`0 passed, ${status === '0' ? 0 : 1} failed`);
} else {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests but is a failure all the same.
  const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
}
