// A second, independent implementation of scenario runs (docs/scenarios.md), written from the docs and not
// from runtime/src/scenario: exact fractions (BigInt), the expression language, the run fold and the seeded
// random() draws. The tests compare the C++ engine's known answers (tests/golden/scenario) with it.
// It assumes valid scenarios and expressions: refusals of steps are reported, load errors are not.
import { blake2b } from './blake2b.mjs';

// ── Exact numbers ────────────────────────────────────────────────────────────────────────────────────────

const gcd = (a, b) => { a = a < 0n ? -a : a; b = b < 0n ? -b : b; while (b) [a, b] = [b, a % b]; return a; };

export class Fraction {
  constructor(n, d = 1n) {
    if (d === 0n) throw new EvaluationError('division by zero');
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n, d) || 1n;
    this.n = n / g;
    this.d = d / g;
  }

  // "12", "-0.25", "7/2", or a JSON number (read through its shortest decimal text).
  static parse(value) {
    const text = String(value);
    const ratio = text.match(/^(-?\d+)\/(\d+)$/);
    if (ratio) return new Fraction(BigInt(ratio[1]), BigInt(ratio[2]));
    const decimal = text.match(/^(-?)(\d+)(?:\.(\d+))?$/);
    if (!decimal) throw new Error(`not an exact number: ${text}`);
    const digits = decimal[3] || '';
    const n = BigInt(decimal[2] + digits) * (decimal[1] ? -1n : 1n);
    return new Fraction(n, 10n ** BigInt(digits.length));
  }

  add(o) { return new Fraction(this.n * o.d + o.n * this.d, this.d * o.d); }
  sub(o) { return new Fraction(this.n * o.d - o.n * this.d, this.d * o.d); }
  mul(o) { return new Fraction(this.n * o.n, this.d * o.d); }
  div(o) { return new Fraction(this.n * o.d, this.d * o.n); }
  cmp(o) { const l = this.n * o.d; const r = o.n * this.d; return l < r ? -1 : l > r ? 1 : 0; }
  isWhole() { return this.d === 1n; }
  // Half away from zero: sign × ⌊(2|n| + d) / 2d⌋.
  round() {
    const magnitude = (2n * (this.n < 0n ? -this.n : this.n) + this.d) / (2n * this.d);
    return new Fraction(this.n < 0n ? -magnitude : magnitude);
  }
  toString() { return this.d === 1n ? String(this.n) : `${this.n}/${this.d}`; }
}

export class EvaluationError extends Error {}

// ── The expression language ──────────────────────────────────────────────────────────────────────────────

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);

function tokenize(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) { i += 1; continue; }
    const number = source.slice(i).match(/^\d+(\.\d+)?/);
    if (number) { tokens.push({ kind: 'number', value: Fraction.parse(number[0]) }); i += number[0].length; continue; }
    const word = source.slice(i).match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (word) { tokens.push({ kind: KEYWORDS.has(word[0]) ? word[0] : 'name', value: word[0] }); i += word[0].length; continue; }
    if (c === '"' || c === "'") {
      let text = '';
      i += 1;
      while (source[i] !== c) {
        if (i >= source.length) throw new Error(`unclosed string in ${source}`);
        if (source[i] === '\\') i += 1;
        text += source[i];
        i += 1;
      }
      tokens.push({ kind: 'string', value: text });
      i += 1;
      continue;
    }
    const op = source.slice(i).match(/^(==|!=|<=|>=|[<>+\-*/(),])/);
    if (!op) throw new Error(`unexpected character ${c} in ${source}`);
    tokens.push({ kind: op[0] });
    i += op[0].length;
  }
  return tokens;
}

