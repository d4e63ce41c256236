// The certificate page: an Open Badges 3.0 credential made by `tessera issue` is added to the wallet, and its
// certificate shows what the verifier established with the name the learner typed (kept out of the
// credential); printed to PDF it is one page on A4 and on US Letter, and its QR code, read back from the
// rendered PDF by zbarimg (Debian's zbar-tools), opens the verifier on the very credential, which verifies.
// The LinkedIn link carries the fields LinkedIn documents (tests/golden/linkedin). A tampered credential
// gets no certificate; one too large for a QR code says so. The PDF `tessera certificate` makes has a QR code
// that opens this site's verifier on the credential, which verifies. The wallet's "Download badge image" bakes
// the credential into its course's badge art, which pngcheck and ExifTool read back and the verifier passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser, ROOT, SITE_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const TESSERA = join(ROOT, 'build/native/cli/tessera');
const ISSUED = '2027-01-02T00:00:00Z';
const PAGE_NOW = new Date('2027-01-03T00:00:00Z');
const NAME = 'Ada Lovelace-Byron';
const LINKEDIN = JSON.parse(readFileSync(join(ROOT, 'tests/golden/linkedin/parameters.json'), 'utf8'));

function run(command, ...args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args[0]}: ${result.stderr}`);
  return result.stdout;
}

let browser, work, badge, proof;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tessera-certificate-'));
  browser = await startBrowser({ site: SITE_DIR, extraRoutes: {
    '/issuer/status/1.json': join(work, 'issuer/status/1.json'),
    // The golden course is not on the site: it borrows a sample course's badge art here.
    '/courses/golden-course/badge.png': join(SITE_DIR, 'courses/spotting-phishing/badge.png'),
  } });
  const { pkg } = makeGoldenCredentialPath(work, { issuerBaseUrl: `${browser.origin}/issuer/` });
  run(TESSERA, 'issue', join(work, 'proof.json'), '--issuer', join(work, 'issuer'), '--package', pkg, '--now', ISSUED,
    '--out', join(work, 'badge.json'));
  run(TESSERA, 'status-list', '--issuer', join(work, 'issuer'), '--now', ISSUED);
  badge = JSON.parse(readFileSync(join(work, 'badge.json'), 'utf8'));
  proof = JSON.parse(readFileSync(join(work, 'proof.json'), 'utf8'));
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

async function newPageAt(path) {
  const page = await browser.newPage();
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(new URL(path, browser.baseUrl).href);
  return page;
}

// Puts `document` into the wallet as it is, past the wallet's own check (as a row a device already held).
async function putInWallet(page, id, kind, document, name = 'Test document') {
  await page.evaluate(async ([rowId, rowKind, doc, rowName]) => {
    const { putRow } = await import(new URL('js/store/db.js', document.baseURI).href);  // the site's, in the page
    await putRow('wallet', { id: rowId, kind: rowKind, name: rowName, added: '2027-01-02T00:00:00Z', document: doc });
  }, [id, kind, document, name]);
}

// The pages of a PDF, as pdfinfo (poppler-utils) counts them.
function pdfPages(file) {
  return Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', file))[1]);
}

test('an issued credential\'s certificate: the verified facts and the typed name, one printed page, a QR code that verifies', async () => {
  const page = await newPageAt('dashboard.html');
  await page.setInputFiles('#wallet-add', { name: 'badge.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(badge)) });
  await page.waitForFunction(() => /Added/.test(document.getElementById('wallet-add-result').textContent), null, { timeout: 30000 });
  await page.click('#dashboard-wallet li[data-wallet-kind="credential"] a[href^="certificate.html"]');
  await page.waitForSelector('#certificate:not([hidden]) .qr-code', { timeout: 30000 });
  await page.fill('#certificate-name', NAME);

  const text = await page.textContent('#certificate');
  for (const expected of ['Certificate', NAME, 'has earned', 'Package checker', 'Issued byExample Academy', 'Issued onJanuary 2, 2027',
    'Valid untilJanuary 2, 2029', 'Score2 of 2', 'Validate course packages', `by the verifier at ${new URL(browser.baseUrl).host}`]) {
    assert.ok(text.includes(expected), `the certificate says "${expected}": ${text}`);
  }
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'certificate-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'no sideways scroll on a phone');
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'certificate-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The name is the page's only: the wallet's credential is the issuer's, byte for byte.
  const stored = await page.evaluate(async () => (await (await import(new URL('js/wallet.js', document.baseURI).href)).walletRows())[0].document);
  assert.deepEqual(stored, badge);

  // LinkedIn: only the documented parameters, each with the credential's value.
  const linkedIn = new URL(await page.getAttribute('#certificate-linkedin', 'href'));
  assert.equal(`${linkedIn.origin}${linkedIn.pathname}`, LINKEDIN.url);
  for (const key of linkedIn.searchParams.keys()) assert.ok(LINKEDIN.parameters.includes(key), `LinkedIn documents "${key}"`);
  const shareLink = linkedIn.searchParams.get('certUrl');
  assert.deepEqual(Object.fromEntries(linkedIn.searchParams), {
    startTask: LINKEDIN.startTask, name: 'Package checker', organizationName: 'Example Academy',
    issueYear: '2027', issueMonth: '1', expirationYear: '2029', expirationMonth: '1', certUrl: shareLink, certId: badge.id,
  });
  assert.match(shareLink, new RegExp(`^${browser.baseUrl}verify/#z=[A-Za-z0-9_-]+$`));
  assert.match(await page.getAttribute('#certificate-mail', 'href'), /^mailto:\?subject=.+&body=.+verify%2F%23z%3D/);

  // Printed: one page on A4 and on Letter; the QR code read back from the A4 page is the share link.
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter']) {
    const file = join(work, `certificate-${format}.pdf`);
    writeFileSync(file, await page.pdf({ format, printBackground: true }));
    assert.equal(pdfPages(file), 1, `one ${format} page`);
  }
  writeFileSync(join(ARTIFACTS_DIR, 'certificate-A4.pdf'), readFileSync(join(work, 'certificate-A4.pdf')));
  run('pdftoppm', '-r', '200', '-png', '-singlefile', join(work, 'certificate-A4.pdf'), join(work, 'printed'));
  const scanned = run('zbarimg', '--raw', '-q', join(work, 'printed.png')).trim();
  assert.equal(scanned, shareLink, 'the printed QR code is the share link');
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();

  // Scanned and opened: the verifier reads the credential from the link and verifies it.
  const verifier = await browser.newPage();
  await verifier.clock.setFixedTime(PAGE_NOW);
  await verifier.goto(scanned);
  await verifier.waitForSelector('#verify-output [data-verdict]', { timeout: 30000 });
  assert.equal(await verifier.getAttribute('#verify-output .verdict', 'data-verdict'), 'verified', await verifier.textContent('#verify-output'));
  assert.deepEqual(JSON.parse(await verifier.inputValue('#verify-text')), badge, 'the link carries the credential itself');
  await verifier.close();
});

