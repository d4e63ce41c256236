// The scenario engine's known answers (tests/golden/scenario) re-derived by a second implementation,
// tests/lib/scenario-reference.mjs, written from docs/scenarios.md: the expression values, every scoring
// case and the golden replay. The C++ tests (tests/unit/scenario_test.cpp) compare the engine with the same
// files, so the two implementations agree through them; neither writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blake2b } from '../lib/blake2b.mjs';
import { Fraction, fold, parseExpression, seededDraws } from '../lib/scenario-reference.mjs';

const GOLDEN = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'tests/golden/scenario');
const golden = (name) => JSON.parse(readFileSync(join(GOLDEN, name), 'utf8'));
const scenarioOf = (c) => (typeof c.scenario === 'string' ? golden(c.scenario) : c.scenario);

test('the tests\' BLAKE2b gives the published digests', () => {
  // RFC 7693 Appendix A: BLAKE2b-512("abc").
  assert.equal(blake2b('abc').toString('hex'), 'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1' +
    '7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923');
  // BLAKE2b-256("abc"), from Python's hashlib.blake2b(b"abc", digest_size=32).
  assert.equal(blake2b('abc', 32).toString('hex'), 'bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319');
  // Across block boundaries, against node's (OpenSSL's) BLAKE2b-512.
  for (const length of [0, 1, 127, 128, 129, 255, 256, 1000]) {
    const data = Buffer.alloc(length, length % 251);
    assert.deepEqual(blake2b(data), createHash('blake2b512').update(data).digest(), `${length} bytes`);
  }
});

test('seeded draws: the draws the docs\' worked example and the Python check (README.md) give', () => {
  // Record r1 draws mood 1 in run 1 (docs/scenarios.md's worked example); run 3 draws 3.
  assert.equal(seededDraws('r1', 'angry-customer', 1, 0)(1n, 3n), 1n);
  assert.equal(seededDraws('r1', 'angry-customer', 3, 0)(1n, 3n), 3n);
  const step1 = seededDraws('r1', 'pressure', 1, 1);
  assert.deepEqual([step1(1n, 6n), step1(1n, 6n)], [4n, 2n]);
});

test('expressions.json: every value case evaluates to its written value', () => {
  const { variables, visited, cases } = golden('expressions.json');
  const env = {
    variable: (name) => {
      const v = variables[name];
      if (typeof v === 'boolean') return v;
      return /^-?\d+(\/\d+)?$/.test(v) ? Fraction.parse(v) : v;
    },
    visited: (id) => visited[id],
    random: () => { throw new Error('random() is not available here'); },
  };
  let checked = 0;
  for (const c of cases.filter((x) => 'value' in x)) {
    const value = parseExpression(c.expr)(env);
    assert.deepEqual(value instanceof Fraction ? value.toString() : value, c.value, c.expr);
    checked += 1;
  }
  assert.ok(checked >= 30, `only ${checked} value cases`);
});

test('scoring.expected.json: each case\'s state or refusal is what the reference fold gives', () => {
  const cases = golden('scoring-cases.json').cases;
  const expected = golden('scoring.expected.json');
  assert.equal(expected.length, cases.length);
  cases.forEach((c, i) => {
    const want = expected[i];
    assert.equal(want.name, c.name);
    const got = fold(scenarioOf(c), c.recordId, c.startT, c.steps);
    if (want.refused) {
      const refusal = { ...want.refused };
      delete refusal.mentions;  // words the C++ message must contain (scenario_test.cpp checks them); not a fold result
      assert.deepEqual(got.refused, refusal, c.name);
      return;
    }
    assert.equal(got.refused, undefined, `${c.name}: refused ${JSON.stringify(got.refused)}`);
    for (const [key, value] of Object.entries(want)) {
      if (key !== 'name') assert.deepEqual(got.state[key], value, `${c.name}: ${key}`);
    }
  });
});

test('replay-state.expected.json is the state the reference fold reaches from replay-steps.json', () => {
  const replay = golden('replay-steps.json');
  const got = fold(golden('angry-customer.json'), replay.recordId, replay.startT, replay.steps);
  assert.deepEqual(got.state, golden('replay-state.expected.json'));
});

test('the worked example in docs/scenarios.md: score 6 in time, the timeout branch at 36 s', () => {
  const angry = golden('angry-customer.json');
  const steps = (late) => [{ kind: 'continue', t: 1000 }, { kind: 'choose', choice: 'apologise', t: 5000 },
    { kind: 'choose', choice: 'vip-credit', t: late ? 36000 : 9000 }];
  const { state } = fold(angry, 'r1', 0, steps(false));
  assert.equal(state.score, '6');
  assert.equal(state.level, 'competent');
  assert.deepEqual(state.meters.trust, ['40', '40', '50', '54']);
  const late = fold(angry, 'r1', 0, steps(true)).state;
  assert.deepEqual([late.ending, late.score, late.variables.trust], ['hung-up', '2', '40']);
});
