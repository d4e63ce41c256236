// Drives the canvas player in chromium the way a learner does — mouse clicks, drags, wheel scrolling and
// typing on the canvas — through a whole course, given the course folder and an answers file
// (tests/fixtures/*.answers.json). It finds widgets through the player's published UI map
// (window.tesseraPlayer.ui: screen, widgets with their rectangles), never by pixel guessing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export async function ui(page) {
  return page.evaluate(() => window.tesseraPlayer.ui);
}

async function canvasOrigin(page) {
  const box = await page.locator('#canvas').boundingBox();
  return { x: box.x, y: box.y, width: box.width, height: box.height };
}

// The widget with this id, scrolling the screen (mouse wheel) until it is on screen.
export async function find(page, id, { required = true } = {}) {
  const origin = await canvasOrigin(page);
  for (const direction of [1, -1]) {
    for (let i = 0; i < 14; i++) {
      const state = await ui(page);
      const widget = state.widgets.find((w) => w.id === id);
      if (widget && widget.y >= 60 && widget.y + widget.h <= origin.height - 4) return widget;
      // In the left margin: media elements over the canvas would take the wheel.
      await page.mouse.move(origin.x + 100, origin.y + origin.height / 2);
      await page.mouse.wheel(0, direction * (widget ? Math.sign(widget.y - origin.height / 2) * 200 : 320));
      await settle(page);
    }
  }
  if (required) throw new Error(`widget '${id}' not found on screen '${(await ui(page)).screen}'`);
  return null;
}

export async function click(page, id) {
  const widget = await find(page, id);
  const origin = await canvasOrigin(page);
  await page.mouse.click(origin.x + widget.x + Math.min(widget.w / 2, 40), origin.y + widget.y + widget.h / 2);
  await settle(page);
}

// Clicks at a point inside a widget, in fractions of its size.
export async function clickAt(page, id, fx, fy) {
  const widget = await find(page, id);
  const origin = await canvasOrigin(page);
  await page.mouse.click(origin.x + widget.x + widget.w * fx, origin.y + widget.y + widget.h * fy);
  await settle(page);
}

export async function drag(page, fromId, toId) {
  const from = await find(page, fromId);
  const to = await find(page, toId);
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
}

export async function typeInto(page, id, text) {
  await click(page, id);
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}

function pngSize(path) {
  const bytes = readFileSync(path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// Answers one item through the widgets of its type.
async function answerItem(page, courseDir, item, answer) {
  const w = `item-${item.id}`;
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
      // First by dragging the row that belongs on top there, then fix the rest with the Up buttons.
      const rowsOf = async () => (await ui(page)).widgets.filter((x) => x.id.startsWith(`${w}-row-`))
        .sort((a, b) => a.y - b.y).map((x) => x.id.slice(`${w}-row-`.length));
      await find(page, `${w}-row-${answer[0]}`);
      let rows = await rowsOf();
      if (rows[0] !== answer[0]) await drag(page, `${w}-row-${answer[0]}`, `${w}-row-${rows[0]}`);
      for (let target = 0; target < answer.length; target++) {
        rows = await rowsOf();
        let at = rows.indexOf(answer[target]);
        while (at > target) {
          await click(page, `${w}-up-${answer[target]}`);
          at -= 1;
        }
      }
      rows = await rowsOf();
      if (JSON.stringify(rows) !== JSON.stringify(answer)) throw new Error(`ordering ended as ${rows}`);
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
      const size = pngSize(join(courseDir, src));
      await clickAt(page, `${w}-image`, (answer.x + 0.5) / size.width, (answer.y + 0.5) / size.height);
      break;
    }
    default:
      throw new Error(`the driver does not know item type ${item.type}`);
  }
  await click(page, `${w}-save`);
}

// Plays the whole course from the overview; returns the screens it passed through, with a screenshot
// callback per block type (shoot(name) is called on the first lesson, quiz, scenario, …).
export async function playCourse(page, { courseDir, answers, shoot = async () => {} }) {
  const course = JSON.parse(readFileSync(join(courseDir, 'course.json'), 'utf8'));
  const items = new Map();
  for (const assessment of course.assessments || []) {
    for (const item of assessment.items || []) items.set(item.id, item);
    for (const bank of assessment.banks || []) for (const item of bank.items || []) items.set(item.id, item);
  }
  const visited = [];
  await click(page, 'continue');  // overview → the first block
  for (let step = 0; step < 200; step++) {
    const state = await ui(page);
    if (state.summary?.complete && state.screen !== 'block') break;
    if (state.screen !== 'block') {
      if (state.summary?.complete) break;
      await click(page, 'continue');
      continue;
    }
    const block = state.block;
    const type = state.blockType;
    visited.push(`${block}:${type}`);
    await shoot(type, block);
    if (type === 'assessment') {
      const given = answers.answers[block] || {};
      await click(page, 'start-attempt');
      const drawn = (await ui(page)).summary;  // the attempt is open; its items are on screen
      void drawn;
      for (const [itemId, answer] of Object.entries(given)) {
        if (!(await find(page, `item-${itemId}-save`, { required: false }))) continue;  // not drawn this attempt
        await answerItem(page, courseDir, items.get(itemId), answer);
      }
      await shoot('quiz-answered', block);
      await click(page, 'submit-attempt');
      await shoot('quiz-result', block);
    } else if (type === 'reflection') {
      await typeInto(page, 'reflection-text', answers.reflections?.[block] || 'A thought.');
      await click(page, 'save-reflection');
    } else if (type === 'survey') {
      await click(page, 'submit-survey');
    }
    const before = (await ui(page)).block;
    await click(page, 'continue');
    const after = await ui(page);
    if (after.screen === 'block' && after.block === before) throw new Error(`stuck on block ${before}: ${after.status}`);
  }
  return visited;
}
