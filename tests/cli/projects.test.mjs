// Project blocks through the commands, as a learner's device, a facilitator and an employer use them: the golden
// project course packed, a record with a saved draft, `tessera submit` signing it, `tessera review` by the
// course's facilitator, `tessera replay` and `prove` on the completed record, `tessera verify` on the proof. A
// review by an untrusted key, a review of another submission and an edited submission are each refused with the
// reason by `tessera review`/`replay` and by `tessera verify` (inside a proof the learner re-signed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blake2b } from '../lib/blake2b.mjs';
import { tessera, ok } from '../lib/cli.mjs';
import { canonical } from '../lib/insights-cohort.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = join(ROOT, 'tests/golden/project');
// tests/golden/project/README.md: 0x11 the listed facilitator, 0x22 the learner, 0x33 an outsider, 0x55 a peer.
const SEED = (byte) => byte.repeat(32);
const NOW = '2027-01-02T00:00:00Z';
const BLOCK = 'feedback-project';
const WORK = { text: "In Monday's stand-up you spoke over Sam twice; Sam stopped offering ideas. Can we talk?" };

const hashOf = (line) => blake2b(line, 32).toString('hex');
// Event lines chained as the runtime chains them, four minutes apart (time on task within the course's estimate).
const chain = (events, lines = []) => {
  for (const { type, payload } of events) {
    const prev = lines.length ? hashOf(lines.at(-1)) : '0'.repeat(64);
    lines.push(canonical({ payload, prev, seq: lines.length + 1, t: 1798761600000 + 240000 * (lines.length + 1), type }));
  }
  return lines;
};

let work, pkg, keys;
const file = (name, value) => {
  const path = join(work, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};
const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const draftLines = () => chain([
  { type: 'block.opened', payload: { block: 'intro' } },
  { type: 'block.completed', payload: { block: 'intro' } },
  { type: 'block.opened', payload: { block: BLOCK } },
  { type: 'project.draft-saved', payload: { block: BLOCK, work: WORK } },
]);
const submit = (lines, seed, name) => {
  const out = join(work, name);
  ok('submit', pkg, file(`${name}.record.jsonl`, `${lines.join('\n')}\n`), '--block', BLOCK, '--seed', seed, '--out', out);
  return out;
};
const review = (submission, key, name, levels = ['specific=exemplary', 'impact=proficient']) => {
  const out = join(work, name);
  const run = tessera('review', submission, '--key', key, ...levels.flatMap((l) => ['--level', l]),
    '--comment', 'Observable behaviour; the impact is concrete.', '--out', out);
  return { ...run, out, doc: run.code === 0 ? read(out) : null };
};

let submissionPath, submitted;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-projects-'));
  mkdirSync(join(work, 'src'));
  writeFileSync(join(work, 'src/course.json'), readFileSync(join(GOLDEN, 'course.json')));
  ok('keygen', '--out', join(work, 'publisher'), '--seed', SEED('77'));
  ok('pack', join(work, 'src'), '--key', join(work, 'publisher/publisher.key'), '--out', join(work, 'dist'));
  pkg = join(work, 'dist/project-course/1.0.0');
  keys = {};
  for (const [who, byte] of [['facilitator', '11'], ['outsider', '33'], ['learner', '22']]) {
    ok('keygen', '--reviewer', '--out', join(work, who), '--seed', SEED(byte));
    keys[who] = join(work, who, 'reviewer.key');
  }
  const lines = draftLines();
  submissionPath = submit(lines, SEED('22'), 'submission.json');
  submitted = [...lines];
  chain([{ type: 'project.submitted', payload: { block: BLOCK, submission: read(submissionPath) } }], submitted);
});
after(() => rmSync(work, { recursive: true, force: true }));

test('keygen --reviewer makes the facilitator key whose did:key the course lists', () => {
  assert.equal(read(join(work, 'facilitator/reviewer.pub.json')).did, 'did:key:z6MktULudTtAsAhRegYPiZ6631RV3viv12qd4GQF8z1xB22S');
});

test('submit signs the saved draft with the rubric, its digest and the record head', () => {
  const doc = read(submissionPath);
  assert.equal(doc.type, 'TesseraProjectSubmission');
  assert.equal(doc.learner, 'did:key:z6MkqGC3nWZhYieEVTVDKW5v588CiGfsDSmRVG9ZwwWTvLSK');
  assert.deepEqual(doc.work, WORK);
  assert.equal(doc.record.head, hashOf(draftLines().at(-1)));
  assert.equal(doc.rubric.criteria.length, 2);
  assert.equal(doc.proof.cryptosuite, 'eddsa-jcs-2022');
});

