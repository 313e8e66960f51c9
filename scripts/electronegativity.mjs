// Runs Electronegativity over main/, renderer/ and server/ as one application
// and fails on any finding. The tool itself always exits 0, so we read its CSV.
//
// A finding may be suppressed only in the source, with Electronegativity's own
// `/* eng-disable CHECK_NAME */` comment and a one-line reason beside it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

// Global checks (CSP, navigation limits, permission handler) look across the
// whole app, so scan the three folders together, without tests or node_modules.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-eng-'));
try {
  for (const dir of ['main', 'renderer', 'server']) fs.cpSync(path.join(root, dir), path.join(work, 'app', dir), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(work, 'app', 'package.json'));
  const csv = path.join(work, 'report.csv');
  execFileSync(
    process.execPath,
    [
      // No network here: see electronegativity-offline.cjs.
      '--require',
      path.join(root, 'scripts', 'electronegativity-offline.cjs'),
      path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js'),
      '-i',
      path.join(work, 'app'),
      '-o',
      csv,
      '-r',
      '-e',
      electronVersion,
      '-v',
      'false',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const rows = fs.readFileSync(csv, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  if (rows.length > 0) {
    console.error(`Electronegativity: ${rows.length} finding(s) in main/, renderer/, server/:`);
    for (const row of rows) console.error(`  ${row}`);
    process.exitCode = 1;
  } else {
    console.error(`Electronegativity: no findings in main/, renderer/, server/ (Electron ${electronVersion}).`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
