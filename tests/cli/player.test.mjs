// The desktop player opens a real window (under Xvfb, software OpenGL) on a course, draws Dear ImGui frames
// with the Noto font, keeps its record in a JSON Lines file, and `tessera preview` starts it on a course folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng, distinctColours } from '../e2e/lib/png.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PLAYER = join(ROOT, 'build/native/player/tessera_player');
const TESSERA = join(ROOT, 'build/native/cli/tessera');
const ARTIFACTS = join(ROOT, 'build/test-artifacts');
const FIXTURE = join(ROOT, 'tests/fixtures/canvas-course');
const GOLDEN_COURSE = join(ROOT, 'tests/golden/course/valid');

// Runs a program under Xvfb at 1280×800; returns the spawnSync result and the UI map the player published.
function underXvfb(program, args, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-player-'));
  const uiDump = join(dir, 'ui.json');
  const run = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x1200x24', program, ...args],
    { encoding: 'utf8', timeout: 90000, env: { ...process.env, TESSERA_PLAYER_UI_DUMP: uiDump, ...env } });
  const ui = existsSync(uiDump) ? JSON.parse(readFileSync(uiDump, 'utf8')) : null;
  rmSync(dir, { recursive: true, force: true });
  return { run, ui };
}

// The window's pixels, at the size the player was given (1280x800 unless told).
function screenshotOf(path, { width = 1280, height = 800 } = {}) {
  const image = decodePng(readFileSync(path));
  assert.equal(image.width, width);
  assert.equal(image.height, height);
  return image;
}

test('the native player opens a course, shows its overview and creates its record', () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'tessera-record-'));
  const record = join(dir, 'record.jsonl');
  const shot = join(ARTIFACTS, 'native-overview.png');
  // A tall window: on a first open the welcome comes above the outline (its own test is view_welcome_test).
  const { run, ui } = underXvfb(PLAYER, ['--course', FIXTURE, '--record', record, '--frames', '6', '--size', '1280x1200', '--screenshot', shot]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(ui.screen, 'overview');
  assert.equal(ui.store.persistent, true);
  assert.equal(ui.store.where, record);
  assert.ok(ui.widgets.some((w) => w.id === 'continue' && w.label === 'Go to where you are'), JSON.stringify(ui.widgets));
  assert.ok(ui.widgets.some((w) => w.id === 'block-welcome'), 'the module outline lists the first block');
  assert.equal(ui.summary.course, 'canvas-tour');
  assert.ok(existsSync(record), 'the record file is created (empty) for this course');
  const colours = distinctColours(screenshotOf(shot, { height: 1200 }));
  // Anti-aliased Noto text, cards, the accent button and the progress bar give many colours.
  assert.ok(colours > 50, `the window shows only ${colours} colours`);
  rmSync(dir, { recursive: true, force: true });
});

test('the native player resumes a recorded session at its position and shows the lesson', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-record-'));
  const record = join(dir, 'record.jsonl');
  copyFileSync(join(ROOT, 'tests/golden/session/golden-course-record.jsonl'), record);
  const replay = spawnSync(TESSERA, ['replay', GOLDEN_COURSE, record, '--json'], { encoding: 'utf8' });
  const expected = JSON.parse(replay.stdout);
  const shot = join(ARTIFACTS, 'native-lesson.png');
  const { run, ui } = underXvfb(PLAYER, ['--course', GOLDEN_COURSE, '--record', record, '--screen', 'lesson',
    '--frames', '6', '--screenshot', shot]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(ui.screen, 'block');
  assert.equal(ui.block, expected.position, 'the player opens where the record left off');
  // The player draws the view's progress (which adds its wording); the numbers are replay's.
  const { requiredBlocks, completedRequiredBlocks, percent } = ui.summary.progress;
  assert.deepEqual({ requiredBlocks, completedRequiredBlocks, percent }, expected.progress);
  assert.equal(ui.summary.progress.text, '4 of 10 required steps done');
  // Its buttons are the view's actions, with their labels (and nothing else is a button).
  assert.deepEqual(ui.drawn.filter((w) => w.kind === 'button').map((w) => w.label).sort(), ui.actions.map((a) => a.label).sort());
  assert.ok(ui.actions.length > 0);
  screenshotOf(shot);
  rmSync(dir, { recursive: true, force: true });
});

