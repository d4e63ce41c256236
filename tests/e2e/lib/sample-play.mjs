// Plays a sample course (content/) to completion in the HTML player with the keyboard only, from its answer
// key (tests/e2e/fixtures/answers/<course>.json: item answers by id, scenarios by choice path), running
// axe-core on every distinct screen type met. Shared by the sample-course and wallet tests.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, ARTIFACTS_DIR } from './browser.mjs';
import { playCourse } from './course-driver.mjs';
import { axeViolations } from './axe.mjs';

function answersOf(course) {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, `answers/${course}.json`), 'utf8'));
}

// The answer key speaks in ids (what the runtime scores); the keyboard driver needs what is on screen.
// The item as the view shows it (in the learner's language) turns one into the other.
function keyboardSpec(item, answer, words) {
  const textOf = (list, id) => list.find((entry) => entry.id === id)?.text;
  switch (item.type) {
    case 'true-false': return { choose: [words[answer ? 'ui.true' : 'ui.false']] };
    case 'single-choice': case 'likert': return { choose: [textOf(item.choices || item.scale, answer)] };
    case 'multiple-response': return { choose: answer.map((id) => textOf(item.choices, id)) };
    case 'numeric': return { type: [String(typeof answer === 'object' ? answer.value : answer)] };
    case 'short-text': case 'free-text': return { type: [String(answer)] };
    case 'fill-blanks': return { type: Array.isArray(answer) ? answer.map(String) : Object.values(answer).map(String) };
    case 'ordering': return { order: answer.map((id) => textOf(item.options, id)) };
    case 'matching': return { match: Object.fromEntries(Object.entries(answer).map(([p, t]) => [textOf(item.premises, p), textOf(item.targets, t)])) };
    case 'hotspot': return { point: answer };
    default: throw new Error(`no keyboard spec for item type ${item.type}`);
  }
}

// Plays `course` to completion with the keyboard in `target` (a page, or a player frame with the page's
// keyboard) from its answer key; onScreen(screen) sees every screen. Resolves to { last, taken } (the last
// screen, and the scenario steps taken as node/choice).
export async function playSampleIn(target, course, { blocks = {}, onScreen = async () => {} } = {}) {
  const key = answersOf(course);
  const taken = [];
  const last = await playCourse(target, { blocks }, {
    maxSteps: 400,
    itemSpec: async (now) => {
      const { item, words } = await target.evaluate((id) => {
        const { view } = window.tesseraPlayer.controller;
        return { item: view.current.assessment.attempt.items.find((i) => i.id === id), words: view.words };
      }, now.item);
      // Item ids are unique across a course's assessments, so the key is searched by item id alone.
      const answer = Object.values(key.assessments).find((items) => now.item in items)?.[now.item];
      assert.notEqual(answer, undefined, `${course}: the answer key has no answer for item ${now.item}`);
      return keyboardSpec(item, answer, words);
    },
    scenarioChoice: async (now) => {
      const scenarioId = await target.evaluate(() => window.tesseraPlayer.controller.view.current.scenario?.id);
      const choice = (key.scenarios[scenarioId]?.path || []).find((p) => p.node === now.scenarioNode)?.choice;
      if (choice) taken.push(`${now.scenarioNode}/${choice}`);
      return choice;
    },
    onScreen,
  });
  return { last, taken };
}

// Options: language, shots (save screenshots), everyScreen(page, screen) (called on every screen met, before
// the axe-core check of its screen type), keepOpen (return the page instead of closing it), learner
// (the learner id to play as; a fresh one by default), blocks (what to write in reflections and surveys, by
// block id: {reflection} or {likert: {item: point}, text: {item: text}}; a default thought otherwise).
export async function playSample(browser, course, { language = 'en', shots = false, everyScreen = null, keepOpen = false, learner = null, blocks = {} } = {}) {
  const key = answersOf(course);
  const page = await browser.newPage();
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate(([lang, id]) => {
    localStorage.setItem('tessera.learner', id || `learner-${crypto.randomUUID()}`);
    localStorage.setItem('tessera.settings', JSON.stringify({ language: lang, player: 'html' }));
  }, [language, learner]);
  await page.goto(new URL(`player.html?course=${course}`, browser.baseUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), language);
  const seen = new Set();
  const violations = [];
  const shot = async (name) => { if (shots) writeFileSync(join(ARTIFACTS_DIR, `sample-${name}.png`), await page.screenshot({ fullPage: true })); };
  const { last, taken } = await playSampleIn(page, course, {
    blocks,
    onScreen: async (now) => {
      if (everyScreen) await everyScreen(page, now);
      const kind = now.item ? `item:${now.itemType}` : now.type === 'scenario' ? `scenario:${now.scenarioEnded ? 'ending' : now.scenarioNode ? 'node' : 'start'}` : `${now.type}:${now.status}`;
      if (seen.has(kind)) return;
      seen.add(kind);
      for (const v of await axeViolations(page)) violations.push(`[${course} ${kind} ${now.block}] ${v}`);
      if (kind === 'text:opened') await shot('lesson');
      if (kind === 'item:matching') await shot('quiz');
      if (kind === 'scenario:node' && now.scenarioNode !== null) await shot('scenario');
    },
  });
  assert.equal(last.complete, true, `${course}: the course did not complete`);
  const view = await page.evaluate(() => window.tesseraPlayer.controller.view);
  assert.equal(view.complete, true);
  assert.equal(view.progress.percent, 100);
  const final = view.attempts['final-block'].at(-1);
  assert.equal(final.passed, true, `${course}: final attempt ${final.score}/${final.max}`);
  // Every scenario was played along its path to the ending the key names.
  for (const [scenarioId, spec] of Object.entries(key.scenarios)) {
    for (const step of spec.path) assert.ok(taken.includes(`${step.node}/${step.choice}`), `${course}: ${scenarioId} never offered ${step.node}/${step.choice}`);
  }
  // The results panel: mastery per competency as the runtime decides it.
  await page.waitForSelector('#results:not([hidden]) ul.mastery');
  const rows = await page.$$eval('#results li[data-competency]', (items) => items.map((li) => ({ id: li.dataset.competency, mastered: li.dataset.mastered, text: li.textContent })));
  assert.deepEqual(rows.map((r) => r.id).sort(), Object.keys(view.mastery).sort());
  for (const row of rows) {
    assert.equal(row.mastered, String(view.mastery[row.id].mastered));
    assert.equal(row.text, `${view.mastery[row.id].name}: ${view.mastery[row.id].text}`, 'each skill as the view words it');
  }
  assert.equal(await page.textContent('#completion-text'), view.completion.text);
  await page.locator('#results').scrollIntoViewIfNeeded();
  for (const v of await axeViolations(page)) violations.push(`[${course} results] ${v}`);
  await shot('results');
  assert.deepEqual(violations, []);
  for (const kind of ['text:opened', 'scenario:node', 'scenario:ending']) assert.ok(seen.has(kind), `${course}: never met a ${kind} screen (${[...seen]})`);
  assert.deepEqual(page.unexpectedErrors(), []);
  if (keepOpen) return { seen, view, page };
  await page.close();
  return { seen, view };
}

