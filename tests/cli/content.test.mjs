// Tests of the sample content in content/ as authors and publishers meet it: `tessera validate` reports
// zero errors and zero warnings, the catalog's courses and pathway hang together, each scenario follows
// SCENARIO-FORMAT v1 (every target exists, every variable is declared, ≥ 3 endings, the answer key's path
// reaches its ending), narration captions fit their audio, and every course packs and verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tessera } from '../lib/cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CONTENT = join(ROOT, 'content');
const ANSWERS = join(ROOT, 'tests/e2e/fixtures/answers');
const catalog = JSON.parse(readFileSync(join(CONTENT, 'catalog.json'), 'utf8'));
const COURSE_DIRS = [...catalog.courses.map((c) => c.path), '_template'];

const readCourse = (dir) => JSON.parse(readFileSync(join(CONTENT, dir, 'course.json'), 'utf8'));

let work;
before(() => { work = mkdtempSync(join(tmpdir(), 'tessera-content-')); });
after(() => rmSync(work, { recursive: true, force: true }));

test('every sample course and the template validate with zero errors and zero warnings', () => {
  for (const dir of COURSE_DIRS) {
    const run = tessera('validate', join(CONTENT, dir), '--json');
    const report = JSON.parse(run.out);
    assert.equal(run.code, 0, `${dir}: ${run.out}`);
    assert.deepEqual(report.problems, [], `${dir} has problems`);
    assert.equal(report.errors, 0);
    assert.equal(report.warnings, 0);
  }
});

test('the catalog lists the three courses and the recall check, and the pathway earns a 24-month certificate', () => {
  assert.deepEqual(catalog.courses.map((c) => c.id).sort(),
    ['giving-feedback', 'inclusive-meetings', 'spotting-phishing', 'workplace-essentials-recall']);
  for (const entry of catalog.courses) {
    const course = readCourse(entry.path);
    assert.equal(course.id, entry.id);
    assert.equal(course.version, entry.version);
  }
  const [pathway] = catalog.pathways;
  assert.equal(pathway.id, 'workplace-essentials');
  assert.deepEqual(pathway.requirements, [
    { kind: 'all-of', courses: ['inclusive-meetings', 'spotting-phishing', 'giving-feedback'] }]);
  assert.equal(pathway.credential.validityMonths, 24);
  assert.match(pathway.credential.renewal.en, /workplace-essentials-recall/);
});