// Parses `source` into a tree of closures: (env) → value, where a value is a Fraction, a boolean or a string.
export function parseExpression(source) {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at]?.kind;
  const take = (kind) => {
    if (peek() !== kind) throw new Error(`expected ${kind} at token ${at} of ${source}`);
    return tokens[at++];
  };
  const number = (v, what) => { if (!(v instanceof Fraction)) throw new EvaluationError(`${what} needs a number`); return v; };
  const boolean = (v, what) => { if (typeof v !== 'boolean') throw new EvaluationError(`${what} needs a boolean`); return v; };

  function or() {
    let left = and();
    while (peek() === 'or') { at += 1; const l = left; const r = and(); left = (env) => boolean(l(env), 'or') || boolean(r(env), 'or'); }
    return left;
  }
  function and() {
    let left = not();
    while (peek() === 'and') { at += 1; const l = left; const r = not(); left = (env) => boolean(l(env), 'and') && boolean(r(env), 'and'); }
    return left;
  }
  function not() {
    if (peek() === 'not') { at += 1; const inner = not(); return (env) => !boolean(inner(env), 'not'); }
    return comparison();
  }
  function comparison() {
    const left = additive();
    const op = peek();
    if (!['==', '!=', '<', '<=', '>', '>='].includes(op)) return left;
    at += 1;
    const right = additive();
    return (env) => {
      const a = left(env);
      const b = right(env);
      if (op === '==' || op === '!=') {
        if (typeof a !== typeof b) throw new EvaluationError('cannot compare values of two types');
        const same = a instanceof Fraction ? a.cmp(b) === 0 : a === b;
        return op === '==' ? same : !same;
      }
      const c = number(a, op).cmp(number(b, op));
      return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op];
    };
  }
  // A left-associative level of binary operators: ops maps each operator to (a, b) → value. JS evaluates
  // the left operand first, as the docs' order of random() draws needs.
  function level(next, ops) {
    let left = next();
    while (peek() in ops) {
      const op = ops[tokens[at++].kind]; const l = left; const r = next();
      left = (env) => op(l(env), r(env));
    }
    return left;
  }
  const arithmetic = (method, symbol) => (a, b) => number(a, symbol)[method](number(b, symbol));
  const multiplicative = () => level(unary, { '*': arithmetic('mul', '*'), '/': arithmetic('div', '/') });
  const additive = () => level(multiplicative, { '+': arithmetic('add', '+'), '-': arithmetic('sub', '-') });
  function unary() {
    if (peek() === '-') { at += 1; const inner = unary(); return (env) => new Fraction(0n).sub(number(inner(env), '-')); }
    return primary();
  }
  function args() {
    take('(');
    const list = [or()];
    while (peek() === ',') { at += 1; list.push(or()); }
    take(')');
    return list;
  }
  function primary() {
    const token = tokens[at++];
    switch (token?.kind) {
      case 'number': return () => token.value;
      case 'string': return () => token.value;
      case 'true': return () => true;
      case 'false': return () => false;
      case '(': { const inner = or(); take(')'); return inner; }
      case 'name': {
        if (peek() !== '(') return (env) => env.variable(token.value);
        if (token.value === 'visited') {
          take('(');
          const id = take('string').value;
          take(')');
          return (env) => env.visited(id);
        }
        const list = args();
        const nums = (env) => list.map((f) => number(f(env), token.value));
        switch (token.value) {
          case 'min': return (env) => nums(env).reduce((a, b) => (b.cmp(a) < 0 ? b : a));
          case 'max': return (env) => nums(env).reduce((a, b) => (b.cmp(a) > 0 ? b : a));
          case 'clamp': return (env) => {
            const [x, lo, hi] = nums(env);
            return x.cmp(lo) < 0 ? lo : x.cmp(hi) > 0 ? hi : x;
          };
          case 'round': return (env) => nums(env)[0].round();
          case 'abs': return (env) => { const [x] = nums(env); return x.n < 0n ? new Fraction(-x.n, x.d) : x; };
          case 'random': return (env) => {
            const [lo, hi] = nums(env);
            if (!lo.isWhole() || !hi.isWhole()) throw new EvaluationError('random() needs whole numbers');
            return new Fraction(env.random(lo.n, hi.n));
          };
          default: throw new Error(`unknown function ${token.value}`);
        }
      }
      default: throw new Error(`expected a value at token ${at - 1} of ${source}`);
    }
  }

  const root = or();
  if (at !== tokens.length) throw new Error(`trailing tokens in ${source}`);
  return root;
}

