// `tessera insights`: Moodle's own quiz-statistics fixture reproduced through real records and a signed package;
// a generated cohort with known properties gives exactly those findings; records that fail their chain, package
// or replay are counted and never analysed; learners' own words stay out unless they chose to share them; small
// groups are shown only as counts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attemptSteps, cohortCourse, cohortSteps, courseJson, packCourse, recordText } from '../lib/insights-cohort.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const GOLDEN = join(ROOT, 'tests/golden/moodle-quiz-stats');
const work = mkdtempSync(join(tmpdir(), 'tessera-insights-'));
after(() => rmSync(work, { recursive: true, force: true }));

const START = Date.UTC(2026, 0, 1);  // records from 2026, so proofs made of them are valid now
let outputs = 0;

function insights(inputs, pkg, ...options) {
  const out = join(work, `out-${outputs += 1}`);
  const run = spawnSync(TESSERA, ['insights', ...inputs, '--course', pkg, '--out', out, ...options], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(readFileSync(join(out, 'insights.json'), 'utf8'));
  return { out, json, tables: json.tables, stdout: run.stdout, csv: (name) => readFileSync(join(out, `${name}.csv`), 'utf8') };
}

function writeRecord(name, text) {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

// Minimal CSV reading for files without quoted fields.
const csvRows = (text) => {
  const [head, ...rows] = text.trim().split(/\r?\n/).map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(head.map((h, i) => [h, row[i]])));
};

// ---- Moodle's fixture ----

const PARTIAL = { 1: 0.8, 3: '1/3', 5: 0.5, 7: 0.5 };
const slotItem = (slot) => ({
  id: `q${slot}`, type: 'single-choice', prompt: `Slot ${slot}`, competencies: ['skill'], outcomes: ['o1'],
  rule: 'fractions',
  choices: [{ id: 'right', text: 'R', fraction: 1 }, { id: 'part', text: 'P', fraction: PARTIAL[slot] ?? 0.5 },
    { id: 'wrong', text: 'W', fraction: 0 }],
});
const moodleCourse = courseJson({
  id: 'moodle-quiz-00',
  modules: [{ id: 'm1', title: 'Quiz', estimatedMinutes: 30, blocks: [{ id: 'quiz', type: 'assessment', assessment: 'quiz' }] }],
  assessments: [{ id: 'quiz', kind: 'formative', items: [1, 2, 3, 4, 5, 6, 7].map(slotItem) }],
});

function moodleRecords() {
  return csvRows(readFileSync(join(GOLDEN, 'results00.csv'), 'utf8')).map((row, i) => {
    const answers = {};
    for (let slot = 1; slot <= 7; slot += 1) {
      const mark = Number(row[`slots.${slot}.mark`]);
      answers[`q${slot}`] = mark === 1 ? 'right' : mark === 0 ? 'wrong' : 'part';
    }
    const steps = [['block.opened', { block: 'quiz' }], ...attemptSteps('quiz', 1, answers)];
    return writeRecord(`moodle-${row.quizattempt}.jsonl`, recordText(steps, START + i * 3_600_000));
  });
}

const near = (actual, expected, relative, what) => {
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * relative,
    `${what}: ${actual} is not ${expected} within ${relative} relative`);
};

test("insights: Moodle's quiz-statistics fixture (quiz 00) gives Moodle's expected item and quiz statistics", () => {
  const pkg = packCourse(TESSERA, work, moodleCourse);
  const { tables, csv } = insights(moodleRecords(), pkg);
  const expected = csvRows(readFileSync(join(GOLDEN, 'qstats00.csv'), 'utf8'));
  const columns = {
    facility: 'facility', sd: 'sd', effectiveweight: 'effective_weight', covariance: 'covariance',
    markvariance: 'mark_variance', othermarkvariance: 'other_mark_variance',
    discriminationindex: 'discrimination_index', covariancemax: 'covariance_max',
    discriminativeefficiency: 'discriminative_efficiency',
  };
  const loose = new Set(['covariance', 'discriminationindex', 'discriminativeefficiency', 'effectiveweight']);
  for (const kind of ['all', 'first']) {  // one attempt each: both kinds are Moodle's "all attempts"
    for (const row of expected) {
      const got = tables.item_stats.find((r) => r.kind === kind && r.item === `q${row.slot}`);
      assert.equal(got.attempts, 25);
      for (const [moodle, ours] of Object.entries(columns)) {
        near(got[ours], Number(row[moodle]), loose.has(moodle) ? 1e-5 : 1e-6, `${kind} slot ${row.slot} ${moodle}`);
      }
    }
  }
  const quiz = JSON.parse(readFileSync(join(GOLDEN, 'quizstats00.json'), 'utf8'));
  const stats = tables.assessment_stats.find((r) => r.kind === 'all');
  const e = quiz.expected;
  assert.equal(stats.attempts, e.allattemptscount);
  for (const [moodle, ours] of [['median', 'median'], ['allattemptsavg', 'mean'], ['standarddeviation', 'sd'],
    ['skewness', 'skewness'], ['kurtosis', 'kurtosis'], ['cic', 'cic'], ['errorratio', 'error_ratio'],
    ['standarderror', 'standard_error']]) {
    near(stats[ours], e[moodle], quiz.tolerance, `quiz ${moodle}`);
  }
  // The CSV carries the same numbers (10 significant digits).
  const slot1 = csvRows(csv('item_stats')).find((r) => r.kind === 'all' && r.item === 'q1');
  near(Number(slot1.discrimination_index), -7.0650767526, 1e-5, 'CSV slot 1 discrimination index');
});

