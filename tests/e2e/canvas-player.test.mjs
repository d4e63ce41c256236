// The canvas player in chromium (WebGL2 in software): a learner's whole way through a course with mouse,
// wheel and keyboard; the record it leaves replays natively (`tessera replay`) to the same outcome as the
// HTML player's path (the runtime's Session driven from JS) for the same answers; screenshots of each
// kind of screen in build/test-artifacts/; at every step the action buttons drawn are the view's actions;
// no frames drawn while nothing changes; hints and their cost. (Failed writes, a refused package and the
// completion proof: canvas-host.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser, ROOT, SITE_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { decodePng, distinctColours } from './lib/png.mjs';
import { answerKey, click, drawnActionProblems, find, playCourse, settle, tabTo, ui, untilWriterLocksFree } from './lib/canvas-driver.mjs';

// A sample course with every kind of screen the issue names (lessons, an image, audio, a scenario, checks
// of nine item types, a reflection, a survey), played with its answer key (the HTML player's key).
const COURSE_DIR = process.env.TESSERA_CANVAS_COURSE || join(ROOT, 'content/inclusive-meetings');
const ANSWERS = JSON.parse(readFileSync(process.env.TESSERA_CANVAS_ANSWERS ||
  join(ROOT, 'tests/e2e/fixtures/answers/inclusive-meetings.json'), 'utf8'));
const COURSE = JSON.parse(readFileSync(join(COURSE_DIR, 'course.json'), 'utf8'));
const FIXTURE_DIR = join(ROOT, 'tests/fixtures/canvas-course');
const TESSERA = join(ROOT, 'build/native/cli/tessera');
const SITE_COURSE = `test-courses/${COURSE.id}/`;
const SITE_FIXTURE = 'test-courses/canvas-course/';

let browser;
before(async () => {
  // The fixture course is served from the assembled site, as a sample course would be.
  rmSync(join(SITE_DIR, SITE_COURSE), { recursive: true, force: true });
  mkdirSync(join(SITE_DIR, 'test-courses'), { recursive: true });
  cpSync(COURSE_DIR, join(SITE_DIR, SITE_COURSE), { recursive: true });
  rmSync(join(SITE_DIR, SITE_FIXTURE), { recursive: true, force: true });
  cpSync(FIXTURE_DIR, join(SITE_DIR, SITE_FIXTURE), { recursive: true });
  browser = await startBrowser();
});
after(async () => { await browser?.close(); });

async function openPlayer(query) {
  const page = await browser.newPage();
  await untilWriterLocksFree(browser);
  await page.goto(new URL(`canvas.html?${query}`, browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui && window.tesseraPlayer.ui.screen !== 'loading' &&
    !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await settle(page);
  return page;
}

async function screenshot(page, name) {
  await settle(page);
  const png = await page.screenshot();
  writeFileSync(join(ARTIFACTS_DIR, `canvas-${name}.png`), png);
  return decodePng(png);
}

// The outcome fields both paths must agree on (time on task and event counts depend on the clock and on
// how many times a learner reopened a block).
function outcome(summary) {
  // The view adds its wording (progress and mastery texts, competency names); replay gives the numbers.
  const { requiredBlocks, completedRequiredBlocks, percent } = summary.progress;
  const numbersOf = (entry) => Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'name' && key !== 'text'));
  const mastery = Object.fromEntries(Object.entries(summary.mastery).map(([id, entry]) => [id, numbersOf(entry)]));
  return {
    complete: summary.complete,
    progress: { requiredBlocks, completedRequiredBlocks, percent },
    // The player's view lists each module's blocks with their status; `tessera replay` counts them.
    modules: summary.modules.map(({ id, status, completedBlocks, blocks }) =>
      ({ id, status, completedBlocks: completedBlocks ?? blocks.filter((block) => block.status === 'complete').length })),
    attempts: summary.attempts,
    mastery,
    scenarios: summary.scenarios,
  };
}

