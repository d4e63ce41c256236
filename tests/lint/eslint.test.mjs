// The lint suite: ESLint with eslint.config.mjs over every JavaScript file in the project, one test per file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOT_SOURCE = new Set(['.git', 'build', 'node_modules']);

function javascriptFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!NOT_SOURCE.has(entry.name)) javascriptFiles(path, out);
    } else if (/\.[cm]?js$/.test(entry.name)) {
      out.push(relative(ROOT, path));
    }
  }
  return out;
}

const eslint = new ESLint({ cwd: ROOT });
const results = await eslint.lintFiles(['.']);
const linted = results.map((result) => relative(ROOT, result.filePath)).sort();

test('every JavaScript file in the project is linted (an ignore pattern hides none)', () => {
  assert.deepEqual(linted, javascriptFiles(ROOT).sort());
});

for (const result of results) {
  test(relative(ROOT, result.filePath), () => {
    const found = result.messages.map((m) => `  ${m.line}:${m.column}  ${m.message}  (${m.ruleId ?? 'parse'})`);
    assert.equal(found.length, 0, `ESLint found:\n${found.join('\n')}`);
  });
}