test('each course meets the issue: 3–5 balanced modules, a pre-test that tests out, checks in every module, ≥ 6 item types', () => {
  for (const id of ['inclusive-meetings', 'spotting-phishing', 'giving-feedback']) {
    const course = readCourse(id);
    assert.ok(course.modules.length >= 3 && course.modules.length <= 5, id);
    for (const module of course.modules) assert.ok(module.estimatedMinutes >= 10 && module.estimatedMinutes <= 20, module.id);
    const byId = Object.fromEntries(course.assessments.map((a) => [a.id, a]));
    const blocks = course.modules.flatMap((m) => m.blocks);
    const pre = course.assessments.find((a) => a.kind === 'pre');
    assert.ok(pre.testsOut.length >= 1, `${id}: the pre-test tests out of a module`);
    for (const module of course.modules) {
      assert.ok(module.blocks.some((b) => b.type === 'assessment' && byId[b.assessment].kind === 'formative'),
        `${id}/${module.id} has a formative check`);
    }
    const items = course.assessments.flatMap((a) => [...(a.items ?? []), ...(a.banks ?? []).flatMap((b) => b.items)]);
    const types = new Set(items.map((i) => i.type));
    assert.ok(types.size >= 6, `${id} uses ${[...types]}`);
    for (const type of ['case-study', 'scenario', 'reflection', 'survey', 'image']) {
      assert.ok(blocks.some((b) => b.type === type), `${id} has a ${type} block`);
    }
    const final = course.assessments.find((a) => a.kind === 'summative');
    assert.equal(final.passMark, 0.8);
    assert.ok(final.banks.every((b) => b.draw < b.items.length), `${id}: draws differ between attempts`);
    assert.ok(course.credential.validityMonths > 0);
  }
  // Every sample course is in English and French; giving-feedback in Arabic too (issue 25).
  assert.deepEqual(readCourse('giving-feedback').languages, ['en', 'fr', 'ar']);
  assert.deepEqual(readCourse('inclusive-meetings').languages, ['en', 'fr']);
  assert.deepEqual(readCourse('spotting-phishing').languages, ['en', 'fr']);
  // Every learner-facing text of each course is in each of its languages.
  const skip = new Set(['id', 'type', 'src', 'verb', 'framework', 'code', 'url', 'format', 'version', 'defaultLanguage',
    'level', 'kind', 'assessment', 'scenario', 'start', 'next', 'ending', 'when', 'showIf', 'enableIf', 'set', 'add',
    'value', 'to', 'mode', 'maintainer', 'reviewBy', 'name', 'role', 'rule', 'accepted', 'patterns', 'values',
    'testsOut', 'mustPass', 'requiredBlocks', 'competencies', 'outcomes', 'initial', 'languages', 'pairs', 'shape',
    'timeZone', 'link', 'captions', 'transcript', 'penalty', 'answer']);
  for (const id of ['giving-feedback', 'inclusive-meetings', 'spotting-phishing']) {
    const course = readCourse(id);
    const untranslated = [];
    (function walk(value, path, key) {
      if (skip.has(key)) return;  // identifiers, answer keys, references and media files, not learner-facing text
      if (typeof value === 'string') untranslated.push(path);
      else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}/${i}`, key));
      else if (value && typeof value === 'object') {
        if ('en' in value) {
          for (const language of course.languages) if (!(language in value)) untranslated.push(`${path}/${language}`);
          return;
        }
        for (const [k, v] of Object.entries(value)) walk(v, `${path}/${k}`, k);
      }
    })(course, '', '');
    // Names of publisher and framework are proper names; `outcome` levels are identifiers.
    assert.deepEqual(untranslated.filter((p) => !/\/(publisher|frameworks)\/|\/level$/.test(p)), [], id);
    // The keys skipped above as references also name texts a learner reads: the credential, the competencies
    // and the learning outcomes.
    const named = [course.credential.name, ...course.competencies.map((c) => c.name),
      ...course.outcomes.flatMap((o) => [o.statement, o.condition, o.criterion])];
    for (const text of named) assert.deepEqual(Object.keys(text).sort(), [...course.languages].sort(), `${id}: ${JSON.stringify(text)}`);
  }
});

// ---- scenarios (SCENARIO-FORMAT.md v1) ----

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'visited', 'min', 'max', 'clamp', 'round', 'abs', 'random']);
function identifiers(expression) {
  const withoutStrings = expression.replace(/'[^']*'|"[^"]*"/g, ' ');
  assert.match(withoutStrings, /^[\sA-Za-z0-9_.+\-*/()=!<>,]*$/, `expression '${expression}' uses only the listed syntax`);
  return (withoutStrings.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((name) => !KEYWORDS.has(name));
}

function checkScenario(scenario) {
  const nodes = Object.fromEntries(scenario.nodes.map((n) => [n.id, n]));
  const variables = scenario.variables ?? {};
  const endings = scenario.nodes.filter((n) => n.type === 'ending');
  assert.ok(endings.length >= 3, `${scenario.id} has ${endings.length} endings`);
  assert.ok(Object.values(variables).some((v) => v.meter) || Object.keys(variables).length > 0);
  assert.ok(nodes[scenario.start], `${scenario.id}: start '${scenario.start}' exists`);
  const target = (id, where) => assert.ok(nodes[id], `${scenario.id}: ${where} → '${id}' exists`);
  const expression = (text, where) => {
    for (const name of identifiers(String(text))) assert.ok(variables[name], `${scenario.id}: ${where} uses undeclared '${name}'`);
  };
  const effects = (list, where) => (list ?? []).forEach((e, i) => {
    const name = e.set ?? e.add;
    assert.ok(variables[name], `${scenario.id}: ${where}/effects/${i} changes undeclared '${name}'`);
    if (e.add !== undefined) assert.equal(variables[name].type, 'number');
    expression(e.to ?? e.value, `${where}/effects/${i}`);
  });
  for (const [name, v] of Object.entries(variables)) {
    for (const t of v.meter?.thresholds ?? []) target(t.ending, `meter ${name}`);
  }
  for (const o of scenario.scoring?.outcomes ?? []) expression(o.when, 'scoring');
  const reached = new Set([scenario.start]);
  for (const node of scenario.nodes) {
    assert.ok(['narrative', 'decision', 'timed', 'ending'].includes(node.type), `${node.id}: type ${node.type}`);
    effects(node.onEnter, node.id);
    if (node.type === 'narrative') { target(node.next, node.id); reached.add(node.next); }
    if (node.type === 'decision' || node.type === 'timed') {
      assert.ok(node.choices.length >= 1);
      for (const choice of node.choices) {
        target(choice.next, `${node.id}/${choice.id}`);
        reached.add(choice.next);
        effects(choice.effects, `${node.id}/${choice.id}`);
        for (const key of ['showIf', 'enableIf']) if (choice[key]) expression(choice[key], `${node.id}/${choice.id}/${key}`);
      }
    }
    if (node.type === 'timed') {
      assert.ok(node.seconds > 0);
      target(node.timeout.next, `${node.id}/timeout`);
      reached.add(node.timeout.next);
      effects(node.timeout.effects, `${node.id}/timeout`);
    }
  }
  for (const [, v] of Object.entries(variables)) for (const t of v.meter?.thresholds ?? []) reached.add(t.ending);
  for (const node of scenario.nodes) assert.ok(reached.has(node.id), `${scenario.id}: '${node.id}' can be reached`);
}

// Plays the answer key's path. The sample scenarios' effects are literal numbers and booleans, so a tiny
// interpreter is enough to apply them, clamp, and check the meters' thresholds after every step.
function playPath(scenario, path) {
  const nodes = Object.fromEntries(scenario.nodes.map((n) => [n.id, n]));
  const vars = Object.fromEntries(Object.entries(scenario.variables).map(([k, v]) => [k, v.initial]));
  const literal = (text) => (text === 'true' ? true : text === 'false' ? false : Number(text));
  const apply = (list) => (list ?? []).forEach((e) => {
    const name = e.set ?? e.add;
    const spec = scenario.variables[name];
    let value = e.set !== undefined ? literal(e.to) : vars[name] + literal(e.value);
    if (spec.type === 'number') value = Math.min(spec.max, Math.max(spec.min, value));
    vars[name] = value;
  });
  const threshold = () => {
    for (const [name, spec] of Object.entries(scenario.variables)) {
      for (const t of spec.meter?.thresholds ?? []) {
        if ((t.below !== undefined && vars[name] < t.below) || (t.atLeast !== undefined && vars[name] >= t.atLeast)) return t.ending;
      }
    }
    return null;
  };
  let node = nodes[scenario.start];
  const steps = [...path.path];
  for (let guard = 0; guard < 100 && node.type !== 'ending'; guard++) {
    apply(node.onEnter);
    let next;
    if (node.type === 'narrative') {
      next = node.next;
    } else {
      const step = steps.shift();
      assert.equal(step?.node, node.id, `${scenario.id}: the path expects a choice at '${node.id}'`);
      const choice = node.choices.find((c) => c.id === step.choice);
      assert.ok(choice, `${scenario.id}: choice '${step.choice}' exists at '${node.id}'`);
      apply(choice.effects);
      next = choice.next;
    }
    node = nodes[threshold() ?? next];
  }
  assert.equal(node.id, path.ending, `${scenario.id}: the answer key's path ends at '${path.ending}'`);
  assert.deepEqual(steps, [], 'every step of the path was used');
  const best = Math.max(...scenario.nodes.filter((n) => n.type === 'ending').map((n) => n.score ?? 0));
  assert.equal(node.score, best, `${scenario.id}: the answer key reaches the best ending`);
}

test('every scenario follows SCENARIO-FORMAT v1, and the answer key plays through to the best ending', () => {
  for (const dir of COURSE_DIRS) {
    const course = readCourse(dir);
    const key = existsSync(join(ANSWERS, `${dir}.json`)) ? JSON.parse(readFileSync(join(ANSWERS, `${dir}.json`), 'utf8')) : null;
    for (const scenario of course.scenarios ?? []) {
      checkScenario(scenario);
      if (key) playPath(scenario, key.scenarios[scenario.id]);
    }
    if (key) assert.deepEqual(Object.keys(key.scenarios).sort(), (course.scenarios ?? []).map((s) => s.id).sort());
  }
});

test('the answer keys name every assessment item of their course, and hotspot images exist', () => {
  for (const entry of catalog.courses) {
    const course = readCourse(entry.path);
    const key = JSON.parse(readFileSync(join(ANSWERS, `${entry.id}.json`), 'utf8'));
    for (const a of course.assessments) {
      const ids = [...(a.items ?? []), ...(a.banks ?? []).flatMap((b) => b.items)].map((i) => i.id).sort();
      assert.deepEqual(Object.keys(key.assessments[a.id]).sort(), ids, `${entry.id}/${a.id}`);
      // A hotspot's picture is not a course block, so validate cannot check it: check it here.
      for (const item of [...(a.items ?? []), ...(a.banks ?? []).flatMap((b) => b.items)].filter((i) => i.type === 'hotspot')) {
        assert.ok(existsSync(join(CONTENT, entry.path, item.image.src)), `${entry.id}/${item.id}: ${item.image.src} exists`);
        assert.ok(item.image.alt, `${entry.id}/${item.id} has alt text`);
      }
    }
  }
});

// ---- narration: the captions must fit the audio they caption ----

function opusSeconds(bytes) {
  const head = bytes.indexOf('OpusHead');
  assert.ok(head >= 0, 'an Ogg Opus stream');
  const preSkip = bytes.readUInt16LE(head + 10);
  const last = bytes.lastIndexOf('OggS');
  const granule = Number(bytes.readBigInt64LE(last + 6));
  return (granule - preSkip) / 48000;
}

function vttCues(text) {
  assert.match(text, /^WEBVTT\n/);
  const seconds = (t) => { const [h, m, s] = t.split(':'); return Number(h) * 3600 + Number(m) * 60 + Number(s); };
  return [...text.matchAll(/(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)\n(.+)/g)]
    .map(([, start, end, words]) => ({ start: seconds(start), end: seconds(end), words }));
}

test('narrated audio has WebVTT captions that fit its length and a transcript with the same words', () => {
  let narrations = 0;
  for (const entry of catalog.courses) {
    const course = readCourse(entry.path);
    for (const block of course.modules.flatMap((m) => m.blocks).filter((b) => b.type === 'audio' || b.type === 'video')) {
      const folder = join(CONTENT, entry.path);
      const audio = readFileSync(join(folder, block.src));
      assert.ok(audio.length < 300 * 1024, `${block.src} is ${audio.length} bytes`);
      const duration = opusSeconds(audio);
      const cues = vttCues(readFileSync(join(folder, block.captions), 'utf8'));
      const transcript = readFileSync(join(folder, block.transcript), 'utf8').replace(/\s+/g, ' ');
      assert.ok(cues.length >= 5, `${block.captions} has ${cues.length} cues`);
      let previousEnd = 0;
      for (const cue of cues) {
        assert.ok(cue.start >= previousEnd && cue.end > cue.start, `${block.captions}: cue '${cue.words}' is in order`);
        assert.ok(transcript.includes(cue.words), `${block.transcript} contains '${cue.words}'`);
        previousEnd = cue.end;
      }
      // The last cue ends with the speech: within the final pause (0.45 s) plus the encoder's padding.
      assert.ok(previousEnd <= duration + 0.05 && duration - previousEnd < 1, `${block.src}: ${duration} s, captions end at ${previousEnd} s`);
      narrations++;
    }
  }
  assert.ok(narrations >= 1);
});

test('every sample course packs into a signed package that validate verifies', () => {
  const keys = join(work, 'keys');
  assert.equal(tessera('keygen', '--out', keys, '--seed', '42'.repeat(32)).code, 0);
  for (const entry of catalog.courses) {
    const run = tessera('pack', join(CONTENT, entry.path), '--key', join(keys, 'publisher.key'), '--out', join(work, 'dist'));
    assert.equal(run.code, 0, run.err);
    const published = join(work, 'dist', entry.id, entry.version);
    const files = readdirSync(published, { recursive: true });
    assert.ok(files.includes('manifest.json') && files.includes('course.json'));
    const check = tessera('validate', published, '--json');
    assert.equal(check.code, 0, check.out);
    assert.equal(JSON.parse(check.out).warnings, 0);
  }
});
