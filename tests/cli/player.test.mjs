// The desktop player opens a real window (under Xvfb, software OpenGL) and draws Dear ImGui frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng, distinctColours } from '../e2e/lib/png.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PLAYER = join(ROOT, 'build/native/player/tessera_player');
const ARTIFACTS = join(ROOT, 'build/test-artifacts');

test('the native player renders frames in a window and saves what it drew', () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = join(ARTIFACTS, 'native-player.png');
  const run = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', PLAYER, '--frames', '5', '--screenshot', shot],
    { encoding: 'utf8', timeout: 60000 });
  assert.equal(run.status, 0, run.stderr);
  const image = decodePng(readFileSync(shot));
  assert.equal(image.width, 1280);
  assert.equal(image.height, 800);
  const colours = distinctColours(image);
  assert.ok(colours > 1, `the window shows ${colours} colour(s); ImGui drew nothing`);
});
