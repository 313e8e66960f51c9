// The renderer bundle as the window loads it: dist/renderer app.js and app.css, raw and gzip.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from './child-process';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export function bundleSizes(): FileSize[] {
  return ['app.js', 'app.css'].map((name) => {
    const file = path.join(ROOT, 'dist', 'renderer', name);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "node scripts/build.mjs" first (npm run bench does).`);
    const bytes = fs.readFileSync(file);
    // Default zlib level (6), as a web server would send it.
    return { file: `dist/renderer/${name}`, raw: bytes.length, gzip: zlib.gzipSync(bytes).length };
  });
}
