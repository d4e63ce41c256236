// The three sample courses (content/) played end to end in the HTML player with the keyboard only, driven
// by their answer keys (./lib/sample-play.mjs); axe-core (WCAG 2.2 AA) on every distinct screen type met;
// giving-feedback once more in French.
// One browser for the whole file; screenshots of a lesson, a quiz, a scenario and the results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, FIXTURES_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { playSample } from './lib/sample-play.mjs';

let browser;
before(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  browser = await startBrowser();
});
after(async () => { await browser?.close(); });

test('inclusive-meetings is completed with the keyboard only, every screen type axe-clean', async () => {
  const { seen } = await playSample(browser, 'inclusive-meetings', { shots: true });
  assert.ok([...seen].filter((k) => k.startsWith('item:')).length >= 5, `item types met: ${[...seen]}`);
});

test('spotting-phishing is completed with the keyboard only, every screen type axe-clean', async () => {
  await playSample(browser, 'spotting-phishing');
});

test('giving-feedback is completed with the keyboard only, in English and in French', async () => {
  await playSample(browser, 'giving-feedback');
  const { view } = await playSample(browser, 'giving-feedback', { language: 'fr' });
  assert.equal(view.language, 'fr');
});

test('the catalog shows the sample courses with their promise, duration, credential and publisher, and the Workplace essentials pathway', async () => {
  const page = await browser.newPage();
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate(() => localStorage.setItem('tessera.settings', JSON.stringify({ language: 'en' })));  // the French run set fr
  await page.reload();
  await page.waitForSelector('#course-list li[data-course="giving-feedback"] dl');
  await page.waitForSelector('#pathway-list li[data-pathway="workplace-essentials"]');
  for (const id of ['inclusive-meetings', 'spotting-phishing', 'giving-feedback']) {
    const course = JSON.parse(readFileSync(join(FIXTURES_DIR, '../../../content', id, 'course.json'), 'utf8'));
    const card = await page.textContent(`#course-list li[data-course="${id}"]`);
    assert.match(card, new RegExp(`${course.estimatedMinutes} minutes`), `${id}: duration`);
    assert.ok(card.includes(course.summary.en ?? course.summary), `${id}: promise`);
    assert.ok(card.includes(course.publisher.name), `${id}: publisher`);
    assert.ok(card.includes(course.credential.name.en ?? course.credential.name), `${id}: credential`);
  }
  const pathway = await page.textContent('#pathway-list li[data-pathway="workplace-essentials"]');
  assert.match(pathway, /Workplace essentials/);
  assert.match(pathway, /Workplace essentials certificate, valid for 24 months/);
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'sample-catalog.png'), await page.screenshot({ fullPage: true }));
  await page.goto(new URL('course.html?id=spotting-phishing', browser.baseUrl).href);
  await page.waitForSelector('#course-outcomes li');
  const phishing = JSON.parse(readFileSync(join(FIXTURES_DIR, '../../../content/spotting-phishing/course.json'), 'utf8'));
  assert.ok((await page.textContent('#course-outcomes')).includes(phishing.outcomes[0].statement.en ?? phishing.outcomes[0].statement));
  assert.match(await page.textContent('#course-credential'), /\S/);
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'sample-course-page.png'), await page.screenshot({ fullPage: true }));
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});
