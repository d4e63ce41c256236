// The learner's side of credentials in the browser: completing a signed sample course signs a completion
// proof with the learner's own key into the wallet, without their reflection and survey answers unless they
// tick the banner's box; the dashboard lists it, downloads it and opens it on the verifier page, which
// re-scores it against the site's signed package and says what was withheld; the key is backed up with a
// passphrase and restored on a "new device" (another learner profile) with the same did; a wrong
// passphrase changes nothing. Also: switching between the HTML and the canvas player mid-course keeps the
// stored record (one IndexedDB record, both players).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, ARTIFACTS_DIR, downloadText } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { playSample } from './lib/sample-play.mjs';
import { activate, fillSurvey } from './lib/course-driver.mjs';
import { click, settle, ui } from './lib/canvas-driver.mjs';

const PASSPHRASE = 'correct horse battery staple';
// What the learner writes for themself in spotting-phishing: it stays on the device unless they include it.
const REFLECTION = 'The pressure came from a fake deadline in the subject line.';
const SURVEY_TEXT = 'More examples of text-message phishing, please.';
const PRIVATE_BLOCKS = { 'my-reflection': { reflection: REFLECTION }, 'course-survey': { likert: { useful: 4 }, text: { improve: SURVEY_TEXT } } };
let browser;
let proof;
let keyFile;
let learnerDid;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

// A new page at `path` (site-relative) as the learner `learner`, the id the site keeps in localStorage.
async function openAs(learner, path) {
  const page = await browser.newPage();
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate((id) => localStorage.setItem('tessera.learner', id), learner);
  await page.goto(new URL(path, browser.baseUrl).href);
  return page;
}

