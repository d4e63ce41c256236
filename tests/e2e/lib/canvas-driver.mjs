// Drives the canvas player in chromium the way a learner does — mouse clicks, drags, wheel scrolling and
// typing on the canvas — through a whole course, given the course folder and an answers file
// (tests/fixtures/*.answers.json). It finds widgets through the player's published UI map
// (window.tesseraPlayer.ui: screen, widgets with their rectangles), never by pixel guessing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { identity, byIdentity, expected } from './view-walk.mjs';

// Waits until the player has handled the input and gone idle: at least `count` frames drawn since the call
// (when `count` > 0), then no new frame for 250 ms (the player draws nothing while nothing changes) and
// nothing loading.
export async function settle(page, count = 0) {
  // A fresh watch per call: the input just sent may not have reached a frame yet.
  const start = await page.evaluate(() => {
    const frames = Number(document.getElementById('canvas').dataset.framesPresented || 0);
    window.__tesseraSettle = { frames, since: performance.now() };
    return frames;
  });
  await page.waitForFunction(([first, n]) => {
    const frames = Number(document.getElementById('canvas').dataset.framesPresented || 0);
    const now = performance.now();
    const watch = window.__tesseraSettle || (window.__tesseraSettle = { frames: -1, since: now });
    if (watch.frames !== frames) {
      watch.frames = frames;
      watch.since = now;
    }
    return frames >= first + n && now - watch.since >= 250 && window.tesseraPlayer?.ui && !window.tesseraPlayer.ui.busy;
  }, [start, count], { timeout: 20000, polling: 50 });
}

// Waits until no tab holds a course's writer lock (web/js/store/sync.js), asking from a page of its own: a
// closed page lets go of its lock a moment later, and a canvas page opened before that would start as a
// follower, whose steps the store refuses ("open in another tab").
export async function untilWriterLocksFree(browser) {
  const probe = await browser.context.newPage();
  await probe.goto(new URL('courses/catalog.json', browser.baseUrl).href);
  await probe.waitForFunction(async () => !(await navigator.locks.query()).held.some((lock) => lock.name.startsWith('tessera:')),
    null, { polling: 100, timeout: 15000 });
  await probe.close();
}

export async function ui(page) {
  return page.evaluate(() => window.tesseraPlayer.ui);
}

async function canvasOrigin(page) {
  const box = await page.locator('#canvas').boundingBox();
  return { x: box.x, y: box.y, width: box.width, height: box.height };
}

// The widget with this id, scrolling the screen with the mouse wheel until it is wholly on screen: down
// until the screen stops moving, then up to the top. Several notches go between two settles (each waits for
// the software-rendered canvas to go idle, the slow part of a browser test): as many as move the screen
// half its height while searching — a widget cannot pass unseen — or as bring a seen widget to the middle.
export async function find(page, id, { required = true } = {}) {
  const origin = await canvasOrigin(page);
  let seen = null;
  let pixelsPerNotch = 0;  // measured from the first notches: the player's scroll step per wheel notch
  const trail = [];
  for (const direction of [1, -1]) {
    for (let i = 0; i < 80; i++) {
      const state = await ui(page);
      const widget = state.widgets.find((w) => w.id === id);
      if (widget) seen = widget;
      trail.push(widget ? `${Math.round(widget.y)}${widget.clipped ? 'c' : ''}` : '-');
      if (widget && !widget.clipped && widget.y >= 0 && widget.y + widget.h <= origin.height) return widget;
      if (!widget && state.scroll.y === (direction > 0 ? state.scroll.max : 0)) break;  // this end is reached
      // Towards the widget's centre when it is partly in view (the screen below the top bar is ~80 px down).
      const offset = widget ? widget.y + widget.h / 2 - (origin.height + 80) / 2 : direction * origin.height / 2;
      const wanted = pixelsPerNotch ? Math.floor(Math.abs(offset) / pixelsPerNotch) : 1;
      const notches = Math.min(Math.max(wanted, 1), 10);
      // In the left margin, clear of the media elements over the canvas (they pass the wheel on, but a
      // learner would scroll beside them too).
      await page.mouse.move(origin.x + 40, origin.y + origin.height / 2);
      for (let n = 0; n < notches; n++) await page.mouse.wheel(0, Math.sign(offset) * 100);
      await settle(page);
      // One notch that stopped short of either end is the measure.
      const { scroll } = await ui(page);
      if (notches === 1 && scroll.y > 0 && scroll.y < scroll.max) pixelsPerNotch = Math.abs(scroll.y - state.scroll.y);
    }
  }
  if (required) throw new Error(`widget '${id}' not found whole on screen '${(await ui(page)).screen}' (last seen: ${JSON.stringify(seen)}; y while scrolling: ${trail.join(' ')})`);
  return null;
}