test('results and wallet screens render natively, in the dark theme too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-record-'));
  for (const [screen, theme] of [['results', 'light'], ['wallet', 'dark']]) {
    const record = join(dir, `${screen}.jsonl`);
    const shot = join(ARTIFACTS, `native-${screen}-${theme}.png`);
    const { run, ui } = underXvfb(PLAYER, ['--course', FIXTURE, '--record', record, '--screen', screen,
      '--theme', theme, '--frames', '6', '--screenshot', shot]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(ui.screen, screen);
    const image = screenshotOf(shot);
    // The dark theme's background is dark: sample the top-left corner.
    const corner = image.pixels[0] + image.pixels[1] + image.pixels[2];
    if (theme === 'dark') assert.ok(corner < 120, `dark theme corner is ${corner}`);
    else assert.ok(corner > 600, `light theme corner is ${corner}`);
  }
  rmSync(dir, { recursive: true, force: true });
});

test('a scripted frame loop reports the player\'s CPU per frame', () => {
  const { run } = underXvfb(PLAYER, ['--course', FIXTURE, '--record', join(mkdtempSync(join(tmpdir(), 'tp-')), 'r.jsonl'),
    '--screen', 'lesson', '--frames', '40', '--frame-report']);
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout.trim().split('\n').pop());
  assert.equal(report.frames, 35);
  assert.ok(report.cpuMsPerFrame > 0, JSON.stringify(report));
});

test('tessera preview opens the player on a course folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-preview-'));
  const shot = join(ARTIFACTS, 'native-preview.png');
  const { run, ui } = underXvfb(TESSERA, ['preview', FIXTURE, '--record', join(dir, 'r.jsonl'), '--frames', '4',
    '--screenshot', shot]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(ui.summary.course, 'canvas-tour');
  screenshotOf(shot);
  rmSync(dir, { recursive: true, force: true });
});

test('tessera preview refuses a course with errors and says where they are', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-preview-'));
  const course = JSON.parse(readFileSync(join(FIXTURE, 'course.json'), 'utf8'));
  delete course.modules[0].blocks[1].alt;
  writeFileSync(join(dir, 'course.json'), JSON.stringify(course));
  mkdirSync(join(dir, 'media'));
  for (const file of ['chart.png', 'tour.mp4', 'tour.vtt', 'tour.md']) copyFileSync(join(FIXTURE, 'media', file), join(dir, 'media', file));
  const run = spawnSync(TESSERA, ['preview', dir], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /\/modules\/0\/blocks\/1: the image has no alt text/);
  const missing = spawnSync(TESSERA, ['preview', join(dir, 'nowhere')], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read .*course\.json/);
  rmSync(dir, { recursive: true, force: true });
});

test('the player without a course says how to open one', () => {
  const { run, ui } = underXvfb(PLAYER, ['--frames', '4']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(ui.screen, 'catalog');
  const bad = spawnSync(PLAYER, ['--no-such-option'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown or incomplete option '--no-such-option'/);
});

test('the player refuses a number it cannot read instead of taking it as 0 or ignoring it', () => {
  // Before, --frames 6x ran as --frames 6 and --frames many as no limit at all (atoi), and --size 1280by800
  // kept the default size without a word (sscanf).
  for (const [option, value, expected] of [
    ['--frames', 'many', /--frames takes a whole number of frames, not 'many'/],
    ['--frames', '6x', /--frames takes a whole number of frames, not '6x'/],
    ['--frames', '-1', /--frames takes a whole number of frames, not '-1'/],
    ['--size', '1280by800', /--size takes WIDTHxHEIGHT in pixels \(such as 1280x800\), not '1280by800'/],
    ['--size', '0x800', /--size takes WIDTHxHEIGHT in pixels .*, not '0x800'/],
    ['--size', '1280x', /--size takes WIDTHxHEIGHT in pixels .*, not '1280x'/],
  ]) {
    const run = spawnSync(PLAYER, [option, value], { encoding: 'utf8' });
    assert.equal(run.status, 2, `${option} ${value}: ${run.stderr}`);
    assert.match(run.stderr, expected);
  }
});
