// Drives the HTML player through a golden view walk (tests/golden/views/<course>.snapshot.jsonl) and checks
// each step: the page's clock is set to the step's `t`, its `send` is performed through the DOM (the
// learner's input filled into the widgets, then the button the view labels for that action clicked; a
// deadline's action is left to the player, which sends it when the time passes), and then the view the page
// holds is the snapshot's byte for byte, and the buttons it shows for the screen and the outline are
// exactly the view's actions: type, block, choice, label, primary, enabled (with the reason) and count.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './browser.mjs';

// The snapshot's steps, each with its view's text exactly as the file holds it.
export function readWalk(course) {
  const text = readFileSync(join(ROOT, `tests/golden/views/${course}.snapshot.jsonl`), 'utf8');
  return text.trimEnd().split('\n').map((line) => {
    const step = JSON.parse(line);
    const viewText = line.slice(line.indexOf(',"view":') + ',"view":'.length, -1);
    assert.deepEqual(JSON.parse(viewText), step.view, 'the snapshot line ends with its view');
    return { ...step, viewText };
  });
}

// The members of an action that say which one it is (shared with the canvas parity walk).
export const identity = (a) => ({ type: a.type, block: a.block ?? null, choice: a.choice ?? null });
export const sameAction = (a, b) => JSON.stringify(identity(a)) === JSON.stringify(identity(b));
export const byIdentity = (a, b) => JSON.stringify(identity(a)).localeCompare(JSON.stringify(identity(b)));

// What the learner must see for an action at time `now`: the view's label and primary, enabled unless
// the view says not or its availableAt has not come, and the view's reason whenever it is not enabled
// (both players are held to this).
export function expected(action, now, { primary = true } = {}) {
  const enabled = action.enabled && !(action.availableAt !== undefined && now < action.availableAt);
  return { ...identity(action), label: action.label, enabled, ...(primary ? { primary: action.primary } : {}), reason: enabled ? null : action.reason };
}

// Everything the page shows that the parity check compares, read in one evaluate.
function readScreen(page) {
  return page.evaluate(() => {
    const describe = (button, withPrimary) => {
      const enabled = button.getAttribute('aria-disabled') !== 'true' && !button.disabled;
      const reasonId = button.getAttribute('aria-describedby');
      // The reason's sentence (a countdown may follow it).
      const reason = reasonId ? document.getElementById(reasonId)?.firstChild?.textContent ?? null : null;
      return {
        type: button.dataset.action, block: button.dataset.block ?? null, choice: button.dataset.choice ?? null,
        label: (button.querySelector('.action-label') || button).textContent, enabled,
        ...(withPrimary ? { primary: button.classList.contains('primary') } : {}), reason: enabled ? null : reason,
      };
    };
    const block = document.getElementById('block');
    // Buttons in the block that are not actions may only be the player's own: hints to reveal, the
    // questions of an attempt to move between, ordering moves and loading media.
    const others = [...block.querySelectorAll('button:not([data-action])')]
      .filter((b) => !b.matches('[data-reveal=hint], .question-list button, [data-move], [data-load-media], [data-next-item]'))
      .map((b) => b.outerHTML);
    const { controller } = window.tesseraPlayer;
    return {
      // The view the page draws, and the runtime session's view as the Wasm module writes it.
      viewJson: JSON.stringify(controller.view),
      viewText: controller.session.view(controller.language),
      actions: [...block.querySelectorAll('[data-action]')].map((b) => describe(b, true)),
      outline: [...document.querySelectorAll('#outline [data-action]')].map((b) => describe(b, false)),
      others,
      page: { lang: document.documentElement.lang, dir: document.documentElement.dir },
      content: [...new Set([...document.querySelectorAll('#course-title, #block [lang], #outline [lang]')].map((e) => `${e.lang}/${e.dir}`))],
    };
  });
}

