// The app icon electron-builder packs: committed PNGs, drawn by
// scripts/pack-icons.mjs from the same shapes as build/icon.svg.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCommand } from '../support/packaging-build';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const png = fs.readFileSync(file);
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('app icon', () => {
  it('has the Linux icon set at every size and a 1024×1024 build/icon.png for .icns and .ico', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(path.join(root, 'build', 'icons', `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
    expect(pngSize(path.join(root, 'build', 'icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(fs.readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
  });

  it('matches its source: the committed PNGs and SVG are what scripts/pack-icons.mjs draws', async () => {
    const result = await runCommand(process.execPath, [path.join(root, 'scripts', 'pack-icons.mjs'), '--check']);
    expect(result.stderr).toContain('Icons match scripts/pack-icons.mjs.');
    expect(result.code).toBe(0);
  }, 60_000);
});
