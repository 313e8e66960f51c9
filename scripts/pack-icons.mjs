// Draws the app icon — a cookie with a bite out of it, locked by a padlock (a
// signed session cookie) — from one list of shapes, and writes:
//   build/icon.svg                 the vector source (same shapes)
//   build/icon.png                 1024×1024, what electron-builder turns into .icns/.ico
//   build/icons/<n>x<n>.png        16…1024, the Linux icon set (AppImage, deb)
// No dependencies: shapes are rasterised here with 4×4 supersampling and the
// PNGs are encoded with node:zlib. The PNGs are committed; run this after
// changing a shape. `--check` re-renders and fails if a committed PNG's pixels
// or the SVG differ (the packaging tests run it).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const buildDir = path.join(root, 'build');
export const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const UNIT = 1024; // shapes are drawn on a 1024×1024 grid

const NAVY = '#1d2747';
const CRUST = '#b47a37';
const DOUGH = '#e0a95e';
const CHIP = '#4f2f1b';
const STEEL = '#dfe6f3';
const GREEN = '#36c486';

// --- shapes: each can test a point and write itself as SVG -------------------

function roundRect(x, y, w, h, r, fill) {
  return {
    fill,
    inside(px, py) {
      if (px < x || px > x + w || py < y || py > y + h) return false;
      const dx = Math.max(x + r - px, 0, px - (x + w - r));
      const dy = Math.max(y + r - py, 0, py - (y + h - r));
      return dx * dx + dy * dy <= r * r;
    },
    svg: `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${r}" fill="${fill}"/>`,
  };
}

function circle(cx, cy, r, fill) {
  return {
    fill,
    inside: (px, py) => (px - cx) ** 2 + (py - cy) ** 2 <= r * r,
    svg: `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>`,
  };
}

/** A padlock shackle: two legs from y=bottom up to cy, joined by a half circle of radius r; stroke width sw. */
function shackle(cx, cy, r, bottom, sw, stroke) {
  const half = sw / 2;
  return {
    fill: stroke,
    inside(px, py) {
      if (py <= cy) return Math.abs(Math.hypot(px - cx, py - cy) - r) <= half;
      if (py > bottom) return false;
      return Math.abs(px - (cx - r)) <= half || Math.abs(px - (cx + r)) <= half;
    },
    svg: `<path d="M${cx - r} ${bottom}V${cy}A${r} ${r} 0 0 1 ${cx + r} ${cy}V${bottom}" ` + `fill="none" stroke="${stroke}" stroke-width="${sw}"/>`,
  };
}

// Painted in order, later over earlier.
const shapes = [
  roundRect(64, 64, 896, 896, 200, NAVY),
  circle(468, 488, 300, CRUST),
  circle(468, 488, 270, DOUGH),
  circle(722, 262, 96, NAVY), // the bite
  circle(372, 372, 40, CHIP),
  circle(520, 318, 32, CHIP),
  circle(300, 540, 36, CHIP),
  circle(452, 500, 30, CHIP),
  circle(360, 680, 34, CHIP),
  // The padlock, cut out of the cookie by a navy outline.
  shackle(700, 560, 86, 640, 96, NAVY),
  roundRect(540, 596, 320, 264, 56, NAVY),
  shackle(700, 560, 86, 640, 44, STEEL),
  roundRect(564, 620, 272, 216, 36, GREEN),
  circle(700, 706, 30, NAVY),
  roundRect(686, 706, 28, 74, 10, NAVY),
];

export function svg() {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${UNIT}" height="${UNIT}" viewBox="0 0 ${UNIT} ${UNIT}">`,
    '  <title>Session Lab</title>',
    ...shapes.map((s) => `  ${s.svg}`),
    '</svg>',
    '',
  ].join('\n');
}

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}
const colors = new Map(shapes.map((s) => [s.fill, rgb(s.fill)]));

/** RGBA pixels (straight alpha), size×size, each pixel the average of 4×4 samples. */
export function render(size) {
  const N = 4;
  const scale = UNIT / size;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        hits = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const px = (x + (sx + 0.5) / N) * scale;
          const py = (y + (sy + 0.5) / N) * scale;
          for (let i = shapes.length - 1; i >= 0; i--) {
            const s = shapes[i];
            if (s.inside(px, py)) {
              const c = colors.get(s.fill);
              r += c[0];
              g += c[1];
              b += c[2];
              hits++;
              break;
            }
          }
        }
      }
      const o = (y * size + x) * 4;
      if (hits > 0) {
        pixels[o] = Math.round(r / hits);
        pixels[o + 1] = Math.round(g / hits);
        pixels[o + 2] = Math.round(b / hits);
        pixels[o + 3] = Math.round((255 * hits) / (N * N));
      }
    }
  }
  return pixels;
}

// --- PNG ---------------------------------------------------------------------

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function scanlines(pixels, size) {
  const raw = Buffer.alloc(size * (size * 4 + 1)); // filter byte 0 (None) per row
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return raw;
}

export function encodePng(pixels, size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(scanlines(pixels, size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width, height and the raw (filtered) scanlines of a PNG this script wrote. */
export function decodePng(file) {
  const png = fs.readFileSync(file);
  let offset = 8;
  let width = 0,
    height = 0;
  const idat = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'IDAT') idat.push(data);
    offset += length + 12;
  }
  return { width, height, raw: zlib.inflateSync(Buffer.concat(idat)) };
}

// --- main --------------------------------------------------------------------

function targets() {
  const list = SIZES.map((size) => ({ size, file: path.join(buildDir, 'icons', `${size}x${size}.png`) }));
  list.push({ size: 1024, file: path.join(buildDir, 'icon.png') });
  return list;
}

function check() {
  const problems = [];
  const svgFile = path.join(buildDir, 'icon.svg');
  if (!fs.existsSync(svgFile) || fs.readFileSync(svgFile, 'utf8') !== svg()) problems.push(`${svgFile} is stale`);
  const rendered = new Map();
  for (const { size, file } of targets()) {
    if (!fs.existsSync(file)) {
      problems.push(`${file} is missing`);
      continue;
    }
    const png = decodePng(file);
    if (!rendered.has(size)) rendered.set(size, scanlines(render(size), size));
    if (png.width !== size || png.height !== size) problems.push(`${file} is ${png.width}x${png.height}, not ${size}x${size}`);
    else if (Buffer.compare(png.raw, rendered.get(size)) !== 0) problems.push(`${file} differs from the shapes in scripts/pack-icons.mjs`);
  }
  return problems;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    const problems = check();
    for (const p of problems) console.error(p);
    if (problems.length > 0) {
      console.error('Run `node scripts/pack-icons.mjs` to redraw the icons.');
      process.exit(1);
    }
    console.error('Icons match scripts/pack-icons.mjs.');
  } else {
    fs.mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
    fs.writeFileSync(path.join(buildDir, 'icon.svg'), svg());
    const cache = new Map();
    for (const { size, file } of targets()) {
      if (!cache.has(size)) cache.set(size, encodePng(render(size), size));
      fs.writeFileSync(file, cache.get(size));
      console.error(`Wrote ${path.relative(root, file)}`);
    }
  }
}
