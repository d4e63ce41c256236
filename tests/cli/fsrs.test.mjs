// `tessera fsrs` against its peer: each hand-picked review log (tests/lib/fsrs-peer.mjs) is scheduled by npm
// ts-fsrs here, in the test, and by `tessera fsrs --json`; due dates must agree to the day (and to the second),
// stability and difficulty closely. Also: the golden files are still what ts-fsrs makes, and bad logs are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEQUENCES, TS_FSRS_VERSION, peerSchedule } from '../lib/fsrs-peer.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const GOLDEN = join(ROOT, 'tests/golden/fsrs');
const work = mkdtempSync(join(tmpdir(), 'tessera-fsrs-'));

function fsrsCli(log, ...flags) {
  const file = join(work, `log-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof log === 'string' ? log : JSON.stringify(log));
  return spawnSync(TESSERA, ['fsrs', file, ...flags], { encoding: 'utf8' });
}

for (const { name, why, reviews } of SEQUENCES) {
  test(`tessera fsrs agrees with ts-fsrs ${TS_FSRS_VERSION}: ${name} (${why})`, () => {
    const peer = peerSchedule(reviews).cards;
    const run = fsrsCli(reviews, '--json');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const ours = JSON.parse(run.stdout);
    assert.deepEqual(ours.map((c) => c.card), peer.map((c) => c.card));
    ours.forEach((card, i) => {
      const expected = peer[i];
      assert.deepEqual(Object.keys(card), ['card', 'due', 'stability', 'difficulty', 'reps', 'lapses']);
      assert.equal(card.due.slice(0, 10), expected.due.slice(0, 10), `${card.card}: due day`);
      assert.equal(card.due, expected.due, `${card.card}: due time`);
      assert.ok(Math.abs(card.stability - expected.stability) <= 1e-6, `${card.card}: stability ${card.stability} vs ${expected.stability}`);
      assert.ok(Math.abs(card.difficulty - expected.difficulty) <= 1e-6, `${card.card}: difficulty ${card.difficulty} vs ${expected.difficulty}`);
      assert.equal(card.reps, expected.reps);
      assert.equal(card.lapses, expected.lapses);
    });
  });

  test(`tests/golden/fsrs/${name}.json is what ts-fsrs ${TS_FSRS_VERSION} makes (run scripts/fsrs-golden.mjs after an update)`, () => {
    const golden = JSON.parse(readFileSync(join(GOLDEN, `${name}.json`), 'utf8'));
    assert.equal(golden.source, `ts-fsrs ${TS_FSRS_VERSION}`);
    assert.deepEqual(golden.reviews, reviews);
    const { cards, afterEach } = peerSchedule(reviews);
    assert.deepEqual(golden.cards, cards);
    assert.deepEqual(golden.afterEach, afterEach);
  });
}

test('tessera fsrs without --json: one line per card', () => {
  const run = fsrsCli([
    { card: 'b', rating: 3, time: '2026-01-05T09:00:00Z' },
    { card: 'a', rating: 1, time: '2026-01-05T09:01:00Z' },
  ]);
  assert.equal(run.status, 0, run.stderr);
  // A new card rated Good: S = w2 = 2.3065, due in 3 days (Again 1, Hard 2, Good 3: intervals increase).
  assert.equal(run.stdout.split('\n')[0], 'b: due 2026-01-08T09:00:00Z, stability 2.3065, difficulty 2.11810397, 1 review, 0 lapses');
  assert.match(run.stdout.split('\n')[1], /^a: due 2026-01-06T09:01:00Z, stability 0\.212, /);
});

test('tessera fsrs: an empty log schedules no card', () => {
  const run = fsrsCli([], '--json');
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), []);
});

const refusals = [
  ['not an array', { card: 'a' }, 'error /: expected the review log as a JSON array'],
  ['a rating out of range', [{ card: 'a', rating: 0, time: '2026-01-01T00:00:00Z' }], 'error /0/rating:'],
  ['a time without a zone', [{ card: 'a', rating: 3, time: '2026-01-01T10:00' }], 'error /0/time:'],
  ['reviews out of order', [
    { card: 'a', rating: 3, time: '2026-01-02T00:00:00Z' },
    { card: 'b', rating: 3, time: '2026-01-01T00:00:00Z' },
  ], "error /1/time: 'time' is 2026-01-01T00:00:00Z, before the review above it (2026-01-02T00:00:00Z)"],
  ['no card', [{ rating: 3, time: '2026-01-01T00:00:00Z' }], "error /0: a review is missing the required field 'card'"],
  ['text that is not JSON', '[{"card": "a",', 'error'],
];
for (const [what, log, message] of refusals) {
  test(`tessera fsrs refuses ${what}, saying where`, () => {
    const run = fsrsCli(log, '--json');
    assert.equal(run.status, 1, run.stdout);
    assert.equal(run.stdout, '');
    assert.ok(run.stderr.startsWith('tessera fsrs: '), run.stderr);
    assert.ok(run.stderr.includes(message), run.stderr);
  });
}

test('tessera fsrs warns about a member a review does not have, and schedules the log', () => {
  const run = fsrsCli([{ card: 'a', rating: 3, time: '2026-01-01T00:00:00Z', grade: 3 }], '--json');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /warning \/0\/grade: unknown field 'grade'/);
  assert.equal(JSON.parse(run.stdout).length, 1);
});

test('tessera fsrs without its file is wrong use', () => {
  const run = spawnSync(TESSERA, ['fsrs'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /usage: tessera fsrs REVIEWS\.json \[--json\]/);
});
