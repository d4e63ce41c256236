// The lint suite's formatting check: every C++ file is exactly what clang-format makes of it with .clang-format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CPP = ['*.cpp', '*.hpp', '*.h', '*.cc', '*.hpp.in'];
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...CPP],
  { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

test('the project has C++ files to check (git ls-files found them)', () => {
  assert.ok(files.length > 100, `found ${files.length} C++ files`);
});

for (const file of files) {
  test(`clang-format: ${file}`, () => {
    const formatted = execFileSync('clang-format', ['--style=file', join(ROOT, file)],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    const written = readFileSync(join(ROOT, file), 'utf8');
    if (formatted === written) return;
    const lines = written.split('\n');
    const wanted = formatted.split('\n');
    const first = lines.findIndex((line, i) => line !== wanted[i]);
    assert.fail(`${file}:${first + 1} is not formatted as clang-format would write it:\n` +
      `  written: ${JSON.stringify(lines[first])}\n  wanted:  ${JSON.stringify(wanted[first])}\n` +
      `run: clang-format -i ${file}`);
  });
}
