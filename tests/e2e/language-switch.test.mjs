// The language control on every page (js/shell.js): switching changes the words without a reload, keeps the
// place, an unsaved answer and a running countdown in the HTML player, and is remembered for the learner; the
// catalog shows each course's languages and filters by language. axe-core on the French screens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, buildTestSite, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { startTimedAttempt } from './lib/view-walk.mjs';

let browser;
let fixtures;

// The timed test course (tests/e2e/fixtures/site/courses/timed-course) in English and French, added to this
// file's own copy of the test site.
function bilingualTimedSite() {
  const site = buildTestSite('e2e-language-site');
  const course = JSON.parse(readFileSync(join(site, 'courses/timed-course/1.0.0/course.json'), 'utf8'));
  course.id = 'timed-bilingual';
  course.languages = ['en', 'fr'];
  course.title = { en: 'A timed check', fr: 'Un contrôle chronométré' };
  const french = { tab: 'Tab passe au contrôle suivant.', escape: 'Échap envoie un formulaire.' };
  for (const item of course.assessments[0].items) item.prompt = { en: item.prompt, fr: french[item.id] };
  const folder = join(site, 'courses/timed-bilingual/1.0.0');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course, null, 2));
  const catalogPath = join(site, 'courses/catalog.json');
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
  catalog.courses.push({ id: 'timed-bilingual', version: '1.0.0', path: 'timed-bilingual/1.0.0' });
  writeFileSync(catalogPath, JSON.stringify(catalog, null, 1));
  return site;
}

before(async () => {
  browser = await startBrowser();
  fixtures = await startBrowser({ site: bilingualTimedSite() });
});
after(async () => {
  await browser?.close();
  await fixtures?.close();
});

test('a switch to French in the middle of a timed assessment keeps the answers, the item and the deadline', async () => {
  const start = Date.UTC(2027, 0, 1);
  const { page, events } = await startTimedAttempt(fixtures, 'timed-bilingual', start);
  // The first item answered and sent; the second chosen, not sent.
  await page.clock.setFixedTime(start + 11000);
  await page.check('fieldset.item[data-item=tab] input[data-value="true"]');
  await page.click('#block [data-action=answer]');
  await events(3);
  await page.waitForSelector('fieldset.item[data-item=escape]');
  await page.check('fieldset.item[data-item=escape] input[data-value="false"]');
  const state = () => page.evaluate(() => {
    const { controller } = window.tesseraPlayer;
    return {
      item: document.querySelector('#block fieldset.item')?.dataset.item,
      unsent: document.querySelector('fieldset.item[data-item=escape] input[data-value="false"]')?.checked,
      deadlines: controller.view.deadlines.map(({ at, kind, block }) => ({ at, kind, block })),
      answered: controller.view.current.assessment.attempt.answered,
      events: controller.events.length,
      countdown: document.querySelector('#block .countdown[data-deadline=time-limit]')?.textContent,
      lang: document.documentElement.lang,
      prompt: document.querySelector('#block fieldset.item legend')?.textContent,
      loadedOnce: window.loadedOnce,
    };
  });
  await page.evaluate(() => { window.loadedOnce = true; });  // a reload would lose it
  const before = await state();
  assert.equal(before.item, 'escape');
  assert.equal(before.unsent, true);
  assert.equal(before.lang, 'en');
  assert.match(before.countdown, /0:50/);

  // One language control on the player's page: the course's own (its languages), none in the header.
  assert.equal(await page.locator('#site-language').count(), 0);
  await page.selectOption('#language-switch', 'fr');
  await page.waitForFunction(() => window.tesseraPlayer.controller.view.language === 'fr' && document.documentElement.lang === 'fr');
  const switched = await state();
  assert.equal(switched.loadedOnce, true, 'no reload');
  assert.equal(switched.item, 'escape', 'the same item');
  assert.equal(switched.unsent, true, 'the unsent answer is still chosen');
  assert.deepEqual(switched.deadlines, before.deadlines, 'the same deadline');
  assert.deepEqual(switched.answered, before.answered, 'the answers kept');
  assert.equal(switched.events, before.events, 'a switch writes no event');
  assert.match(switched.countdown, /0:50/);
  assert.notEqual(switched.countdown, before.countdown, 'the countdown is worded in French');
  assert.match(switched.prompt, /Échap envoie un formulaire/);
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('tessera.settings')).language), 'fr', 'remembered');
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'language-switch-timed-fr.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  // The kept answer is the one sent.
  await page.click('#block [data-action=answer]');
  await events(4);
  assert.match(await page.evaluate(() => JSON.stringify(window.tesseraPlayer.controller.events.at(-1))), /escape/);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('the catalog shows each course\'s languages, filters by language, and switches its own language without a reload', async () => {
  const page = await browser.newPage();
  await page.goto(new URL('index.html?no-sw', browser.baseUrl).href);
  await page.evaluate(() => localStorage.setItem('tessera.settings', JSON.stringify({ language: 'en' })));
  await page.reload();
  await page.waitForSelector('#catalog-status[data-state=ready]');
  const cards = () => page.evaluate(() => [...document.querySelectorAll('#course-list > li')].filter((li) => !li.hidden).map((li) => li.dataset.course));
  const all = await cards();
  const options = await page.evaluate(() => [...document.querySelectorAll('#language-filter option')].map((o) => o.value));
  assert.ok(options.includes('') && options.includes('en') && options.includes('fr'), `filter options ${options}`);
  const languagesOf = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#course-list > li')].map((li) => [li.dataset.course, li.dataset.languages])));
  await page.selectOption('#language-filter', 'fr');
  const french = await cards();
  assert.deepEqual(french, all.filter((id) => languagesOf[id].split(' ').includes('fr')));
  assert.ok(french.length > 0 && french.length < all.length);
  assert.match(await page.textContent('#catalog-status'), new RegExp(`^${french.length} course`));
  assert.deepEqual(await axeViolations(page), []);
  await page.evaluate(() => { window.loadedOnce = true; });
  await page.selectOption('#site-language', 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr' && document.querySelector('#catalog-status[data-state=ready]') && document.querySelector('#language-filter'));
  assert.equal(await page.evaluate(() => window.loadedOnce), true, 'no reload');
  assert.equal(await page.textContent('h1'), 'Cours');
  assert.equal(await page.textContent('label[for=site-language]'), 'Langue');
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'language-switch-catalog-fr.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});
