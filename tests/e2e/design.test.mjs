// The design system in the browser (docs/design.md): its page shows every component and is axe-core clean in the
// light, dark and high-contrast themes (by the learner's choice and by the system's), in forced colours too, with no
// sideways scrolling at 320 px; screenshots at 390 and 1280 px; Settings offers high contrast and links the page;
// and the canvas player draws with the same tokens' colours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, buildTestSite, ROOT, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { decodePng } from './lib/png.mjs';
import { settle, untilWriterLocksFree } from './lib/canvas-driver.mjs';
import { contrastRatio } from '../../cmake/design-tokens.mjs';

const tokens = JSON.parse(readFileSync(join(ROOT, 'web/design/tokens.json'), 'utf8'));
let browser;
before(async () => {
  browser = await startBrowser({ site: buildTestSite('e2e-site-design') });
});
after(async () => { await browser?.close(); });

// Stores the learner's theme choice as the settings page does, then opens the design page.
async function openDesign(page, theme) {
  await page.goto(browser.baseUrl);
  await page.evaluate((chosen) => localStorage.setItem('tessera.settings', JSON.stringify({ theme: chosen })), theme);
  await page.goto(new URL('design.html', browser.baseUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20000 });
}

const property = (page, name) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the design page shows every component, axe-clean in each theme, chosen or the system\'s', async () => {
  const page = await browser.newPage();
  // [name, stored choice, emulated media, the theme whose tokens must be in use]
  const cases = [
    ['light', 'light', {}, 'light'],
    ['dark', 'dark', {}, 'dark'],
    ['high-contrast', 'high-contrast', {}, 'high-contrast'],
    ['system-dark', 'system', { colorScheme: 'dark' }, 'dark'],
    ['system-more-contrast', 'system', { colorScheme: 'light', contrast: 'more' }, 'high-contrast'],
  ];
  for (const [name, choice, media, theme] of cases) {
    await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference', ...media });
    await page.setViewportSize({ width: 1280, height: 900 });
    await openDesign(page, choice);
    for (const colour of ['bg', 'text', 'accent', 'success', 'danger']) {
      assert.equal(await property(page, `--${colour}`), tokens.colour[theme][colour], `${name}: --${colour}`);
    }
    // Every component, every state: three verdicts, the button roles enabled and disabled, a card, meters, a table.
    for (const role of ['primary', 'danger', 'quiet', 'small']) assert.equal(await page.locator(`main button.${role}`).count(), 2, role);
    assert.equal(await page.locator('#buttons-disabled button:disabled').count(), 5);
    for (const verdict of ['verified', 'not-verified', 'could-not-check']) assert.equal(await page.locator(`.verdict-${verdict}`).count(), 1);
    assert.equal(await page.locator('.card').count(), 1);
    assert.equal(await page.locator('[role="meter"], progress').count(), 2);
    assert.equal(await page.locator('#swatches li').count(), Object.keys(tokens.colour.light).length);
    const sizes = Object.keys(tokens.type).length - 1 + Object.keys(tokens.space).length + Object.keys(tokens.radius).length;
    assert.equal(await page.locator('#sizes tbody tr').count(), sizes, 'the type scale (not the canvas size), spacing and radii');
    assert.deepEqual(await axeViolations(page), [], name);
    await page.setViewportSize({ width: 320, height: 640 });
    assert.ok(await overflow(page) <= 0, `${name}: the design page scrolls sideways at 320 px`);
    // On a phone the table's rows are blocks, each value labelled with its column.
    assert.equal(await page.locator('#sizes td').first().evaluate((cell) => getComputedStyle(cell, '::before').content), '"Value"');
    assert.deepEqual(await axeViolations(page), [], `${name} at 320 px`);
  }
  await page.close();
});

