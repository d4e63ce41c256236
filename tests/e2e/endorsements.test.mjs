// Endorsements, policy links and badge art in the browser, with the real Wasm verifier core: the course page
// checks the endorsements its course declares (one good, one forged) and shows each verified or refused with
// the reason; the verifier page shows an Open Badge's endorsements the same way and its issuer's policy links;
// the catalog and course pages show each course's badge art with its alt text; every page axe-clean. Endorsements and credentials are made by the `tessera` command, as partners and issuers do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser, ROOT, SITE_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const TESSERA = join(ROOT, 'build/native/cli/tessera');
const ISSUED = '2027-01-02T00:00:00Z';
const PAGE_NOW = new Date('2027-01-03T00:00:00Z');
const POLICY = 'https://academy.example/policies/';

function tessera(...args) {
  const run = spawnSync(TESSERA, args, { encoding: 'utf8' });
  assert.equal(run.status, 0, `tessera ${args.join(' ')}: ${run.stdout}${run.stderr}`);
  return run.stdout;
}

// The site's folder of a sample course (catalog.json's path), as the course page fetches it.
function siteCoursePath(id) {
  const catalog = JSON.parse(readFileSync(join(SITE_DIR, 'courses/catalog.json'), 'utf8'));
  const entry = catalog.courses.find((c) => c.id === id);
  return `/courses/${(entry.path || entry.id).replace(/\/?$/, '/')}`;
}

let browser, work, badgeText;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tessera-endorsements-'));
  const folder = siteCoursePath('giving-feedback');
  const routes = {
    '/issuer/status/1.json': join(work, 'issuer/status/1.json'),
    [`${folder}course.json`]: join(work, 'site-course.json'),
    [`${folder}endorsements/partner.json`]: join(work, 'partner-endorsement.json'),
    [`${folder}endorsements/forged.json`]: join(work, 'forged-endorsement.json'),
  };
  browser = await startBrowser({ site: SITE_DIR, extraRoutes: routes });
  makeGoldenCredentialPath(work, { issuerBaseUrl: `${browser.origin}/issuer/` });
  tessera('issuer', 'init', join(work, 'partner'), '--name', 'Partner Guild', '--seed', '61'.repeat(32));

  // The sample course as the site serves it, declaring a good and a forged endorsement of its achievement.
  const siteCourse = JSON.parse(readFileSync(join(SITE_DIR, folder, 'course.json'), 'utf8'));
  const sampleEndorsement = join(work, 'partner-endorsement.json');
  tessera('endorse', join(ROOT, 'content/giving-feedback'), '--issuer', join(work, 'partner'),
    '--comment', 'Feedback our members can use the same day.', '--now', ISSUED, '--out', sampleEndorsement);
  const forged = JSON.parse(readFileSync(sampleEndorsement, 'utf8'));
  forged.credentialSubject.endorsementComment = 'The only feedback course you will ever need.';
  writeFileSync(join(work, 'forged-endorsement.json'), JSON.stringify(forged, null, 2));
  siteCourse.credential.endorsements = ['endorsements/partner.json', 'endorsements/forged.json'];
  writeFileSync(join(work, 'site-course.json'), JSON.stringify(siteCourse, null, 2));

  // An issuer with policy links issues the golden course, whose package declares the partner's endorsement;
  // the credential then carries a forged one too, signed by the issuer anyway.
  const academy = join(work, 'academy');
  tessera('issuer', 'init', academy, '--name', 'Example Academy', '--base-url', `${browser.origin}/issuer/`,
    '--seed', '44'.repeat(32), '--eligibility-policy', `${POLICY}eligibility`, '--verification-policy',
    `${POLICY}verification`, '--appeal-policy', `${POLICY}appeal`);
  const src = join(work, 'endorsed-src');
  cpSync(join(work, 'src'), src, { recursive: true });
  mkdirSync(join(src, 'endorsements'));
  tessera('endorse', src, '--issuer', join(work, 'partner'), '--comment', 'A sound course.', '--now', ISSUED,
    '--out', join(src, 'endorsements/partner.json'));
  const course = JSON.parse(readFileSync(join(src, 'course.json'), 'utf8'));
  course.credential.endorsements = ['endorsements/partner.json'];
  writeFileSync(join(src, 'course.json'), JSON.stringify(course, null, 2));
  tessera('pack', src, '--key', join(work, 'keys/publisher.key'), '--out', join(work, 'endorsed-dist'));
  const pkg = join(work, 'endorsed-dist/golden-course/1.0.0');
  tessera('prove', pkg, join(ROOT, 'tests/golden/credential/completed-record.jsonl'), '--seed', '11'.repeat(32),
    '--created', '2027-01-01T10:00:00Z', '--now', '2027-01-01T10:00:00Z', '--out', join(work, 'endorsed-proof.json'));
  tessera('issue', join(work, 'endorsed-proof.json'), '--issuer', academy, '--package', pkg, '--now', ISSUED,
    '--out', join(work, 'badge.json'));
  const badge = JSON.parse(readFileSync(join(work, 'badge.json'), 'utf8'));
  const forgedHere = JSON.parse(JSON.stringify(badge.credentialSubject.achievement.endorsement[0]));
  forgedHere.credentialSubject.endorsementComment = 'The best course there is.';
  badge.credentialSubject.achievement.endorsement.push(forgedHere);
  delete badge.proof;
  writeFileSync(join(work, 'carrying.json'), JSON.stringify(badge));
  badgeText = tessera('sign', join(work, 'carrying.json'), '--key', join(academy, 'issuer.key'),
    '--cryptosuite', 'eddsa-rdfc-2022');
  mkdirSync(join(work, 'issuer/status'), { recursive: true });
  tessera('status-list', '--issuer', academy, '--now', ISSUED, '--out', join(work, 'issuer/status/1.json'));
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

