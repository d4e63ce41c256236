// The site's pages in the learner's language (issue 18): with French chosen in the settings, the catalog, course,
// dashboard (with its wallet) and settings pages say runtime/strings/fr.json's words, <html lang="fr">, and stay
// axe-core clean; the page around the HTML player follows its view's language; the verifier, which has no
// learner, follows the browser's languages; English is the default.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, buildTestSite, ROOT } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';

const fr = JSON.parse(readFileSync(join(ROOT, 'runtime/strings/fr.json'), 'utf8'));
let site;
before(() => { site = buildTestSite('e2e-site-words'); });

// Opens `path` and waits until the page is in `lang` and `ready` holds in the page.
async function open(page, browser, path, lang, ready = () => true) {
  await page.goto(new URL(path, browser.baseUrl).href);
  await page.waitForFunction((wanted) => document.documentElement.lang === wanted, lang, { timeout: 20000 });
  await page.waitForFunction(ready, null, { timeout: 20000 });
}

const text = (page, selector) => page.textContent(selector).then((t) => t.trim());

test('with French chosen, the catalog, course, dashboard, wallet and settings pages are in French and axe-clean', async () => {
  const browser = await startBrowser({ site });
  try {
    const page = await browser.newPage();
    await page.goto(browser.baseUrl);
    await page.evaluate(() => localStorage.setItem('tessera.settings', JSON.stringify({ language: 'fr' })));

    await open(page, browser, './', 'fr', () => document.getElementById('catalog-status').dataset.state === 'ready');
    assert.equal(await page.title(), 'Tessera — catalogue des cours');
    assert.equal(await text(page, 'h1'), 'Cours');
    assert.equal(await text(page, 'nav a[href="dashboard.html"]'), 'Mon apprentissage');
    assert.equal(await page.getAttribute('header nav', 'aria-label'), 'Principale');
    const courses = await page.locator('#course-list > li').count();
    assert.equal(await text(page, '#catalog-status'), `${courses} cours disponibles.`);
    const card = await text(page, '[data-course="keyboard-course"]');
    for (const expected of ['Durée', '20 minutes', 'Initiation', 'Attestation', 'Valable', '12 mois', 'Langues', 'anglais', 'Publié par', 'Tessera tests', 'Commencer']) {
      assert.ok(card.includes(expected), `the catalog card says "${expected}": ${card}`);
    }
    assert.match(await text(page, '[data-pathway="test-pathway"]'), /Tous : Keyboard course/);
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    assert.deepEqual(await axeViolations(page), [], 'catalog');

    await open(page, browser, 'course.html?id=keyboard-course', 'fr', () => !document.getElementById('course-page').hidden);
    assert.equal(await text(page, '#outcomes-heading'), fr['page.outcomes']);
    assert.equal(await text(page, '#course-start'), 'Commencer');
    assert.match(await text(page, '#course-offline'), /^Rendre disponible hors ligne \(\d+(,\d)?\s(octets|ko|Mo)( ou plus)?\)$/);
    assert.deepEqual(await axeViolations(page), [], 'course');

    await open(page, browser, 'dashboard.html', 'fr', () => document.getElementById('dashboard-status').textContent === '');
    assert.equal(await text(page, 'h1'), 'Mon apprentissage');
    assert.equal(await text(page, '#wallet-heading'), 'Portefeuille');
    assert.equal(await text(page, '#dashboard-courses'), fr['page.dashboard.none']);
    assert.equal(await text(page, '#dashboard-wallet'), fr['page.wallet.empty']);
    assert.equal(await text(page, '#wallet-key'), fr['page.wallet.no-key']);
    // The wallet refuses a file that is not a credential, in French.
    await page.setInputFiles('#wallet-add', { name: 'note.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
    await page.waitForFunction((wanted) => document.getElementById('wallet-add-result').textContent === wanted, fr['page.wallet.not-json']);
    assert.deepEqual(await axeViolations(page), [], 'dashboard');

    await open(page, browser, 'settings.html', 'fr', () => document.getElementById('key-status').textContent !== '');
    assert.equal(await text(page, 'h1'), 'Paramètres');
    assert.equal(await text(page, 'legend'), 'Affichage');
    assert.equal(await text(page, '#setting-language option[value=""]'), 'Comme mon navigateur');
    // Exactly the languages the site has words in (runtime/strings), each named in its own language.
    const offered = await page.$$eval('#setting-language option', (options) => options.map((o) => [o.value, o.lang, o.dir, o.textContent]));
    assert.deepEqual(offered, [['', '', '', 'Comme mon navigateur'], ['ar', 'ar', 'rtl', 'العربية'], ['en', 'en', '', 'English'], ['fr', 'fr', '', 'Français']]);
    assert.equal(await text(page, '#key-status'), fr['page.settings.no-key']);
    await page.selectOption('#setting-theme', 'dark');
    await page.waitForFunction(() => document.getElementById('settings-saved').textContent === 'Enregistré.');
    assert.deepEqual(await axeViolations(page), [], 'settings');

    // Before there is a view, the player page's own messages are in the learner's language.
    await page.goto(new URL('player.html', browser.baseUrl).href);
    await page.waitForFunction(() => document.getElementById('player-status').dataset.state === 'failed');
    assert.equal(await text(page, '#player-status'), fr['page.player.no-course']);
    await page.goto(new URL('player.html?course=no-such-course', browser.baseUrl).href);
    await page.waitForFunction(() => document.getElementById('player-status').dataset.state === 'failed');
    assert.equal(await text(page, '#player-status'), fr['page.courses.unknown'].replace('{id}', 'no-such-course'));

    // The HTML player's own words come in the view; the page around it (navigation, skip link) follows the
    // view's interface language: French for a course in French, English for a course only in English.
    await page.goto(new URL('player.html?course=golden-course', browser.baseUrl).href);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('.skip-link').textContent === 'Aller à la leçon');
    assert.equal(await text(page, 'nav a[href="settings.html"]'), 'Paramètres');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.goto(new URL('player.html?course=keyboard-course', browser.baseUrl).href);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await text(page, '.skip-link'), 'Skip to the lesson');

    // The verifier has no learner: the learner's French does not count; this browser asks for English.
    await open(page, browser, 'verify/', 'en');
    assert.equal(await text(page, 'h1'), 'Verify a credential');
    assert.deepEqual(page.unexpectedErrors(), []);
    await page.close();
  } finally {
    await browser.close();
  }
});