// ── Seeded draws: xoshiro256** over BLAKE2b-256 of the RFC 8785 form of the seed array ────────────────────

const U64 = (1n << 64n) - 1n;
const rotl = (x, k) => ((x << k) | (x >> (64n - k))) & U64;

export function seededDraws(recordId, scenarioId, run, step) {
  // Strings and small whole numbers: JSON.stringify gives the RFC 8785 form.
  const seed = blake2b(JSON.stringify(['tessera-scenario-v1', recordId, scenarioId, run, step]), 32);
  const s = [0, 1, 2, 3].map((i) => seed.readBigUInt64LE(i * 8));
  if (s.every((w) => w === 0n)) s[0] = 1n;
  const next = () => {
    const result = (rotl((s[1] * 5n) & U64, 7n) * 9n) & U64;
    const t = (s[1] << 17n) & U64;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45n);
    return result;
  };
  // A whole number in [lo, hi]: lo + x mod n, drawing again while x falls in the top sliver that would bias it.
  return (lo, hi) => {
    const n = hi - lo + 1n;
    const limit = U64 - (U64 % n);
    let x = next();
    while (x >= limit) x = next();
    return lo + (x % n);
  };
}

// ── Scenarios and runs ───────────────────────────────────────────────────────────────────────────────────

function textIn(text, language) {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') return text[language] ?? Object.values(text)[0];
  return null;
}

// The scenario JSON with expressions parsed and variables in name order (the order thresholds are tried in).
export function prepare(json, language = 'en') {
  const effects = (list = []) => list.map((e) => ('set' in e ? { variable: e.set, add: false, value: parseExpression(e.to) }
    : { variable: e.add, add: true, value: parseExpression(e.value) }));
  const optional = (source) => (source === undefined ? null : parseExpression(source));
  const variables = Object.keys(json.variables || {}).sort().map((name) => {
    const v = json.variables[name];
    const exact = (x) => (x === undefined ? null : Fraction.parse(x));
    let initial;
    if (v.type === 'number') initial = exact(v.initial) ?? exact(v.min) ?? new Fraction(0n);
    else if (v.type === 'boolean') initial = v.initial ?? false;
    else initial = v.initial ?? v.values?.[0] ?? '';
    return {
      name, type: v.type, min: exact(v.min), max: exact(v.max), values: v.values || [], initial, meter: Boolean(v.meter),
      thresholds: (v.meter?.thresholds || []).map((t) => ('below' in t ? { below: true, value: exact(t.below), ending: t.ending }
        : { below: false, value: exact(t.atLeast), ending: t.ending })),
    };
  });
  const nodes = new Map(json.nodes.map((n) => [n.id, {
    ...n,
    onEnter: effects(n.onEnter),
    choices: (n.choices || []).map((c) => ({ ...c, score: Fraction.parse(c.score ?? 0), showIf: optional(c.showIf),
      enableIf: optional(c.enableIf), effects: effects(c.effects) })),
    timeout: n.timeout && { next: n.timeout.next, effects: effects(n.timeout.effects) },
    score: n.score === undefined ? null : Fraction.parse(n.score),
  }]));
  return {
    id: json.id, start: json.start, allowBack: Boolean(json.allowBack), allowRestart: Boolean(json.allowRestart),
    variables, nodes, mode: json.scoring?.mode || 'none', language,
    outcomes: (json.scoring?.outcomes || []).map((o) => ({ when: parseExpression(o.when), level: o.level, competencies: o.competencies || [] })),
  };
}

class Refusal extends Error {
  constructor(where, reason) { super(reason); this.where = where; this.reason = reason; }
}

