// The screenshot tour of the site and the HTML player (issue 27): every page, and every block type with an
// assessment's question and result and a scenario's node and consequence, at 390 px and 1280 px in light and
// dark (build/test-artifacts/tour/), each axe-core clean (WCAG 2.2 AA) and none scrolling sideways at 320 px.
// The canvas player's tour is canvas-tour.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser, ROOT, SITE_DIR } from './lib/browser.mjs';
import { actionButton } from './lib/course-driver.mjs';
import { buildTourSite, blockPerType, tourShots, TOUR_COURSE } from './lib/tour.mjs';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const TESSERA = join(ROOT, 'build/native/cli/tessera');
const ISSUED = '2027-01-02T00:00:00Z';
const PAGE_NOW = new Date('2027-01-03T00:00:00Z');  // the badge is a day old: valid, not near expiry

let browser, course, work, badge;
before(async () => {
  const tour = buildTourSite('e2e-site-tour');
  course = tour.course;
  work = mkdtempSync(join(tmpdir(), 'tessera-tour-'));
  browser = await startBrowser({ site: tour.site, extraRoutes: {
    '/issuer/status/1.json': join(work, 'issuer/status/1.json'),
    '/courses/golden-course/badge.png': join(SITE_DIR, 'courses/spotting-phishing/badge.png'),
  } });
  const { pkg } = makeGoldenCredentialPath(work, { issuerBaseUrl: `${browser.origin}/issuer/` });
  for (const args of [['issue', join(work, 'proof.json'), '--issuer', join(work, 'issuer'), '--package', pkg, '--now', ISSUED, '--out', join(work, 'badge.json')],
    ['status-list', '--issuer', join(work, 'issuer'), '--now', ISSUED]]) {
    const result = spawnSync(TESSERA, args, { encoding: 'utf8' });
    assert.equal(result.status, 0, `tessera ${args[0]}: ${result.stderr}`);
  }
  badge = readFileSync(join(work, 'badge.json'));
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

// Waits for the player to have drawn and finished every action in flight.
const idle = (page) => page.waitForFunction(() => document.body.dataset.ready === 'true' && (document.body.dataset.busy ?? '0') === '0',
  null, { timeout: 30000 });

// Clicks a button even where a narrow layout tucks it away (the outline behind its toggle on a phone).
async function press(page, selector) {
  await page.waitForSelector(selector, { state: 'attached', timeout: 20000 });
  await page.evaluate((s) => document.querySelector(s).click(), selector);
  await idle(page);
}

test('the tour of the pages: catalog, course, dashboard, wallet certificate, plan, review, settings and the verifier', async () => {
  const page = await browser.newPage();
  await page.clock.setFixedTime(PAGE_NOW);
  const problems = [];
  const visit = async (name, path, loaded) => {
    await page.goto(new URL(path, browser.baseUrl).href);
    await page.waitForFunction(loaded, null, { timeout: 30000 });
    problems.push(...await tourShots(page, `page-${name}`));
  };
  await visit('catalog', './', () => document.querySelectorAll('#course-list li').length >= 3);
  await visit('course', 'course.html?id=inclusive-meetings', () => !document.getElementById('course-page').hidden);
  await page.goto(new URL('dashboard.html', browser.baseUrl).href);
  await page.setInputFiles('#wallet-add', { name: 'badge.json', mimeType: 'application/json', buffer: badge });
  await page.waitForFunction(() => /Added/.test(document.getElementById('wallet-add-result').textContent), null, { timeout: 30000 });
  await visit('dashboard', 'dashboard.html', () => document.querySelector('#dashboard-wallet li[data-wallet-kind="credential"]'));
  const certificate = await page.getAttribute('#dashboard-wallet li[data-wallet-kind="credential"] a[href^="certificate.html"]', 'href');
  await visit('certificate', certificate, () => document.querySelector('#certificate:not([hidden]) .qr-code'));
  await visit('plan', 'plan.html?course=inclusive-meetings', () => document.body.dataset.ready === 'true' || document.querySelector('main form, main [role=status]'));
  await visit('review', 'review.html', () => document.querySelector('main h1')?.textContent.trim());
  await visit('settings', 'settings.html', () => document.querySelector('main form, main select'));
  const link = await page.evaluate(async (text) => (await import(new URL('js/wallet.js', document.baseURI).href)).verifierLink(JSON.parse(text)), badge.toString());
  await visit('verify-empty', 'verify/', () => document.querySelector('main textarea, main input'));
  await visit('verify-verified', link, () => /Verified/.test(document.querySelector('.verdict, [data-verdict]')?.textContent || ''));
  assert.deepEqual(problems, []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('the tour of the HTML player: every block type, a question and its result, a scenario node and its consequence', async () => {
  const page = await browser.newPage();
  await page.goto(new URL(`player.html?course=${TOUR_COURSE}`, browser.baseUrl).href);
  await idle(page);
  const problems = [];
  const shots = async (name) => problems.push(...await tourShots(page, `player-${name}`, { settle: () => idle(page) }));
  await shots('welcome');
  const types = blockPerType(course);
  assert.deepEqual(types.map((b) => b.type).sort(), ['assessment', 'audio', 'case-study', 'image', 'reflection', 'scenario', 'survey', 'takeaways', 'text', 'video'].sort());
  for (const block of types) {
    await press(page, `#outline [data-action="open"][data-block="${block.id}"]`);
    assert.equal(await page.getAttribute('#block', 'data-block'), block.id);
    await shots(block.type);
    if (block.type === 'assessment') {
      await press(page, actionButton('start-attempt'));
      await shots('question');
      await press(page, actionButton('submit-attempt'));
      await press(page, 'dialog.confirm [data-confirm="accept"]');  // nothing answered: the view asks first
      await shots('result');
    }
    if (block.type === 'scenario') {
      // Through the opening narrative to the first choice, then one choice and its consequence.
      for (let step = 0; step < 5 && !await page.$(actionButton('scenario-choose')); step += 1) await press(page, actionButton('scenario-continue'));
      await press(page, actionButton('scenario-choose'));
      await shots('scenario-consequence');
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});
