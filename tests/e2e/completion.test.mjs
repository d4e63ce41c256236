// The completion moment in the HTML player: a learner who passes the final of a sample course has their
// signed proof at once (the key points come before the final, the survey after it, never opened here), and
// the banner names the credential, the score and the skills as the view words them, offers to share the
// proof, and links the next course of the pathway by its title; axe-clean at 390 px and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, ARTIFACTS_DIR, ROOT } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { playSample } from './lib/sample-play.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const courseJson = (id) => JSON.parse(readFileSync(join(ROOT, 'content', id, 'course.json'), 'utf8'));

test('passing the final signs the proof at once, and the banner names credential, score, skills and the next course', async () => {
  const { page, view } = await playSample(browser, 'spotting-phishing', { keepOpen: true });
  // The proof exists on the passing attempt's screen: no later block was opened for it.
  await page.waitForFunction(() => document.body.dataset.proof && document.body.dataset.proof !== 'none', null, { timeout: 30000 });
  const events = await page.evaluate(() => window.tesseraPlayer.controller.events);
  const last = events.at(-1);
  assert.equal(last.type, 'attempt.submitted');
  assert.equal(last.payload.block, 'final-block');
  assert.ok(!events.some((e) => e.payload?.block === 'course-survey'), 'the survey was never opened');
  assert.equal(view.position, 'final-block');

  // The banner says what the view decided, word for word (course.json's credential name; 3 + 3 + 2 items).
  const { name } = courseJson('spotting-phishing').credential;
  const credential = typeof name === 'object' ? name.en : name;  // the learner plays in English
  assert.equal(view.completion.credentialText, `Your credential: ${credential}`);
  assert.equal(await page.textContent('#completion-credential'), view.completion.credentialText);
  assert.deepEqual(await page.$$eval('#completion-scores li', (items) => items.map((li) => li.textContent)), ['Final assessment: 8 of 8 (100%)']);
  const skills = await page.$$eval('#completion-skills li', (items) => items.map((li) => [li.dataset.competency, li.textContent]));
  assert.deepEqual(skills, view.completion.skills.map((s) => [s.id, s.text]));
  assert.deepEqual(skills.map(([id]) => id), ['sec-identify-phishing', 'sec-resist-social-engineering', 'sec-report-incidents']);
  assert.equal(await page.textContent('#completion-skills-text'), 'Skills you showed');

  // Share it: the certificate page of this very proof.
  const share = await page.getAttribute('#share-proof', 'href');
  assert.equal(share, `certificate.html?id=${encodeURIComponent(await page.evaluate(() => document.body.dataset.proof))}`);
  assert.equal(await page.textContent('#share-proof'), 'Share it');

  // The next course of Workplace essentials not complete on this device, named by its title.
  await page.waitForFunction(() => document.body.dataset.nextCourse, null, { timeout: 30000 });
  const next = courseJson('inclusive-meetings');
  assert.equal(await page.getAttribute('#next-course a', 'href'), 'course.html?id=inclusive-meetings');
  assert.equal(await page.textContent('#next-course a'), typeof next.title === 'object' ? next.title.en : next.title);
  assert.match(await page.textContent('#next-course'), /^Next in your pathway “Workplace essentials”:/);

  for (const [width, height] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    await page.locator('#complete-banner').scrollIntoViewIfNeeded();
    assert.deepEqual(await axeViolations(page), [], `axe at ${width} px`);
    const overflow = await page.evaluate(() => { const b = document.getElementById('complete-banner'); return b.scrollWidth - b.clientWidth; });
    assert.ok(overflow <= 0, `the banner fits at ${width} px (${overflow} px over)`);
    writeFileSync(join(ARTIFACTS_DIR, `completion-${width}.png`), await page.locator('#complete-banner').screenshot());
    writeFileSync(join(ARTIFACTS_DIR, `completion-${width}-page.png`), await page.screenshot({ fullPage: false }));
  }
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});
