// `tessera insights` over xAPI statements: the statements Tessera's runtime makes of the known cohort's records
// (`tessera replay --statements`), read from files (a JSON array, JSON Lines) and from a real LRS (npm
// xapi-statements, Learning Locker's statement service, in memory on its own port) through --lrs, give the same
// item analysis, attempts, pre-test results and scenario endings as the records; a statement seen twice counts
// once, a learner whose record is also given is analysed from the record, and foreign statements are left out.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cohortCourse, cohortSteps, packCourse, recordText } from '../lib/insights-cohort.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const require = createRequire(import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'tessera-insights-xapi-'));
const AUTH = `Basic ${Buffer.from('author:secret').toString('base64')}`;
const HEADERS = { 'X-Experience-API-Version': '1.0.3', Authorization: AUTH, 'Content-Type': 'application/json' };
let lrs;
let lrsUrl;

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

before(async () => {
  const port = await freePort();
  const folder = join(work, 'lrs');
  mkdirSync(folder);
  lrs = spawn(process.execPath, [require.resolve('xapi-statements/dist/index.js')], {
    env: { ...process.env, EXPRESS_PORT: String(port), MODELS_REPO: 'memory', STORAGE_REPO: 'local', EVENTS_REPO: 'test',
      AUTH_REPO: 'test', NODE_OPTIONS: '' },
    cwd: folder, stdio: 'ignore',
  });
  lrsUrl = `http://127.0.0.1:${port}/xAPI`;
  for (let i = 0; i < 100; i += 1) {
    if (await fetch(`${lrsUrl}/about`).then((r) => r.ok, () => false)) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error('the LRS did not start');
});
after(() => {
  if (lrs) process.kill(lrs.pid);
  rmSync(work, { recursive: true, force: true });
});

const START = Date.UTC(2026, 0, 1);
const ACTIVITY = 'urn:tessera:course:cohort';
let outputs = 0;

function run(...args) {
  const r = spawnSync(TESSERA, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function insights(inputs, pkg, ...options) {
  const out = join(work, `out-${outputs += 1}`);
  const stdout = run('insights', ...inputs, '--course', pkg, '--out', out, ...options);
  return { stdout, out, ...JSON.parse(readFileSync(join(out, 'insights.json'), 'utf8')) };
}

// The cohort's records, and for each the statements the runtime makes of it (one actor per learner).
function cohort(pkg) {
  return Array.from({ length: 20 }, (_, i) => {
    const record = join(work, `cohort-${i}.jsonl`);
    writeFileSync(record, recordText(cohortSteps(i), START + i * 3_600_000));
    const options = { actor: { account: { homePage: 'https://learn.example.org', name: `learner-${i}` } }, activity: ACTIVITY };
    const statements = run('replay', pkg, record, '--statements', JSON.stringify(options)).trim().split('\n').map((l) => JSON.parse(l));
    return { record, statements };
  });
}

async function post(statements) {
  for (let i = 0; i < statements.length; i += 50) {
    const response = await fetch(`${lrsUrl}/statements`, { method: 'POST', headers: HEADERS, body: JSON.stringify(statements.slice(i, i + 50)) });
    assert.equal(response.status, 200, await response.text());
  }
}

// What statements carry, compared between two runs: the item analysis of first attempts, flags, attempts to pass,
// the pre-test's results and skip rates, and scenario endings.
function carried(json) {
  const t = json.tables;
  return {
    items: t.item_stats.filter((r) => r.kind === 'first').map((r) => [r.item, r.attempts, r.facility, r.discrimination_index]),
    flags: t.item_flags,
    attempts: t.attempts_to_pass,
    endings: t.scenario_endings,
    assessments: t.assessment_stats,
    skips: t.pretest_skips,  // the modules a passed pre-test skips, from the passed statement and testsOut
  };
}

test('insights: the runtime\'s statements, from files and from a real LRS through --lrs, give the records\' findings', async () => {
  const pkg = packCourse(TESSERA, work, cohortCourse());
  const learners = cohort(pkg);
  const fromRecords = insights(learners.map((l) => l.record), pkg);

  // Learners 0–9 as JSON Lines; 0–4 again as a JSON array (every one of those statements a repeat).
  const lines = join(work, 'statements.jsonl');
  writeFileSync(lines, learners.slice(0, 10).flatMap((l) => l.statements).map((s) => JSON.stringify(s)).join('\n'));
  const again = join(work, 'statements-again.json');
  const repeated = learners.slice(0, 5).flatMap((l) => l.statements);
  writeFileSync(again, JSON.stringify(repeated));
  // Learners 10–19 in the LRS, with a statement of another course; learner 19's record is given too.
  const foreign = { ...learners[10].statements[0], id: '6f1c2b9e-0000-8000-8000-000000000001',
    object: { objectType: 'Activity', id: 'urn:tessera:course:other' } };
  await post([...learners.slice(10).flatMap((l) => l.statements), foreign]);

  const fromStatements = insights([lines, again, learners[19].record], pkg, '--lrs', lrsUrl, '--lrs-auth', AUTH);
  assert.equal(fromStatements.learners, 20);
  assert.deepEqual(carried(fromStatements), carried(fromRecords));
  assert.deepEqual(Object.fromEntries(fromStatements.tables.dropped_reasons.map((r) => [r.reason, r.inputs])), {
    'duplicate statement': repeated.length,
    duplicate: 1,  // learner 19's statements: the record is analysed
  });
  // The foreign statement is not among the LRS's answers to the course's activity queries at all.
  assert.match(fromStatements.stdout, /20 learners analysed/);

  // A foreign statement in a file is counted and left out; --activity names another course's statements.
  const mixed = join(work, 'mixed.json');
  writeFileSync(mixed, JSON.stringify([...learners[0].statements, foreign, { not: 'a statement' }]));
  const one = insights([mixed], pkg, '--min-group', '1');
  assert.equal(one.learners, 1);
  assert.deepEqual(Object.fromEntries(one.tables.dropped_reasons.map((r) => [r.reason, r.inputs])),
    { 'not a statement of this course': 2 });
});

test('insights --lrs: an unreachable LRS stops the command with what to do; no INPUT and no LRS is wrong use', () => {
  const pkg = packCourse(TESSERA, work, cohortCourse());
  const down = spawnSync(TESSERA, ['insights', '--course', pkg, '--out', join(work, 'down'), '--lrs', 'http://127.0.0.1:9/xAPI'],
    { encoding: 'utf8' });
  assert.equal(down.status, 1);
  assert.match(down.stderr, /127\.0\.0\.1:9.*check the address/);
  const none = spawnSync(TESSERA, ['insights', '--course', pkg, '--out', join(work, 'none')], { encoding: 'utf8' });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /at least one INPUT .* or an LRS with --lrs URL/);
});