test('a tampered credential gets no certificate, with the reason', async () => {
  const page = await newPageAt('dashboard.html');
  const tampered = structuredClone(badge);
  tampered.credentialSubject.achievement.name = 'Package master';
  await putInWallet(page, 'tampered-badge', 'credential', tampered);
  await page.goto(new URL('certificate.html?id=tampered-badge', browser.baseUrl).href);
  await page.waitForFunction(() => /No certificate/.test(document.getElementById('certificate-status').textContent), null, { timeout: 30000 });
  assert.equal(await page.isHidden('#certificate'), true);
  assert.match(await page.textContent('#certificate-status'), /did not pass its checks\. .+/);
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('a completion proof too large for a QR code: the certificate says to share the file instead', async () => {
  const page = await newPageAt('dashboard.html');
  await putInWallet(page, 'learner-proof', 'completion-proof', proof);
  await page.goto(new URL('certificate.html?id=learner-proof', browser.baseUrl).href);
  await page.waitForSelector('#certificate:not([hidden])', { timeout: 30000 });
  const text = await page.textContent('#certificate');
  for (const expected of ['Record of completion', 'has completed', 'Checking a course', 'Too large for a QR code']) {
    assert.ok(text.includes(expected), `the certificate says "${expected}": ${text}`);
  }
  assert.equal(await page.locator('#certificate-linkedin').count(), 0, 'a learner\'s own proof is no organisation\'s certification');
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('the QR code of `tessera certificate`\'s PDF opens the verifier on the credential, which verifies', async () => {
  const pdf = join(work, 'cli-certificate.pdf');
  run(TESSERA, 'certificate', join(work, 'badge.json'), '--name', NAME, '--verifier', `${browser.baseUrl}verify/`,
    '--status-list', join(work, 'issuer/status/1.json'), '--now', PAGE_NOW.toISOString(), '--out', pdf);
  run('pdftoppm', '-r', '150', '-png', '-singlefile', pdf, join(work, 'cli-page'));
  const scanned = run('zbarimg', '--raw', '-q', join(work, 'cli-page.png')).trim();
  const verifier = await browser.newPage();
  await verifier.clock.setFixedTime(PAGE_NOW);
  await verifier.goto(scanned);
  await verifier.waitForSelector('#verify-output [data-verdict]', { timeout: 30000 });
  assert.equal(await verifier.getAttribute('#verify-output .verdict', 'data-verdict'), 'verified', await verifier.textContent('#verify-output'));
  assert.deepEqual(JSON.parse(await verifier.inputValue('#verify-text')), badge);
  await verifier.screenshot({ path: join(ARTIFACTS_DIR, 'certificate-qr-verified.png'), fullPage: true });
  await verifier.close();
});

test('"Download badge image" bakes the credential into its course\'s art: pngcheck, ExifTool and the verifier read it', async () => {
  const page = await newPageAt('dashboard.html');
  // Named apart: the earlier tests leave other rows of the same course (the tampered copy) in this profile.
  await putInWallet(page, badge.id, 'credential', badge, 'Badge to bake');
  await page.reload();
  const button = page.getByRole('button', { name: 'Download badge image: Badge to bake' });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), button.click()]);
  assert.equal(download.suggestedFilename(), 'golden-course-badge.png');
  const png = join(work, 'baked.png');
  await download.saveAs(png);
  run('pngcheck', png);
  assert.deepEqual(JSON.parse(run('exiftool', '-b', '-PNG:Openbadgecredential', png)), badge);
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(new URL('verify/', browser.baseUrl).href);
  await page.setInputFiles('#verify-file', png);
  await page.waitForSelector('#verify-output [data-verdict]', { timeout: 30000 });
  assert.equal(await page.getAttribute('#verify-output .verdict', 'data-verdict'), 'verified', await page.textContent('#verify-output'));
  assert.match(await page.textContent('#verify-output'), /Read from a baked PNG badge image/);
  await page.close();
});
