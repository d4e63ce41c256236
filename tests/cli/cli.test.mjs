// Tests of the `tessera` command as authors and publishers use it: validate, keygen, pack, replay —
// exit codes, messages that name the place, files on disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readFileSync, statSync, appendFileSync, rmSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const GOLDEN = join(ROOT, 'tests/golden');
const SEED_7 = '07'.repeat(32);
const golden_manifest = JSON.parse(readFileSync(join(GOLDEN, 'package/manifest.json'), 'utf8'));

function tessera(...args) {
  const run = spawnSync(TESSERA, args, { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

let work;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  mkdirSync(join(work, 'course/media'), { recursive: true });
  copyFileSync(join(GOLDEN, 'course/valid/course.json'), join(work, 'course/course.json'));
  for (const name of readFileSync(join(GOLDEN, 'course/valid/files.txt'), 'utf8').split('\n')) {
    if (name.startsWith('media/')) writeFileSync(join(work, 'course', name), `bytes of ${name}\n`);
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

test('validate passes a complete course and exits 0', () => {
  const run = tessera('validate', join(work, 'course'));
  assert.equal(run.code, 0, run.out + run.err);
  assert.match(run.out, / 0 errors, \d+ warnings/);
  // The golden course lists French but translates only its title: every warning says which text is missing.
  const report = JSON.parse(tessera('validate', join(work, 'course'), '--json').out);
  assert.deepEqual(report.problems.filter((p) => !/^no fr translation/.test(p.message)), []);
  assert.ok(report.problems.some((p) => p.where === '/summary') && !report.problems.some((p) => p.where === '/title'));
});

test('validate names each problem by where (its JSON pointer), with a hint, and exits 1', () => {
  const broken = join(work, 'broken');
  mkdirSync(broken);
  const course = JSON.parse(readFileSync(join(GOLDEN, 'course/valid/course.json'), 'utf8'));
  delete course.modules[0].blocks[1].alt;
  writeFileSync(join(broken, 'course.json'), JSON.stringify(course));
  const run = tessera('validate', join(broken, 'course.json'), '--json');
  assert.equal(run.code, 1);
  const report = JSON.parse(run.out);
  assert.equal(report.valid, false);
  const alt = report.problems.find((p) => p.where === '/modules/0/blocks/1');
  assert.equal(alt.message, 'the image has no alt text');
  assert.match(alt.hint, /decorative/);
  // One spelling of a problem everywhere (tessera::to_json): replay --json and the browser bindings alike.
  assert.deepEqual(Object.keys(alt).sort(), ['hint', 'message', 'severity', 'where']);
});

test('validate and replay refuse wrong use with exit 2', () => {
  assert.equal(tessera('validate').code, 2);
  assert.equal(tessera('validate', join(work, 'no-such-folder')).code, 2);
  assert.equal(tessera('replay', join(work, 'course')).code, 2);
  assert.equal(tessera('frobnicate').code, 2);
});

test('every command refuses an unknown option, or an option without its value, with its usage line and exit 2', () => {
  const commands = ['validate', 'replay', 'keygen', 'pack', 'score', 'import-twee', 'jcs', 'sign', 'verify', 'prove',
    'issuer', 'issue', 'revoke', 'status-list', 'canon', 'rdfc-sign', 'rdfc-verify', 'ob3-check', 'preview', 'export', 'version',
    'fsrs', 'recall'];
  for (const command of commands) {
    const run = tessera(command, '--no-such-option');
    assert.equal(run.code, 2, command);
    assert.equal(run.out, '', command);
    assert.match(run.err, new RegExp(`^tessera ${command}: unknown option '--no-such-option'\nusage: tessera ${command}\\b`), command);
  }
  const noValue = tessera('import-twee', join(work, 'story.twee'), '--out');
  assert.equal(noValue.code, 2);
  assert.match(noValue.err, /^tessera import-twee: the option '--out' needs a value\nusage: tessera import-twee FILE/);
  const required = tessera('pack', join(work, 'course'), '--out', join(work, 'never'));
  assert.equal(required.code, 2);
  assert.match(required.err, /^tessera pack: the option '--key' is required\n/);
  const extra = tessera('validate', join(work, 'course'), join(work, 'course'));
  assert.equal(extra.code, 2);
  assert.match(extra.err, /^tessera validate: unexpected argument /);
});

test('"--" ends the options, so a file whose name starts with a dash can be given', () => {
  copyFileSync(join(GOLDEN, 'course/valid/course.json'), join(work, '-course.json'));
  const dashed = spawnSync(TESSERA, ['validate', '--', '-course.json'], { encoding: 'utf8', cwd: work });
  assert.match(dashed.stdout, /^-course\.json: /m, dashed.stderr);
  const unknown = spawnSync(TESSERA, ['validate', '-course.json'], { encoding: 'utf8', cwd: work });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option '-course\.json'/);
});

test('keygen writes a 0600 secret and its did:key, and never overwrites a key', () => {
  const keys = join(work, 'keys');
  const run = tessera('keygen', '--out', keys, '--seed', SEED_7);
  assert.equal(run.code, 0, run.err);
  assert.equal(statSync(join(keys, 'publisher.key')).mode & 0o777, 0o600);
  const pub = JSON.parse(readFileSync(join(keys, 'publisher.pub.json'), 'utf8'));
  assert.equal(pub.did, golden_manifest.publisher);  // the same seed as the golden manifest
  assert.doesNotMatch(run.out + run.err, new RegExp(SEED_7), 'the secret never reaches the terminal');
  const again = tessera('keygen', '--out', keys);
  assert.equal(again.code, 1);
  assert.match(again.err, /never overwritten/);
  assert.equal(tessera('keygen', '--out', join(work, 'k2'), '--seed', 'abc').code, 2);
});

test('pack publishes a signed package that validate accepts, once per version', () => {
  const run = tessera('pack', join(work, 'course'), '--key', join(work, 'keys/publisher.key'), '--out', join(work, 'dist'));
  assert.equal(run.code, 0, run.err);
  const published = join(work, 'dist/golden-course/1.0.0');
  const manifest = JSON.parse(readFileSync(join(published, 'manifest.json'), 'utf8'));
  assert.equal(manifest.publisher, golden_manifest.publisher);
  assert.deepEqual(manifest.files.map((f) => f.path), [
    'course.json', 'media/diagram.svg', 'media/rule.svg', 'media/walkthrough.md', 'media/walkthrough.mp3',
    'media/walkthrough.mp4', 'media/walkthrough.vtt']);
  assert.equal(tessera('validate', published).code, 0);
  const twice = tessera('pack', join(work, 'course'), '--key', join(work, 'keys/publisher.key'), '--out', join(work, 'dist'));
  assert.equal(twice.code, 1);
  assert.match(twice.err, /never overwritten/);
});

test('a tampered file or manifest in a published package is named by validate', () => {
  const published = join(work, 'dist/golden-course/1.0.0');
  appendFileSync(join(published, 'media/walkthrough.md'), 'edited after signing\n');
  const file = tessera('validate', published, '--json');
  assert.equal(file.code, 1);
  assert.deepEqual(JSON.parse(file.out).problems.filter((p) => p.severity === 'error').map((p) => p.where), ['media/walkthrough.md']);

  const manifest = JSON.parse(readFileSync(join(published, 'manifest.json'), 'utf8'));
  manifest.files[3].size += 22;  // make the manifest "agree" with the edited file
  writeFileSync(join(published, 'manifest.json'), JSON.stringify(manifest));
  const forged = JSON.parse(tessera('validate', published, '--json').out).problems.filter((p) => p.severity === 'error');
  assert.equal(forged[0].where, 'manifest.json');
  assert.match(forged[0].message, /signature does not match/);
});

test('pack refuses a course with errors', () => {
  const run = tessera('pack', join(work, 'broken'), '--key', join(work, 'keys/publisher.key'), '--out', join(work, 'dist'));
  assert.equal(run.code, 1);
  assert.match(run.err, /has errors/);
});

test('replay folds the golden record and reports progress and time on task', () => {
  const run = tessera('replay', join(GOLDEN, 'course/valid'), join(GOLDEN, 'session/golden-course-record.jsonl'), '--json');
  assert.equal(run.code, 0, run.err);
  const state = JSON.parse(run.out);
  assert.equal(state.position, 'walkthrough');
  assert.equal(state.progress.percent, 40);
  assert.equal(state.timeOnTaskSeconds, 553);
  assert.deepEqual(state.problems, []);
  assert.deepEqual(state.mastery, { validate: { rule: { rule: 'percentage', threshold: '4/5' }, assessed: false, mastered: false } });
  const text = tessera('replay', join(GOLDEN, 'course/valid'), join(GOLDEN, 'session/golden-course-record.jsonl'));
  assert.match(text.out, /progress {3}40% \(4 of 10 required blocks\)/);
  assert.match(text.out, /mastery {2}validate not assessed yet/);
});

test('replay of a tampered record keeps the part before the break and exits 1', () => {
  const lines = readFileSync(join(GOLDEN, 'session/golden-course-record.jsonl'), 'utf8').split('\n');
  lines[4] = lines[4].replace('"rule"', '"intro"');
  writeFileSync(join(work, 'tampered.jsonl'), lines.join('\n'));
  const run = tessera('replay', join(GOLDEN, 'course/valid'), join(work, 'tampered.jsonl'), '--json');
  assert.equal(run.code, 1);
  const state = JSON.parse(run.out);
  assert.equal(state.problems[0].where, 'seq 6');
  // seq 6's link is what shows seq 5 (or seq 6) changed; the record keeps everything before the break,
  // so nothing real is lost, and a completion proof signs the last hash (docs/record.md).
  assert.equal(state.events, 5);
});

test('replay prints attempts with their scores and mastery per competency', () => {
  const run = tessera('replay', join(GOLDEN, 'course/valid'), join(GOLDEN, 'session/golden-course-first-module.jsonl'));
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /module basics\s+complete 5\/5 blocks/);
  assert.match(run.out, /attempt\s+check-1 #1 score 1 of 1, passed/);
  assert.match(run.out, /mastery\s+validate 1 of 1, mastered/);
});

test('score applies the item rule to one response and refuses a wrong shape with its pointer', () => {
  const golden = JSON.parse(readFileSync(join(GOLDEN, 'assess/items.json'), 'utf8'));
  writeFileSync(join(work, 'item.json'), JSON.stringify(golden.items['mr-abcd-every']));
  writeFileSync(join(work, 'answer.json'), JSON.stringify({ answer: ['A', 'C'] }));
  const run = tessera('score', join(work, 'item.json'), join(work, 'answer.json'), '--json');
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(JSON.parse(run.out), { item: 'mr2', score: '1/2', max: '1', correct: false, feedback: [] });

  writeFileSync(join(work, 'bad-answer.json'), JSON.stringify({ answer: 'A' }));
  const refused = tessera('score', join(work, 'item.json'), join(work, 'bad-answer.json'));
  assert.equal(refused.code, 1);
  assert.match(refused.err, /error \/answer: a multiple-response answer must be an array of choice ids/);
  assert.equal(tessera('score', join(work, 'item.json')).code, 2);
});

test('import-twee turns a Twine 2 story into a scenario that validates, with warnings for macros', () => {
  const out = join(work, 'refund-call.json');
  const run = tessera('import-twee', join(ROOT, 'tests/cli/fixtures/refund-call.twee'), '--out', out);
  assert.equal(run.code, 0, run.err);
  const scenario = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(scenario.id, 'the-refund-call');
  assert.equal(scenario.title, 'The Refund Call');
  assert.equal(scenario.start, 'phone-rings');
  const byId = Object.fromEntries(scenario.nodes.map((n) => [n.id, n]));
  assert.deepEqual(Object.keys(byId), ['phone-rings', 'first-words', 'listening', 'close-the-call', 'policy', 'escalate']);
  assert.equal(byId['phone-rings'].type, 'narrative');
  assert.equal(byId['phone-rings'].next, 'first-words');
  assert.equal(byId['first-words'].type, 'decision');
  assert.deepEqual(byId['first-words'].choices, [
    { id: 'apologise-and-listen', text: 'Apologise and listen', next: 'listening' },
    { id: 'quote-the-refund-policy', text: 'Quote the refund policy', next: 'policy' },
    { id: 'put-her-on-hold', text: 'Put her on hold', next: 'escalate' },
  ]);
  assert.equal(byId['close-the-call'].type, 'ending');
  assert.equal(byId['close-the-call'].outcome, 'Close the call');
  assert.equal(byId.policy.feedback, 'She hangs up before you finish.');
  // Macros stay as text and are reported with their line; the script passage is left out.
  assert.match(run.err, /warning line 17: passage 'First words': story-format code '\(set:' is kept as plain text/);
  assert.match(run.err, /warning line 33: passage 'Escalate': story-format code '<<set \$escalated/);
  assert.match(run.err, /warning line 35: passage 'Story JavaScript' is a story script and is left out/);
  assert.match(byId['first-words'].text, /\(set: \$trust to 40\)/);
  // What it wrote, validate accepts inside a course.
  const course = JSON.parse(readFileSync(join(GOLDEN, 'course/valid/course.json'), 'utf8'));
  course.scenarios.push(scenario);
  const folder = join(work, 'with-twee');
  mkdirSync(folder);
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course));
  const validated = tessera('validate', join(folder, 'course.json'), '--json');
  const errors = JSON.parse(validated.out).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, []);
});

test('import-twee refuses broken links with their line, and wrong use with exit 2', () => {
  const broken = join(work, 'broken.twee');
  writeFileSync(broken, ':: Start\nGo [[on->Nowhere]] or [[stay->Start]]\n');
  const run = tessera('import-twee', broken);
  assert.equal(run.code, 1);
  assert.match(run.err, /line 2: passage 'Start' links to 'Nowhere', which is not a passage/);
  assert.equal(run.out, '');
  assert.equal(tessera('import-twee').code, 2);
  assert.equal(tessera('import-twee', join(work, 'missing.twee')).code, 2);
});

test('validate reports scenario problems with pointers and node ids', () => {
  const course = JSON.parse(readFileSync(join(GOLDEN, 'course/valid/course.json'), 'utf8'));
  course.scenarios[0].nodes[0].choices[0].next = 'nowhere';
  course.scenarios[0].nodes[0].choices[1].showIf = 'care >> 3';
  const folder = join(work, 'bad-scenario');
  mkdirSync(folder);
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course));
  const run = tessera('validate', join(folder, 'course.json'), '--json');
  assert.equal(run.code, 1);
  const problems = JSON.parse(run.out).problems;
  const next = problems.find((p) => p.where === '/scenarios/0/nodes/0/choices/0/next');
  assert.equal(next.message, "node 'report', choice 'check': 'nowhere' is not a node of this scenario");
  const showIf = problems.find((p) => p.where === '/scenarios/0/nodes/0/choices/1/showIf');
  assert.equal(showIf.message, "node 'report', choice 'ignore', showIf: column 7: expected a value (a number, a string, a name or '('), found '>'");
});

