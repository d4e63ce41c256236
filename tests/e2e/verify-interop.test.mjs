// The verifier page (Wasm) on Open Badges made by other implementations: the interop corpus's did:key
// credentials (tests/golden/interop/peer, made by Digital Bazaar's libraries) are judged on the page as
// their source says (expected.json), each proof of a set on its own line in plain words, axe-clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, ROOT, SITE_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';

const CORPUS = join(ROOT, 'tests/golden/interop');
const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8'));
// The page needs nothing handed over: peer credentials are signed by did:key, which resolves offline.
const onPage = expected.items.filter((item) => item.file.startsWith('peer/') && !item.didDocs);

let browser;
before(async () => { browser = await startBrowser({ site: SITE_DIR }); });
after(async () => { await browser?.close(); });

async function verifyOnPage(text, screenshot) {
  const page = await browser.newPage();
  await page.clock.setFixedTime(new Date(expected.now));
  await page.goto(new URL('verify/', browser.baseUrl).href);
  await page.fill('#verify-text', text);
  await page.click('#verify-form button[type=submit]');
  await page.waitForSelector('#verify-output [data-verified]', { timeout: 30000 });
  const verdict = await page.getAttribute('#verify-output [data-verified]', 'data-verified');
  const checks = await page.$$eval('#verify-output ul.checks li', (items) => items.map((li) => li.textContent));
  const facts = await page.$$eval('#verify-output dl.facts dd', (items) => items.map((dd) => dd.textContent));
  if (screenshot) await page.screenshot({ path: join(ARTIFACTS_DIR, screenshot), fullPage: true });
  const violations = await axeViolations(page);
  await page.close();
  return { verdict, checks, facts, violations };
}

// The mark the page puts before a proof's line for each verdict the corpus names.
const MARK = { verified: '✓', failed: '✗', 'set aside': '•' };

for (const item of onPage) {
  test(`the verifier page on ${item.file}: ${item.why}`, async () => {
    const text = readFileSync(join(CORPUS, item.file), 'utf8');
    const shot = item.file === 'peer/proof-set-rdfc-and-2020.json' ? 'verify-proof-set.png' : undefined;
    const { verdict, checks, facts, violations } = await verifyOnPage(text, shot);
    const detail = checks.join('\n');
    // A fact the credential does not state (most have no validUntil) is left out, never shown as "null".
    assert.ok(!facts.some((fact) => /^(null|undefined)$/.test(fact)), facts.join(' | '));
    assert.equal(verdict, String(item.ok), detail);
    // One line per proof, in document order, each with its verdict's mark and a sentence in words.
    // (A proof's warning, such as the suite's earlier name, is a line of its own after the verdict's.)
    const count = item.proofs.length;
    const verdictLines = checks.filter((line) => !/earlier name|No proof is/.test(line));
    const lines = count === 1
      ? verdictLines.filter((line) => /^. The proof \(/.test(line))
      : verdictLines.filter((line) => new RegExp(`^. Proof \\d+ of ${count} \\(`).test(line));
    assert.equal(lines.length, count, detail);
    item.proofs.forEach((want, i) => {
      assert.equal(lines[i][0], MARK[want], `${want}: ${lines[i]}`);
      if (count > 1) assert.match(lines[i], new RegExp(`Proof ${i + 1} of ${count}`));
    });
    if (item.says) assert.ok(checks.some((line) => line.startsWith('✗') && line.includes(item.says)), detail);
    if (item.warns) assert.ok(checks.some((line) => line.includes(item.warns)), detail);
    assert.deepEqual(violations, []);
  });
}
