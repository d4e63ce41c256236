// `tessera issue --renew` end to end, as a learner's device and an issuer do it: the golden course published
// with a renewal rule, the learner's proof, the credential issued on 2027-01-02 (valid until 2029-01-02), then
// the learner's record carries on — the final check passed again, or recall reviews — and a new proof of it
// renews the credential. The renewed one verifies and says "Renewed from"; a wrong achievement, a forged old
// credential and retention under the threshold are refused with their reasons. Retention is checked against
// npm ts-fsrs on the same reviews.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tessera, ok } from '../lib/cli.mjs';
import { createEmptyCard, fsrs, generatorParameters } from 'ts-fsrs';
import { chainedLines } from '../lib/record-lines.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = join(ROOT, 'tests/golden');
const COMPLETED = readFileSync(join(GOLDEN, 'credential/completed-record.jsonl'), 'utf8');
const LEARNER_SEED = '11'.repeat(32);
const ISSUED = '2027-01-02T00:00:00Z';
// Attempt 2 of the final check in the golden record: the items the runtime's seeded draw gives it (the record's
// first event seeds every draw), in their order, with their right answers.
const RETAKE = [['q2', false], ['q3', ['a', 'b']]];
let work;

before(() => { work = mkdtempSync(join(tmpdir(), 'tessera-renewal-')); });
after(() => rmSync(work, { recursive: true, force: true }));


// The golden credential course with `renewBy` (and `id`), signed with the publisher key 22…, in work/NAME.
function publish(name, renewBy, id = 'golden-course') {
  const src = join(work, name, 'src');
  mkdirSync(join(src, 'media'), { recursive: true });
  const course = JSON.parse(readFileSync(join(GOLDEN, 'credential/course.json'), 'utf8'));
  course.id = id;
  course.credential.renewBy = renewBy;
  writeFileSync(join(src, 'course.json'), JSON.stringify(course, null, 2));
  for (const file of readFileSync(join(GOLDEN, 'course/valid/files.txt'), 'utf8').split('\n')) {
    if (file.startsWith('media/')) writeFileSync(join(src, file), `bytes of ${file}\n`);
  }
  ok('keygen', '--out', join(work, name, 'keys'), '--seed', '22'.repeat(32));
  ok('pack', src, '--key', join(work, name, 'keys/publisher.key'), '--out', join(work, name, 'dist'));
  return join(work, name, `dist/${id}/1.0.0`);
}

