// `tessera recall PACKAGE RECORD --now ISO`: the golden first-module record (module "basics" complete, item q1
// answered) with recall.reviewed events appended, hash-chained as the runtime chains them; each card's state
// and retrievability must be what npm ts-fsrs computes for the same reviews. Course-defined recall prompts are
// cards too, listed by module and prompt and scheduled alike.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmptyCard, fsrs, generatorParameters } from 'ts-fsrs';
import { chainedLines } from '../lib/record-lines.mjs';
import { peerSchedule } from '../lib/fsrs-peer.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const COURSE = join(ROOT, 'tests/golden/course/valid');
const FIRST_MODULE = readFileSync(join(ROOT, 'tests/golden/session/golden-course-first-module.jsonl'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'tessera-recall-'));
after(() => rmSync(work, { recursive: true, force: true }));

// The first-module record with one recall.reviewed event per [ISO time, rating, item?] (an item of check-1, or
// a payload of its own: a prompt's {module, prompt}).
function recordWith(reviews, item = 'q1') {
  const lines = chainedLines(FIRST_MODULE, reviews.map(([time, rating, reviewed = item]) => ({
    type: 'recall.reviewed', t: Date.parse(time),
    payload: { ...(typeof reviewed === 'string' ? { block: 'check-1', item: reviewed } : reviewed), rating },
  })));
  const file = join(work, `record-${lines.length}-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function recall(record, ...args) {
  return recallIn(COURSE, record, ...args);
}

function recallIn(course, record, ...args) {
  const run = spawnSync(TESSERA, ['recall', course, record, ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const peer = fsrs(generatorParameters({ request_retention: 0.9, enable_short_term: false, enable_fuzz: false }));

test('tessera recall: an assessed item of a completed module is a new card, due now', () => {
  const run = recall(recordWith([]), '--now', '2027-01-02T00:00:00Z', '--json');
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(JSON.parse(run.out), [{
    card: 'check-1/q1', block: 'check-1', item: 'q1', due: '2027-01-02T00:00:00Z',
    stability: null, difficulty: null, retrievability: null, reps: 0, lapses: 0,
  }]);
  assert.equal(recall(recordWith([]), '--now', '2027-01-02T00:00:00Z').out, 'check-1/q1: new, due now\n');
});

test('tessera recall: reviews in the record schedule the card as ts-fsrs does, with its retrievability at --now', () => {
  const reviews = [['2027-01-02T08:00:00Z', 3], ['2027-01-05T08:30:00Z', 3], ['2027-01-20T19:00:00Z', 1], ['2027-01-23T07:00:00Z', 4]];
  const now = '2027-02-10T12:00:00Z';
  const run = recall(recordWith(reviews), '--now', now, '--json');
  assert.equal(run.code, 0, run.err);
  const [card] = JSON.parse(run.out);
  const expected = peerSchedule(reviews.map(([time, rating]) => ({ card: 'check-1/q1', rating, time }))).cards[0];
  assert.equal(card.due, expected.due);
  assert.ok(Math.abs(card.stability - expected.stability) <= 1e-6, `${card.stability} vs ${expected.stability}`);
  assert.ok(Math.abs(card.difficulty - expected.difficulty) <= 1e-6);
  assert.equal(card.reps, 4);
  assert.equal(card.lapses, 1);
  // ts-fsrs's retrievability of the same card at --now.
  let peerCard = createEmptyCard(new Date(reviews[0][0]));
  for (const [time, rating] of reviews) peerCard = peer.next(peerCard, new Date(time), rating).card;
  assert.ok(Math.abs(card.retrievability - peer.get_retrievability(peerCard, new Date(now), false)) <= 1e-8);
  assert.ok(card.retrievability > 0 && card.retrievability < 1);
  const text = recall(recordWith(reviews), '--now', now);
  assert.match(text.out, new RegExp(`^check-1/q1: due ${expected.due}, stability [0-9.]+, difficulty [0-9.]+, retrievability 0\\.[0-9]+, 4 reviews, 1 lapse\n$`));
});

test('tessera recall: a review of an item that is no card is refused with its seq, and exits 1', () => {
  const run = recall(recordWith([['2027-01-02T08:00:00Z', 3], ['2027-01-03T08:00:00Z', 3, 'q7']]), '--now', '2027-02-01T00:00:00Z', '--json');
  assert.equal(run.code, 1);
  assert.match(run.err, /seq 14.*item 'q7' of block 'check-1' is not a recall card/);
  assert.equal(JSON.parse(run.out)[0].reps, 1, 'the review before it still counts');
});

test('tessera recall needs --now as a date and time with a zone', () => {
  const record = recordWith([]);
  assert.equal(recall(record).code, 2);
  const run = recall(record, '--now', '2027-01-02');
  assert.equal(run.code, 2);
  assert.match(run.err, /^tessera recall: --now must be a date and time with a zone/);
});

test('tessera recall: a course-defined recall prompt is a card after the module\'s items, scheduled as ts-fsrs does', () => {
  const course = join(work, 'course-with-prompts');
  cpSync(COURSE, course, { recursive: true });
  const json = JSON.parse(readFileSync(join(course, 'course.json'), 'utf8'));
  json.modules[0].recallPrompts = [{ id: 'why-rule', prompt: 'Why does the rule hold?', answer: 'Because of the diagram.' }];
  writeFileSync(join(course, 'course.json'), JSON.stringify(json));
  const reviews = [['2027-01-02T08:00:00Z', 3], ['2027-01-06T09:00:00Z', 2]];
  const prompt = { module: 'basics', prompt: 'why-rule' };
  const run = recallIn(course, recordWith(reviews.map(([time, rating]) => [time, rating, prompt])), '--now', '2027-02-01T00:00:00Z', '--json');
  assert.equal(run.code, 0, run.err);
  const [item, card] = JSON.parse(run.out);
  assert.equal(item.card, 'check-1/q1');
  assert.equal(item.reps, 0, 'the item was not reviewed');
  const expected = peerSchedule(reviews.map(([time, rating]) => ({ card: 'basics:why-rule', rating, time }))).cards[0];
  assert.deepEqual([card.card, card.module, card.prompt, card.block, card.due, card.reps], ['basics:why-rule', 'basics', 'why-rule', undefined, expected.due, 2]);
  assert.ok(Math.abs(card.stability - expected.stability) <= 1e-6, `${card.stability} vs ${expected.stability}`);
  // The same record against the course without the prompt: the review is refused with its seq.
  const refused = recall(recordWith(reviews.map(([time, rating]) => [time, rating, prompt])), '--now', '2027-02-01T00:00:00Z');
  assert.equal(refused.code, 1);
  assert.match(refused.err, /seq 13.*module 'basics' has no recall prompt 'why-rule'/);
});
