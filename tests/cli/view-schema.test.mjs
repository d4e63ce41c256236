// Every view the golden walks produced (tests/golden/views/*.snapshot.jsonl) is valid against the view
// model's schema (docs/view.schema.json), checked with Ajv; and the schema can fail: a view with an
// answer key, an action without a label or a disabled action without its reason is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const VIEWS = join(ROOT, 'tests/golden/views');
const schema = JSON.parse(readFileSync(join(ROOT, 'docs/view.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const walks = readdirSync(VIEWS).filter((name) => name.endsWith('.snapshot.jsonl'));

test('there is a walk for every sample course', () => {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'content/catalog.json'), 'utf8'));
  for (const course of catalog.courses) assert.ok(walks.includes(`${course.id}.snapshot.jsonl`), course.id);
});

for (const walk of walks) {
  test(`every view of ${walk} is valid against docs/view.schema.json`, () => {
    const steps = readFileSync(join(VIEWS, walk), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    assert.ok(steps.length > 10);
    steps.forEach((step, index) => {
      const valid = validate(step.view);
      assert.ok(valid, `${walk} step ${index}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    });
  });
}

test('the schema refuses what a view must never hold', () => {
  const steps = readFileSync(join(VIEWS, walks[0]), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const withItems = steps.find((step) => step.view.current?.assessment?.attempt?.items?.length)?.view;
  assert.ok(withItems);
  const leak = structuredClone(withItems);
  leak.current.assessment.attempt.items[0].correct = true;
  assert.equal(validate(leak), false, 'an answer key in an item');
  const unlabelled = structuredClone(withItems);
  delete unlabelled.actions[0].label;
  assert.equal(validate(unlabelled), false, 'an action without a label');
  const silent = structuredClone(withItems);
  silent.actions[0].enabled = false;
  delete silent.actions[0].reason;
  assert.equal(validate(silent), false, 'a disabled action that does not say why');
  const keyed = structuredClone(withItems);
  keyed.progress.text = 'progress.text';
  assert.equal(validate(keyed), false, 'a catalogue key where words belong');
});