test('review refuses an edited submission, unknown levels and the learner reviewing their own work', () => {
  const edited = read(submissionPath);
  edited.work.text = 'A better answer, written after signing.';
  let run = review(file('edited.json', edited), keys.facilitator, 'r-edited.json');
  assert.equal(run.code, 1);
  assert.match(run.err, /the submission's signature does not verify: it was changed after it was signed/);
  run = review(submissionPath, keys.facilitator, 'r-level.json', ['specific=brilliant', 'impact=proficient']);
  assert.equal(run.code, 1);
  assert.match(run.err, /'brilliant' is not a level of criterion 'specific'/);
  run = review(submissionPath, keys.learner, 'r-own.json');
  assert.equal(run.code, 1);
  assert.match(run.err, /a learner cannot review their own work/);
  assert.equal(tessera('review', submissionPath, '--key', keys.facilitator, '--level', 'specific', '--out', join(work, 'x')).code, 2);
});

test('the facilitator\'s review completes the course; replay refuses the untrusted and misdirected ones with the reason', () => {
  const untrusted = review(submissionPath, keys.outsider, 'r-untrusted.json');
  assert.equal(untrusted.code, 0, untrusted.err);  // anyone may sign a review; the course decides whom it trusts
  let run = tessera('replay', pkg, file('untrusted.jsonl', `${chain([{ type: 'project.reviewed', payload: { block: BLOCK, review: untrusted.doc } }], [...submitted]).join('\n')}\n`));
  assert.notEqual(run.code, 0);
  assert.match(run.out + run.err, /is not a facilitator this course trusts/);

  const otherPath = submit(draftLines(), SEED('55'), 'other-submission.json');
  const misdirected = review(otherPath, keys.facilitator, 'r-other.json');
  run = tessera('replay', pkg, file('misdirected.jsonl', `${chain([{ type: 'project.reviewed', payload: { block: BLOCK, review: misdirected.doc } }], [...submitted]).join('\n')}\n`));
  assert.notEqual(run.code, 0);
  assert.match(run.out + run.err, /the review is of another submission, not of the one this learner submitted/);

  const good = review(submissionPath, keys.facilitator, 'r-good.json');
  assert.equal(good.code, 0, good.err);
  const record = file('complete.jsonl', `${chain([{ type: 'project.reviewed', payload: { block: BLOCK, review: good.doc } }], [...submitted]).join('\n')}\n`);
  const replay = JSON.parse(ok('replay', pkg, record, '--json').out);
  assert.equal(replay.complete, true, 'the accepted project completes the course');
  const proofPath = join(work, 'proof.json');
  ok('prove', pkg, record, '--seed', SEED('22'), '--created', '2027-01-01T10:00:00Z', '--now', NOW, '--out', proofPath);
  const proof = read(proofPath);
  assert.deepEqual(proof.credentialSubject.result.projects, [{
    // The submission's identity: SHA-256 of the signed file's RFC 8785 form, worked out here with node's crypto.
    block: BLOCK, rubric: '1', submission: createHash('sha256').update(canonical(read(submissionPath))).digest('hex'), decidedBy: 'facilitator',
    levels: { specific: 'exemplary', impact: 'proficient' }, accepted: true,
    reviewers: [{ id: 'did:key:z6MktULudTtAsAhRegYPiZ6631RV3viv12qd4GQF8z1xB22S', role: 'facilitator' }],
  }]);
  run = tessera('verify', proofPath, '--package', pkg, '--now', NOW);
  assert.equal(run.code, 0, run.out + run.err);
  assert.match(run.out, /^VERIFIED/m);

  // Issued: the rubric in the achievement, the learner's levels in the results, the project in the evidence.
  const issuerDir = join(work, 'issuer');
  ok('issuer', 'init', issuerDir, '--name', 'Example Academy', '--base-url', 'https://academy.example/', '--seed', SEED('44'));
  const badgePath = join(work, 'badge.json');
  ok('issue', proofPath, '--issuer', issuerDir, '--package', pkg, '--now', NOW, '--out', badgePath);
  const badge = read(badgePath);
  const subject = badge.credentialSubject;
  const achievement = subject.achievement.id;
  const impact = subject.achievement.resultDescription.find((d) => d.id === `${achievement}#project-${BLOCK}-impact`);
  assert.equal(impact.resultType, 'RubricCriterionLevel');
  assert.equal(impact.name, 'Impact');
  assert.deepEqual(impact.rubricCriterionLevel.map((l) => [l.name, l.points]),
    [['Beginning', '0'], ['Developing', '1'], ['Proficient', '2'], ['Exemplary', '3']]);
  assert.equal(impact.requiredLevel, `${achievement}#project-${BLOCK}-impact-proficient`);
  assert.deepEqual(subject.result.filter((r) => r.achievedLevel?.includes('#project-')).map((r) => r.achievedLevel),
    [`${achievement}#project-${BLOCK}-impact-proficient`, `${achievement}#project-${BLOCK}-specific-exemplary`]);
  const evidence = badge.evidence.find((e) => e.genre === 'Project');
  assert.equal(evidence.id, `urn:sha256:${proof.credentialSubject.result.projects[0].submission}`);
  assert.equal(evidence.name, 'Project: Write SBI feedback');
  ok('ob3-check', badgePath);
  assert.equal(tessera('verify', badgePath, '--now', NOW).code, 0);

  // The learner changes the evidence, re-chains it and re-signs the proof with their own key: each refused with the reason.
  const forgeries = [
    ['untrusted', (events) => { events.at(-1).payload.review = untrusted.doc; }, /is not a facilitator this course trusts/],
    ['misdirected', (events) => { events.at(-1).payload.review = misdirected.doc; }, /the review is of another submission/],
    ['edited', (events) => { events.at(-2).payload.submission.work.text = 'A better answer, written after signing.'; },
      /the submission's signature does not verify/],
  ];
  for (const [name, change, reason] of forgeries) {
    const forged = read(proofPath);
    const events = forged.evidence[0].events;
    change(events);
    for (let i = 1; i < events.length; i += 1) events[i].prev = hashOf(canonical(events[i - 1]));
    const head = hashOf(canonical(events.at(-1)));
    forged.evidence[0].head = head;
    forged.id = `urn:tessera:completion:${head}`;
    delete forged.proof;
    const signed = join(work, `forged-${name}.json`);
    ok('sign', file(`forged-${name}.unsigned.json`, forged), '--seed', SEED('22'), '--cryptosuite', 'eddsa-jcs-2022',
      '--created', '2027-01-01T10:00:00Z', '--out', signed);
    run = tessera('verify', signed, '--package', pkg, '--now', NOW);
    assert.equal(run.code, 1, run.out + run.err);
    assert.match(run.out, reason, name);
  }
});
