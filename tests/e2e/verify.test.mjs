// The verifier page with the real Wasm verifier core: a fresh completion proof and a fresh Open Badges 3.0
// credential (made by the `tessera` command the way learners' devices and issuers make them) are accepted,
// each check shown as a sentence, the learning outcomes in plain words (established, or only claimed); a tampered copy is rejected with the failing check; axe-clean; revocation
// is read from the issuer's published status list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser, ROOT, SITE_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const TESSERA = join(ROOT, 'build/native/cli/tessera');
// The golden record was played on 2027-01-01; the page judges validity by its own clock, set here after that.
const ISSUED = '2027-01-02T00:00:00Z';
const PAGE_NOW = new Date('2027-01-03T00:00:00Z');

function tessera(...args) {
  const run = spawnSync(TESSERA, args, { encoding: 'utf8' });
  assert.equal(run.status, 0, `tessera ${args[0]}: ${run.stderr}`);
  return run.stdout;
}

let browser, work, proofText, badgeText;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tessera-verify-page-'));
  // The issuer publishes its status list on the same static host as the verifier page here.
  browser = await startBrowser({ site: SITE_DIR, extraRoutes: { '/issuer/status/1.json': join(work, 'issuer/status/1.json') } });
  const { pkg } = makeGoldenCredentialPath(work, { issuerBaseUrl: `${browser.origin}/issuer/` });
  proofText = readFileSync(join(work, 'proof.json'), 'utf8');
  tessera('issue', join(work, 'proof.json'), '--issuer', join(work, 'issuer'), '--package', pkg,
    '--now', ISSUED, '--out', join(work, 'badge.json'));
  tessera('status-list', '--issuer', join(work, 'issuer'), '--now', ISSUED);
  badgeText = readFileSync(join(work, 'badge.json'), 'utf8');
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

async function verifyOnPage(text, screenshot, { viewport, now = PAGE_NOW } = {}) {
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.clock.setFixedTime(now);
  await page.goto(new URL('verify/', browser.baseUrl).href);
  await page.fill('#verify-text', text);
  await page.click('#verify-form button[type=submit]');
  await page.waitForSelector('#verify-output [data-verified]', { timeout: 30000 });
  const verdict = await page.getAttribute('#verify-output [data-verified]', 'data-verified');
  // The banner: its verdict, its word, and the sentence under it.
  const banner = await page.$eval('#verify-output .verdict', (node) => ({
    verdict: node.dataset.verdict,
    word: node.querySelector('.verdict-word').textContent,
    detail: node.querySelector('.verdict-detail')?.textContent ?? '',
    fontPx: parseFloat(getComputedStyle(node.querySelector('.verdict-word')).fontSize),
  }));
  const headings = await page.$$eval('#verify-output h3', (nodes) => nodes.map((n) => n.textContent));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const output = await page.textContent('#verify-output');
  // The learning outcomes' lines, under "What was assessed" (established) or under what the document claims.
  const outcomeLines = (selector) => page.$$eval(selector, (items) => items.map((li) => li.textContent));
  const outcomes = { assessed: await outcomeLines('#verify-output dl.facts:not(.claimed) ul.outcomes li'),
    claimed: await outcomeLines('#verify-output dl.facts.claimed ul.outcomes li') };
  if (screenshot) await page.screenshot({ path: join(ARTIFACTS_DIR, screenshot), fullPage: true });
  const violations = await axeViolations(page);
  await page.close();
  return { verdict, banner, headings, overflow, output, outcomes, violations };
}

test('the check runs in the credentials worker: the page\'s own thread never loads the credentials module', async () => {
  const page = await browser.newPage();
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(new URL('verify/', browser.baseUrl).href);
  await page.fill('#verify-text', proofText);
  const started = page.waitForEvent('worker');
  await page.click('#verify-form button[type=submit]');
  const worker = await started;
  assert.match(worker.url(), /\/js\/credentials-worker\.js$/);
  await page.waitForSelector('#verify-output [data-verified]', { timeout: 30000 });
  assert.equal(await page.getAttribute('#verify-output [data-verified]', 'data-verified'), 'true');
  const credentialFiles = () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)
    .filter((path) => /\/modules\/credentials\.(mjs|wasm)$/.test(path));
  assert.deepEqual(await page.evaluate(credentialFiles), [], 'the page itself loaded no credentials module');
  assert.deepEqual((await worker.evaluate(credentialFiles)).map((path) => path.split('/').pop()).sort(), ['credentials.mjs', 'credentials.wasm'],
    'the worker loaded it and did the work');
  await page.close();
});

