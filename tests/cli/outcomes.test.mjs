// Learning outcomes travel through the commands as a publisher, a learner's device, an issuer and an employer use
// them: `tessera pack` the golden outcomes course, `prove` its record, `verify` it (re-scoring each outcome),
// `issue` an Open Badge that carries them, `verify` that; and a proof whose learner re-signed it claiming an unmet
// outcome as met is refused, naming the outcome. The expected decisions are tests/golden/outcomes/expected.json,
// worked out by hand in its README.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tessera, ok } from '../lib/cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = join(ROOT, 'tests/golden/outcomes');
const LEARNER_SEED = '11'.repeat(32);
const NOW = '2027-01-02T00:00:00Z';
const expected = JSON.parse(readFileSync(join(GOLDEN, 'expected.json'), 'utf8'));


let work, pkg, proofPath, issuerDir;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-outcomes-'));
  mkdirSync(join(work, 'src'));
  writeFileSync(join(work, 'src/course.json'), readFileSync(join(GOLDEN, 'course.json')));
  ok('keygen', '--out', join(work, 'keys'), '--seed', '22'.repeat(32));
  ok('pack', join(work, 'src'), '--key', join(work, 'keys/publisher.key'), '--out', join(work, 'dist'));
  pkg = join(work, 'dist/outcomes-course/1.0.0');
  proofPath = join(work, 'proof.json');
  ok('prove', pkg, join(GOLDEN, 'record.jsonl'), '--seed', LEARNER_SEED, '--created', '2027-01-01T10:00:00Z',
    '--now', NOW, '--out', proofPath);
  issuerDir = join(work, 'issuer');
  ok('issuer', 'init', issuerDir, '--name', 'Example Academy', '--base-url', 'https://academy.example/', '--seed', '44'.repeat(32));
});
after(() => rmSync(work, { recursive: true, force: true }));

test('the proof states each outcome as worked out by hand, and verify re-scores them', () => {
  const proof = JSON.parse(readFileSync(proofPath, 'utf8'));
  const outcomes = proof.credentialSubject.result.outcomes;
  assert.deepEqual(outcomes.map(({ id, items, score, max, met }) => ({ id, items, score, max, met })), expected.outcomes);
  assert.equal(outcomes[0].statement, 'Spot a phishing link in an e-mail.');
  assert.equal(outcomes[0].criterion, 'every phishing link named');
  assert.equal(outcomes[0].threshold, '4/5');
  const run = tessera('verify', proofPath, '--package', pkg, '--now', NOW);
  assert.equal(run.code, 0, run.out + run.err);
  assert.match(run.out, /^pass +outcomes +Learning outcomes re-scored from the evidence, exactly as claimed: 1 of 4 met\.$/m);
  assert.match(run.out, /^VERIFIED/m);
  const report = JSON.parse(tessera('verify', proofPath, '--package', pkg, '--now', NOW, '--json').out);
  assert.deepEqual(report.subject.result.outcomes.map((o) => o.met), [false, true, false, false]);
});

test('a proof re-signed by its learner claiming an unmet outcome as met is not verified, naming the outcome', () => {
  const proof = JSON.parse(readFileSync(proofPath, 'utf8'));
  proof.credentialSubject.result.outcomes.find((o) => o.id === 'o-spot').met = true;
  delete proof.proof;
  const unsigned = join(work, 'forged.unsigned.json');
  writeFileSync(unsigned, JSON.stringify(proof));
  const forged = join(work, 'forged.json');
  ok('sign', unsigned, '--seed', LEARNER_SEED, '--cryptosuite', 'eddsa-jcs-2022', '--created', '2027-01-01T10:00:00Z',
    '--out', forged);
  const run = tessera('verify', forged, '--package', pkg, '--now', NOW);
  assert.equal(run.code, 1, run.out + run.err);
  assert.match(run.out, /^pass +proof /m, 'the learner\'s own signature holds');
  assert.match(run.out, /^pass +rescore /m);
  assert.match(run.out, /^fail +outcomes +The learning outcome 'o-spot' \(Spot a phishing link in an e-mail\.\) is claimed met, but re-scoring the evidence gives not met: 11\/4 of 4 points, where 4\/5 of them are needed\.$/m);
  assert.match(run.out, /^NOT VERIFIED/m);
  const refused = tessera('issue', forged, '--issuer', issuerDir, '--package', pkg, '--now', NOW, '--out', join(work, 'no.json'));
  assert.equal(refused.code, 1);
  assert.match(refused.err, /outcomes check/);
});

test('the issued Open Badge carries every outcome as a ResultDescription and this learner\'s results; it verifies', () => {
  const badgePath = join(work, 'badge.json');
  ok('issue', proofPath, '--issuer', issuerDir, '--package', pkg, '--now', NOW, '--out', badgePath);
  const badge = JSON.parse(readFileSync(badgePath, 'utf8'));
  assert.equal(badge.proof.cryptosuite, 'eddsa-rdfc-2022');
  const achievement = badge.credentialSubject.achievement;
  const described = achievement.resultDescription.filter((d) => d.resultType === 'RubricCriterionLevel');
  assert.deepEqual(described.map((d) => d.name), ['Spot a phishing link in an e-mail.',
    'Report a suspicious message to the security team.', 'Explain why urgency is a warning sign.', 'Check a sender\'s address.']);
  for (const d of described) {
    assert.deepEqual(d.type, ['ResultDescription']);
    assert.equal(d.requiredLevel, `${d.id}-met`);
    assert.equal(d.requiredValue, '4/5');
    assert.deepEqual(d.rubricCriterionLevel.map((l) => [l.id, l.name]), [[`${d.id}-not-met`, 'Not met'], [`${d.id}-met`, 'Met']]);
    assert.equal(d.alignment[0].targetCode, 'TS-9');
  }
  const results = badge.credentialSubject.result.filter((r) => r.achievedLevel);
  assert.deepEqual(results.map((r) => [r.resultDescription.split('#')[1], r.achievedLevel.endsWith('-not-met') ? 'not met' : 'met', r.value]), [
    ['outcome-o-spot', 'not met', '11/16'], ['outcome-o-report', 'met', '4/5'],
    ['outcome-o-explain', 'not met', '0'], ['outcome-o-practice', 'not met', '0']]);
  assert.equal(tessera('ob3-check', badgePath).code, 0);
  const verified = tessera('verify', badgePath, '--now', NOW, '--json');
  assert.equal(verified.code, 0, verified.out + verified.err);
  const report = JSON.parse(verified.out);
  assert.deepEqual(report.subject.outcomes.map((o) => [o.name, o.met, o.level, o.value]), [
    ['Spot a phishing link in an e-mail.', false, 'Not met', '11/16'],
    ['Report a suspicious message to the security team.', true, 'Met', '4/5'],
    ['Explain why urgency is a warning sign.', false, 'Not met', '0'],
    ['Check a sender\'s address.', false, 'Not met', '0']]);
});
