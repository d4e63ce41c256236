// The lint suite's static analysis: clang-tidy with .clang-tidy over every translation unit of ours, one test each.
// The compile commands come from the "tidy" preset (clang 14; configured here, never built). A clean result is
// cached in ~/.cache/tessera/clang-tidy under a hash of everything it depends on, so an unchanged file is not
// analysed again: the clang-tidy version, .clang-tidy, the compile command and the preprocessed translation unit
// (comments kept, so a header's change, NOLINT comments included, counts), with the checkout's path taken out.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILD = join(ROOT, 'build/tidy');
const CLANG_TIDY = 'clang-tidy-14';
const CACHE = join(process.env.TESSERA_CACHE ?? join(homedir(), '.cache/tessera'), 'clang-tidy');
const PARALLEL = 2; // the machine's cores
// Folders of our own C++; build/ (generated data tables) and third-party sources are left out.
const OURS = /^(runtime|cli|player|host|fuzz|bench|tests)\//;
// Our .cpp files the native compile commands do not hold, and why.
const NOT_NATIVE = new Map([
  ['player/platform_web.cpp', 'the browser half of the player, compiled only by em++ (Emscripten headers)'],
  ['fuzz/main.cpp', "libFuzzer's entry point and the sanitizer's allocation hooks, compiled only by the fuzz preset (clang, -fsanitize=fuzzer)"],
]);

// Folders whose findings are not all fixed yet (issue 26): their units are reported as skipped, not analysed.
// Take a folder out of this list once clang-tidy finds nothing in it.
const NOT_YET_CLEAN = [];

// Configuring is seconds and a no-op when nothing changed; it writes build/tidy/compile_commands.json.
const imgui = process.env.TESSERA_IMGUI_DIR ?? join(homedir(), '.cache/tessera/src/imgui-1.86+ds');
execFileSync('cmake', ['--preset', 'tidy', `-DTESSERA_IMGUI_DIR=${imgui}`], { cwd: ROOT, stdio: 'pipe' });

const units = JSON.parse(readFileSync(join(BUILD, 'compile_commands.json'), 'utf8'))
  .map((entry) => ({ ...entry, path: relative(ROOT, entry.file) }))
  .filter((entry) => OURS.test(entry.path));
const settings = execFileSync(CLANG_TIDY, ['--version'], { encoding: 'utf8' }) +
  readFileSync(join(ROOT, '.clang-tidy'), 'utf8');
mkdirSync(CACHE, { recursive: true });

// run(cmd, args, cwd) → { status, stdout, stderr }; never rejects, so a failure is reported by the test.
function run(command, args, cwd) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20 }, (error, stdout, stderr) =>
      resolve({ status: error ? (error.code ?? 1) : 0, stdout, stderr }));
  });
}

// The preprocessed unit with its comments (-E -C). The checkout's own path is taken out of it and of the
// command, as ccache does with CCACHE_BASEDIR, so every clone of the project shares the cached results.
function preprocessed(unit) {
  const command = unit.command.replace(/ -o \S+/, '').replace(/ -c /, ' -E -C ');
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: unit.directory, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    let stderr = '';
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (status) => status === 0
      ? resolve(Buffer.concat(chunks).toString('latin1').replaceAll(ROOT, '/')) // latin1: every byte kept as is
      : reject(new Error(`preprocessing ${unit.path} failed:\n${stderr}`)));
  });
}

// Runs clang-tidy on one unit unless a clean result for the same inputs is cached; resolves to its findings,
// '' when there are none.
async function analyse(unit) {
  const key = createHash('sha256').update(settings).update(unit.command.replaceAll(ROOT, '/'))
    .update(await preprocessed(unit), 'latin1').digest('hex');
  const stamp = join(CACHE, key);
  if (existsSync(stamp)) return '';
  const { status, stdout, stderr } = await run(CLANG_TIDY, ['-p', BUILD, '--quiet', unit.file], ROOT);
  if (status === 0 && !/(warning|error):/.test(stdout)) {
    writeFileSync(stamp, `${unit.path}\n`);
    return '';
  }
  // stderr holds clang-tidy's tallies ("N warnings generated"); a tool error with no finding is shown instead.
  return stdout.replaceAll(ROOT, '').trim() || stderr || `clang-tidy exited ${status}`;
}

const byPath = new Map(units.map((unit) => [unit.path, unit]));

test('every C++ source of ours is a translation unit clang-tidy checks, or is listed with its reason', () => {
  const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.cpp'],
    { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((path) => OURS.test(path));
  const unchecked = sources.filter((path) => !byPath.has(path) && !NOT_NATIVE.has(path));
  assert.deepEqual(unchecked, [], 'add these to the tidy preset\'s build or to NOT_NATIVE with a reason');
  assert.ok(byPath.size > 100, `found ${byPath.size} translation units`);
});

// PARALLEL units at a time; a unit whose test is filtered out (--test-name-pattern) is not analysed.
describe('clang-tidy', { concurrency: PARALLEL }, () => {
  for (const [path, unit] of byPath) {
    const pending = NOT_YET_CLEAN.some((folder) => path.startsWith(folder));
    it(path, { skip: pending && 'its folder is in NOT_YET_CLEAN: findings not fixed yet (issue 26)' }, async () => {
      const findings = await analyse(unit);
      if (findings) {
        assert.fail(`clang-tidy found, in ${path} or a header it includes:\n${findings}\n` +
          'fix it, or suppress it on its line with // NOLINT(check-name): reason (docs/architecture.md, Static analysis)');
      }
    });
  }
});
