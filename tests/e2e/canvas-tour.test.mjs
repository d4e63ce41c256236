// The screenshot tour of the canvas player (issue 27): its overview, every block type with an assessment's
// question and result and a scenario's consequence, its results, wallet and catalog, at 390 px and 1280 px in
// its light and dark themes (build/test-artifacts/tour/canvas-*), the page around it axe-core clean and
// never scrolling sideways at 320 px. The HTML player's and the pages' tour is tour.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './lib/browser.mjs';
import { settle, ui, click, actionWidget, untilWriterLocksFree } from './lib/canvas-driver.mjs';
import { decodePng, distinctColours } from './lib/png.mjs';
import { buildTourSite, blockPerType, tourShots, TOUR_DIR, TOUR_COURSE } from './lib/tour.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let browser, course;
before(async () => {
  const tour = buildTourSite('e2e-site-canvas-tour');
  course = tour.course;
  browser = await startBrowser({ site: tour.site });
});
after(async () => { await browser?.close(); });

async function openCanvas(theme, course = `courses/${TOUR_COURSE}/1.0.0/`) {
  await untilWriterLocksFree(browser);
  const page = await browser.newPage();
  // A learner of their own per theme: the first run's attempts would otherwise count against the second's.
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate((id) => localStorage.setItem('tessera.learner', id), `tour-${theme}`);
  await page.goto(new URL(`canvas.html?${course ? `course=${course}&` : ''}theme=${theme}`, browser.baseUrl).href);
  await page.waitForFunction(() => ['overview', 'catalog'].includes(window.tesseraPlayer?.ui?.screen) && !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await settle(page);
  return page;
}

// Back to the overview, then the block's own entry in the outline.
async function openBlock(page, blockId) {
  if ((await ui(page)).screen !== 'overview') await click(page, 'nav-overview');
  await click(page, await actionWidget(page, { type: 'open', block: blockId }));
  assert.equal((await ui(page)).block, blockId);
}

for (const theme of ['light', 'dark']) {
  test(`the canvas tour in the ${theme} theme: overview, every block type, results, wallet and catalog`, async () => {
    const page = await openCanvas(theme);
    const problems = [];
    const shots = async (name) => {
      problems.push(...await tourShots(page, `canvas-${name}`, { settle: () => settle(page), schemes: [theme] }));
      const drawn = decodePng(readFileSync(join(TOUR_DIR, `canvas-${name}-390-${theme}.png`)));
      assert.ok(distinctColours(drawn) > 8, `canvas-${name} at 390 px (${theme}) shows too few colours: nothing drawn?`);
    };
    await shots('overview');
    for (const block of blockPerType(course)) {
      await openBlock(page, block.id);
      await shots(block.type);
      if (block.type === 'assessment') {
        await click(page, 'start-attempt');
        await shots('question');
        await click(page, 'submit-attempt');
        await click(page, 'confirm-accept');  // nothing answered: the view asks first
        await shots('result');
      }
      if (block.type === 'scenario') {
        // Through the opening narrative to the first choice, then one choice and its consequence.
        const choiceOn = (state) => state.drawn.find((w) => w.kind === 'button' && w.enabled && w.sends?.[0]?.type === 'scenario-choose');
        for (let step = 0; step < 5 && !choiceOn(await ui(page)); step += 1) {
          await click(page, await actionWidget(page, { type: 'scenario-continue', block: block.id }));
        }
        const choice = choiceOn(await ui(page));
        assert.ok(choice, 'the scenario offers a choice');
        await click(page, choice.id);
        await shots('scenario-consequence');
      }
    }
    for (const [screen, nav] of [['results', 'nav-results'], ['wallet', 'nav-wallet']]) {
      await click(page, nav);
      await shots(screen);
    }
    assert.deepEqual(page.unexpectedErrors(), []);
    await page.close();
    // The catalog: the canvas opened with no course.
    const catalog = await openCanvas(theme, null);
    assert.equal((await ui(catalog)).screen, 'catalog');
    problems.push(...await tourShots(catalog, 'canvas-catalog', { settle: () => settle(catalog), schemes: [theme] }));
    assert.deepEqual(catalog.unexpectedErrors(), []);
    await catalog.close();
    assert.deepEqual(problems, []);
  });
}
