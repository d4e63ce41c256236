// Both players on a 390 × 844 phone and a 1280 px desktop (issue 27, "Player, phone first"): in the HTML player
// the lesson is on the first screen and the outline one tap away (open, close, Escape), readings are headed by
// their own titles, nothing scrolls sideways at 320 px, axe-core is clean; a first open welcomes the learner
// with the facts of the course as course.json states them, in both players; the canvas page keeps one compact
// header. Screenshots of each at 390 and 1280 px go to build/test-artifacts/phone-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, ARTIFACTS_DIR, ROOT } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { settle, ui, untilWriterLocksFree } from './lib/canvas-driver.mjs';

const ID = 'spotting-phishing';
const COURSE = JSON.parse(readFileSync(join(ROOT, 'content', ID, 'course.json'), 'utf8'));
// A course text in English, the language these tests play in (the sample courses carry several).
const en = (text) => (text !== null && typeof text === 'object' ? text.en : text);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

// The facts a welcome must state, read from course.json (not from the view).
const practiceChecks = COURSE.assessments.filter((a) => a.kind === 'formative').length;
const final = COURSE.assessments.find((a) => a.id === COURSE.completion.mustPass[0]);
const FACTS = [
  `${COURSE.modules.length} modules`,
  `${COURSE.estimatedMinutes} minutes`,
  `The ${practiceChecks} practice checks`,
  'do not count',
  `${Math.round(final.passMark * 100)}% or more`,
  `${final.maxAttempts} attempts`,
  en(COURSE.credential.name),
  `valid for ${COURSE.credential.validityMonths} months`,
];

let browser;
before(async () => { browser = await startBrowser(); });  // the site with the sample courses, as published
after(async () => { await browser?.close(); });

// A new learner on a fresh page of `size`, so nothing is done yet: a first open.
async function freshPage(size) {
  const page = await browser.newPage();
  await page.setViewportSize(size);
  await untilWriterLocksFree(browser);
  await page.goto(new URL('index.html?no-sw', browser.baseUrl).href);
  await page.evaluate(() => localStorage.setItem('tessera.learner', `learner-${crypto.randomUUID()}`));
  return page;
}

async function openHtml(size) {
  const page = await freshPage(size);
  await page.goto(new URL(`player.html?course=${ID}&no-sw`, browser.baseUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60000 });
  return page;
}

const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('HTML player on a phone: the welcome and the first block on the first screen, the outline one tap away', async () => {
  const page = await openHtml(PHONE);
  // The welcome of a first open says how the course works, with course.json's facts.
  const welcome = await page.textContent('#block .welcome');
  assert.match(welcome, new RegExp(`^Welcome to ${en(COURSE.title)}`));
  for (const fact of FACTS) assert.ok(welcome.includes(fact), `the welcome says "${fact}": ${welcome}`);
  const heading = await page.locator('#block-heading').boundingBox();
  assert.ok(heading.y + heading.height < PHONE.height, `the block's heading ends at ${heading.y + heading.height} px`);
  assert.equal(await page.textContent('#block-heading'), en(COURSE.modules[0].blocks[0].title));

  // The outline is folded behind one button that says the progress; a tap opens it, another closes it.
  const toggle = page.locator('#outline-toggle');
  assert.equal(await toggle.getAttribute('aria-controls'), 'outline');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.match(await toggle.textContent(), /^Course outline0 of \d+ required steps done$/);
  assert.equal(await page.locator('#outline').isVisible(), false);
  const toggleBox = await toggle.boundingBox();
  assert.ok(toggleBox.y + toggleBox.height < heading.y, 'the toggle sits above the block');
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'phone-html-welcome-390.png'), await page.screenshot());
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#outline').isVisible(), true);
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'phone-html-outline-390.png'), await page.screenshot());
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#outline').isVisible(), false);

  // Choosing a block in the outline folds it and shows the block, headed by the reading's own title (its
  // Markdown's leading heading), said once, never "Reading 2".
  const reading = COURSE.modules[0].blocks.find((b) => b.type === 'text' && !b.title);
  const title = en(reading.markdown).match(/^# (.+)$/m)[1];
  await toggle.click();
  const entry = page.locator(`#outline button.outline-block[data-block="${reading.id}"]`);
  assert.equal(await entry.textContent(), `${title}, not started`);
  await entry.click();
  await page.waitForFunction((id) => document.getElementById('block').dataset.block === id, reading.id);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.textContent('#block-heading'), title);
  assert.equal(await page.textContent('#block .block-type'), 'Reading');
  assert.equal(await page.locator('#block h2, #block h3').filter({ hasText: title }).count(), 1, 'the title is said once');
  const readingHeading = await page.locator('#block-heading').boundingBox();
  assert.ok(readingHeading.y + readingHeading.height < PHONE.height - 300, `the reading's heading ends at ${readingHeading.y + readingHeading.height} px`);
  // Escape in the open outline folds it and gives the focus back to the button.
  await toggle.click();
  await page.locator('#outline button.outline-block').first().focus();
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'outline-toggle');
  assert.equal(await noSidewaysScroll(page), true, 'no sideways scroll at 390 px');
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'phone-html-reading-390.png'), await page.screenshot());
  await page.setViewportSize({ width: 320, height: 640 });
  await toggle.click();
  assert.equal(await noSidewaysScroll(page), true, 'no sideways scroll at 320 px, outline open');
  writeFileSync(join(ARTIFACTS_DIR, 'phone-html-outline-320.png'), await page.screenshot({ fullPage: true }));
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('HTML player on a desktop: the outline beside the block, no toggle, the welcome above the block', async () => {
  const page = await openHtml(DESKTOP);
  assert.equal(await page.locator('#outline-toggle').isVisible(), false);
  const outline = await page.locator('#outline').boundingBox();
  const block = await page.locator('#block').boundingBox();
  assert.ok(outline.x + outline.width <= block.x, 'the outline is left of the block');
  assert.ok(Math.abs(outline.y - block.y) < 2, 'side by side, tops aligned');
  const welcome = await page.textContent('#block .welcome');
  for (const fact of FACTS) assert.ok(welcome.includes(fact), `the welcome says "${fact}"`);
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'phone-html-welcome-1280.png'), await page.screenshot());
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

