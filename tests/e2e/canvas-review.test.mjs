// The canvas player's review session (docs/recall.md): once a module is complete the overview offers it, and the
// screen draws the runtime's review view — the one the HTML review page draws — card by card: an assessed item
// and two course-defined recall prompts, each answered with the mouse and keyboard on the canvas, checked, and
// rated with the view's buttons; the ratings are stored as recall.reviewed events, and the HTML review page then
// finds nothing due, as the canvas does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestSite, startBrowser, ROOT } from './lib/browser.mjs';
import { click, drawnButtons, settle, typeInto, ui, untilWriterLocksFree } from './lib/canvas-driver.mjs';

const COURSE = 'golden-course';
const LEARNER = 'learner-canvas-review';
let browser;

before(async () => {
  const site = buildTestSite('e2e-canvas-review');
  // The golden course with two recall prompts in its first module (the unit tests' own: recall_prompt_test.cpp).
  const course = JSON.parse(readFileSync(join(ROOT, 'tests/golden/course/valid/course.json'), 'utf8'));
  course.modules[0].recallPrompts = [
    { id: 'why-rule', prompt: 'Why does the rule hold?', answer: 'Because of the diagram.' },
    { id: 'name-parts', prompt: { en: 'Name the two parts.', fr: 'Nommez les deux parties.' }, answer: { en: 'The head and the tail.', fr: 'La tête et la queue.' } },
  ];
  writeFileSync(join(site, 'courses', COURSE, '1.0.0', 'course.json'), JSON.stringify(course, null, 1));
  browser = await startBrowser({ site });
});
after(async () => {
  await browser?.close();
});

// The first module finished in the HTML player (its controller, the one host path): the recall cards exist.
async function finishFirstModule() {
  const page = await browser.newPage();
  await page.goto(new URL('index.html?no-sw', browser.baseUrl).href);
  await page.evaluate((id) => localStorage.setItem('tessera.learner', id), LEARNER);
  await page.goto(new URL(`player.html?course=${COURSE}&no-sw`, browser.baseUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  const act = (action) => page.evaluate((a) => window.tesseraPlayer.controller.act(a).then((r) => r.ok), action);
  for (const block of ['intro', 'diagram', 'rule', 'walkthrough']) {
    assert.equal(await act({ type: 'open', block }), true);
    assert.equal(await act({ type: 'complete', block }), true);
  }
  for (const action of [{ type: 'open' }, { type: 'start-attempt' }, { type: 'answer', item: 'q1', answer: 'a' }, { type: 'submit-attempt' }]) {
    assert.equal(await act({ ...action, block: 'check-1' }), true, JSON.stringify(action));
  }
  await page.close();
}

// The review buttons drawn, as the review view offers them: the check, or the four ratings with the suggested
// one primary (the player draws exactly the view's actions).
function assertButtonsAreTheView(state) {
  const offered = state.review.actions.map((a) => ({ type: a.type, label: a.label, primary: a.primary, rating: a.rating ?? null }));
  const drawn = state.drawn.filter((w) => w.kind === 'button')
    .map((w) => ({ type: w.sends[0].type, label: w.label, primary: w.primary, rating: w.sends[0].rating ?? null }));
  assert.deepEqual(drawn, offered);
  assert.ok(drawnButtons(state).every((b) => b.enabled));
}

test('the canvas review screen: the runtime\'s review view, card by card, rated and stored; the HTML page agrees', async () => {
  await finishFirstModule();
  await untilWriterLocksFree(browser);
  const page = await browser.newPage();
  await page.goto(new URL(`canvas.html?course=courses/${COURSE}/1.0.0/&id=${COURSE}&no-sw`, browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui && window.tesseraPlayer.ui.screen === 'overview' && !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await settle(page);

  // The overview offers the review; the screen shows the view's first card of three, in course order.
  await click(page, 'review-start');
  let state = await ui(page);
  assert.equal(state.screen, 'review');
  assert.deepEqual(state.review.due.map((c) => c.card), ['check-1/q1', 'basics:why-rule', 'basics:name-parts']);
  assert.equal(state.review.dueText, '3 cards due for review');
  assert.equal(state.review.card.card, 'check-1/q1');
  assertButtonsAreTheView(state);

  // The assessed item, answered right from memory: Easy or Good suggested (by the response time), Good chosen.
  await click(page, 'item-q1-a');
  await click(page, 'review-check');
  state = await ui(page);
  assert.equal(state.review.result.verdict, 'right');
  assert.ok([3, 4].includes(state.review.suggested), String(state.review.suggested));
  assertButtonsAreTheView(state);
  await click(page, 'rating-3');

  // A course-defined prompt: written on the canvas, checked, the course's answer shown; Good.
  state = await ui(page);
  assert.equal(state.review.card.card, 'basics:why-rule');
  assert.equal(state.review.item.type, 'free-text');
  assert.equal(state.review.item.prompt, 'Why does the rule hold?');
  await typeInto(page, 'item-why-rule-text', 'The diagram shows it.');
  await click(page, 'review-check');
  state = await ui(page);
  assert.equal(state.review.result.verdict, 'recorded');
  assert.deepEqual(state.review.rightAnswer, { label: 'The course\'s answer', lines: ['Because of the diagram.'] });
  assert.ok(state.widgets.some((w) => w.id === 'review-right-answer'));
  assertButtonsAreTheView(state);
  await click(page, 'rating-3');

  // The second prompt left empty: unanswered, Again suggested and primary; the learner takes it.
  state = await ui(page);
  assert.equal(state.review.card.card, 'basics:name-parts');
  await click(page, 'review-check');
  state = await ui(page);
  assert.equal(state.review.result.verdict, 'unanswered');
  assert.equal(state.review.suggested, 1);
  assert.equal(state.drawn.find((w) => w.id === 'rating-1').primary, true);
  await click(page, 'rating-1');

  // Nothing more due: the session says what was done.
  state = await ui(page);
  assert.equal(state.review.finished, true);
  assert.equal(state.review.finishedText, '3 cards reviewed. Nothing is due for review.');
  const reviews = (await page.evaluate((id) => window.tesseraPlayer.store.load(id), COURSE))
    .map((e) => (typeof e === 'string' ? JSON.parse(e) : e)).filter((e) => e.type === 'recall.reviewed');
  assert.deepEqual(reviews.map((e) => e.payload), [
    { block: 'check-1', item: 'q1', rating: 3 },
    { module: 'basics', prompt: 'why-rule', rating: 3 },
    { module: 'basics', prompt: 'name-parts', rating: 1 },
  ]);
  await click(page, 'review-done');
  assert.equal((await ui(page)).screen, 'overview');
  await page.close();

  // The HTML review page reads the same record through the same view: nothing is due now.
  await untilWriterLocksFree(browser);
  const html = await browser.newPage();
  await html.goto(new URL(`review.html?course=${COURSE}&no-sw`, browser.baseUrl).href);
  // The status reads "Loading the cards due…" from the start: wait for the page to draw the runtime's view.
  await html.waitForFunction(() => document.body.dataset.reviewed !== undefined, null, { timeout: 30000 });
  assert.equal(await html.textContent('#review-status'), 'Nothing is due for review.');
  assert.equal(await html.getAttribute('body', 'data-reviewed'), '0');
});