test('a fresh completion proof is verified in the page, each check a sentence, with the trust statement', async () => {
  const { verdict, banner, headings, output, outcomes, violations } = await verifyOnPage(proofText, 'verify-proof.png');
  assert.equal(verdict, 'true', output);
  // Nothing failed, but this site cannot re-score the golden course: the banner says so instead of "Verified",
  // and the score is shown as the document's claim.
  assert.equal(banner.verdict, 'could-not-check', output);
  assert.equal(banner.word, 'Could not check fully');
  assert.match(banner.detail, /^Nothing failed, but this was not checked here: Not re-scored: this site does not publish the course “golden-course”/);
  assert.deepEqual(headings, ['Checks', 'What the document claims (not established)']);
  assert.match(output, /cannot prove that the learner worked without help/);
  // The golden course is not in this site's catalog: the page says why the proof was not re-scored.
  assert.match(output, /Not re-scored: this site does not publish the course “golden-course”/);
  // The golden record's reflection and survey answers were withheld by the learner; the page says so.
  assert.match(output, /2 withheld by the learner: 1 reflection text, 1 survey's answers/);
  assert.doesNotMatch(proofText, /Clearer error hints|My private thoughts/);
  // The learning outcomes in plain words, and (not re-scored here) only as what the proof claims.
  assert.equal(JSON.parse(proofText).credentialSubject.result.outcomes[0].met, true);
  assert.deepEqual(outcomes.claimed, ['Can find every error in a course package: met (100% of its points)']);
  assert.deepEqual(outcomes.assessed, []);
  assert.deepEqual(violations, []);
});

test('a fresh Open Badges 3.0 credential (eddsa-rdfc-2022) is verified offline in Wasm', async () => {
  assert.equal(JSON.parse(badgeText).proof.cryptosuite, 'eddsa-rdfc-2022');
  const { verdict, banner, headings, output, outcomes } = await verifyOnPage(badgeText, 'verify-badge.png');
  assert.equal(verdict, 'true', output);
  assert.deepEqual([banner.verdict, banner.word, banner.detail], ['verified', 'Verified', 'Every check passed.'], output);
  assert.ok(banner.fontPx >= 28, `the verdict is read from across a room (${banner.fontPx}px)`);
  assert.deepEqual(headings, ['Checks', 'What was assessed']);
  assert.match(output, /Example Academy/);
  assert.match(output, /the issuer named above signed this credential/, 'an issued badge\'s own trust statement');
  assert.doesNotMatch(output, /re-scored here/, 'not the learner proof\'s');
  // Dates as people write them, in the page's language: the badge was issued on 2 January 2027.
  assert.match(output, /issuedJanuary 2, 2027/);
  assert.match(output, /✓ Not revoked/, 'the issuer\'s status list was downloaded and checked');
  // The badge's learning outcome, established by the issuer's signature: what the person can do.
  assert.deepEqual(outcomes, { assessed: ['Can find every error in a course package: met (100% of its points)'], claimed: [] });
});

test('a tampered proof and a tampered credential are rejected, naming what failed', async () => {
  const proof = JSON.parse(proofText);
  proof.credentialSubject.result.score = '9';
  const rejected = await verifyOnPage(JSON.stringify(proof));
  assert.equal(rejected.verdict, 'false', rejected.output);
  assert.match(rejected.output, /✗/);
  // The banner names the failed check; the tampered score is only ever a claim.
  assert.equal(rejected.banner.verdict, 'not-verified');
  assert.equal(rejected.banner.word, 'Not verified');
  assert.match(rejected.banner.detail, /does not verify/);
  assert.ok(!rejected.headings.includes('What was assessed'), rejected.headings.join());
  assert.ok(rejected.headings.includes('What the document claims (not established)'), rejected.headings.join());
  assert.deepEqual(rejected.outcomes, { assessed: [], claimed: ['Can find every error in a course package: met (100% of its points)'] });
  const badge = JSON.parse(badgeText);
  badge.credentialSubject.achievement.name += ' (edited)';
  const badgeRejected = await verifyOnPage(JSON.stringify(badge), 'verify-tampered-phone.png', { viewport: { width: 320, height: 700 } });
  assert.equal(badgeRejected.verdict, 'false', badgeRejected.output);
  assert.equal(badgeRejected.banner.verdict, 'not-verified');
  assert.equal(badgeRejected.overflow, 0, 'no sideways scroll at 320 px, long identifiers included');
  assert.deepEqual(badgeRejected.violations, []);
});

test('an expired credential, and one not valid yet, say so and when in the banner', async () => {
  // The badge is valid from 2027-01-02 until 2029-01-02 (validityMonths 24).
  const expired = await verifyOnPage(badgeText, 'verify-expired.png', { now: new Date('2029-06-01T00:00:00Z') });
  assert.equal(expired.banner.verdict, 'not-verified', expired.output);
  assert.equal(expired.banner.detail, 'Expired on 2029-01-02T00:00:00Z.');
  const early = await verifyOnPage(badgeText, undefined, { now: new Date('2026-12-01T00:00:00Z') });
  assert.equal(early.banner.verdict, 'not-verified', early.output);
  assert.equal(early.banner.detail, `Not valid yet: valid from ${ISSUED}.`);
  assert.deepEqual(expired.violations, []);
});

test('a revoked credential is rejected once the issuer publishes its status list; an unreachable list is said', async () => {
  const badge = JSON.parse(badgeText);
  tessera('revoke', badge.id, '--issuer', join(work, 'issuer'));
  tessera('status-list', '--issuer', join(work, 'issuer'), '--now', ISSUED);
  const revoked = await verifyOnPage(badgeText);
  assert.equal(revoked.verdict, 'false', revoked.output);
  assert.match(revoked.output, /✗ Revoked/);
  rmSync(join(work, 'issuer/status/1.json'));
  const unreachable = await verifyOnPage(badgeText, 'verify-unreachable.png');
  assert.equal(unreachable.verdict, 'true', unreachable.output);
  assert.equal(unreachable.banner.verdict, 'could-not-check');
  assert.match(unreachable.banner.detail, /not checked here: Revocation could not be checked/);
  assert.match(unreachable.output, /• Revocation could not be checked: the issuer's status list \(.*\/issuer\/status\/1\.json\) could not be downloaded/);
  assert.doesNotMatch(unreachable.output, /Not revoked/);
});