async function openCanvas(size) {
  const page = await freshPage(size);
  await page.goto(new URL(`canvas.html?course=courses/${ID}/&id=${ID}&no-sw`, browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui && window.tesseraPlayer.ui.screen === 'overview' &&
    !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await settle(page);
  return page;
}

test('canvas player on a phone: one compact header, and the welcome drawn with the course\'s facts', async () => {
  const page = await openCanvas(PHONE);
  const state = await ui(page);
  const welcome = state.widgets.find((w) => w.id === 'welcome');
  assert.ok(welcome, `the welcome is drawn on the overview: ${state.widgets.map((w) => w.id).join(' ')}`);
  assert.match(welcome.label, new RegExp(`^Welcome to ${en(COURSE.title)}`));
  for (const fact of FACTS) assert.ok(welcome.label.includes(fact), `the canvas welcome says "${fact}": ${welcome.label}`);
  assert.ok(welcome.y < PHONE.height, 'the welcome starts on the first screen');
  // One compact header: the site's is one short line with the way back to the catalog, the player's top bar
  // one row of navigation, all of it on screen.
  const header = await page.locator('.site-header').boundingBox();
  assert.ok(header.height <= 48, `the site header is ${header.height} px high`);
  assert.equal(await page.locator('.site-header nav a').filter({ hasText: 'Catalog' }).isVisible(), true);
  const canvas = await page.locator('#canvas').boundingBox();
  assert.ok(canvas.height >= PHONE.height * 0.85, `the canvas has ${canvas.height} of ${PHONE.height} px`);
  const bar = state.widgets.filter((w) => w.id.startsWith('nav-'));
  assert.ok(bar.length >= 4, `the top bar has ${bar.length} buttons`);
  assert.equal(new Set(bar.map((w) => w.y)).size, 1, `the top bar is one row: ${JSON.stringify(bar)}`);
  for (const w of bar) assert.ok(w.x >= 0 && w.x + w.w <= canvas.width + 1 && !w.clipped, `${w.id} is whole on screen`);
  assert.equal(await noSidewaysScroll(page), true);
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'phone-canvas-welcome-390.png'), await page.screenshot());
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('canvas player on a desktop: the site header as before and the welcome on the overview', async () => {
  const page = await openCanvas(DESKTOP);
  const state = await ui(page);
  const welcome = state.widgets.find((w) => w.id === 'welcome');
  assert.ok(welcome, 'the welcome is drawn on the overview');
  for (const fact of FACTS) assert.ok(welcome.label.includes(fact), `the canvas welcome says "${fact}"`);
  assert.equal(await page.locator('.site-header nav li').last().isVisible(), true, 'the whole site navigation');
  writeFileSync(join(ARTIFACTS_DIR, 'phone-canvas-welcome-1280.png'), await page.screenshot());
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});
