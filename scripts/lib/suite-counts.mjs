// Reads a test suite's log and prints "PASSED FAILED" from its summary: Catch2's console summary or
// node:test's TAP footer. Exits 1 when the log has no summary (the suite crashed or never ran).
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8');

function catch2(log) {
  const allPassed = log.match(/^All tests passed \(\d+ assertions? in (\d+) test cases?\)/m);
  if (allPassed) return [Number(allPassed[1]), 0];
  const line = log.match(/^test cases:\s*(\d+)\s*\|([^\n]*)$/m);
  if (!line) return null;
  const passed = line[2].match(/(\d+) passed/);
  const failed = line[2].match(/(\d+) failed/);
  return [passed ? Number(passed[1]) : 0, failed ? Number(failed[1]) : 0];
}

function tap(log) {
  const count = (name) => {
    const m = log.match(new RegExp(`^# ${name} (\\d+)$`, 'm'));
    return m ? Number(m[1]) : null;
  };
  const pass = count('pass');
  const fail = count('fail');
  if (pass === null || fail === null) return null;
  // A cancelled test (a hook or the file itself failed) counts as failed; so does a suite with no tests.
  const cancelled = count('cancelled') ?? 0;
  const tests = count('tests') ?? 0;
  return [pass, fail + cancelled + (tests === 0 ? 1 : 0)];
}

const counts = catch2(text) ?? tap(text);
if (!counts) process.exit(1);
console.log(`${counts[0]} ${counts[1]}`);
