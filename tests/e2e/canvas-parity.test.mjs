// The canvas player offers exactly the runtime's view: driven through the golden view walks
// (tests/golden/views, read by ./lib/view-walk.mjs) of spotting-phishing (a wrong answer, a hint, a timed-out
// scenario node, a retry after the wait, completion) and giving-feedback (reopened in French where the walk
// switches language), with the page's clock at each step's `t`. At every step the canvas holds the
// snapshot's actions, and the buttons it drew that frame (window.tesseraPlayer.widgets(), kind `button`)
// are exactly those actions — which one, label, enabled, primary look and the reason shown when disabled —
// nothing more and nothing less; the player's own widgets (navigation, questions, hints, inputs) have
// other kinds. On the overview its buttons are exactly the outline's block actions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './lib/browser.mjs';
import { readWalk, sameAction, identity } from './lib/view-walk.mjs';
import { actionWidget, click, drawnButtons, fillItem, offeredButtons, settle, typeInto, ui, untilWriterLocksFree } from './lib/canvas-driver.mjs';

let browser;
before(async () => { browser = await startBrowser(); });  // the site with the sample courses, as published
after(async () => { await browser?.close(); });

// Opens the canvas on a sample course at time `t`, in `language`, for `learner` (a fresh one by default).
async function openCanvas(course, language, t, { page: given, learner } = {}) {
  const page = given || await browser.newPage();
  await page.clock.setFixedTime(t);
  await untilWriterLocksFree(browser);
  if (learner) {
    await page.goto(new URL('index.html?no-sw', browser.baseUrl).href);
    await page.evaluate((id) => localStorage.setItem('tessera.learner', id), learner);
  }
  await page.goto(new URL(`canvas.html?course=courses/${course}/&id=${course}&lang=${language}&no-sw`, browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui && window.tesseraPlayer.ui.screen === 'overview' &&
    !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await settle(page);
  return page;
}

// Asserts the frame on screen draws the screen's actions of `view` (the snapshot's) at `now`, no other.
async function assertButtons(page, view, now, where) {
  const state = await ui(page);
  assert.equal(state.now, now, `${where}: the frame was drawn at the step's time`);
  if (state.screen === 'block') {
    assert.deepEqual(state.actions, view.actions, `${where}: the canvas holds the snapshot's actions`);
  }
  const offered = offeredButtons({ ...state, actions: view.actions, summary: { modules: view.modules } });
  assert.ok(offered.length > 0, `${where}: the screen offers something`);
  assert.deepEqual(drawnButtons(state), offered, `${where}: the buttons drawn are exactly the view's actions`);
}

// Performs `send` on the canvas's block screen through its widgets: the learner's input first (an item's
// answer, certainty and hints; a reflection's text; a survey's choices), then the action's button.
async function perform(page, view, send) {
  if (send.type === 'answer') {
    const attempt = view.current.assessment.attempt;
    const item = attempt.items.find((i) => i.id === send.item);
    await fillItem(page, null, item, send.answer);
    if (send.certainty !== undefined) await click(page, `item-${item.id}-certainty-${send.certainty}`);
    for (let i = attempt.responses?.[item.id]?.hintsUsed || 0; i < (send.hintsUsed || 0); i += 1) await click(page, `item-${item.id}-hint`);
  }
  if (send.type === 'reflect') await typeInto(page, 'reflection-text', send.text);
  if (send.type === 'submit-survey') {
    for (const [item, value] of Object.entries(send.answers)) await click(page, `survey-${item}-${value}`);
  }
  await click(page, await actionWidget(page, send));
  // An action the view asks to confirm (a submission with questions unanswered): its accept, as the walk did.
  if (view.actions.find((a) => sameAction(a, send))?.confirm) await click(page, 'confirm-accept');
}

async function walkCourse(course) {
  const steps = readWalk(course);
  const learner = `learner-canvas-${course}-${Date.now()}`;
  let now = steps[0].send.t;
  let page = await openCanvas(course, steps[0].view.language, now, { learner });
  const first = await ui(page);
  assert.deepEqual(drawnButtons(first), offeredButtons(first), 'the overview: its buttons are the outline\'s block actions');
  await click(page, 'continue');  // the overview's way to where the learner is: the player's own navigation
  let view = null;
  for (const [index, step] of steps.entries()) {
    const where = `step ${index} (${step.switch ? `switch to ${step.switch}` : JSON.stringify(identity(step.send))})`;
    if (step.switch) {
      // The canvas has no language menu: the learner reopens it in the other language, on the same record.
      await page.close();
      page = await openCanvas(course, step.switch, now);
      await click(page, 'continue');
    } else {
      now = step.send.t;
      await page.clock.setFixedTime(now);
      const { t, ...send } = step.send;
      // A deadline's action is the player's to send when the time passes (it counts down from the view).
      const byDeadline = view?.deadlines.find((d) => d.onPass && sameAction(d.onPass, send) && t >= d.at);
      if (!byDeadline) await perform(page, view ?? { actions: [] }, step.send);
    }
    await page.waitForFunction((n) => window.tesseraPlayer.ui.summary?.events === n && !window.tesseraPlayer.ui.busy,
      step.view.events, { timeout: 10000 }).catch(async (error) => {
      const state = await ui(page);
      throw new Error(`${where}: the canvas did not reach event ${step.view.events} (screen ${state.screen}, block ${state.block}, ` +
        `events ${state.summary?.events}, status "${state.status}"): ${error.message}`);
    });
    await settle(page);
    assert.equal((await ui(page)).screen, 'block', `${where}: the block screen`);
    await assertButtons(page, step.view, now, where);
    view = step.view;
  }
  // The outline at the end, on the overview.
  await click(page, 'nav-overview');
  await assertButtons(page, view, now, 'the overview at the end');
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
}

test('spotting-phishing: at every step of the golden walk the canvas draws exactly the view\'s actions as its buttons', async () => {
  await walkCourse('spotting-phishing');
});

test('giving-feedback: the same, reopened in French where the walk switches language', async () => {
  await walkCourse('giving-feedback');
});