test('validate reports each scenario\'s maximum score from the bounded search', () => {
  const run = tessera('validate', join(work, 'course'), '--json');
  assert.equal(run.code, 0, run.out);
  const [fixIt] = JSON.parse(run.out).scenarios;
  assert.equal(fixIt.id, 'fix-it');
  assert.equal(fixIt.maxScore, '2');
  assert.equal(fixIt.searchComplete, true);
  assert.deepEqual(fixIt.reachableLevels, ['exemplary', 'needs practice']);
  assert.match(tessera('validate', join(work, 'course')).out, /scenario fix-it: max score 2, \d+ states searched/);
});

test('output that cannot be written (a full disk) fails the command with the reason, never silently', () => {
  const work = mkdtempSync(join(tmpdir(), 'tessera-full-'));
  try {
    writeFileSync(join(work, 'doc.json'), '{"b": 2, "a": 1}');
    const full = openSync('/dev/full', 'w');  // every write fails with ENOSPC
    try {
      const run = spawnSync(TESSERA, ['jcs', join(work, 'doc.json')], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /^tessera: the output could not be written in full: No space left on device$/m);
    } finally {
      closeSync(full);
    }
    // The same command with somewhere to write succeeds: the failure was the output's.
    assert.equal(spawnSync(TESSERA, ['jcs', join(work, 'doc.json')], { encoding: 'utf8' }).stdout, '{"a":1,"b":2}');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