// A record (event objects or JSON texts) replayed natively by `tessera replay`: the runtime's summary.
function replayed(events) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-canvas-'));
  const recordPath = join(dir, 'record.jsonl');
  writeFileSync(recordPath, events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n') + '\n');
  const replay = spawnSync(TESSERA, ['replay', COURSE_DIR, recordPath, '--json'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(replay.status, 0, replay.stderr);
  const summary = JSON.parse(replay.stdout);
  assert.deepEqual(summary.problems, []);
  return summary;
}

// The HTML player's path, run in the page: the same answers through the runtime's JS Session (as web/
// drives it), block by block in course order. It starts from the canvas record's first event: a record's
// id is its first event's hash and seeds which bank items an attempt draws, so both paths meet the same
// questions. Returns the events of its record.
async function htmlPathEvents(page, courseText, key, firstEvent) {
  return page.evaluate(async ([text, answers, first]) => {
    const { default: create } = await import('./modules/runtime.mjs');
    const runtime = await create();
    const session = new runtime.Session(text, JSON.stringify([first]));
    let t = first.t;
    const allowed = (view, type, block) => view.actions.some((a) => a.type === type && a.block === block);
    const events = [first];
    const act = (action) => {
      t += 30000;
      const result = JSON.parse(session.propose(JSON.stringify({ ...action, t }), ''));
      if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${JSON.stringify(result.problems)}`);
      if (!JSON.parse(session.commit(JSON.stringify(result.event))).ok) throw new Error(`${JSON.stringify(action)}: not committed`);
      events.push(result.event);
      return result.view;
    };
    let view = JSON.parse(session.view(''));
    for (const module of view.modules) {
      for (const block of module.blocks) {
        if (view.current?.id !== block.id) view = act({ type: 'open', block: block.id });
        if (allowed(view, 'complete', block.id)) view = act({ type: 'complete', block: block.id });
        if (block.type === 'reflection') view = act({ type: 'reflect', block: block.id, text: answers.reflections[block.id] || 'A thought.' });
        if (block.type === 'survey' && allowed(view, 'submit-survey', block.id)) view = act({ type: 'submit-survey', block: block.id, answers: {} });
        if (block.type === 'assessment') {
          view = act({ type: 'start-attempt', block: block.id });
          for (const item of view.current.assessment.attempt.items) {
            const answer = answers.byBlock[block.id]?.[item.id];
            if (answer !== undefined) act({ type: 'answer', block: block.id, item: item.id, answer });
          }
          view = act({ type: 'submit-attempt', block: block.id });
        }
        if (block.type === 'scenario') {
          for (let step = 0; step < 60 && !view.current.scenario.ended; step++) {
            const s = view.current.scenario;
            const choice = answers.choices[s.id]?.[s.node.id];
            view = act(choice ? { type: 'scenario-choose', block: block.id, choice } : { type: 'scenario-continue', block: block.id });
          }
        }
      }
    }
    if (!JSON.parse(session.view('')).complete) throw new Error('the HTML path did not complete the course');
    session.delete();
    return events;
  }, [courseText, key, firstEvent]);
}

test(`a learner plays the whole ${COURSE.id} course on the canvas; the record replays to the HTML path's outcome`, async () => {
  const page = await openPlayer(`course=${SITE_COURSE}&theme=light`);
  const state = await ui(page);
  assert.equal(state.screen, 'overview');
  assert.equal(state.store.persistent, true, 'the player keeps events in the web app\'s IndexedDB record');
  await screenshot(page, 'overview');

  // Keyboard: Tab and Shift+Tab move between every widget (not only text fields), Enter activates the
  // focused one, Escape leaves a block for the overview.
  const passed = await tabTo(page, 'continue');
  assert.ok(passed.length >= 2 && passed.every((id) => id !== null), `Tab focuses widgets in turn: ${passed}`);
  const [previousId] = await tabTo(page, passed.at(-2), { backwards: true });
  assert.equal(previousId, passed.at(-2), 'Shift+Tab goes back one widget');
  await tabTo(page, 'continue');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal((await ui(page)).screen, 'block');
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal((await ui(page)).screen, 'overview');

  const shot = new Set();
  // At every step the action buttons drawn are the view's actions (drawnActionProblems).
  let blockSteps = 0;
  const visited = await playCourse(page, {
    afterClick: async (_, id) => {
      const state = await ui(page);
      assert.deepEqual(drawnActionProblems(state), [], `after clicking ${id} on ${state.screen} ${state.block}`);
      if (state.screen === 'block') blockSteps += 1;
    },
    onFailure: async () => { writeFileSync(join(ARTIFACTS_DIR, 'canvas-failure.png'), await page.screenshot()); },
    courseDir: COURSE_DIR,
    answers: ANSWERS,
    shoot: async (kind, block) => {
      const name = { text: 'lesson', image: 'image', video: 'video', audio: 'audio', 'case-study': 'case-study',
        assessment: 'quiz', 'quiz-answered': 'quiz-answered', 'quiz-result': 'quiz-result', 'scenario-node': 'scenario',
        'scenario-ending': 'scenario-ending', reflection: 'reflection', survey: 'survey', takeaways: 'takeaways' }[kind];
      if (!name || shot.has(name)) return;
      shot.add(name);
      const image = await screenshot(page, name);
      assert.ok(distinctColours(image) > 20, `${name} (${block}): the canvas shows too few colours`);
    },
  });
  assert.ok(visited.some((v) => v.endsWith(':scenario')), 'the scenario screen was shown');
  assert.ok(blockSteps > 100, `${blockSteps} steps on block screens compared with the view's actions`);
  const key = answerKey(COURSE, ANSWERS);
  for (const [scenario, spec] of Object.entries(ANSWERS.scenarios || {})) {
    for (const step of spec.path) assert.ok(visited.taken.includes(`${step.node}/${step.choice}`), `${scenario}: ${step.node}/${step.choice} was not taken`);
  }
  const canvasSummary = (await ui(page)).summary;
  assert.equal(canvasSummary.complete, true, `the course is complete: ${JSON.stringify(canvasSummary.progress)}`);
  for (const [scenario, spec] of Object.entries(ANSWERS.scenarios || {})) {
    const run = Object.values(canvasSummary.scenarios).find((r) => r.scenario === scenario);
    assert.equal(run?.node, spec.ending, `${scenario} ended at ${spec.ending}`);
  }

  // Results.
  await click(page, 'nav-results');
  await screenshot(page, 'results');

  // The record the canvas left, read through the page's store, and the HTML path's record, both replayed
  // natively: the same outcome (and the canvas's own live summary agrees).
  const events = await page.evaluate((id) => window.tesseraPlayer.store.load(id), COURSE.id);
  assert.ok(events.length > 40, `${events.length} events recorded`);
  const canvasReplayed = replayed(events);
  const reflection = events.map((e) => (typeof e === 'string' ? JSON.parse(e) : e)).find((e) => e.type === 'reflection.saved');
  assert.equal(reflection?.payload?.text, key.reflections['my-reflection'] || 'A thought.', 'the reflection typed on the canvas is recorded');
  const first = typeof events[0] === 'string' ? JSON.parse(events[0]) : events[0];
  const htmlReplayed = replayed(await htmlPathEvents(page, readFileSync(join(COURSE_DIR, 'course.json'), 'utf8'), key, first));
  assert.equal(htmlReplayed.complete, true);
  assert.deepEqual(outcome(canvasReplayed), outcome(htmlReplayed));
  assert.deepEqual(outcome(canvasSummary), outcome(canvasReplayed));
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('the drawn-actions check finds an action not drawn, one drawn but not offered, and one drawn in another state', () => {
  const open = { type: 'open', block: 'b', label: 'Next', primary: false, enabled: true };
  const complete = { type: 'complete', block: 'a', label: 'Mark as done', primary: true, enabled: true };
  const button = (action, changes = {}) => ({ id: 'x', kind: 'button', label: action.label, enabled: action.enabled, primary: action.primary,
    sends: [{ type: action.type, block: action.block }], ...changes });
  const block = (actions, drawn) => ({ screen: 'block', actions, drawn, now: 0 });
  assert.deepEqual(drawnActionProblems(block([complete, open], [button(complete), button(open)])), []);
  // The player's own widgets (navigation, a hint to reveal) are not actions.
  assert.deepEqual(drawnActionProblems(block([complete], [button(complete), { id: 'nav-overview', kind: 'nav', label: 'Overview', enabled: true }])), []);
  assert.equal(drawnActionProblems(block([complete, open], [button(complete)])).length, 1, 'an action not drawn');
  assert.equal(drawnActionProblems(block([complete], [button(complete), button(open)])).length, 1, 'a button the view does not offer');
  assert.equal(drawnActionProblems(block([complete], [button(complete), button(complete)])).length, 1, 'one action drawn twice');
  assert.equal(drawnActionProblems(block([complete], [button(complete, { enabled: false })])).length, 2, 'drawn disabled');
  assert.equal(drawnActionProblems(block([complete], [button(complete, { label: 'Done' })])).length, 2, 'another label');
  assert.equal(drawnActionProblems(block([complete], [button(complete, { primary: false })])).length, 2, 'not in the primary look');
  // An action waiting for its availableAt is drawn disabled, with its reason, until then.
  const wait = { ...complete, availableAt: 10, reason: 'Wait.' };
  assert.deepEqual(drawnActionProblems(block([wait], [button(wait, { enabled: false, reason: 'Wait.' })])), []);
  assert.deepEqual(drawnActionProblems({ ...block([wait], [button(wait)]), now: 10 }), []);
});

test('the wallet shows a held credential with its QR code, in both themes', async () => {
  // A store whose wallet holds the golden Open Badges 3.0 credential (the interface of window.tesseraStore).
  const credential = readFileSync(join(ROOT, 'tests/golden/ob3-ldp/signed.json'), 'utf8');
  const page = await browser.newPage();
  await page.addInitScript((text) => {
    const events = [];
    window.tesseraStore = {
      kind: 'test store', persistent: true,
      async load() { return [...events]; },
      async append(course, event) { events.push(event); },
      async wallet() { return [JSON.parse(text)]; },
    };
  }, credential);
  await page.goto(new URL(`canvas.html?course=${SITE_FIXTURE}&theme=light`, browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui?.screen === 'overview' && !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await click(page, 'nav-wallet');
  const qr = await find(page, 'qr-0');
  assert.equal(qr.label, `QR code of ${JSON.parse(credential).credentialSubject.achievement.name}`);
  assert.ok(qr.w >= 150 && qr.h >= 150, `QR code ${qr.w}×${qr.h}`);
  const light = await screenshot(page, 'wallet');
  assert.ok(distinctColours(light) > 20);
  await click(page, 'nav-theme');
  await screenshot(page, 'wallet-dark');
  assert.deepEqual(page.unexpectedErrors(), []);  // an unpacked test course's manifest.json is a 404
  await page.close();
});

test('the canvas player draws nothing while nothing changes, and keeps its record in IndexedDB', async () => {
  const page = await openPlayer(`course=${SITE_FIXTURE}`);
  await settle(page);
  const first = await page.evaluate(() => Number(document.getElementById('canvas').dataset.framesPresented));
  await page.waitForTimeout(1500);
  const later = await page.evaluate(() => Number(document.getElementById('canvas').dataset.framesPresented));
  assert.ok(later - first <= 2, `${later - first} frames drawn in 1.5 s of idling`);
  const state = await ui(page);
  assert.equal(state.store.where, 'IndexedDB');
  // A resize redraws at the new size.
  await page.setViewportSize({ width: 900, height: 700 });
  await settle(page);
  const resized = await page.locator('#canvas').boundingBox();
  assert.equal(Math.round(resized.width), 900);
  assert.deepEqual(page.unexpectedErrors(), []);  // an unpacked test course's manifest.json is a 404
  await page.close();
});

test('links in Markdown text and in table cells are Tab stops that Enter and a click open', async () => {
  const page = await openPlayer(`course=${SITE_FIXTURE}`);
  await page.evaluate(() => {
    window.openedLinks = [];
    window.open = (url) => { window.openedLinks.push(url); return null; };
  });
  await click(page, 'block-welcome');
  // In drawing order: the table's link, then the paragraph's.
  await tabTo(page, 'md-link-0');
  const tableLink = (await ui(page)).widgets.find((w) => w.id === 'md-link-0');
  assert.equal(tableLink.label, 'https://example.org/bar-charts');
  await page.keyboard.press('Enter');
  await settle(page);
  await tabTo(page, 'md-link-1');
  assert.equal((await ui(page)).widgets.find((w) => w.id === 'md-link-1').label, 'https://example.org/guide');
  await click(page, 'md-link-0');
  assert.deepEqual(await page.evaluate(() => window.openedLinks),
    ['https://example.org/bar-charts', 'https://example.org/bar-charts']);
  assert.match((await ui(page)).status, /bar-charts/);
  await screenshot(page, 'table-link');
  assert.deepEqual(page.unexpectedErrors(), []);  // an unpacked test course's manifest.json is a 404
  await page.close();
});

test('a timed scenario node counts down once a second, and a choice in time takes its own branch', async () => {
  // The sample course with its modules open in any order, so the scenario is reached straight away.
  const folder = join(SITE_DIR, 'test-courses/phishing-any-order');
  rmSync(folder, { recursive: true, force: true });
  cpSync(join(ROOT, 'content/spotting-phishing'), folder, { recursive: true });
  const course = JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8'));
  course.completion.sequentialModules = false;
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course));
  const page = await openPlayer('course=test-courses/phishing-any-order/');
  await click(page, 'block-payment-scenario');
  // inbox → check the sender → report → the evening push, a 30-second decision.
  await click(page, 'scenario-continue');
  await click(page, 'choice-check-sender');
  await click(page, 'choice-report-now');
  await click(page, 'scenario-continue');
  const seconds = (label) => {
    const [, m, s] = label.match(/^Time left to decide (\d+):(\d\d)$/) || [];
    assert.ok(m !== undefined, `countdown label: ${label}`);
    return Number(m) * 60 + Number(s);
  };
  const first = await find(page, 'deadline-scenario-node');
  assert.ok(seconds(first.label) <= 30 && seconds(first.label) >= 20, first.label);
  const framesBefore = await page.evaluate(() => Number(document.getElementById('canvas').dataset.framesPresented));
  await page.waitForTimeout(2100);
  const framesAfter = await page.evaluate(() => Number(document.getElementById('canvas').dataset.framesPresented));
  const later = (await ui(page)).widgets.find((w) => w.id === 'deadline-scenario-node');
  assert.ok(seconds(later.label) <= seconds(first.label) - 2, `${first.label} then, 2.1 s later, ${later.label}`);
  // A few frames per second while counting, not one per display refresh.
  assert.ok(framesAfter - framesBefore <= 12, `${framesAfter - framesBefore} frames in 2.1 s of counting down`);
  await screenshot(page, 'scenario-timed');
  await click(page, 'choice-deny-and-report');
  const state = await ui(page);
  assert.equal(state.scenario.ended, true);
  assert.equal(state.scenario.node, 'all-clear', 'a choice within the time takes its branch, not the timeout');
  assert.deepEqual(page.unexpectedErrors(), []);  // an unpacked test course's manifest.json is a 404
  await page.close();
});

test('hints on the canvas: each shows its cost, and the answer is marked down by the hints shown', async () => {
  // The canvas player shows the hints the view gives (text and cost), one at a time.
  // tests/e2e/fixtures/site/courses/marking-course, item "hinted": hints of penalty 1/4 and 1/3; both shown,
  // then the right answer: 1 − 1/4 − 1/3 = 5/12 (docs/scoring.md, "Hints"). The other six items are left
  // unanswered: 0 each. Attempt: 5/12 of 16 (maxima 3 + 6 + 3 + 1 + 1 + 1 + 1), not passed (pass mark 8).
  const folder = join(SITE_DIR, 'test-courses/marking-course');
  rmSync(folder, { recursive: true, force: true });
  cpSync(join(ROOT, 'tests/e2e/fixtures/site/courses/marking-course/1.0.0'), folder, { recursive: true });
  const page = await openPlayer('course=test-courses/marking-course/');
  await click(page, 'block-marked');
  await click(page, 'start-attempt');
  await click(page, 'question-hinted');  // one question at a time: move to it
  // Each offer as the view words it.
  assert.match((await find(page, 'item-hinted-hint')).label, /^Show a hint \(costs 25%/);
  await click(page, 'item-hinted-hint');
  assert.match((await find(page, 'item-hinted-hint')).label, /^Show a hint \(costs 33%/);
  await click(page, 'item-hinted-hint');
  assert.equal(await find(page, 'item-hinted-hint', { required: false }), null, 'no third hint is offered');
  await click(page, 'item-hinted-menu');
  await click(page, 'answer');
  await click(page, 'submit-attempt');
  // Six questions have no answer: the view's question under the button, and nothing sent until accepted.
  assert.equal((await find(page, 'confirm-accept')).label, 'Submit anyway');
  await click(page, 'confirm-accept');
  const events = (await page.evaluate(() => window.tesseraPlayer.store.load('marking-course')))
    .map((e) => (typeof e === 'string' ? JSON.parse(e) : e));
  const answers = events.filter((e) => e.type === 'answer.submitted');
  assert.deepEqual(answers.map((e) => [e.payload.item, e.payload.response]), [['hinted', { answer: 'menu', hintsUsed: 2 }]]);
  const attempts = (await ui(page)).summary.attempts.marked;
  assert.deepEqual(attempts.map(({ attempt, submitted, score, max, passed }) => ({ attempt, submitted, score, max, passed })),
    [{ attempt: 1, submitted: true, score: '5/12', max: '16', passed: false }]);
  await screenshot(page, 'hints-result');
  assert.deepEqual(page.unexpectedErrors(), []);  // an unpacked test course's manifest.json is a 404
  await page.close();
});

test('the canvas catalog lists the site\'s courses', async () => {
  const page = await openPlayer('');
  const state = await ui(page);
  assert.equal(state.screen, 'catalog');
  await screenshot(page, 'catalog');
  assert.deepEqual(page.unexpectedErrors(), []);  // an unpacked test course's manifest.json is a 404
  await page.close();
});