// rgb(r, g, b) → #rrggbb
const hexOf = (rgb) => `#${rgb.match(/\d+/g).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;

test('the design page in forced colours (Windows high contrast) keeps its words and the system\'s contrast', async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
  await openDesign(page, 'system');
  // The browser paints the system's colours; axe-core's colour-contrast rule reads the author's (a primary
  // button's #0b1220 on the forced black), so contrast is measured here from what is painted instead.
  assert.deepEqual((await axeViolations(page)).filter((v) => !v.startsWith('color-contrast:')), []);
  for (const selector of ['#buttons-enabled .primary', '#buttons-enabled .danger', '.verdict-not-verified .verdict-word', 'main p']) {
    const [colour, background] = await page.locator(selector).first().evaluate((node) => {
      let behind = node;
      while (behind && getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') behind = behind.parentElement;
      return [getComputedStyle(node).color, behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)'];
    });
    assert.ok(contrastRatio(hexOf(colour), hexOf(background)) >= 4.5, `${selector}: ${colour} on ${background}`);
  }
  assert.equal(await page.textContent('.verdict-not-verified .verdict-word'), 'Not verified');
  writeFileSync(join(ARTIFACTS_DIR, 'design-forced-colours.png'), await page.screenshot({ fullPage: true }));
  await page.close();
});

test('screenshots of the design page at 390 and 1280 px, light, dark and high contrast', async () => {
  const page = await browser.newPage();
  for (const theme of ['light', 'dark', 'high-contrast']) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await openDesign(page, theme);
      writeFileSync(join(ARTIFACTS_DIR, `design-${theme}-${width}.png`), await page.screenshot({ fullPage: true }));
    }
  }
  await page.close();
});

test('Settings offers high contrast, which every page then uses, and links the design page', async () => {
  const page = await browser.newPage();
  await page.goto(new URL('settings.html', browser.baseUrl).href);
  await page.selectOption('#setting-theme', 'high-contrast');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'high-contrast');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  assert.equal(await property(page, '--text'), tokens.colour['high-contrast'].text);
  assert.deepEqual(await axeViolations(page), [], 'settings in high contrast');
  await page.click('a[href="design.html"]');
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20000 });
  assert.equal(await page.getAttribute('html', 'data-theme'), 'high-contrast');
  await page.goto(new URL('verify/', browser.baseUrl).href);
  assert.equal(await property(page, '--accent'), tokens.colour['high-contrast'].accent);
  await page.close();
});

// The canvas player's catalog screen in `theme` (canvas.html?theme=, or the stored choice when `query` has none):
// how many pixels of the canvas are each of the theme's colours.
async function canvasColours(query, stored) {
  const page = await browser.newPage();
  await untilWriterLocksFree(browser);
  await page.goto(browser.baseUrl);
  await page.evaluate((theme) => localStorage.setItem('tessera.settings', JSON.stringify({ theme })), stored);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(new URL(`canvas.html?${query}`, browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui && window.tesseraPlayer.ui.screen !== 'loading' &&
    !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await settle(page);
  const png = await page.locator('canvas').screenshot();
  await page.close();
  const { pixels, channels } = decodePng(png);
  const counts = new Map();
  for (let i = 0; i < pixels.length; i += channels) {
    const hex = `#${[0, 1, 2].map((c) => pixels[i + c].toString(16).padStart(2, '0')).join('')}`;
    counts.set(hex, (counts.get(hex) || 0) + 1);
  }
  return { png, counts, most: [...counts].sort((a, b) => b[1] - a[1])[0][0] };
}

test('the canvas player draws with the tokens\' colours in each theme', async () => {
  for (const [query, stored, theme] of [['theme=light', 'system', 'light'], ['theme=dark', 'system', 'dark'],
    ['theme=high-contrast', 'system', 'high-contrast'], ['', 'high-contrast', 'high-contrast'], ['', 'dark', 'dark']]) {
    const { png, counts, most } = await canvasColours(query, stored);
    const colours = tokens.colour[theme];
    writeFileSync(join(ARTIFACTS_DIR, `design-canvas-${query ? theme : `stored-${stored}`}.png`), png);
    assert.ok([colours.bg, colours.surface].includes(most), `${theme}: the canvas is mostly ${most}, not the tokens' bg or surface`);
    for (const name of ['text', 'accent']) assert.ok((counts.get(colours[name]) || 0) > 20, `${theme}: the canvas draws ${name} ${colours[name]}`);
  }
});
