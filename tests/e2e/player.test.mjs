// The HTML player end to end: a course completed with the keyboard only (axe-core clean on every
// screen), a summative attempt resumed at the same item after the page closed, and two tabs that stay
// consistent. Courses come from tests/e2e/fixtures; an answers file drives each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, buildTestSite, FIXTURES_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { playCourse, screen } from './lib/course-driver.mjs';
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
  assert.equal(await page.getAttribute('.item-results li[data-item="w1"]', 'data-correct'), 'true');
  assert.match(await page.textContent('.item-results li[data-item="w1"]'), /Question 1: right.*Yes: Tab moves to the next control\./);
  await page.locator('button.outline-block[data-block="exam"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.item-results li[data-item="f-hot"]');
  // After submission the graded check's results come from the view (attempt.results) as well.
  assert.equal(await page.getAttribute('.item-results li[data-item="f-hot"]', 'data-correct'), 'true');
  assert.match(await page.textContent('.item-results'), /right/);
  assert.deepEqual(await axeViolations(page), []);
  // Everything shown was stored: a reload replays to the same state.
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const replayed = await page.evaluate(() => window.tesseraPlayer.controller.view);
  assert.equal(replayed.complete, true);
  assert.equal(replayed.events, view.events + 2, 'the two re-opened blocks are the only new events');
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
  // Back to the earlier items: their answers are still filled in.
  const kept = await page.evaluate(() => {
    const { controller } = window.tesseraPlayer;
    const attempt = controller.view.current.assessment.attempt;
    return controller.answersOf('exam', attempt.number);
  });
  assert.equal(kept['f-single'].answer, 'b');
  assert.deepEqual([...kept['f-multi'].answer].sort(), ['a', 'b']);
  assert.equal(kept['f-num'].answer, '4');
  await page.keyboard.press('Shift+Tab');
  await page.getByRole('button', { name: 'Previous question' }).focus();
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
  // The follower shows the writer's progress and place, says why it cannot act, and refuses politely
  // (docs/web-app.md): the outline is disabled; the block's own Continue stays and a click stores nothing.
  const follower = await second.evaluate(() => ({
    banner: document.getElementById('follow-banner').textContent,
    progress: document.querySelector('#outline .progress-text').textContent,
    block: document.getElementById('block').dataset.block,
    enabledOutline: [...document.querySelectorAll('#outline button.outline-block')].filter((button) => !button.disabled).length,
    outline: document.querySelectorAll('#outline button.outline-block').length,
    continues: document.querySelectorAll('#block [data-action=continue]').length,
  }));
  assert.match(follower.banner, /open in another tab\. This tab follows along; close the other tab to continue here\./);
  assert.equal(follower.progress, `${a.percent}% complete`);
  assert.equal(follower.block, 'points');
  assert.equal(follower.outline, 9, 'the outline lists the nine blocks of the course');
  assert.equal(follower.enabledOutline, 0, 'no outline button is enabled in the follower');
  assert.equal(follower.continues, 1, 'the follower shows the block\'s Continue');
  await second.click('#block [data-action=continue]');
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