// Asserts the page shows `view` (the snapshot's, whose text is `viewText`) at time `now`: the runtime in
// the page writes the snapshot's bytes (the native walk's), the page draws that view, and its buttons are
// the view's actions.
export async function assertShows(page, view, viewText, now, where) {
  const shown = await readScreen(page);
  if (viewText !== null) {
    assert.equal(shown.viewText, viewText, `${where}: the page's runtime session writes the snapshot's view, byte for byte`);
    assert.equal(shown.viewJson, JSON.stringify(view), `${where}: the view the page draws is the snapshot's`);
  }
  assert.deepEqual(shown.actions.sort(byIdentity), view.actions.map((a) => expected(a, now)).sort(byIdentity), `${where}: the screen's buttons are the view's actions`);
  const outline = view.modules.flatMap((m) => m.blocks.map((b) => expected(b.action, now, { primary: false })));
  assert.deepEqual(shown.outline, outline, `${where}: the outline's buttons are the blocks' actions`);
  assert.deepEqual(shown.others, [], `${where}: no other buttons in the block`);
  assert.deepEqual(shown.page, view.interface, `${where}: the page is in the interface's language and direction`);
  assert.deepEqual(shown.content, [`${view.language}/${view.dir}`], `${where}: the course's text is marked with its language and direction`);
}

const attr = (value) => JSON.stringify(String(value));

// The whole CSS pixel to click, from the image's start `edge` at `scale` image pixels per CSS pixel, so the
// widget reads `wanted` (it rounds the offset): pointer events carry whole pixels, the image's edge need not.
function pixelFor(wanted, edge, scale) {
  const pixel = Math.ceil(edge + (wanted - 0.5) / scale);
  assert.ok(pixel < edge + (wanted + 0.5) / scale, `no whole pixel lands on ${wanted} at scale ${scale}`);
  return pixel;
}

// Puts the point of a hotspot item where `answer` says, by a click on the image.
async function placePoint(page, item, answer) {
  const box = await page.locator('fieldset.item .hotspot img').boundingBox();
  const width = Number(item.image.width);
  const height = Number(item.image.height);
  await page.mouse.click(pixelFor(answer.x, box.x, width / box.width), pixelFor(answer.y, box.y, height / box.height));
  const said = await page.textContent('fieldset.item .hotspot-position');
  assert.match(said, new RegExp(`x ${answer.x}, y ${answer.y} `), `the point was placed at ${answer.x}, ${answer.y}`);
}

// Moves the options of an ordering item into `answer`'s order with the Move up buttons.
async function arrange(page, answer) {
  for (let target = 0; target < answer.length; target += 1) {
    const order = await page.$$eval('fieldset.item .ordering li', (items) => items.map((li) => li.dataset.option));
    for (let at = order.indexOf(answer[target]); at > target; at -= 1) {
      await page.click(`fieldset.item .ordering button[data-move=up][data-option=${attr(answer[target])}]`);
    }
  }
}

// Fills the item's widget with `answer`, as the learner would.
async function fillItem(page, item, send) {
  const { answer } = send;
  const field = 'fieldset.item';
  switch (item.type) {
    case 'single-choice': case 'true-false': case 'likert':
      await page.check(`${field} > .choices input[data-value=${attr(JSON.stringify(answer))}]`);
      break;
    case 'multiple-response':
      for (const box of await page.$$(`${field} > .choices input[type=checkbox]`)) {
        await box.setChecked(answer.includes(JSON.parse(await box.getAttribute('data-value'))));
      }
      break;
    case 'numeric': case 'short-text': case 'free-text':
      await page.fill(`${field} input[type=text], ${field} textarea`, String(answer));
      break;
    case 'fill-blanks': {
      const inputs = await page.$$(`${field} .gap input`);
      for (let i = 0; i < inputs.length; i += 1) await inputs[i].fill(answer[i] ?? '');
      break;
    }
    case 'ordering':
      await arrange(page, answer);
      break;
    case 'matching':
      for (const [premise, target] of Object.entries(answer)) await page.selectOption(`${field} select[data-premise=${attr(premise)}]`, target);
      break;
    case 'hotspot':
      await placePoint(page, item, answer);
      break;
    default:
      throw new Error(`no way to fill an item of type ${item.type}`);
  }
  if (send.certainty !== undefined) await page.check(`${field} fieldset.certainty input[data-value=${attr(JSON.stringify(send.certainty))}]`);
  const shown = await page.$$eval('.item-form .hint-list li', (items) => items.length);
  for (let i = shown; i < (send.hintsUsed || 0); i += 1) await page.click('[data-reveal=hint]');
}