function freshRun(s, recordId, run) {
  return {
    recordId, run, step: 0, node: s.start, enteredT: 0,
    vars: new Map(s.variables.map((v) => [v.name, v.initial])), atEntry: null,
    meters: Object.fromEntries(s.variables.filter((v) => v.meter).map((v) => [v.name, []])),
    visited: [], path: [], trail: [], ended: false, score: null, level: null, competencies: [], earlier: [],
  };
}

const copyRun = (r) => ({ ...r, vars: new Map(r.vars), meters: Object.fromEntries(Object.entries(r.meters).map(([k, h]) => [k, [...h]])),
  visited: [...r.visited], path: [...r.path], trail: [...r.trail], earlier: [...r.earlier] });

// One step's machinery over a run (mutated in place): the environment, effects, thresholds, entering nodes.
function stepper(s, r) {
  let draw = null;  // made on the first random() of the step
  const env = {
    variable: (name) => r.vars.get(name),
    visited: (id) => r.visited.includes(id),
    random: (lo, hi) => (draw ||= seededDraws(r.recordId, s.id, r.run, r.step))(lo, hi),
  };
  const apply = (list) => {
    for (const e of list) {
      const v = s.variables.find((x) => x.name === e.variable);
      let value = e.value(env);
      if (v.type === 'number') {
        if (e.add) value = r.vars.get(v.name).add(value);
        if (v.min && value.cmp(v.min) < 0) value = v.min;
        if (v.max && value.cmp(v.max) > 0) value = v.max;
      } else if (v.type === 'string' && v.values.length && !v.values.includes(value)) {
        throw new EvaluationError(`${value} is not a value of ${v.name}`);
      }
      r.vars.set(v.name, value);
    }
  };
  const threshold = () => {
    for (const v of s.variables) {
      for (const t of v.thresholds) {
        const c = r.vars.get(v.name).cmp(t.value);
        if (t.below ? c < 0 : c >= 0) return t.ending;
      }
    }
    return null;
  };
  const finish = () => {
    const node = s.nodes.get(r.node);
    r.ended = true;
    if (s.mode === 'ending') r.score = node.score ?? new Fraction(0n);
    if (s.mode === 'path') r.score = r.path.reduce((sum, p) => sum.add(p.score), new Fraction(0n));
    const rule = s.outcomes.find((o) => o.when(env) === true);
    r.level = rule ? textIn(rule.level, s.language) : null;
    r.competencies = rule ? rule.competencies : [];
  };
  const enter = (id, t) => {
    r.node = id;
    r.enteredT = t;
    if (!r.visited.includes(id)) r.visited.push(id);
    const onPath = r.path.findIndex((p) => p.node === id);
    if (onPath >= 0) r.path = r.path.slice(0, onPath);  // a loop: the earlier choice and all later ones go
    apply(s.nodes.get(id).onEnter);
    r.atEntry = new Map(r.vars);
    if (s.nodes.get(id).type === 'ending') finish();
  };
  // Thresholds after effects; else the target, then thresholds again.
  const go = (target, t) => {
    let ending = threshold();
    if (ending) { r.trail.push(`threshold:${ending}`); enter(ending, t); return; }
    enter(target, t);
    if (r.ended) return;
    ending = threshold();
    if (ending) { r.trail.push(`threshold:${ending}`); enter(ending, t); }
  };
  const recordMeters = () => { for (const name of Object.keys(r.meters)) r.meters[name].push(r.vars.get(name)); };
  return { env, apply, go, enter, threshold, recordMeters };
}

function begin(s, r, t) {
  const st = stepper(s, r);
  st.enter(s.start, t);
  if (!r.ended) {
    const ending = st.threshold();
    if (ending) { r.trail.push(`threshold:${ending}`); st.enter(ending, t); }
  }
  st.recordMeters();
}