// ---- A cohort with known properties ----

const cohortRecords = () => Array.from({ length: 20 }, (_, i) =>
  writeRecord(`cohort-${i}.jsonl`, recordText(cohortSteps(i), START + i * 3_600_000)));

function prove(pkg, record, ...options) {
  const out = join(work, `proof-${outputs += 1}.json`);
  const run = spawnSync(TESSERA, ['prove', pkg, record, '--seed', '22'.repeat(32), '--now', '2026-06-01T00:00:00Z',
    '--out', out, ...options], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return out;
}

const allOutput = (out) => readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')).join('\n');

test('insights: a cohort with known properties gives exactly those findings, in the report and the CSV', () => {
  const pkg = packCourse(TESSERA, work, cohortCourse());
  const { tables, csv, out } = insights(cohortRecords(), pkg);
  const flags = csvRows(csv('item_flags')).map((r) => `${r.item}: ${r.flag} (${r.detail})`);
  assert.deepEqual(flags.sort(), [
    'c: a distractor nobody picks (choice never)',
    'easy: a distractor nobody picks (choice wrong)',
    'easy: too easy (facility 1.00)',
    // Pearson's r of tricky's marks (0 for i < 10, else 1) with the rest of each attempt (1 + [i < 14] + [i < 10]
    // + [i < 6]): the first ten total 36, the last ten 14; Python's statistics.correlation gives -0.9135.
    'tricky: negative discrimination (discrimination index -91.4)',
  ].sort());
  const stops = Object.fromEntries(csvRows(csv('module_stops')).map((r) => [r.module, r]));
  assert.deepEqual([stops.basics.reached, stops.basics.stopped], ['20', '0']);
  assert.deepEqual([stops.more.reached, stops.more.stopped, stops.more.stop_rate], ['20', '10', '0.5']);
  // Steps are a minute apart: the first module's 11 gaps are 11 minutes against the 10 declared.
  const time = tables.module_time.find((r) => r.module === 'basics');
  assert.deepEqual([time.learners, time.median_minutes, time.declared_minutes], [20, 11, 10]);
  const funnel = Object.fromEntries(tables.funnel.map((r) => [r.block, [r.reached, r.completed]]));
  assert.deepEqual(funnel, { intro: [20, 20], check: [20, 20], feedback: [20, 20], m2a: [20, 10], think: [10, 10],
    m2b: [10, 10], pre: [10, 10], e1: [5, 5], call: [10, 10] });
  assert.deepEqual(tables.attempts_to_pass.map((r) => [r.assessment, r.learners, r.passed, r.mean_attempts_to_pass]),
    [['check', 20, 20, 1], ['pre', 10, 5, 1]]);
  // The ten odd learners take the pre-test; the five with i % 4 === 1 pass it and skip module 'extra'.
  assert.deepEqual(csvRows(csv('pretest_skips')),
    [{ assessment: 'pre', module: 'extra', took: '10', passed: '5', skipped: '5', skip_rate: '0.5' }]);
  // Trust at the end, by hand from cohortSteps: resolved 80, 80, 80 (calm, calm) and 30, 30, 30 (rush, calm):
  // nearest-rank quartiles at ranks 2 and 5 of 6 are 30 and 80, the median (30 + 80) / 2 = 55, the mean 55.
  // Lost: four runs, fewer than 5, so only the count.
  const meters = Object.fromEntries(csvRows(csv('scenario_meters_at_end')).map((r) => [r.ending, r]));
  assert.deepEqual(meters.resolved, { block: 'call', scenario: 'call', ending: 'resolved', meter: 'trust', runs: '6',
    least: '30', lower_quartile: '30', median: '55', upper_quartile: '80', most: '80', mean: '55', meter_min: '0',
    meter_max: '100' });
  assert.deepEqual([meters.lost.runs, meters.lost.mean, meters.lost.least], ['4', '', '']);
  assert.deepEqual([tables.pretest_skips[0].skip_rate, tables.scenario_meters_at_end[0].median], [0.5, 55]);  // JSON
  // Likert answers are not private: four learners on each point.
  assert.deepEqual(tables.survey_likert.map((r) => [r.point, r.answers]), [[1, 4], [2, 4], [3, 4], [4, 4], [5, 4]]);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  for (const finding of ['negative discrimination', 'too easy', 'a distractor nobody picks', 'choice never']) {
    assert.ok(html.includes(finding), `the report says ${finding}`);
  }
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
  assert.doesNotMatch(html, /<script|\s(src|href)=/, 'nothing is loaded or linked');
  assert.match(html, /<svg role="img" aria-labelledby="chart-funnel-t"/);
  for (const chart of ['chart-skips', 'chart-meters']) assert.match(html, new RegExp(`<svg role="img" aria-labelledby="${chart}-t"`));
  assert.ok(html.includes('Pre-test skip rates') && html.includes('Scenario meters at the end'));
  // What learners wrote for themselves is in no file: bare records carry no choice to share it.
  assert.doesNotMatch(allOutput(out), /SECRET-/);
});

test('insights: records failing their chain, package or replay are counted by reason and never analysed', () => {
  const pkg = packCourse(TESSERA, work, cohortCourse());
  const records = cohortRecords();
  const lines = readFileSync(records[1], 'utf8').split('\n');
  lines[1] = lines[1].replace(/"t":\d+/, (m) => `"t":${Number(m.slice(4)) + 1}`);  // event 2 changed afterwards
  const tampered = writeRecord('tampered.jsonl', lines.join('\n'));
  const garbage = writeRecord('garbage.jsonl', 'not a record\n');
  const [otherCourse] = moodleRecords();
  const otherPkg = packCourse(TESSERA, work, cohortCourse(), '33'.repeat(32));  // the same course, another package
  const foreignProof = prove(otherPkg, records[3]);
  const proof = prove(pkg, records[5]);
  const run = insights([...records.slice(2), tampered, garbage, otherCourse, foreignProof, proof], pkg);
  assert.deepEqual(Object.fromEntries(run.tables.dropped_reasons.map((r) => [r.reason, r.inputs])), {
    'chain broken': 1, unreadable: 1, 'does not replay on this course': 1, 'other package': 1, duplicate: 1,
  });
  assert.equal(run.json.learners, 18);  // records 2–19; the tampered copy of record 1 is not among them
  assert.equal(run.tables.funnel.find((r) => r.block === 'intro').reached, 18);
  assert.match(run.stdout, /18 learners analysed, 5 inputs left out/);
});

test("insights: free text is listed only from learners who shared their own words; reflections never", () => {
  const pkg = packCourse(TESSERA, work, cohortCourse());
  const records = cohortRecords();
  const shared = prove(pkg, records[7], '--include-private');
  const withheld = insights([records[9]], pkg, '--min-group', '1');
  assert.deepEqual(withheld.tables.survey_text, []);
  assert.equal(withheld.tables.survey_likert.find((r) => r.point === 5).answers, 1);  // 1 + 9 % 5
  const opted = insights([shared], pkg, '--min-group', '1');
  assert.deepEqual(opted.tables.survey_text, [{ block: 'feedback', item: 'comments', text: 'SECRET-SURVEY-TEXT-7' }]);
  assert.doesNotMatch(allOutput(opted.out), /SECRET-REFLECTION/);
});

test('insights: groups smaller than --min-group are shown only as counts', () => {
  const pkg = packCourse(TESSERA, work, cohortCourse());
  const { tables, out } = insights(cohortRecords(), pkg, '--min-group', '21');
  const easy = tables.item_stats.find((r) => r.kind === 'first' && r.item === 'easy');
  assert.equal(easy.attempts, 20);
  assert.equal(easy.facility, null);
  assert.deepEqual(tables.item_flags, []);
  assert.ok(tables.survey_likert.every((r) => r.answers === null && r.respondents === 20));
  assert.doesNotMatch(allOutput(out), /SECRET-/);
});

test('insights: a folder INPUT reads every .jsonl and .json file in it', () => {
  const pkg = packCourse(TESSERA, work, cohortCourse());
  const folder = join(work, 'shared');
  mkdirSync(folder);
  for (let i = 0; i < 6; i += 1) writeFileSync(join(folder, `r${i}.jsonl`), recordText(cohortSteps(i), START + i * 3_600_000));
  writeFileSync(join(folder, 'notes.txt'), 'not read');
  assert.equal(insights([folder], pkg).json.learners, 6);
});

test('insights: wrong use is refused with the usage line', () => {
  const run = spawnSync(TESSERA, ['insights', 'x.jsonl', '--out', work], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--course/);
  const bad = spawnSync(TESSERA, ['insights', 'x.jsonl', '--course', work, '--out', work, '--min-group', '0'],
    { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--min-group must be a whole number/);
});

test('docs/insights.md shows the item and assessment statistics SQL exactly as it runs', () => {
  const doc = readFileSync(join(ROOT, 'docs/insights.md'), 'utf8');
  const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
  for (const file of ['20-item_stats.sql', '21-assessment_stats.sql']) {
    assert.ok(blocks.includes(readFileSync(join(ROOT, 'cli/insights', file), 'utf8')), `docs/insights.md shows ${file}`);
  }
});
