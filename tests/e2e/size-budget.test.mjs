// Size budgets of the assembled site's downloads that are fixed files: the canvas player's module and fonts
// (≤ 1.2 MB gzip, issue 9). scripts/bench measures the same over the wire in chromium, with the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SITE_DIR } from './lib/browser.mjs';

const gzipKB = (file) => gzipSync(readFileSync(join(SITE_DIR, file)), { level: 9 }).length / 1024;

test('the canvas player module with its fonts fits its 1.2 MB gzip first-load budget', () => {
  const files = ['modules/player.mjs', 'modules/player.wasm', 'modules/NotoSans-Regular.ttf', 'modules/NotoSans-Bold.ttf'];
  const sizes = Object.fromEntries(files.map((file) => [file, gzipKB(file)]));
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  // The page and its scripts load too (about 20 KB): the files alone keep that much room.
  assert.ok(total <= 1200 - 20, `canvas player download ${total.toFixed(0)} KB gzip: ${JSON.stringify(sizes)}`);
});
