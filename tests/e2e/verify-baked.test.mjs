// The verifier page on baked badge images: an Open Badges 3.0 credential made by `tessera issue`, baked by
// `tessera bake` into a PNG (chosen with the file input) and an SVG (dropped on the page), is unbaked by the
// Wasm runtime and verified; a PNG whose credential has one changed byte (its CRC fixed, as a forger would) is
// not verified, and one with its CRC left wrong says why nothing could be read, with the byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { startBrowser, ROOT, SITE_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const TESSERA = join(ROOT, 'build/native/cli/tessera');
const ART = join(ROOT, 'tests/golden/baking');
const ISSUED = '2027-01-02T00:00:00Z';
const PAGE_NOW = new Date('2027-01-03T00:00:00Z');

function tessera(...args) {
  const run = spawnSync(TESSERA, args, { encoding: 'utf8' });
  assert.equal(run.status, 0, `tessera ${args[0]}: ${run.stderr}`);
}

let browser, work;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tessera-verify-baked-'));
  browser = await startBrowser({ site: SITE_DIR, extraRoutes: { '/issuer/status/1.json': join(work, 'issuer/status/1.json') } });
  const { pkg } = makeGoldenCredentialPath(work, { issuerBaseUrl: `${browser.origin}/issuer/` });
  tessera('issue', join(work, 'proof.json'), '--issuer', join(work, 'issuer'), '--package', pkg, '--now', ISSUED,
    '--out', join(work, 'badge.json'));
  tessera('status-list', '--issuer', join(work, 'issuer'), '--now', ISSUED);
  tessera('bake', join(work, 'badge.json'), join(ART, 'art.png'), '--out', join(work, 'badge.png'));
  tessera('bake', join(work, 'badge.json'), join(ART, 'art.svg'), '--out', join(work, 'badge.svg'));
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

async function openVerifier() {
  const page = await browser.newPage();
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(new URL('verify/', browser.baseUrl).href);
  return page;
}

async function result(page, screenshot) {
  await page.waitForSelector('#verify-output [data-verified]', { timeout: 30000 });
  const verdict = await page.getAttribute('#verify-output [data-verified]', 'data-verified');
  const output = await page.textContent('#verify-output');
  if (screenshot) await page.screenshot({ path: join(ARTIFACTS_DIR, screenshot), fullPage: true });
  return { verdict, output };
}

// `png` with one byte of the achievement's name changed; `fixCrc` recomputes the iTXt chunk's CRC.
function changedPng(png, fixCrc) {
  const changed = Buffer.from(png);
  changed[changed.indexOf('"name": "Package checker"') + '"name": "'.length] = 'Q'.charCodeAt(0);
  if (fixCrc) {
    const start = 8 + 25 + 8;  // after the signature and IHDR: the iTXt chunk's data
    const length = changed.readUInt32BE(start - 8);
    changed.writeUInt32BE(crc32(changed.subarray(start - 4, start + length)), start + length);
  }
  return changed;
}

test('a baked PNG chosen with the file input is unbaked in the page and verified, and says so', async () => {
  const page = await openVerifier();
  await page.setInputFiles('#verify-file', join(work, 'badge.png'));
  const { verdict, output } = await result(page, 'verify-baked-png.png');
  assert.equal(verdict, 'true', output);
  assert.match(output, /Read from a baked PNG badge image: the checks below are of the credential it carries\./);
  assert.match(output, /An Open Badges 3\.0 AchievementCredential for "Package checker"/);
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('a baked SVG dropped on the page is unbaked and verified', async () => {
  const page = await openVerifier();
  const svg = readFileSync(join(work, 'badge.svg'), 'utf8');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'badge.svg', { type: 'image/svg+xml' }));
    document.getElementById('verify-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, svg);
  const { verdict, output } = await result(page);
  assert.equal(verdict, 'true', output);
  assert.match(output, /Read from a baked SVG badge image/);
  await page.close();
});

test('a baked PNG with one changed byte in its credential is not verified: by its signature, or by its CRC', async () => {
  const png = readFileSync(join(work, 'badge.png'));
  for (const [name, fixCrc, expected] of [
    ['forged.png', true, /The proof \(eddsa-rdfc-2022\) does not verify/],
    ['damaged.png', false, /No credential could be read from this PNG image: the iTXt chunk's CRC is wrong .* \(byte \d+\)\./],
  ]) {
    writeFileSync(join(work, name), changedPng(png, fixCrc));
    const page = await openVerifier();
    await page.setInputFiles('#verify-file', join(work, name));
    const { verdict, output } = await result(page, `verify-baked-${name}`);
    assert.equal(verdict, 'false', output);
    assert.match(output, expected);
    await page.close();
  }
});
