// Draws the app icons (web/icons/tessera-*.png) from the same four tiles as web/icons/tessera.svg, so
// the PNGs the web manifest needs are made by a script, not by hand. usage: node scripts/lib/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pngChunk as chunk } from './png.mjs';

export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 6; // 8-bit RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Rounded rectangles in the SVG's 64-unit space: [x, y, w, h, radius, colour].
const SHAPES = [[0, 0, 64, 64, 12, [0x1f, 0x5f, 0xbf]], [10, 10, 20, 20, 3, [255, 255, 255]],
  [34, 10, 20, 20, 3, [0x9c, 0xc2, 0xff]], [10, 34, 20, 20, 3, [0x9c, 0xc2, 0xff]], [34, 34, 20, 20, 3, [255, 255, 255]]];
function inside([x, y, w, h, r], px, py) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}
function draw(size, { maskable = false } = {}) {
  const rgba = Buffer.alloc(size * size * 4);
  const inset = maskable ? 0.1 : 0; // maskable icons keep their content in the central 80%
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const u = (((x + 0.5) / size) - inset) / (1 - 2 * inset) * 64;
      const v = (((y + 0.5) / size) - inset) / (1 - 2 * inset) * 64;
      let colour = maskable ? [0x1f, 0x5f, 0xbf] : null;
      for (const shape of SHAPES) if (inside(shape, u, v)) colour = shape[5];
      const i = (y * size + x) * 4;
      if (colour) { rgba[i] = colour[0]; rgba[i + 1] = colour[1]; rgba[i + 2] = colour[2]; rgba[i + 3] = 255; }
    }
  }
  return encodePng(size, size, rgba);
}

const dir = fileURLToPath(new URL('../../web/icons/', import.meta.url));
writeFileSync(`${dir}tessera-192.png`, draw(192));
writeFileSync(`${dir}tessera-512.png`, draw(512));
writeFileSync(`${dir}tessera-maskable-512.png`, draw(512, { maskable: true }));