// Called after every click while playCourse runs with an `afterEachClick` option (a check of each step).
let afterEachClick = null;

export async function click(page, id) {
  const widget = await find(page, id);
  const origin = await canvasOrigin(page);
  await page.mouse.click(origin.x + widget.x + Math.min(widget.w / 2, 40), origin.y + widget.y + widget.h / 2);
  await settle(page);
  if (afterEachClick) await afterEachClick(page, id);
}

// The buttons the player drew this frame that are actions (kind `button`; its own widgets — navigation,
// moving between questions, revealing a hint, moving an ordering row, links, inputs — have other kinds),
// each as the learner meets it: which action, label, enabled, primary look and the reason shown when not
// enabled. Sorted, to compare with offeredButtons.
export function drawnButtons(state) {
  return (state.drawn || []).filter((w) => w.kind === 'button')
    .map((w) => ({ ...identity(w.sends?.[0] ?? {}), label: w.label, enabled: w.enabled, primary: w.primary, reason: w.enabled ? null : w.reason }))
    .sort(byIdentity);
}

// What the view offers on the screen the player shows, as view-walk's expected() words it at the frame's
// time: a block's actions on the block screen, the outline's block actions on the overview, nothing else.
export function offeredButtons(state) {
  let actions = [];
  if (state.screen === 'block') actions = state.actions || [];
  if (state.screen === 'overview') actions = (state.summary?.modules || []).flatMap((m) => m.blocks.map((b) => b.action));
  return actions.map((a) => {
    const shown = expected(a, state.now);
    return { ...shown, reason: shown.enabled ? null : a.reason };
  }).sort(byIdentity);
}

// How the buttons drawn this frame differ from the view's actions for the screen; [] when exactly the same.
export function drawnActionProblems(state) {
  const drawn = drawnButtons(state).map((b) => JSON.stringify(b));
  const offered = offeredButtons(state).map((b) => JSON.stringify(b));
  const extra = drawn.filter((b, i) => drawn.indexOf(b) === i && drawn.filter((x) => x === b).length > offered.filter((x) => x === b).length);
  const missing = offered.filter((b, i) => offered.indexOf(b) === i && offered.filter((x) => x === b).length > drawn.filter((x) => x === b).length);
  return [...extra.map((b) => `drawn, not offered: ${b}`), ...missing.map((b) => `offered, not drawn: ${b}`)];
}

// The drawn button that sends `action` (type, block, choice), waiting until it is enabled (an action
// waiting for its availableAt is enabled once the player's clock is there).
export async function actionWidget(page, action, { timeout = 5000 } = {}) {
  const wanted = JSON.stringify(identity(action));
  const handle = await page.waitForFunction((key) => {
    const state = window.tesseraPlayer?.ui;
    if (!state || state.busy) return null;
    const found = (state.drawn || []).find((w) => w.kind === 'button' && w.enabled && w.sends?.[0] &&
      JSON.stringify({ type: w.sends[0].type, block: w.sends[0].block ?? null, choice: w.sends[0].choice ?? null }) === key);
    return found ? found.id : null;
  }, wanted, { timeout, polling: 50 });
  return handle.jsonValue();
}

// Clicks the screen's primary action (the step it leads to); false when there is none to click.
export async function clickPrimary(page) {
  const state = await ui(page);
  const primary = (state.drawn || []).find((w) => w.kind === 'button' && w.primary && w.enabled);
  if (!primary) return false;
  await click(page, primary.id);
  return true;
}

