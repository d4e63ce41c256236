// The `tessera insights` benchmark: LEARNERS records of 200 events each (bench/insights_cohort.cpp, made once and
// kept in build/bench/insights-cohort-LEARNERS), packed course, then one timed `tessera insights` run of the
// Release build over the folder. Prints one row and writes build/bench/insights.json. Timing is reported, never
// judged (no budget): docs/insights.md records what this machine measured.
// usage: node scripts/lib/insights-bench.mjs BUILD_DIR [LEARNERS]   (BUILD_DIR: build/native-release)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [build, learnersText = '100000'] = process.argv.slice(2);
const learners = Number(learnersText);
const root = join(build, '..', 'bench');
const cohort = join(root, `insights-cohort-${learners}`);
const tessera = join(build, 'cli/tessera');

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

if (!existsSync(join(cohort, 'records-done'))) {
  rmSync(cohort, { recursive: true, force: true });
  run(join(build, 'bench/tessera_insights_cohort'), [cohort, String(learners)]);
  run(tessera, ['keygen', '--out', join(cohort, 'keys'), '--seed', '55'.repeat(32)]);
  run(tessera, ['pack', join(cohort, 'course'), '--key', join(cohort, 'keys/publisher.key'), '--out', join(cohort, 'pkg')]);
  writeFileSync(join(cohort, 'records-done'), '');
}
const out = join(root, 'insights-report');
mkdirSync(out, { recursive: true });
const start = performance.now();
const said = run(tessera, ['insights', join(cohort, 'records'), '--course', join(cohort, 'pkg/bench-cohort/1.0.0'), '--out', out]);
const seconds = (performance.now() - start) / 1000;
const row = { name: `insights/${learners}x200`, platform: 'native', learners, eventsPerLearner: 200, seconds, said: said.trim() };
writeFileSync(join(root, 'insights.json'), `${JSON.stringify(row, null, 2)}\n`);
console.log(`${row.name.padEnd(28)} native  ${seconds.toFixed(1)} s  (${said.trim()})`);