test('the verifier page follows the browser\'s languages: French for a French browser, its results too', async () => {
  const browser = await startBrowser({ site, device: { locale: 'fr-FR' } });
  try {
    const page = await browser.newPage();
    await open(page, browser, 'verify/', 'fr');
    assert.equal(await page.title(), 'Tessera — vérifier une attestation');
    assert.equal(await text(page, 'h1'), 'Vérifier une attestation');
    assert.equal(await text(page, '#verify-form button[type=submit]'), 'Vérifier');
    await page.click('#verify-form button[type=submit]');
    await page.waitForSelector('#verify-result:not([hidden])');
    assert.equal(await text(page, '#verify-output'), fr['page.verify.empty']);
    const doc = Buffer.from(JSON.stringify({ type: ['VerifiableCredential'] })).toString('base64url');
    await page.goto(new URL(`verify/#doc=${doc}`, browser.baseUrl).href);
    await page.waitForSelector('[data-verified]');
    assert.equal(await text(page, '#verify-output'), fr['page.verify.no-proof']);
    // The runtime's own sentences, one per check, come in French too (its verify.* strings).
    const unsigned = { type: ['VerifiableCredential'], proof: { type: 'DataIntegrityProof', cryptosuite: 'unknown-2099' } };
    await page.goto(new URL(`verify/#doc=${Buffer.from(JSON.stringify(unsigned)).toString('base64url')}`, browser.baseUrl).href);
    await page.waitForSelector('#verify-output .verdict');
    const checks = await page.locator('#verify-output li').allTextContents();
    assert.ok(checks.includes(`✓ ${fr['verify.input.ok']}`), checks.join('\n'));
    assert.ok(checks.includes(`• ${fr['verify.type.other']}`), checks.join('\n'));
    assert.ok(checks.includes(`✗ ${fr['verify.issuer.unbound']}`), checks.join('\n'));
    assert.deepEqual(await axeViolations(page), [], 'verifier');
    assert.deepEqual(page.unexpectedErrors(), []);
    await page.close();
  } finally {
    await browser.close();
  }
});

test('with no language chosen and an English browser, the pages are in English and load no catalogue to say so', async () => {
  const browser = await startBrowser({ site });
  try {
    const page = await browser.newPage();
    const catalogues = [];
    page.on('request', (request) => { if (/\/strings\//.test(request.url())) catalogues.push(request.url()); });
    // No service worker: its precache would ask for every catalogue.
    await open(page, browser, './?no-sw', 'en', () => document.getElementById('catalog-status').dataset.state === 'ready');
    assert.equal(await text(page, 'h1'), 'Courses');
    assert.match(await text(page, '#catalog-status'), /^\d+ courses available\.$/);
    // The catalog's own words (the status) come from the English catalogue; the static page needs none.
    assert.deepEqual(catalogues.map((url) => url.replace(browser.baseUrl, '')), ['strings/en.json']);
    catalogues.length = 0;
    await page.goto(new URL('player.html?course=keyboard-course&no-sw', browser.baseUrl).href);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(catalogues, [], 'the HTML player\'s first load asks for no catalogue: its words come in the view');
    assert.deepEqual(page.unexpectedErrors(), []);
    await page.close();
  } finally {
    await browser.close();
  }
});