// The golden completed record with more events, each [type, ISO time, payload], chained as the runtime chains them.
function recordWith(name, events) {
  const lines = chainedLines(COMPLETED, events.map(([type, time, payload]) => ({ type, t: Date.parse(time), payload })));
  const file = join(work, `${name}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// The final check taken again from `start`, every answer right, 20 s apart.
function retake(start) {
  const at = (k) => new Date(Date.parse(start) + k * 20000).toISOString().replace('.000Z', 'Z');
  return [
    ['attempt.started', at(0), { attempt: 2, block: 'final', items: RETAKE.map(([item]) => item) }],
    ...RETAKE.map(([item, answer], k) => ['answer.submitted', at(k + 1), { attempt: 2, block: 'final', item, response: { answer } }]),
    ['attempt.submitted', at(RETAKE.length + 1), { attempt: 2, block: 'final' }],
  ];
}

function prove(pkg, record, now, name) {
  const out = join(work, `${name}.json`);
  ok('prove', pkg, record, '--seed', LEARNER_SEED, '--created', now, '--now', now, '--out', out);
  return out;
}

// An issuer (seed 44…) that issued the golden record's credential with `pkg` on 2027-01-02.
function issuerWithCredential(name, pkg) {
  const dir = join(work, name, 'issuer');
  ok('issuer', 'init', dir, '--name', 'Example Academy', '--seed', '44'.repeat(32));
  const proof = prove(pkg, join(GOLDEN, 'credential/completed-record.jsonl'), '2027-01-01T10:00:00Z', `${name}-proof`);
  const old = join(work, name, 'old.json');
  ok('issue', proof, '--issuer', dir, '--package', pkg, '--now', ISSUED, '--out', old);
  return { dir, old, oldJson: JSON.parse(readFileSync(old, 'utf8')) };
}

// VC 2.0 relatedResource's digestMultibase, computed here from `tessera jcs` and node's SHA-256.
function digestOf(file) {
  const canonical = ok('jcs', file).out;
  const hash = createHash('sha256').update(canonical).digest();
  return `u${Buffer.concat([Buffer.from([0x12, 0x20]), hash]).toString('base64url')}`;
}

function checkRenewed(renewedFile, oldJson, oldFile, now) {
  const renewed = JSON.parse(readFileSync(renewedFile, 'utf8'));
  assert.equal(renewed.credentialSubject.achievement.id, oldJson.credentialSubject.achievement.id);
  assert.notEqual(renewed.id, oldJson.id);
  assert.equal(renewed.validFrom, now);
  assert.deepEqual(renewed.relatedResource, [{ id: oldJson.id, digestMultibase: digestOf(oldFile) }]);
  assert.equal(renewed.evidence[0].id, oldJson.id);
  assert.equal(renewed.evidence[0].genre, 'Renewal');
  const text = ok('verify', renewedFile, '--now', now);
  assert.match(text.out, new RegExp(`^pass +renewal +Renewed from ${oldJson.id}: this credential renews that one`, 'm'));
  const report = JSON.parse(tessera('verify', renewedFile, '--now', now, '--json').out);
  assert.deepEqual(report.subject.renewedFrom, { id: oldJson.id, digestMultibase: digestOf(oldFile) });
  // The credential it renews names none.
  assert.doesNotMatch(ok('verify', oldFile, '--now', ISSUED).out, /renewal/);
  return renewed;
}

test('renewal by assessment: the final check passed again renews the credential for 24 months from now', () => {
  const pkg = publish('assess', { assessment: 'final-check' });
  const { dir, old, oldJson } = issuerWithCredential('assess', pkg);
  assert.equal(oldJson.validUntil, '2029-01-02T00:00:00Z');

  // Without a new attempt: refused, saying why.
  const stale = prove(pkg, join(GOLDEN, 'credential/completed-record.jsonl'), '2028-12-20T12:00:00Z', 'stale');
  const refused = tessera('issue', '--renew', old, stale, '--issuer', dir, '--package', pkg, '--now', '2028-12-20T12:00:00Z');
  assert.equal(refused.code, 1, refused.err);
  assert.match(refused.err, /is not renewed: error \/renewBy\/assessment: assessment final-check was not taken again after the credential was issued \(2027-01-02T00:00:00Z\)/);

  const proof = prove(pkg, recordWith('retaken', retake('2028-12-15T10:00:00Z')), '2028-12-20T12:00:00Z', 'retaken-proof');
  const out = join(work, 'assess/renewed.json');
  const run = ok('issue', '--renew', old, proof, '--issuer', dir, '--package', pkg, '--now', '2028-12-20T12:00:00Z', '--out', out);
  assert.match(run.err, /renewal by assessment of urn:uuid:/);
  const renewed = checkRenewed(out, oldJson, old, '2028-12-20T12:00:00Z');
  assert.equal(renewed.validUntil, '2030-12-20T12:00:00Z');  // 24 calendar months on
  const ledger = JSON.parse(readFileSync(join(dir, 'ledger.json'), 'utf8')).issued;
  assert.deepEqual(ledger.at(-1).renews, oldJson.id);

  // After validUntil the credential has expired: still renewed (the wallet offers it).
  ok('issue', '--renew', old, proof, '--issuer', dir, '--package', pkg, '--now', '2029-02-01T00:00:00Z', '--out', join(work, 'late.json'));
});

test('refused renewals: a wrong achievement, a forged credential, another issuer\'s, a revoked one', () => {
  const pkg = publish('refuse', { assessment: 'final-check' });
  const { dir, old, oldJson } = issuerWithCredential('refuse', pkg);
  const record = recordWith('refuse-retaken', retake('2028-12-15T10:00:00Z'));
  const proof = prove(pkg, record, '2028-12-20T12:00:00Z', 'refuse-proof');
  const renew = (oldFile, proofFile, ...more) => tessera('issue', '--renew', oldFile, proofFile, '--issuer', dir, '--package', pkg,
    ...more, '--now', '2028-12-20T12:00:00Z');

  // The same record proved for another course (same blocks, other id): not the credential's achievement.
  const other = publish('other', { assessment: 'final-check' }, 'golden-course-b');
  const wrong = renew(old, prove(other, record, '2028-12-20T12:00:00Z', 'other-proof'), '--package', other);
  assert.equal(wrong.code, 1, wrong.err);
  assert.match(wrong.err, /error \/proof\/credentialSubject\/course: the proof is for course golden-course-b 1\.0\.0, not for the achievement's course golden-course 1\.0\.0/);

  // The old credential with its validity stretched after signing: its proof no longer verifies.
  const forged = join(work, 'forged.json');
  writeFileSync(forged, JSON.stringify({ ...oldJson, validUntil: '2099-01-01T00:00:00Z' }, null, 2));
  const forgedRun = renew(forged, proof);
  assert.equal(forgedRun.code, 1);
  assert.match(forgedRun.err, /error \/old\/proof: the credential to renew fails its proof check: /);

  // Another issuer renews only its own credentials.
  const stranger = join(work, 'stranger');
  ok('issuer', 'init', stranger, '--seed', '55'.repeat(32));
  const foreign = tessera('issue', '--renew', old, proof, '--issuer', stranger, '--package', pkg, '--now', '2028-12-20T12:00:00Z');
  assert.equal(foreign.code, 1);
  assert.match(foreign.err, /error \/old\/id: this issuer's ledger has no credential urn:uuid:/);
  assert.match(foreign.err, /error \/old\/issuer: the credential to renew was issued by did:key:/);

  // A revoked credential is not renewed.
  ok('revoke', oldJson.id, '--issuer', dir);
  const revoked = renew(old, proof);
  assert.equal(revoked.code, 1);
  assert.match(revoked.err, /was revoked; a revoked credential is not renewed/);

  // Nothing was issued by any refusal: the ledger holds the first credential only.
  assert.equal(JSON.parse(readFileSync(join(dir, 'ledger.json'), 'utf8')).issued.length, 1);
  // No package for the achievement (only the proof's): wrong use.
  const otherProof = join(work, 'other-proof.json');
  const noPackage = tessera('issue', '--renew', old, otherProof, '--issuer', dir, '--package', other, '--now', '2028-12-20T12:00:00Z');
  assert.equal(noPackage.code, 2, noPackage.err);
  assert.match(noPackage.err, /no package or pathway describes the achievement "urn:tessera:course:golden-course:1\.0\.0"/);
});

// Each card's reviews [ISO time, rating], as the learner's device records them.
const REVIEWS = {
  'check-1/q1': [['2028-06-10T09:00:00Z', 3], ['2028-06-13T09:05:00Z', 3], ['2028-06-26T18:00:00Z', 3], ['2028-09-15T08:00:00Z', 3], ['2028-11-20T08:00:00Z', 3]],
  'final/q3': [['2028-06-10T09:01:00Z', 4], ['2028-07-12T07:30:00Z', 3], ['2028-11-01T12:00:00Z', 2], ['2028-11-25T12:00:00Z', 3]],
  'final/q4': [['2028-06-10T09:02:00Z', 1], ['2028-06-11T09:00:00Z', 3], ['2028-06-14T09:00:00Z', 3], ['2028-07-01T09:00:00Z', 3], ['2028-10-01T09:00:00Z', 3], ['2028-11-28T09:00:00Z', 4]],
};

function reviewEvents() {
  return Object.entries(REVIEWS)
    .flatMap(([card, reviews]) => reviews.map(([time, rating]) => [time, card, rating]))
    .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
    .map(([time, card, rating]) => ['recall.reviewed', time, { block: card.split('/')[0], item: card.split('/')[1], rating }]);
}

// The mean retrievability of the three cards (all aligned to the one competency "validate") at `now`, by ts-fsrs.
function peerRetention(now) {
  const peer = fsrs(generatorParameters({ request_retention: 0.9, enable_short_term: false, enable_fuzz: false }));
  const values = Object.values(REVIEWS).map((reviews) => {
    let card = createEmptyCard(new Date(reviews[0][0]));
    for (const [time, rating] of reviews) card = peer.next(card, new Date(time), rating).card;
    return peer.get_retrievability(card, new Date(now), false);
  });
  return values.reduce((a, b) => a + b, 0) / values.length;
}

// FSRS-6's long-term stabilities grow fast: after these reviews each card's is 260 to 390 days, so the test's
// rule asks for 97%, which the reviews keep in December 2028 and no longer in March 2029.
test('renewal by recall: the reviews in the record, replayed with FSRS at --now, keep 97% retention', () => {
  const pkg = publish('recall', { recall: { retention: 0.97, months: 6 } });
  const { dir, old, oldJson } = issuerWithCredential('recall', pkg);
  const record = recordWith('reviews', reviewEvents());
  const now = '2028-12-01T12:00:00Z';
  const expected = peerRetention(now);
  assert.ok(expected >= 0.97, `the test's reviews keep ${expected}`);

  const proof = prove(pkg, record, now, 'recall-proof');
  const out = join(work, 'recall/renewed.json');
  const run = ok('issue', '--renew', old, proof, '--issuer', dir, '--package', pkg, '--now', now, '--out', out);
  assert.match(run.err, /renewal by recall of urn:uuid:/);
  assert.match(run.err, new RegExp(`validate: predicted retention ${(expected * 100).toFixed(1)}% over 3 cards, 15 reviews in the window\n`));
  checkRenewed(out, oldJson, old, now);

  // Three months later without a review since November: the retention has fallen under 97%.
  const later = '2029-03-01T12:00:00Z';
  const fallen = peerRetention(later);
  assert.ok(fallen < 0.97, `${fallen}`);
  const refused = tessera('issue', '--renew', old, proof, '--issuer', dir, '--package', pkg, '--now', later);
  assert.equal(refused.code, 1, refused.err);
  assert.match(refused.err, new RegExp(`error /renewBy/recall: the predicted retention of competency validate is ${(fallen * 100).toFixed(1)}% \\(mean of 3 cards\\), under the 97\\.0% the course requires`));

  // A record with no reviews at all: nothing in the window.
  const none = prove(pkg, join(GOLDEN, 'credential/completed-record.jsonl'), now, 'no-reviews');
  const empty = tessera('issue', '--renew', old, none, '--issuer', dir, '--package', pkg, '--now', now);
  assert.equal(empty.code, 1);
  assert.match(empty.err, /error \/renewBy\/recall: competency validate has no recall review in the last 6 months/);
});
