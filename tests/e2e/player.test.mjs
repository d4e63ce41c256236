// The HTML player end to end: a course completed with the keyboard only (axe-core clean on every
// screen), a summative attempt resumed at the same item after the page closed, two tabs that stay
// consistent, a tab whose write fails because another took the course over, the scores a learner is shown
// under certainty-based and negative marking, and hints with their cost. Courses come from
// tests/e2e/fixtures; an answers file drives each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, buildTestSite, FIXTURES_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { activate, actionButton, playCourse, screen } from './lib/course-driver.mjs';
import { axeViolations } from './lib/axe.mjs';

const answers = JSON.parse(readFileSync(join(FIXTURES_DIR, 'answers/keyboard-course.json'), 'utf8'));
let browser;
let site;
before(async () => {
  site = buildTestSite();
  browser = await startBrowser({ site });
});
after(async () => { await browser?.close(); });

async function openPlayer(course, query = '') {
  const page = await browser.newPage();
  await page.goto(new URL(`player.html?course=${course}${query}`, browser.baseUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  return page;
}

async function freshLearner(page) {
  // A new learner id per test, so tests sharing the browser profile do not share records.
  await page.evaluate(() => localStorage.setItem('tessera.learner', `learner-${crypto.randomUUID()}`));
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
}

test('a course is completed end to end with the keyboard only, and every screen is axe-core clean', async () => {
  const page = await openPlayer('keyboard-course');
  await freshLearner(page);
  const seen = new Set();
  const violations = [];
  const last = await playCourse(page, answers, {
    onScreen: async (now) => {
      const key = `${now.type}:${now.actions.join(',')}:${now.item ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      for (const v of await axeViolations(page)) violations.push(`[${now.block} ${now.item ?? ''}] ${v}`);
      if (now.item === 'f-hot' || now.item === 'f-order') {
        writeFileSync(join(ARTIFACTS_DIR, `player-${now.item}.png`), await page.screenshot({ fullPage: true }));
      }
    },
  });
  writeFileSync(join(ARTIFACTS_DIR, 'player-complete.png'), await page.screenshot({ fullPage: true }));
  assert.equal(last.complete, true);
  const view = await page.evaluate(() => window.tesseraPlayer.controller.view);
  assert.equal(view.complete, true);
  assert.equal(view.progress.percent, 100);
  const final = view.attempts.exam.at(-1);
  assert.equal(final.passed, true, `final attempt ${final.score}/${final.max}`);
  assert.equal(final.score, final.max, 'every scored item was answered right by keyboard');
  assert.deepEqual(violations, []);
  assert.ok(seen.size >= 15, `only ${seen.size} distinct screens were checked`);
  assert.deepEqual(page.unexpectedErrors(), []);
  // Feedback per item from the view: a practice check at once, the graded check after submission.
  await page.locator('button.outline-block[data-block="warmup"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.item-results li[data-item="w1"]');
  assert.equal(await page.getAttribute('.item-results li[data-item="w1"]', 'data-verdict'), 'right');
  assert.equal(await page.textContent('.item-results li[data-item="w1"]'), 'Question 1 of 1: Right (1 of 1 mark)Yes: Tab moves to the next control.');
  await page.locator('button.outline-block[data-block="exam"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.item-results li[data-item="f-hot"]');
  // After submission the graded check's results come from the view (attempt.results) as well.
  assert.equal(await page.getAttribute('.item-results li[data-item="f-hot"]', 'data-verdict'), 'right');
  assert.match(await page.textContent('.item-results li[data-item="f-hot"]'), /^Question 9 of 11: Right/);
  assert.deepEqual(await axeViolations(page), []);
  // Everything shown was stored: a reload replays to the same state.
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const replayed = await page.evaluate(() => window.tesseraPlayer.controller.view);
  assert.equal(replayed.complete, true);
  assert.equal(replayed.events, view.events + 2, 'the two re-opened blocks are the only new events');
  await page.close();
});

test('a wrong answer in a practice check teaches on the same screen: the question, the answer given, the right one', async () => {
  const page = await openPlayer('keyboard-course');
  await freshLearner(page);
  const wrongFirst = { ...answers, items: { ...answers.items, w1: { choose: ['Escape'] } } };
  const now = await playCourse(page, wrongFirst, { stop: (s) => s.item === 'w1' && s.itemAnswered });
  assert.equal(now.item, 'w1', 'the player stays on the question just answered');
  const result = page.locator('.immediate-results .item-result[data-item="w1"]');
  assert.equal(await result.getAttribute('data-verdict'), 'wrong');
  // The question stays on screen just above its result (not repeated inside it).
  assert.equal(await page.textContent('fieldset.item[data-item="w1"] legend.item-prompt'), 'Which key moves to the next control?');
  assert.equal(await result.locator('.item-question').count(), 0);
  assert.equal(await result.locator('[data-answer=yours]').textContent(), 'Your answer: Escape');
  assert.equal(await result.locator('[data-answer=right]').textContent(), 'The right answer: Tab');
  assert.equal(await page.getAttribute('fieldset.item', 'data-item'), 'w1', 'the question stays beside its result');
  assert.deepEqual(await axeViolations(page), []);
  await page.setViewportSize({ width: 390, height: 844 });
  writeFileSync(join(ARTIFACTS_DIR, 'player-feedback-phone.png'), await page.screenshot({ fullPage: true }));
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll on a phone');
  await page.close();
});

test('closing the page mid-way through a summative attempt resumes at the same item with the answers kept', async () => {
  let page = await openPlayer('keyboard-course');
  await freshLearner(page);
  await playCourse(page, answers, { stop: (now) => now.item === 'f-order' });
  const before = await screen(page);
  await page.close();
  page = await openPlayer('keyboard-course');
  const after = await screen(page);
  assert.equal(after.block, 'exam');
  assert.equal(after.item, 'f-order');
  assert.equal(after.itemIndex, before.itemIndex);
  // Back to the earlier items: their answers are still filled in (the view's attempt.responses).
  const kept = await page.evaluate(() => window.tesseraPlayer.controller.view.current.assessment.attempt.responses);
  assert.equal(kept['f-single'].answer, 'b');
  assert.deepEqual([...kept['f-multi'].answer].sort(), ['a', 'b']);
  assert.equal(kept['f-num'].answer, '4');
  await page.locator('.question-list button[data-item="f-gaps"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('fieldset.item')?.dataset.item === 'f-gaps');
  const gaps = await page.$$eval('fieldset.item input[type=text]', (inputs) => inputs.map((i) => i.value));
  assert.deepEqual(gaps, ['tab', 'shift']);
  // And the attempt can be finished from here.
  const last = await playCourse(page, answers);
  assert.equal(last.complete, true);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('two tabs on one course stay consistent: one writes, the other follows and takes over when it closes', async () => {
  const first = await openPlayer('keyboard-course');
  await freshLearner(first);
  const second = await openPlayer('keyboard-course');
  assert.equal(await second.isVisible('#follow-banner'), true, 'the second tab says it follows');
  assert.equal(await first.isVisible('#follow-banner'), false);
  await playCourse(first, answers, { stop: (now) => now.block === 'points' });
  const events = await first.evaluate(() => window.tesseraPlayer.controller.view.events);
  await second.waitForFunction((n) => Number(document.body.dataset.events) === n, events, { timeout: 10000 });
  const [a, b] = await Promise.all([first, second].map((p) => p.evaluate(() => {
    const { view } = window.tesseraPlayer.controller;
    return { position: view.position, percent: view.progress.percent, events: view.events };
  })));
  assert.deepEqual(b, a);
  // The follower shows the writer's progress, place and actions (the view's), says why it cannot act, and
  // refuses politely (docs/web-app.md): a click stores nothing.
  const follower = await second.evaluate(() => ({
    banner: document.getElementById('follow-banner').textContent,
    progress: document.querySelector('#outline .progress-text').textContent,
    block: document.getElementById('block').dataset.block,
    enabledOutline: [...document.querySelectorAll('#outline button.outline-block')].filter((button) => button.getAttribute('aria-disabled') !== 'true').length,
    outline: document.querySelectorAll('#outline button.outline-block').length,
    completes: document.querySelectorAll('#block [data-action=complete]').length,
  }));
  assert.match(follower.banner, /open in another tab\. This tab follows along; close the other tab to continue here\./);
  assert.equal(follower.progress, `${a.percent}% complete`);
  assert.equal(follower.block, 'points');
  assert.equal(follower.outline, 9, 'the outline lists the nine blocks of the course');
  assert.equal(follower.enabledOutline, 4, 'the first module\'s four blocks are open, the locked modules\' five are not');
  assert.equal(follower.completes, 1, 'the follower shows the block\'s Mark as done');
  await second.click('#block [data-action=complete]');
  await second.waitForFunction(() => document.getElementById('player-problems').textContent !== '', null, { timeout: 10000 });
  assert.equal(await second.textContent('#player-problems'),
    'This course is open in another tab. Continue there, or close that tab to continue here.');
  assert.equal(await second.evaluate(() => document.getElementById('block').dataset.block), 'points');
  assert.equal(await second.evaluate(() => window.tesseraPlayer.controller.view.events), events, 'the refused click stored nothing');
  assert.equal(await first.evaluate(() => window.tesseraPlayer.controller.view.events), events);
  await first.close();
  await second.waitForFunction(() => window.tesseraPlayer.controller.writer === true, null, { timeout: 10000 });
  assert.equal(await second.isVisible('#follow-banner'), false);
  const last = await playCourse(second, answers, { stop: (now) => now.block === 'story' });
  assert.equal(last.block, 'story');
  assert.deepEqual(second.unexpectedErrors(), []);
  await second.close();
});

test('certainty-based and negative marking: the scores the learner is shown are the hand-worked ones', async () => {
  // tests/e2e/fixtures/site/courses/marking-course, by the rules of docs/scoring.md (CBM right 1/2/3,
  // wrong 0/−2/−6, partial credit f interpolated; negative marking −p per wrong part):
  //   cbm-right    Tab, very sure (3): right → 3 of 3
  //   cbm-wrong    False, fairly sure (2), weight 2: wrong → −2 × 2 = −4 of 6
  //   cbm-partial  {Enter} of Enter+Space, every-decision: 3 of 4 decisions right, f = 3/4; very sure:
  //                −6 + (3 − (−6)) × 3/4 = 3/4 of 3
  //   neg-wrong    Home, negative marking 1/4: −1/4 of 1
  //   neg-partial  {Up, Page Up}, every-decision, p = 1/2: (2 − 1/2 × 2) / 4 = 1/4 of 1
  //   neg-skipped  no answer, negative marking 1: 0 of 1 (omissions are never penalised)
  //   hinted       Menu, no hint asked for: 1 of 1
  //   attempt      3 − 4 + 3/4 − 1/4 + 1/4 + 0 + 1 = 3/4 of 16; pass mark 1/2 × 16 = 8: not passed
  const marking = JSON.parse(readFileSync(join(FIXTURES_DIR, 'answers/marking-course.json'), 'utf8'));
  const page = await openPlayer('marking-course');
  await freshLearner(page);
  const certaintyShown = {};
  let hintedText = '';
  let hintOffer = '';
  await playCourse(page, marking, {
    stop: (now) => Boolean(now.item) && now.itemAnswered && !now.unanswered.length,
    onScreen: async (now) => {
      if (!now.item) return;
      certaintyShown[now.item] = await page.evaluate(() => Boolean(document.querySelector('fieldset.item fieldset.certainty')));
      if (now.item === 'hinted') {
        hintedText = await page.textContent('form.item-form');
        hintOffer = await page.textContent('[data-reveal=hint]');
      }
    },
  });
  assert.deepEqual(certaintyShown, {
    'cbm-right': true, 'cbm-wrong': true, 'cbm-partial': true, 'neg-wrong': false, 'neg-partial': false, 'neg-skipped': false, hinted: false,
  });
  assert.doesNotMatch(hintedText, /right Ctrl|Its name says/, 'no hint is shown before the learner asks');
  assert.equal(hintOffer, 'Show a hint (costs 25% of this question\'s marks)');
  // One question is left unanswered: submitting asks first, in a dialog that is axe-clean; Escape answers
  // "back to the questions" and sends nothing; accepting submits.
  await activate(page, actionButton('submit-attempt'));
  await page.waitForSelector('dialog.confirm[open]');
  assert.equal(await page.textContent('dialog.confirm p'), '1 of 7 questions has no answer: it scores nothing. Submit anyway?');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.confirm), 'cancel', 'the safer answer has focus');
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('dialog.confirm').count(), 0);
  assert.equal(await page.evaluate(() => window.tesseraPlayer.controller.view.current.assessment.attempt.submitted), false);
  await activate(page, actionButton('submit-attempt'));
  await activate(page, 'dialog.confirm [data-confirm=accept]');
  await page.waitForSelector('[data-result=score]');
  // The exact scores are the runtime's (the view's fractions); the page shows them as the view words them,
  // rounded to hundredths: 3/4 → 0.75, −1/4 → −0.25.
  const exact = await page.evaluate(() => {
    const attempt = window.tesseraPlayer.controller.view.current.assessment.attempt;
    return { score: attempt.score, items: Object.fromEntries(Object.entries(attempt.results).map(([id, r]) => [id, r.score])) };
  });
  assert.deepEqual(exact, { score: '3/4', items: { 'cbm-right': '3', 'cbm-wrong': '-4', 'cbm-partial': '3/4', 'neg-wrong': '-1/4', 'neg-partial': '1/4', 'neg-skipped': '0', hinted: '1' } });
  assert.equal(await page.textContent('#result-heading'), 'Not passed yet');
  assert.equal(await page.textContent('[data-result=score]'), 'Your score: 0.75 of 16');
  const rows = await page.$$eval('.item-results > li', (items) => items.map((li) => [li.dataset.item, li.textContent]));
  assert.deepEqual(rows, [
    ['cbm-right', 'Question 1 of 7: Right (3 of 3 marks)'],
    // Not right: the question, then the answer given (no right answer: another attempt is left).
    ['cbm-wrong', 'Question 2 of 7: Not right (-4 of 6 marks)Shift+Tab moves focus backwards.Your answer: False'],
    ['cbm-partial', 'Question 3 of 7: Partly right (0.75 of 3 marks)Which keys press a focused button?Your answer: Enter'],
    ['neg-wrong', 'Question 4 of 7: Not right (-0.25 of 1 mark)Which key closes most dialogs?Your answer: Home'],
    ['neg-partial', 'Question 5 of 7: Partly right (0.25 of 1 mark)Which of these are arrow keys?Your answer: UpPage Up'],
    ['neg-skipped', 'Question 6 of 7: Not answered (0 of 1 mark)Which key goes to the start of a line?'],
    ['hinted', 'Question 7 of 7: Right (1 of 1 mark)'],
  ]);
  // What was stored is what was chosen: the certainty with each CBM answer, no hints used anywhere.
  const responses = await page.evaluate(() => Object.fromEntries(window.tesseraPlayer.controller.events
    .filter((e) => e.type === 'answer.submitted').map((e) => [e.payload.item, e.payload.response])));
  assert.deepEqual(responses['cbm-wrong'], { answer: false, certainty: 2 });
  assert.deepEqual(responses['cbm-partial'], { answer: ['enter'], certainty: 3 });
  assert.equal(Object.values(responses).some((r) => 'hintsUsed' in r), false);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('hints in the HTML player: each offered with its cost, read out when shown, and the answer marked down by them', async () => {
  // tests/e2e/fixtures/site/courses/marking-course, item "hinted" (1 mark): hints of penalty 1/4 and 1/3.
  // Both shown, then Menu (right): 1 × (1 − 1/4 − 1/3) = 5/12 of 1. The attempt, otherwise as in the
  // marking test above: 3 − 4 + 3/4 − 1/4 + 1/4 + 0 + 5/12 = 1/6 of 16, not passed.
  const marking = JSON.parse(readFileSync(join(FIXTURES_DIR, 'answers/marking-course.json'), 'utf8'));
  const page = await openPlayer('marking-course');
  await freshLearner(page);
  const seen = {};
  const state = () => page.evaluate(() => ({
    offer: document.querySelector('[data-reveal=hint]:not([hidden])')?.textContent ?? null,
    hints: [...document.querySelectorAll('.hints-shown[aria-live=polite] li')].map((li) => li.textContent),
    focused: document.activeElement?.matches('[data-reveal=hint]') ? 'offer' : document.activeElement?.dataset.hint ?? null,
  }));
  await playCourse(page, marking, {
    stop: (now) => Boolean(now.item) && now.itemAnswered && !now.unanswered.length,
    onScreen: async (now) => {
      if (now.item !== 'hinted' || seen.before) return;
      seen.before = await state();
      await activate(page, '[data-reveal=hint]');
      seen.first = await state();
      seen.firstAxe = await axeViolations(page);
      await page.keyboard.press('Enter');  // focus stayed on the offer, now for the second hint
      seen.second = await state();
    },
  });
  assert.deepEqual(seen.before, { offer: 'Show a hint (costs 25% of this question\'s marks)', hints: [], focused: null });
  assert.deepEqual(seen.first, {
    offer: 'Show a hint (costs 33% of this question\'s marks)',
    hints: ['Hint 1 of 2: It is next to the right Ctrl key.'],
    focused: 'offer',
  });
  assert.deepEqual(seen.firstAxe, []);
  assert.deepEqual(seen.second, {
    offer: null,
    hints: ['Hint 1 of 2: It is next to the right Ctrl key.', 'Hint 2 of 2: Its name says what it opens.'],
    focused: '2',
  }, 'no third hint is offered; focus moves to the last hint');
  await activate(page, actionButton('submit-attempt'));
  await activate(page, 'dialog.confirm [data-confirm=accept]');  // the six questions left unanswered
  await page.waitForSelector('[data-result=score]');
  // 5/12 and 1/6 exactly in the view; shown rounded to hundredths as the view words them.
  assert.deepEqual(await page.evaluate(() => {
    const attempt = window.tesseraPlayer.controller.view.current.assessment.attempt;
    return [attempt.results.hinted.score, attempt.score];
  }), ['5/12', '1/6']);
  assert.equal(await page.textContent('.item-results li[data-item="hinted"]'), 'Question 7 of 7: Right (0.42 of 1 mark)');
  assert.equal(await page.textContent('[data-result=score]'), 'Your score: 0.17 of 16');
  const stored = await page.evaluate(() => window.tesseraPlayer.controller.events
    .find((e) => e.type === 'answer.submitted' && e.payload.item === 'hinted').payload.response);
  assert.deepEqual(stored, { answer: 'menu', hintsUsed: 2 });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('a second tab that takes the writer lock over: this tab\'s write fails, its screen and session stay, it says why and follows', async () => {
  const first = await openPlayer('keyboard-course');
  await freshLearner(first);
  await playCourse(first, answers, { stop: (now) => now.block === 'map' && now.actions.includes('complete') });
  const before = await screen(first);
  // The second tab takes the lock from the first (Web Locks `steal`), so it writes while the first still
  // believes it does: it stores the next step, seq N + 1.
  const second = await browser.newPage();
  await second.addInitScript(() => {
    const request = navigator.locks.request.bind(navigator.locks);
    navigator.locks.request = (name, options, callback) => request(name, options.ifAvailable ? { steal: true } : options, callback);
  });
  await second.goto(new URL('player.html?course=keyboard-course', browser.baseUrl).href);
  await second.waitForFunction(() => document.body.dataset.ready === 'true' && window.tesseraPlayer.controller.writer, null, { timeout: 30000 });
  await activate(second, actionButton('complete'));
  await second.waitForFunction((n) => Number(document.body.dataset.events) === n + 1, before.events, { timeout: 10000 });
  await activate(second, '#block [data-action=open].primary');
  await second.waitForFunction((n) => Number(document.body.dataset.events) === n + 2, before.events, { timeout: 10000 });
  // The first tab's Mark as done proposes seq N + 1 too; the store refuses it.
  await activate(first, actionButton('complete'));
  const banner = first.locator('#storage-problem');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('data-kind'), 'conflict');
  assert.match(await banner.textContent(), /Your last step here was not saved: this course was continued in another tab\./);
  const after = await screen(first);
  assert.equal(after.block, 'map', 'the step that was not stored is not shown');
  assert.equal(after.events, before.events);
  const session = await first.evaluate(() => {
    const { controller } = window.tesseraPlayer;
    return { events: JSON.parse(controller.session.view('en')).events, writer: controller.writer };
  });
  assert.deepEqual(session, { events: before.events, writer: false }, 'the runtime session did not move, and this tab stopped writing');
  assert.equal(await first.isVisible('#follow-banner'), true);
  assert.deepEqual(await axeViolations(first), []);
  // It follows the tab that writes now, and writes again once that tab closes, after the other's steps.
  await second.close();
  await first.waitForFunction(() => window.tesseraPlayer.controller.writer === true, null, { timeout: 10000 });
  await first.waitForFunction((n) => Number(document.body.dataset.events) === n + 2, before.events, { timeout: 10000 });
  assert.equal((await screen(first)).block, 'tour');
  // Its own next steps (tour marked as done, Next to points) store seq N + 3 and N + 4 after the other tab's two.
  await playCourse(first, answers, { stop: (now) => now.block === 'points' });
  // One record with no gap and no fork: it replays whole.
  await first.reload();
  await first.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  const replayed = await first.evaluate(() => ({
    seqs: window.tesseraPlayer.controller.events.map((e) => e.seq), problems: window.tesseraPlayer.controller.problems,
  }));
  assert.deepEqual(replayed, { seqs: Array.from({ length: before.events + 4 }, (_, i) => i + 1), problems: [] });
  assert.deepEqual(first.unexpectedErrors(), []);
  await first.close();
});
