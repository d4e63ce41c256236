// Courses and learner records made for `tessera insights` tests: a course folder packed and signed by the real
// `tessera pack`, and records chained as the runtime chains them (RFC 8785 lines, BLAKE2b-256 prev hashes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blake2b } from './blake2b.mjs';

// RFC 8785 for what these records hold (strings, booleans, small integers, arrays, objects): sorted keys.
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// A record from [type, payload] steps, one minute apart from `start` (ms), as JSON Lines text.
export function recordText(steps, start, stepMs = 60_000) {
  const lines = [];
  let prev = '0'.repeat(64);
  steps.forEach(([type, payload], i) => {
    const line = canonical({ payload, prev, seq: i + 1, t: start + i * stepMs, type });
    lines.push(line);
    prev = blake2b(line, 32).toString('hex');
  });
  return `${lines.join('\n')}\n`;
}

// The steps of one submitted attempt: answers by item id (a choice id each).
export function attemptSteps(block, attempt, answers) {
  const items = Object.keys(answers);
  return [
    ['attempt.started', { attempt, block, items }],
    ...items.map((item) => ['answer.submitted', { attempt, block, item, response: { answer: answers[item] } }]),
    ['attempt.submitted', { attempt, block }],
  ];
}

// The fields every course needs, around `modules` and `assessments`.
export function courseJson({ id, modules, assessments, estimatedMinutes = 30, scenarios, completion }) {
  return {
    format: 1, id, version: '1.0.0', defaultLanguage: 'en', languages: ['en'], title: `Course ${id}`,
    summary: 'A course made by a test.', audience: 'Testers.', level: 'introductory', estimatedMinutes,
    publisher: { name: 'Tests', url: 'https://example.org/' }, governance: { maintainer: 'Tests', reviewBy: '2099-01-01' },
    frameworks: [{ id: 'own', name: 'Own', url: 'https://example.org/framework' }],
    competencies: [{ id: 'skill', framework: 'own', code: 'S-1', name: 'A skill' }],
    outcomes: [{ id: 'o1', statement: 'Do it.', verb: 'apply', condition: 'Given a task', criterion: 'done right',
      competencies: ['skill'] }],
    credential: { name: 'Done', description: 'Did it.', criteria: 'Finish.', validityMonths: null },
    modules, assessments, ...(scenarios ? { scenarios } : {}), ...(completion ? { completion } : {}),
  };
}