// Clicks at a point inside a widget, in fractions of its size.
export async function clickAt(page, id, fx, fy) {
  const widget = await find(page, id);
  const origin = await canvasOrigin(page);
  await page.mouse.click(origin.x + widget.x + widget.w * fx, origin.y + widget.y + widget.h * fy);
  await settle(page);
}

// Drags one widget onto another. Both ends must be on screen at once, read after the last scroll (scrolling to
// one end moves the other); when they are not, `onlyIfOnScreen` returns false instead of failing.
export async function drag(page, fromId, toId, { onlyIfOnScreen = false } = {}) {
  await find(page, fromId);
  await find(page, toId);
  const state = await ui(page);
  const from = state.widgets.find((w) => w.id === fromId && !w.clipped);
  const to = state.widgets.find((w) => w.id === toId && !w.clipped);
  if ((!from || !to) && onlyIfOnScreen) return false;
  if (!from || !to) throw new Error(`drag: '${fromId}' and '${toId}' are not on screen together`);
  const origin = await canvasOrigin(page);
  await page.mouse.move(origin.x + from.x + from.w / 2, origin.y + from.y + from.h / 2);
  await page.mouse.down();
  await settle(page);
  for (let step = 1; step <= 6; step++) {
    await page.mouse.move(origin.x + from.x + from.w / 2 + ((to.x + to.w / 2) - (from.x + from.w / 2)) * step / 6,
      origin.y + from.y + from.h / 2 + ((to.y + to.h / 2) - (from.y + from.h / 2)) * step / 6);
    await settle(page);
  }
  await page.mouse.up();
  await settle(page);
  return true;
}

// Presses Tab (Shift+Tab when `backwards`) until the widget with this id has the keyboard focus; returns
// the ids focused on the way.
export async function tabTo(page, id, { backwards = false, max = 60 } = {}) {
  const passed = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    await settle(page);
    const focused = (await ui(page)).widgets.find((w) => w.focused);
    passed.push(focused?.id ?? null);
    if (focused?.id === id) return passed;
  }
  throw new Error(`keyboard: Tab never reached '${id}' (passed ${passed.join(', ')})`);
}

// Types into a text field reached with Tab (focusing a text field with Tab starts text entry).
export async function tabAndType(page, id, text) {
  await tabTo(page, id);
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}

export async function typeInto(page, id, text) {
  await click(page, id);
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}

