// Runs the native `tessera` command for CLI tests: tessera(...) gives {code, out, err}; ok(...) also asserts it succeeded.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TESSERA = process.env.TESSERA_CLI || join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'build/native/cli/tessera');

export function tessera(...args) {
  const run = spawnSync(TESSERA, args, { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

export function ok(...args) {
  const run = tessera(...args);
  assert.equal(run.code, 0, `tessera ${args.join(' ')}: ${run.out}${run.err}`);
  return run;
}