test('completing a signed course signs a completion proof into the wallet, and the verifier page re-scores it', async () => {
  const { page } = await playSample(browser, 'spotting-phishing', { keepOpen: true, learner: 'learner-wallet-test', blocks: PRIVATE_BLOCKS });
  await page.waitForFunction(() => document.body.dataset.proof, null, { timeout: 30000 });
  const status = await page.textContent('#proof-status');
  assert.match(status, /signed completion proof is in your wallet/, status);
  // The proof came with the passing final; the learner then answers the optional survey that follows it, and
  // the page signs the proof of the longer record when it opens again: a proof of its own (its id is the
  // record's digest), which takes the first one's place in the wallet.
  const first = await page.evaluate(() => document.body.dataset.proof);
  await activate(page, '#block [data-action="open"][data-block="course-survey"]');
  await page.waitForSelector('#block form.survey');
  assert.deepEqual(await axeViolations(page), [], 'the survey after the final (the sample walks stop before it)');
  await fillSurvey(page, PRIVATE_BLOCKS['course-survey']);
  await page.waitForFunction(() => window.tesseraPlayer.controller.events.at(-1).type === 'survey.submitted');
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.proof, null, { timeout: 30000 });
  assert.notEqual(await page.evaluate(() => document.body.dataset.proof), first);
  proof = JSON.parse(await downloadText(page, () => page.click('#download-proof')));
  assert.equal(proof.credentialSubject.course.id, 'spotting-phishing');
  assert.equal(proof.proof.cryptosuite, 'eddsa-jcs-2022');
  learnerDid = proof.issuer;
  assert.match(learnerDid, /^did:key:z6Mk/);
  // Private by default: the record on this device keeps the reflection and the survey, the proof does not.
  const record = JSON.stringify(await page.evaluate(() => window.tesseraPlayer.controller.events));
  for (const words of [REFLECTION, SURVEY_TEXT]) {
    assert.ok(record.includes(words), words);
    assert.ok(!JSON.stringify(proof).includes(words), `${words} stays on the device`);
  }
  const survey = proof.evidence[0].events.find((e) => e.type === 'survey.submitted');
  assert.deepEqual(survey.redacted, ['answers']);
  assert.equal(survey.payload.answers, undefined);
  assert.equal(await page.isVisible('#proof-include-private'), true);
  assert.equal(await page.isChecked('#proof-include-private'), false);
  assert.equal(await page.textContent('label[for="proof-include-private"]'), 'Include my survey answers and reflections in the proof', 'the view\'s words');

  // The dashboard's wallet lists it once (re-opening the completed course does not sign it again; the proof
  // of the longer record replaced the first).
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.proof, null, { timeout: 30000 });
  await page.goto(new URL('dashboard.html', browser.baseUrl).href);
  await page.waitForSelector('#dashboard-wallet li[data-wallet-kind="completion-proof"]');
  assert.equal(await page.locator('#dashboard-wallet li[data-wallet-kind]').count(), 1);
  assert.match(await page.textContent('#wallet-key'), new RegExp(learnerDid.slice(0, 24)));
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'wallet-dashboard.png'), await page.screenshot({ fullPage: true }));

  // "Check it on the verifier page": the proof travels in the link's fragment; the page re-scores it.
  await page.click('#dashboard-wallet a[href*="verify/#doc="]');
  await page.waitForSelector('#verify-output [data-verified]', { timeout: 30000 });
  const output = await page.textContent('#verify-output');
  assert.equal(await page.getAttribute('#verify-output [data-verified]', 'data-verified'), 'true', output);
  assert.match(output, /signed by did:key:/, 'the site\'s signed package was used to re-score');
  assert.doesNotMatch(output, /could not re-score|not re-scored/i, output);
  assert.match(output, /2 withheld by the learner: 1 reflection text, 1 survey's answers/, output);
  assert.match(await page.textContent('#verify-output dl.facts'), /withheld1 reflection text, 1 survey's answers/);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('the learner may include their own words: ticking the box re-signs the proof with them, and it verifies', async () => {
  const page = await openAs('learner-wallet-test', 'player.html?course=spotting-phishing');
  await page.waitForFunction(() => document.body.dataset.proofPrivate === 'false', null, { timeout: 30000 });
  // With the keyboard: focus the box, tick it with Space.
  await page.focus('#proof-include-private');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.body.dataset.proofPrivate === 'true', null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'proof-include-private', 'focus stays on the box');
  assert.deepEqual(await axeViolations(page), []);
  const included = await downloadText(page, () => page.click('#download-proof'));
  for (const words of [REFLECTION, SURVEY_TEXT]) assert.ok(included.includes(words), `${words} is in, as the learner chose`);
  assert.equal(JSON.parse(included).id, proof.id, 'the same record, so the same proof id');

  // The choice is remembered for this course's proof; the wallet still holds one proof.
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.proofPrivate === 'true', null, { timeout: 30000 });
  assert.equal(await page.isChecked('#proof-include-private'), true);
  await page.click('#check-proof');
  await page.waitForSelector('#verify-output [data-verified]', { timeout: 30000 });
  const output = await page.textContent('#verify-output');
  assert.equal(await page.getAttribute('#verify-output [data-verified]', 'data-verified'), 'true', output);
  assert.doesNotMatch(output, /withheld/, output);
  await page.goto(new URL('dashboard.html', browser.baseUrl).href);
  await page.waitForSelector('#dashboard-wallet li[data-wallet-kind="completion-proof"]');
  assert.equal(await page.locator('#dashboard-wallet li[data-wallet-kind]').count(), 1);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('a credential file is added to the wallet only when its checks pass', async () => {
  const page = await openAs('learner-wallet-test', 'dashboard.html');
  await page.waitForSelector('#dashboard-wallet li[data-wallet-kind]');
  const tampered = structuredClone(proof);
  tampered.credentialSubject.result.passed = !tampered.credentialSubject.result.passed;
  await page.setInputFiles('#wallet-add', { name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
  await page.waitForFunction(() => /not added/.test(document.getElementById('wallet-add-result').textContent));
  assert.equal(await page.locator('#dashboard-wallet li[data-wallet-kind]').count(), 1);
  await page.setInputFiles('#wallet-add', { name: 'not-json.json', mimeType: 'application/json', buffer: Buffer.from('{"proof": ') });
  await page.waitForFunction(() => /not readable JSON/.test(document.getElementById('wallet-add-result').textContent));
  assert.equal(await page.locator('#dashboard-wallet li[data-wallet-kind]').count(), 1);
  await page.close();
});

test('the key is backed up with a passphrase and restored elsewhere with the same did; a wrong passphrase changes nothing', async () => {
  const page = await openAs('learner-wallet-test', 'settings.html');
  await page.waitForFunction(() => /did:key:/.test(document.getElementById('key-status').textContent));
  assert.match(await page.textContent('#key-status'), new RegExp(learnerDid));
  await page.fill('#backup-passphrase', PASSPHRASE);
  await page.fill('#backup-confirm', `${PASSPHRASE}!`);
  await page.click('#key-backup');
  assert.match(await page.textContent('#key-result'), /differ/);
  await page.fill('#backup-confirm', PASSPHRASE);
  keyFile = await downloadText(page, () => page.click('#key-backup'));
  const parsed = JSON.parse(keyFile);
  assert.equal(parsed.format, 'tessera-learner-key');
  assert.equal(parsed.did, learnerDid);
  assert.ok(!keyFile.includes(proof.proof.proofValue.slice(1, 20)), 'nothing of the signature material');
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'settings-key-backup.png'), await page.screenshot({ fullPage: true }));

  // Another learner on this browser stands for a new device with no key yet.
  await page.evaluate(() => localStorage.setItem('tessera.learner', 'learner-new-device'));
  await page.reload();
  await page.waitForFunction(() => /no signing key/.test(document.getElementById('key-status').textContent));
  assert.equal(await page.isDisabled('#key-backup'), true);
  const file = { name: 'tessera-learner-key.json', mimeType: 'application/json', buffer: Buffer.from(keyFile) };
  await page.setInputFiles('#restore-file', file);
  await page.fill('#restore-passphrase', 'not the passphrase');
  await page.click('#key-restore');
  await page.waitForFunction(() => /passphrase does not open/.test(document.getElementById('key-result').textContent), null, { timeout: 30000 });
  assert.match(await page.textContent('#key-status'), /no signing key/);
  await page.setInputFiles('#restore-file', file);
  await page.fill('#restore-passphrase', PASSPHRASE);
  await page.click('#key-restore');
  await page.waitForFunction(() => /is restored/.test(document.getElementById('key-result').textContent), null, { timeout: 30000 });
  assert.match(await page.textContent('#key-status'), new RegExp(`${learnerDid}.*restored`));
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('switching from the HTML player to the canvas player and back mid-course keeps one record', async () => {
  const page = await browser.newPage();
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate(() => {
    localStorage.setItem('tessera.learner', 'learner-switch-test');
    localStorage.setItem('tessera.settings', JSON.stringify({ language: 'en', player: 'html' }));
  });
  await page.goto(new URL('player.html?course=inclusive-meetings', browser.baseUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  // Two steps in the HTML player: open the first block, then open the next one from the outline.
  const blocks = await page.evaluate(() => window.tesseraPlayer.controller.view.modules.flatMap((m) => m.blocks.map((b) => b.id)));
  for (const block of blocks.slice(0, 2)) {
    await page.evaluate((id) => window.tesseraPlayer.controller.act({ type: 'open', block: id }), block);
  }
  const htmlEvents = await page.evaluate(() => window.tesseraPlayer.controller.events.length);
  assert.ok(htmlEvents >= 2, `${htmlEvents} events`);
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const progress = await page.evaluate(() => window.tesseraPlayer.controller.view.progress);

  await page.click('#switch-player');
  await page.waitForURL(/canvas\.html/);
  await page.waitForFunction(() => window.tesseraPlayer?.ui && window.tesseraPlayer.ui.screen !== 'loading' && !window.tesseraPlayer.ui.busy,
    null, { timeout: 60000 });
  await settle(page);
  const state = await ui(page);
  assert.equal(state.store.persistent, true, JSON.stringify(state.store));
  const stored = await page.evaluate(() => window.tesseraPlayer.store.load('inclusive-meetings'));
  assert.equal(stored.length, htmlEvents, 'the canvas player reads the HTML player\'s record');
  // The same numbers (the HTML player's view adds its wording to them).
  const numbers = ({ requiredBlocks, completedRequiredBlocks, percent }) => ({ requiredBlocks, completedRequiredBlocks, percent });
  assert.deepEqual(numbers(state.summary.progress), numbers(progress));

  // One step on the canvas (the overview's Continue opens the next block), stored in the same record.
  if (state.screen !== 'overview') {
    await page.keyboard.press('Escape');
    await settle(page);
  }
  await click(page, 'continue');
  await settle(page);
  await page.waitForFunction((n) => window.tesseraPlayer.store.load('inclusive-meetings').then((list) => list.length > n), htmlEvents);
  const afterCanvas = (await page.evaluate(() => window.tesseraPlayer.store.load('inclusive-meetings'))).length;
  writeFileSync(join(ARTIFACTS_DIR, 'canvas-switched.png'), await page.screenshot());

  await page.click('#switch-player');
  await page.waitForURL(/player\.html\?course=inclusive-meetings/);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await page.evaluate(() => window.tesseraPlayer.controller.events.length), afterCanvas);
  assert.deepEqual(await page.evaluate(() => window.tesseraPlayer.controller.problems), []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});