// Performs `send` (a step of the walk) on the screen of `view` through the DOM.
async function perform(page, view, send) {
  const action = view.actions.find((a) => sameAction(a, send));
  assert.ok(action, `the view offers ${JSON.stringify(identity(send))}`);
  if (send.type === 'answer') {
    const item = view.current.assessment.attempt.items.find((i) => i.id === send.item);
    await page.click(`.question-list button[data-item=${attr(item.id)}]`);
    await page.waitForSelector(`fieldset.item[data-item=${attr(item.id)}]`);
    await fillItem(page, item, send);
  }
  if (send.type === 'reflect') await page.fill('#reflection-text', send.text);
  if (send.type === 'submit-survey') {
    for (const [item, value] of Object.entries(send.answers)) await page.check(`#survey-${item}-${value}`);
  }
  let selector = `#block [data-action=${attr(send.type)}][data-block=${attr(send.block)}]`;
  if (send.choice !== undefined) selector += `[data-choice=${attr(send.choice)}]`;
  // An action waiting for its availableAt is enabled by the player's countdown once the clock is there.
  await page.waitForFunction(([s, label]) => [...document.querySelectorAll(s)].some((b) => b.textContent === label && b.getAttribute('aria-disabled') !== 'true'),
    [selector, action.label], { timeout: 5000 });
  await page.locator(selector).filter({ hasText: action.label }).first().click();
  // An action the view asks to confirm (a submission with questions unanswered): the dialog says the view's
  // words, and the walk accepts, as the record it replays did.
  if (action.confirm) {
    assert.equal(await page.textContent('dialog.confirm[open] p'), action.confirm.text);
    await page.click('dialog.confirm [data-confirm=accept]');
  }
}

// Opens the course in a fresh learner's player at the walk's first time, in the course's default language.
export async function openWalk(browser, course, language, t) {
  const page = await browser.newPage();
  await page.clock.setFixedTime(t);
  await page.goto(new URL('index.html?no-sw', browser.baseUrl).href);
  await page.evaluate((lang) => {
    localStorage.setItem('tessera.learner', `learner-${crypto.randomUUID()}`);
    localStorage.setItem('tessera.settings', JSON.stringify({ language: lang, player: 'html' }));
  }, language);
  await page.goto(new URL(`player.html?course=${course}&no-sw`, browser.baseUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  return page;
}

// A timed course opened at `start` with its first block opened (at start) and its attempt begun a second
// later, the page's clock fixed; `events(n)` waits until the record holds n events and nothing is being sent.
// Returns { page, events }.
export async function startTimedAttempt(browser, course, start) {
  const page = await openWalk(browser, course, 'en', start);
  const events = (n) => page.waitForFunction((count) => Number(document.body.dataset.events) === count && (document.body.dataset.busy || '0') === '0', n);
  await page.click('#block [data-action=open]');
  await events(1);
  await page.clock.setFixedTime(start + 1000);
  await page.click('#block [data-action=start-attempt]');
  await events(2);
  return { page, events };
}

// Walks the whole snapshot. beforeStep(index, step, page) runs before a step is performed, onStep after
// its checks (axe on chosen screens).
export async function walk(page, steps, { beforeStep = async () => {}, onStep = async () => {} } = {}) {
  let view = await page.evaluate(() => window.tesseraPlayer.controller.view);
  let now = steps[0].send.t;
  await assertShows(page, view, null, now, 'the first screen');
  for (const [index, step] of steps.entries()) {
    const where = `step ${index} (${step.switch ? `switch to ${step.switch}` : JSON.stringify(identity(step.send))})`;
    await beforeStep(index, step, page);
    if (step.switch) {
      await page.selectOption('#language-switch', step.switch);
      await page.waitForFunction((lang) => window.tesseraPlayer.controller.view.language === lang && document.documentElement.lang !== '', step.switch);
    } else {
      now = step.send.t;
      await page.clock.setFixedTime(now);
      const { t, ...send } = step.send;
      const byDeadline = view.deadlines.find((d) => d.onPass && sameAction(d.onPass, send) && t >= d.at);
      if (!byDeadline) await perform(page, view, step.send);
      await page.waitForFunction((n) => Number(document.body.dataset.events) === n && (document.body.dataset.busy || '0') === '0',
        step.view.events, { timeout: 10000 });
    }
    await assertShows(page, step.view, step.viewText, now, where);
    view = step.view;
    await onStep(index, step, page);
  }
}