// The natural size of a PNG (its IHDR) or an SVG (its width and height, else its viewBox), in the pixels
// hotspot answers are given in.
function imageSize(path) {
  const bytes = readFileSync(path);
  if (bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  const svg = bytes.toString('utf8').match(/<svg\b[^>]*>/)?.[0] || '';
  const attribute = (name) => Number(svg.match(new RegExp(`\\s${name}="([\\d.]+)`))?.[1]);
  const box = (svg.match(/viewBox="([^"]+)"/)?.[1] || '').trim().split(/[\s,]+/).map(Number);
  const size = { width: attribute('width') || box[2], height: attribute('height') || box[3] };
  if (!(size.width > 0 && size.height > 0)) throw new Error(`${path}: no image size found`);
  return size;
}

// Fills one item's widgets with `answer`, as a learner would (the question shown first).
export async function fillItem(page, courseDir, item, answer) {
  const w = `item-${item.id}`;
  const question = (await ui(page)).drawn.find((x) => x.id === `question-${item.id}`);
  if (question?.enabled) await click(page, question.id);
  switch (item.type) {
    case 'single-choice': case 'likert':
      await click(page, `${w}-${answer}`);
      break;
    case 'multiple-response':
      for (const choice of answer) await click(page, `${w}-${choice}`);
      break;
    case 'true-false':
      await click(page, `${w}-${answer}`);
      break;
    case 'numeric': case 'short-text': case 'free-text': case 'reflection':
      await typeInto(page, `${w}-text`, String(answer));
      break;
    case 'fill-blanks':
      for (let g = 0; g < answer.length; g++) {
        if (answer[g] !== null) await typeInto(page, `${w}-gap-${g}`, answer[g]);
      }
      break;
    case 'ordering': {
      // Each row's label starts with its position ("2.  text"), so a row is read where it stands, after
      // scrolling to it — rows below the fold count too. First a drag puts the top row in place when both
      // are on screen; the Up buttons do the rest, one row at a time, reading the position after each click.
      const row = (id) => `${w}-row-${id}`;
      const positionOf = async (id) => {
        const widget = await find(page, row(id));
        const position = Number.parseInt(widget.label, 10);
        if (!(position >= 1)) throw new Error(`ordering row '${id}' shows no position: '${widget.label}'`);
        return position - 1;
      };
      if (await positionOf(answer[0]) !== 0) {
        const top = (await ui(page)).widgets.find((x) => x.id.startsWith(`${w}-row-`) && Number.parseInt(x.label, 10) === 1);
        if (top) await drag(page, row(answer[0]), top.id, { onlyIfOnScreen: true });
      }
      for (let target = 0; target < answer.length; target++) {
        for (let clicks = 0; clicks <= answer.length; clicks++) {
          if (await positionOf(answer[target]) <= target) break;
          await click(page, `${w}-up-${answer[target]}`);
        }
      }
      const order = [];
      for (const id of answer) order[await positionOf(id)] = id;
      if (JSON.stringify(order) !== JSON.stringify(answer)) throw new Error(`ordering ended as ${order}`);
      break;
    }
    case 'matching': {
      // The first pair by dragging its target onto the premise; the others with the keyboard-friendly list.
      const pairs = Object.entries(answer);
      for (let i = 0; i < pairs.length; i++) {
        const [premise, target] = pairs[i];
        if (i === 0) {
          await drag(page, `${w}-target-${target}`, `${w}-premise-${premise}`);
        } else {
          await click(page, `${w}-premise-${premise}`);
          await click(page, `${w}-option-${premise}-${target}`);
        }
      }
      break;
    }
    case 'hotspot': {
      const src = typeof item.image === 'string' ? item.image : item.image.src;
      const size = item.image?.width ? item.image : imageSize(join(courseDir, src));
      await clickAt(page, `${w}-image`, (answer.x + 0.5) / size.width, (answer.y + 0.5) / size.height);
      break;
    }
    default:
      throw new Error(`the driver does not know item type ${item.type}`);
  }
}

// Answers one item: its widgets filled, then the view's answer action.
async function answerItem(page, courseDir, item, answer) {
  await fillItem(page, courseDir, item, answer);
  await click(page, 'answer');
}

// The answers file in either shape: { answers: {blockId: {itemId: answer}} } (tests/fixtures/*.answers.json)
// or the sample courses' key { assessments: {assessmentId: {itemId: answer}}, scenarios: {scenarioId:
// {path: [{node, choice}]}} } (tests/e2e/fixtures/answers/). Returns answers by block id and the choice to
// take on each scenario node, by scenario id.
export function answerKey(course, answers) {
  const byBlock = { ...(answers.answers || {}) };
  for (const module of course.modules) {
    for (const block of module.blocks) {
      if (block.type === 'assessment' && answers.assessments?.[block.assessment]) byBlock[block.id] = answers.assessments[block.assessment];
    }
  }
  const choices = {};
  for (const [scenario, spec] of Object.entries(answers.scenarios || {})) {
    choices[scenario] = Object.fromEntries((spec.path || []).map((step) => [step.node, step.choice]));
  }
  return { byBlock, choices, reflections: answers.reflections || {} };
}

// Plays a scenario block along the key's path: the keyed choice on a decision node, Continue on a
// narrative one, until the run ends. Returns the nodes passed, as "node/choice".
async function playScenario(page, choices, shoot) {
  const taken = [];
  for (let step = 0; step < 60; step++) {
    const state = await ui(page);
    if (!state.scenario) throw new Error(`scenario block ${state.block} shows no scenario`);
    if (state.scenario.ended) return taken;
    const choice = choices[state.scenario.id]?.[state.scenario.node];
    if (choice) {
      await shoot('scenario-node', state.block);
      await click(page, `choice-${choice}`);
      taken.push(`${state.scenario.node}/${choice}`);
    } else if (state.widgets.some((w) => w.id === 'scenario-continue') || await find(page, 'scenario-continue', { required: false })) {
      await click(page, 'scenario-continue');
      taken.push(`${state.scenario.node}/continue`);
    } else {
      throw new Error(`scenario ${state.scenario.id}: no keyed choice on node ${state.scenario.node} and no Continue`);
    }
    const after = await ui(page);
    if (after.scenario && after.scenario.node === state.scenario.node && !after.scenario.ended) {
      throw new Error(`scenario ${state.scenario.id}: node ${state.scenario.node} did not move on: ${after.status}`);
    }
  }
  throw new Error('scenario: no ending within 60 steps');
}

// Plays the whole course from the overview; returns the screens it passed through (and the scenario
// choices taken), with a screenshot callback per block type (shoot(kind, block) is called on each lesson,
// quiz, scenario… block; the caller keeps the first of each kind), afterClick(page, id) after every click,
// and onFailure(error) before it throws.
export async function playCourse(page, { onFailure = async () => {}, afterClick = null, ...options }) {
  afterEachClick = afterClick;
  try {
    return await playWholeCourse(page, options);
  } catch (error) {
    await onFailure(error);
    throw error;
  } finally {
    afterEachClick = null;
  }
}

async function playWholeCourse(page, { courseDir, answers, shoot = async () => {} }) {
  const course = JSON.parse(readFileSync(join(courseDir, 'course.json'), 'utf8'));
  const key = answerKey(course, answers);
  const items = new Map();
  for (const assessment of course.assessments || []) {
    for (const item of assessment.items || []) items.set(item.id, item);
    for (const bank of assessment.banks || []) for (const item of bank.items || []) items.set(item.id, item);
  }
  const visited = [];
  const taken = [];
  await click(page, 'continue');  // overview → where the learner is
  for (let step = 0; step < 300; step++) {
    const state = await ui(page);
    if (state.screen !== 'block') {
      if (state.summary?.complete) break;
      await click(page, 'continue');
      continue;
    }
    const block = state.block;
    const type = state.blockType;
    const status = state.summary.modules.flatMap((m) => m.blocks).find((b) => b.id === block)?.status;
    if (status === 'new') {
      await click(page, await actionWidget(page, { type: 'open', block }));  // the view's way in
      continue;
    }
    visited.push(`${block}:${type}`);
    await shoot(type, block);
    if (type === 'assessment') {
      const given = key.byBlock[block] || {};
      if (!state.attempt || state.attempt.submitted) await click(page, 'start-attempt');
      const drawn = (await ui(page)).attempt?.items || [];
      if (!drawn.length) throw new Error(`assessment ${block}: no attempt items on screen`);
      for (const itemId of drawn) {
        if (given[itemId] === undefined) throw new Error(`the answers have none for item ${itemId} of ${block}`);
        await answerItem(page, courseDir, items.get(itemId), given[itemId]);
      }
      await shoot('quiz-answered', block);
      await click(page, 'submit-attempt');
      // An item the answers leave empty makes the view ask before submitting; the answers meant it.
      if (await find(page, 'confirm-accept', { required: false })) await click(page, 'confirm-accept');
      await shoot('quiz-result', block);
    } else if (type === 'scenario') {
      taken.push(...await playScenario(page, key.choices, shoot));
      await shoot('scenario-ending', block);
    } else if (type === 'reflection') {
      await tabAndType(page, 'reflection-text', key.reflections[block] || 'A thought.');  // keyboard only
      await click(page, 'save-reflection');
    } else if (type === 'survey') {
      if (await find(page, 'submit-survey', { required: false })) await click(page, 'submit-survey');
    }
    // Mark as done where the view offers it, then on to the next block.
    const enabled = async (id) => (await ui(page)).drawn.some((d) => d.id === id && d.enabled);  // drawn, if scrolled away
    if (await enabled('complete')) await click(page, 'complete');
    if (!(await enabled('next'))) {
      if ((await ui(page)).summary?.complete) break;
      throw new Error(`stuck on block ${block}: no Next to take (${(await ui(page)).status}; actions ${JSON.stringify((await ui(page)).actions)})`);
    }
    await click(page, 'next');
    const after = await ui(page);
    if (after.block === block) throw new Error(`stuck on block ${block}: ${after.status}`);
  }
  visited.taken = taken;
  return visited;
}
