// The three sample courses (content/) played end to end in the HTML player with the keyboard only, driven
// by their answer keys (./lib/sample-play.mjs); axe-core (WCAG 2.2 AA) on every distinct screen type met;
// giving-feedback once more in French.
// One browser for the whole file; screenshots of a lesson, a quiz, a scenario and the results. Each played
// course's completion proof is then issued as an Open Badge, whose certificate's QR code must still be read
// back (issue 20: outcomes and alignments make a credential larger, and the QR code has to stay scannable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { startBrowser, FIXTURES_DIR, ARTIFACTS_DIR, SITE_DIR, downloadText } from './lib/browser.mjs';
import { ok, tessera } from '../lib/cli.mjs';
import { axeViolations } from './lib/axe.mjs';
import { playSample } from './lib/sample-play.mjs';

let browser;
const proofs = {};  // course id → the completion proof its play signed, as downloaded

// Plays a sample course and keeps the proof the player signed into the wallet.
async function playAndKeepProof(course, options = {}) {
  const played = await playSample(browser, course, { ...options, keepOpen: true });
  await played.page.waitForFunction(() => document.body.dataset.proof && document.body.dataset.proof !== 'none', null, { timeout: 30000 });
  proofs[course] ??= await downloadText(played.page, () => played.page.click('#download-proof'));
  await played.page.close();
  return played;
}

before(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  browser = await startBrowser();
});
after(async () => { await browser?.close(); });

test('inclusive-meetings is completed with the keyboard only, every screen type axe-clean', async () => {
  const { seen } = await playAndKeepProof('inclusive-meetings', { shots: true });
  assert.ok([...seen].filter((k) => k.startsWith('item:')).length >= 5, `item types met: ${[...seen]}`);
});

test('spotting-phishing is completed with the keyboard only, every screen type axe-clean', async () => {
  await playAndKeepProof('spotting-phishing');
});

test('giving-feedback is completed with the keyboard only, in English and in French', async () => {
  await playAndKeepProof('giving-feedback');
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

// Open in issue 20: with their learning outcomes, criteria and SFIA alignments, the three sample credentials
// deflate to 2.0-2.2 KB, links of 2,700-3,000 bytes, past the 2,331 a QR code holds at error correction M;
// the certificate says so and offers the file. Deflate with a preset dictionary of a credential's usual
// strings (measured: 1.0-1.25 KB, links of about 1,700 bytes) is the fix not built yet; until then this list
// pins which ones do not fit, so a change either way is seen.
const TOO_LARGE_FOR_QR = ['giving-feedback', 'inclusive-meetings', 'spotting-phishing'];

test("each sample course's credential, issued from the proof its play signed: too large for a QR code as pinned, or its QR code reads back", () => {
  const work = mkdtempSync(join(tmpdir(), 'tessera-sample-qr-'));
  try {
    const issuer = join(work, 'issuer');
    ok('issuer', 'init', issuer, '--name', 'Example Academy', '--base-url', 'https://academy.example/', '--seed', '44'.repeat(32));
    // The keyboard robot answers a final in seconds, which the default policy takes for a bot; this issuer lets it.
    const profile = JSON.parse(readFileSync(join(issuer, 'issuer.json'), 'utf8'));
    profile.policy.allowTimingWarnings = true;
    writeFileSync(join(issuer, 'issuer.json'), JSON.stringify(profile, null, 2));
    const verifier = 'https://academy.example/verify/';
    assert.deepEqual(Object.keys(proofs).sort(), ['giving-feedback', 'inclusive-meetings', 'spotting-phishing']);
    const tooLarge = [];
    for (const [course, proofText] of Object.entries(proofs)) {
      const proof = join(work, `${course}.proof.json`);
      writeFileSync(proof, proofText);
      writeFileSync(join(ARTIFACTS_DIR, `sample-proof-${course}.json`), proofText);  // to issue from by hand
      const badge = join(work, `${course}.badge.json`);
      ok('issue', proof, '--issuer', issuer, '--package', join(SITE_DIR, 'courses', course), '--out', badge);
      const pdf = join(work, `${course}.pdf`);
      const made = tessera('certificate', badge, '--name', 'Ada Lovelace', '--verifier', verifier, '--out', pdf);
      if (made.code !== 0) {
        assert.match(made.err, /the verification link is \d+ bytes, more than a QR code holds/, `${course}: ${made.err}`);
        tooLarge.push(course);
        continue;
      }
      execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, join(work, course)]);
      const link = execFileSync('zbarimg', ['--raw', '-q', join(work, `${course}.png`)], { encoding: 'utf8' }).trim();
      assert.ok(link.startsWith(`${verifier}#z=`), `${course}: ${link.slice(0, 80)}`);
      const carried = JSON.parse(inflateRawSync(Buffer.from(link.slice(`${verifier}#z=`.length), 'base64url')).toString('utf8'));
      assert.deepEqual(carried, JSON.parse(readFileSync(badge, 'utf8')), `${course}: the QR code carries the credential`);
      assert.ok(carried.credentialSubject.achievement.resultDescription.length > 0, `${course}: the credential carries its outcomes`);
    }
    assert.deepEqual(tooLarge.sort(), TOO_LARGE_FOR_QR, 'the sample credentials too large for a QR code');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
