// The `tessera insights` benchmark: LEARNERS records of 200 events each (bench/insights_cohort.cpp writes them
// straight as JSON Lines, made once and kept in build/bench/insights-cohort-LEARNERS), its course packed, then
// timed `tessera insights` runs of the Release build: the whole cohort, and as the baseline measured in the same
// run its first 1 % (at least 10 learners). The ratio is the whole run's time over the baseline's scaled to the
// whole cohort: 1.00 means the work grows linearly with learners, more means it grows faster. Prints one row and
// writes build/bench/insights.json. Timing is reported, never judged (no budget).
// usage: node scripts/lib/insights-bench.mjs BUILD_DIR [LEARNERS]   (BUILD_DIR: build/native-release)
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  const start = performance.now();
  run(join(build, 'bench/tessera_insights_cohort'), [cohort, String(learners)]);
  console.log(`insights cohort: ${learners} learners written in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  run(tessera, ['keygen', '--out', join(cohort, 'keys'), '--seed', '55'.repeat(32)]);
  run(tessera, ['pack', join(cohort, 'course'), '--key', join(cohort, 'keys/publisher.key'), '--out', join(cohort, 'pkg')]);
  // The baseline's learners: the first 1 %, linked, so both runs read the same files.
  const few = Math.max(10, Math.floor(learners / 100));
  mkdirSync(join(cohort, 'baseline'));
  for (const name of readdirSync(join(cohort, 'records')).sort().slice(0, few)) {
    linkSync(join(cohort, 'records', name), join(cohort, 'baseline', name));
  }
  writeFileSync(join(cohort, 'records-done'), '');
}

// Times one analysis of `folder`'s records, and refuses a run that analysed fewer learners than it was given or
// left any out: a generator drifting from the record format would otherwise time nothing and look fast.
function timed(folder, out) {
  mkdirSync(out, { recursive: true });
  const given = readdirSync(folder).length;
  const start = performance.now();
  const said = run(tessera, ['insights', folder, '--course', join(cohort, 'pkg/bench-cohort/1.0.0'), '--out', out]).trim();
  const seconds = (performance.now() - start) / 1000;
  if (!said.startsWith(`${given} learners analysed, 0 inputs left out`)) {
    throw new Error(`insights bench: ${given} records given, but tessera insights said "${said}"`);
  }
  return { seconds, said };
}

const baselineLearners = readdirSync(join(cohort, 'baseline')).length;
const baseline = timed(join(cohort, 'baseline'), join(root, 'insights-report-baseline'));
const whole = timed(join(cohort, 'records'), join(root, 'insights-report'));
const ratio = whole.seconds / (baseline.seconds * (learners / baselineLearners));
const row = {
  name: `insights/${learners}x200`, platform: 'native', learners, eventsPerLearner: 200, seconds: whole.seconds,
  said: whole.said, baseline: `insights/${baselineLearners}x200 scaled ×${learners / baselineLearners}`,
  baselineSeconds: baseline.seconds, ratio,
};
writeFileSync(join(root, 'insights.json'), `${JSON.stringify(row, null, 2)}\n`);
console.log(`${row.name.padEnd(28)} native  ${whole.seconds.toFixed(1)} s  ${ratio.toFixed(2)}× ${row.baseline} ` +
  `(${baseline.seconds.toFixed(2)} s)  (${whole.said})`);