// One step on a copy of the run; the copy, or a Refusal (the run unchanged).
function applyStep(s, live, step) {
  if (step.kind === 'restart') {
    if (!s.allowRestart) throw new Refusal('/type', 'restart-not-allowed');
    const next = freshRun(s, live.recordId, live.run + 1);
    next.earlier = [...live.earlier, { run: live.run, ending: live.ended ? live.node : null, score: live.ended ? live.score : null,
      level: live.ended ? live.level : null }];
    next.trail = [...live.trail, 'restart'];
    begin(s, next, step.t);
    return next;
  }
  if (live.ended) throw new Refusal('/type', 'ended');
  const r = copyRun(live);
  r.step += 1;
  const node = s.nodes.get(r.node);
  const st = stepper(s, r);
  const timedOut = node.type === 'timed' && step.t > r.enteredT + node.seconds * 1000;
  if (step.kind === 'back') {
    if (!s.allowBack) throw new Refusal('/type', 'back-not-allowed');
    if (!r.path.length) throw new Refusal('/type', 'nothing-to-undo');
    const last = r.path.pop();
    r.vars = new Map(last.before);
    r.atEntry = new Map(last.before);
    r.node = last.node;
    r.enteredT = step.t;
    r.trail.push('back');
  } else if (timedOut && (step.kind === 'choose' || step.kind === 'continue')) {
    r.path.push({ node: node.id, timeout: true, score: new Fraction(0n), before: r.atEntry });
    r.trail.push('timeout');
    st.apply(node.timeout.effects);
    st.go(node.timeout.next, step.t);
  } else if (step.kind === 'continue') {
    if (node.type === 'timed') throw new Refusal('/type', 'time-left');
    if (node.type !== 'narrative') throw new Refusal('/type', 'not-narrative');
    r.trail.push('continue');
    st.go(node.next, step.t);
  } else {
    if (node.type !== 'decision' && node.type !== 'timed') throw new Refusal('/choice', 'no-choices');
    const choice = node.choices.find((c) => c.id === step.choice);
    if (!choice) throw new Refusal('/choice', 'not-on-node');
    if (choice.showIf && choice.showIf(st.env) !== true) throw new Refusal('/choice', 'hidden');
    if (choice.enableIf && choice.enableIf(st.env) !== true) throw new Refusal('/choice', 'disabled');
    r.path.push({ node: node.id, choice: choice.id, score: choice.score, before: r.atEntry });
    r.trail.push(`choose:${choice.id}`);
    st.apply(choice.effects);
    st.go(choice.next, step.t);
  }
  st.recordMeters();
  return r;
}

const valueJson = (v) => (v instanceof Fraction ? v.toString() : v);

// The run's state in the shape of the engine's Run::to_json (docs/scenarios.md, "The state").
export function stateJson(s, r) {
  const out = {
    scenario: s.id, run: r.run, step: r.step, node: r.node, enteredT: r.enteredT,
    variables: Object.fromEntries([...r.vars].map(([k, v]) => [k, valueJson(v)])),
    meters: Object.fromEntries(Object.entries(r.meters).map(([k, h]) => [k, h.map(valueJson)])),
    visited: r.visited,
    path: r.path.map((p) => (p.timeout ? { node: p.node, timeout: true, score: valueJson(p.score) }
      : { node: p.node, choice: p.choice, score: valueJson(p.score) })),
    trail: r.trail, ended: r.ended,
    earlierRuns: r.earlier.map((e) => ({ run: e.run, ending: e.ending, level: e.level, score: e.score && valueJson(e.score) })),
  };
  if (r.ended) Object.assign(out, { ending: r.node, score: r.score && valueJson(r.score), level: r.level, competencies: r.competencies });
  return out;
}

// Run = fold(scenario, record id, start time, steps). Returns { state } or { refused: {step, where, reason} }
// for the first refused step (1-based).
export function fold(scenarioJson, recordId, startT, steps) {
  const s = prepare(scenarioJson);
  let run = freshRun(s, recordId, 1);
  begin(s, run, startT);
  for (let i = 0; i < steps.length; i += 1) {
    try {
      run = applyStep(s, run, steps[i]);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return { refused: { step: i + 1, where: error.where, reason: error.reason } };
    }
  }
  return { state: stateJson(s, run) };
}