async function endorsementItems(page) {
  return page.$$eval('ul.endorsements > li', (items) => items.map((li) => ({
    verified: li.dataset.verified, text: li.textContent,
  })));
}

test('the course page verifies its course\'s endorsements and shows a forged one refused, with the reason', async () => {
  const page = await browser.newPage();
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(new URL('course.html?id=giving-feedback', browser.baseUrl).href);
  await page.waitForSelector('#course-endorsements ul.endorsements > li:nth-child(2)', { timeout: 30000 });
  const items = await endorsementItems(page);
  assert.equal(items.length, 2);
  assert.equal(items[0].verified, 'true');
  assert.match(items[0].text, /Partner Guild/);
  assert.match(items[0].text, /Feedback our members can use the same day\./);
  assert.match(items[0].text, /Verified: signed by this endorser, for this achievement\./);
  assert.equal(items[1].verified, 'false');
  assert.match(items[1].text, /Refused, not counted: The proof \(eddsa-rdfc-2022\) does not verify/);
  assert.equal(await page.textContent('#course-endorsements-status'), '');
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'course-endorsements.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('the verifier page shows a credential\'s endorsements, each checked, and its issuer\'s policy links', async () => {
  const page = await browser.newPage();
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(new URL('verify/', browser.baseUrl).href);
  await page.fill('#verify-text', badgeText);
  await page.click('#verify-form button[type=submit]');
  await page.waitForSelector('#verify-output .verdict', { timeout: 30000 });
  assert.equal(await page.getAttribute('#verify-output .verdict', 'data-verdict'), 'verified');
  const items = await endorsementItems(page);
  assert.equal(items.length, 2);
  assert.equal(items[0].verified, 'true');
  assert.match(items[0].text, /A sound course\./);
  assert.equal(items[1].verified, 'false');
  assert.match(items[1].text, /does not verify/);
  const links = await page.$$eval('ul.policy-links a', (nodes) => nodes.map((a) => [a.closest('li').dataset.policy, a.href, a.textContent]));
  assert.deepEqual(links.map(([kind, href]) => [kind, href]), [
    ['eligibility', `${POLICY}eligibility`], ['verification', `${POLICY}verification`], ['appeal', `${POLICY}appeal`]]);
  assert.match(links[2][2], /appeal/i);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'verify-endorsements.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('the catalog and the course page show each course\'s badge art, named by its alt text', async () => {
  const page = await browser.newPage();
  await page.goto(browser.baseUrl);
  await page.waitForSelector('li.card[data-course] img.badge-art');
  const cards = await page.$$eval('li.card[data-course]', (items) => items.map((li) => {
    const img = li.querySelector('img.badge-art');
    return { course: li.dataset.course, alt: img?.alt, src: img && new URL(img.src).pathname };
  }));
  const catalog = JSON.parse(readFileSync(join(SITE_DIR, 'courses/catalog.json'), 'utf8'));
  assert.equal(cards.length, catalog.courses.length);
  for (const card of cards) {
    const entry = catalog.courses.find((c) => c.id === card.course);
    assert.equal(card.alt, `Badge of the credential “${entry.card.credential.name.en ?? entry.card.credential.name}”`);
    assert.equal(card.src, `${siteCoursePath(card.course)}badge.svg`);
  }
  // Every image has loaded (the lazy ones once scrolled into view): none is broken.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => [...document.querySelectorAll('img.badge-art')].every((img) => img.complete && img.naturalWidth > 0));
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'catalog-badges.png'), fullPage: true });
  await page.goto(new URL('course.html?id=spotting-phishing', browser.baseUrl).href);
  await page.waitForSelector('#course-credential img.badge-art');
  assert.match(await page.getAttribute('#course-credential img.badge-art', 'alt'), /^Badge of the credential “.+”$/);
  await page.waitForFunction(() => document.querySelector('#course-credential img.badge-art').naturalWidth > 0);
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('the certificate page shows the issuer\'s policy links and still prints on one page', async () => {
  const page = await browser.newPage();
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(new URL('dashboard.html', browser.baseUrl).href);
  // Into the wallet as a row a device already holds (the wallet's own check is the certificate page's too).
  await page.evaluate(async (doc) => {
    const { putRow } = await import(new URL('js/store/db.js', document.baseURI).href);
    await putRow('wallet', { id: 'policy-badge', kind: 'credential', name: 'Package checker', added: '2027-01-02T00:00:00Z', document: doc });
  }, JSON.parse(badgeText));
  await page.goto(new URL('certificate.html?id=policy-badge', browser.baseUrl).href);
  await page.waitForSelector('#certificate:not([hidden]) ul.policy-links', { timeout: 30000 });
  const links = await page.$$eval('#certificate ul.policy-links a', (nodes) => nodes.map((a) => a.href));
  assert.deepEqual(links, [`${POLICY}eligibility`, `${POLICY}verification`, `${POLICY}appeal`]);
  assert.deepEqual(await axeViolations(page), []);
  const pdf = join(work, 'certificate-policy.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  assert.match(info, /^Pages:\s+1$/m);
  await page.close();
});