// Writes the course into `work`/src-ID and packs it with the key made from `seed`; returns the package folder
// (the one packed before, when this course was already packed with this key).
export function packCourse(tessera, work, course, seed = '11'.repeat(32)) {
  const out = join(work, `pkg-${seed.slice(0, 8)}`);
  if (existsSync(join(out, course.id, course.version))) return join(out, course.id, course.version);
  const src = join(work, `src-${course.id}-${course.version}`);
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'course.json'), JSON.stringify(course, null, 2));
  const keys = join(work, `keys-${seed.slice(0, 8)}`);
  const run = (...args) => {
    const r = spawnSync(tessera, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tessera ${args.join(' ')}: ${r.stderr}`);
  };
  if (!existsSync(join(keys, 'publisher.key'))) run('keygen', '--out', keys, '--seed', seed);
  run('pack', src, '--key', join(keys, 'publisher.key'), '--out', out);
  return join(out, course.id, course.version);
}

// ---- The cohort with known properties (tests/cli/insights.test.mjs, tests/e2e/insights-report.test.mjs) ----

const choice = (id, correct = false) => ({ id, text: id, ...(correct ? { correct: true } : {}) });
const plainItem = (id, extra = []) => ({
  id, type: 'single-choice', prompt: id, competencies: ['skill'], outcomes: ['o1'],
  choices: [choice('right', true), choice('wrong'), ...extra.map((c) => choice(c))],
});
// A call with a trust meter (0–100, from 50): two decisions, each calm (+20, then +10) or rushed (−30, then −20);
// a calm second reply resolves the call, a rushed one loses it.
const callScenario = {
  id: 'call', title: 'A call', start: 'open',
  variables: { trust: { type: 'number', min: 0, max: 100, initial: 50, meter: { label: 'Trust' } } },
  nodes: [
    { id: 'open', type: 'decision', text: 'Hello?', choices: [
      { id: 'calm', text: 'Calm', effects: [{ add: 'trust', value: '20' }], next: 'reply' },
      { id: 'rush', text: 'Rush', effects: [{ add: 'trust', value: '-30' }], next: 'reply' }] },
    { id: 'reply', type: 'decision', text: 'And?', choices: [
      { id: 'calm', text: 'Calm', effects: [{ add: 'trust', value: '10' }], next: 'resolved' },
      { id: 'rush', text: 'Rush', effects: [{ add: 'trust', value: '-20' }], next: 'lost' }] },
    { id: 'resolved', type: 'ending', outcome: 'Resolved' },
    { id: 'lost', type: 'ending', outcome: 'Lost' }],
};

export const cohortCourse = (version = '1.0.0') => ({
  ...courseJson({
    id: 'cohort',
    estimatedMinutes: 20,
    modules: [
      { id: 'basics', title: 'Basics', estimatedMinutes: 10, blocks: [
        { id: 'intro', type: 'text', markdown: 'Hello.' },
        { id: 'check', type: 'assessment', assessment: 'check' },
        { id: 'feedback', type: 'survey', items: [
          { id: 'useful', type: 'likert', prompt: 'Useful?', points: 5 },
          { id: 'comments', type: 'text', prompt: 'Anything else?' }] }] },
      { id: 'more', title: 'More', estimatedMinutes: 10, blocks: [
        { id: 'm2a', type: 'text', markdown: 'More.' },
        { id: 'think', type: 'reflection', prompt: 'What do you think?' },
        { id: 'm2b', type: 'text', markdown: 'End.' }] },
      { id: 'extra', title: 'Extra', estimatedMinutes: 5, blocks: [
        { id: 'pre', type: 'assessment', assessment: 'pre' },
        { id: 'e1', type: 'text', markdown: 'Extra.' }] },
      { id: 'scene', title: 'Scene', estimatedMinutes: 5, blocks: [
        { id: 'call', type: 'scenario', scenario: 'call' }] }],
    assessments: [{ id: 'check', kind: 'summative', passMark: 0.4,
      items: [plainItem('easy'), plainItem('tricky'), plainItem('a'), plainItem('b'), plainItem('c', ['never'])] },
    { id: 'pre', kind: 'pre', passMark: 1, testsOut: ['extra'], items: [plainItem('known')] }],
    scenarios: [callScenario],
  }),
  version,
});

// Learner i of 20: everyone gets 'easy' right; a, b, c go to the stronger learners (i < 14, 10, 6) and 'tricky'
// to the weaker ones (i >= 10), so it discriminates negatively; nobody picks c's 'never'. Every even learner
// stops right after opening module 'more': half of those who reach it. The ten odd learners go on: those with
// i % 4 === 1 pass the pre-test and skip module 'extra', the others fail it and read it (a skip rate of 0.5);
// then in the scenario, odd learner j = (i − 1) / 2 answers calm, calm (j < 3: trust 80), rush, calm (j < 6: 30),
// calm, rush (j < 8: 50) or rush, rush (0): six runs resolved, four lost.
export function cohortSteps(i) {
  const answers = { easy: 'right', tricky: i >= 10 ? 'right' : 'wrong', a: i < 14 ? 'right' : 'wrong',
    b: i < 10 ? 'right' : 'wrong', c: i < 6 ? 'right' : 'wrong' };
  const steps = [
    ['block.opened', { block: 'intro' }], ['block.completed', { block: 'intro' }],
    ['block.opened', { block: 'check' }], ...attemptSteps('check', 1, answers),
    ['block.opened', { block: 'feedback' }],
    ['survey.submitted', { answers: { comments: `SECRET-SURVEY-TEXT-${i}`, useful: 1 + (i % 5) }, block: 'feedback' }],
    ['block.opened', { block: 'm2a' }]];
  if (i % 2 === 0) return steps;
  const j = (i - 1) / 2;
  const [first, second] = j < 3 ? ['calm', 'calm'] : j < 6 ? ['rush', 'calm'] : j < 8 ? ['calm', 'rush'] : ['rush', 'rush'];
  const skips = i % 4 === 1;
  return [...steps, ['block.completed', { block: 'm2a' }], ['block.opened', { block: 'think' }],
    ['reflection.saved', { block: 'think', text: 'SECRET-REFLECTION' }],
    ['block.opened', { block: 'm2b' }], ['block.completed', { block: 'm2b' }],
    ['block.opened', { block: 'pre' }], ...attemptSteps('pre', 1, { known: skips ? 'right' : 'wrong' }),
    ...(skips ? [] : [['block.opened', { block: 'e1' }], ['block.completed', { block: 'e1' }]]),
    ['block.opened', { block: 'call' }], ['scenario.chosen', { block: 'call', choice: first }],
    ['scenario.chosen', { block: 'call', choice: second }]];
}
