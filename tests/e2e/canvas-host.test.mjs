// The canvas player's host path in chromium (docs/canvas-player.md): a step is stored before it is shown —
// a write the disk refuses, or one after another tab took the course's writer lock, leaves the screen and
// the session where they were, with a message, and stores nothing; a course is opened through the site's
// one loader (web/js/courses.js), so a package whose course.json was changed, or whose signature is not
// its catalog publisher's, is refused with the reason; finishing a signed course on the canvas signs its
// completion proof into the wallet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestSite, startBrowser, ROOT } from './lib/browser.mjs';
import { actionWidget, click, find, settle, ui, untilWriterLocksFree } from './lib/canvas-driver.mjs';

const TESSERA = join(ROOT, 'build/native/cli/tessera');
const FIXTURE_DIR = join(ROOT, 'tests/fixtures/canvas-course');
// The site's fixture course of two readings, packed and signed here by a publisher the test catalog pins.
const SIGNED = 'short-course';

let browser;
let site;
let keys;
before(async () => {
  site = buildTestSite('e2e-canvas-host');
  keys = mkdtempSync(join(tmpdir(), 'tessera-canvas-host-'));
  for (const name of ['publisher', 'other']) {
    const made = spawnSync(TESSERA, ['keygen', '--out', join(keys, name)], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
  }
  const folder = join(site, 'courses', SIGNED, '1.0.0');
  const packed = join(keys, 'packed');
  const pack = spawnSync(TESSERA, ['pack', folder, '--key', join(keys, 'publisher/publisher.key'), '--out', packed], { encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stdout + pack.stderr);
  rmSync(folder, { recursive: true });
  renameSync(join(packed, SIGNED, '1.0.0'), folder);
  const catalogPath = join(site, 'courses/catalog.json');
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
  catalog.courses.find((entry) => entry.id === SIGNED).publisher = did('publisher');
  writeFileSync(catalogPath, JSON.stringify(catalog, null, 1));
  browser = await startBrowser({ site });
});
after(async () => {
  await browser?.close();
  rmSync(keys, { recursive: true, force: true });
});

function did(name) {
  const key = JSON.parse(readFileSync(join(keys, name, 'publisher.pub.json'), 'utf8'));
  return key.did || key.id;
}

// A copy of the canvas fixture course under its own id (so its record starts empty), as an unpacked preview.
function previewCourse(id) {
  const folder = join(site, 'test-courses', id);
  rmSync(folder, { recursive: true, force: true });
  cpSync(FIXTURE_DIR, folder, { recursive: true });
  const course = JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8'));
  course.id = id;
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course));
  return `test-courses/${id}/`;
}

// No service worker: requests it made would pass page.route by (Playwright sees only the page's own).
async function openPlayer(query, { page: given } = {}) {
  const page = given || await browser.newPage();
  await untilWriterLocksFree(browser);
  await page.goto(new URL(`canvas.html?${query}&no-sw`, browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui && window.tesseraPlayer.ui.screen !== 'loading' &&
    !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await settle(page);
  return page;
}

const storedEvents = async (page, course) => (await page.evaluate((id) => window.tesseraPlayer.store.load(id), course))
  .map((e) => (typeof e === 'string' ? JSON.parse(e) : e));

// Every UI map the player publishes from now on, as "screen:block:events" (was any frame ever ahead?).
async function watchFrames(page) {
  await page.evaluate(() => {
    const player = window.tesseraPlayer;
    let current = player.ui;
    window.framesSeen = [];
    Object.defineProperty(player, 'ui', {
      configurable: true,
      get: () => current,
      set: (value) => {
        current = value;
        window.framesSeen.push(`${value.screen}:${value.block}:${value.summary?.events}`);
      },
    });
  });
}

// Asserts that the failed step changed nothing: the same block on screen (never another, in any frame), the
// session's event count, the step still offered, and the stored record.
async function assertNothingMoved(page, course, before, storedBefore) {
  const now = await ui(page);
  assert.equal(now.screen, 'block');
  assert.equal(now.block, before.block, 'the screen stays on the block');
  assert.equal(now.summary.events, before.summary.events, 'the session did not move');
  assert.ok(now.actions.some((a) => a.type === 'complete' && a.block === before.block), 'the step is still to do');
  const frames = await page.evaluate(() => window.framesSeen);
  assert.ok(frames.length > 0, 'frames were drawn');
  assert.deepEqual(frames.filter((f) => f !== `block:${before.block}:${before.summary.events}`), [],
    'no frame showed the step as done');
  assert.deepEqual(await storedEvents(page, course), storedBefore, 'nothing was stored');
  return now;
}

test('a write the disk refuses is not shown: screen and session stay, the learner reads why, the next try saves', async () => {
  const course = 'canvas-full-disk';
  const page = await openPlayer(`course=${previewCourse(course)}`);
  // The disk fills up for the next write: IndexedDB refuses it as a full quota would.
  await page.evaluate(() => {
    const add = IDBObjectStore.prototype.add;
    window.failWrites = 0;
    IDBObjectStore.prototype.add = function (...args) {
      if (window.failWrites > 0) {
        window.failWrites -= 1;
        throw new DOMException('the disk is full', 'QuotaExceededError');
      }
      return add.apply(this, args);
    };
  });
  await click(page, 'block-welcome');
  const before = await ui(page);
  assert.equal(before.block, 'welcome');
  const storedBefore = await storedEvents(page, course);
  assert.equal(storedBefore.length, before.summary.events);
  await page.evaluate(() => { window.failWrites = 1; });
  await watchFrames(page);
  await click(page, 'complete');  // the view's Mark as done
  const failed = await assertNothingMoved(page, course, before, storedBefore);
  assert.match(failed.status, /^Your device is out of space for this site\. Tessera could not save your last step/);
  await page.evaluate(() => { window.failWrites = 0; });
  await click(page, 'complete');
  await click(page, 'next');
  const after = await storedEvents(page, course);
  assert.equal((await ui(page)).block, 'chart', 'the second try moves on');
  assert.equal((await ui(page)).status, '', 'the message goes once a step is saved');
  assert.deepEqual(after.map((e) => e.seq), after.map((_, i) => after[0].seq + i), 'the stored record has no gap');
  assert.deepEqual(after.slice(storedBefore.length).map((e) => [e.type, e.payload.block]),
    [['block.completed', 'welcome'], ['block.opened', 'chart']]);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('after another tab takes the course\'s writer lock, a step is not stored or shown, and the learner is told', async () => {
  const course = 'canvas-other-tab';
  const page = await openPlayer(`course=${previewCourse(course)}`);
  await click(page, 'block-welcome');
  const before = await ui(page);
  const storedBefore = await storedEvents(page, course);
  // A second tab of the same site takes the lock (Web Locks' steal) and keeps it.
  const learner = await page.evaluate(() => window.tesseraPlayer.store.learner);
  const other = await browser.newPage();
  await other.goto(new URL('courses/catalog.json', browser.baseUrl).href);
  await other.evaluate((name) => new Promise((granted) => {
    navigator.locks.request(name, { steal: true }, () => {
      granted();
      return new Promise(() => {});
    });
  }), `tessera:${learner}:${course}`);
  await page.bringToFront();  // a background tab draws no frames
  await watchFrames(page);
  await click(page, 'complete');
  const refused = await assertNothingMoved(page, course, before, storedBefore);
  assert.match(refused.status, /^This course is open in another tab\. Another tab now saves your progress/);
  assert.deepEqual(page.unexpectedErrors(), []);
  await other.close();
  await page.close();
});

test('the canvas player opens a signed course as the HTML player does, and refuses a changed one with the reason', async () => {
  const query = `course=courses/${SIGNED}/1.0.0/&id=${SIGNED}`;
  // As published: it opens.
  const good = await openPlayer(query);
  assert.equal((await ui(good)).screen, 'overview');
  assert.deepEqual((await ui(good)).errors, []);
  await good.close();

  const refusedWith = async (route, handler) => {
    const page = await browser.newPage();
    await page.route(route, handler);
    await openPlayer(query, { page });
    const state = await ui(page);
    assert.equal(state.screen, 'catalog', 'no course screen');
    assert.equal(state.summary, undefined, 'no session was opened');
    assert.deepEqual(await storedEvents(page, SIGNED), [], 'nothing was stored');
    await page.close();
    return state.errors.join('\n');
  };
  // course.json changed after signing, its size kept: its SHA-256 no longer matches the manifest's.
  const changed = await refusedWith(`**/courses/${SIGNED}/1.0.0/course.json`, async (route) => {
    const response = await route.fetch();
    const text = await response.text();
    const body = text.replace('Two short readings', 'Two SHORT readings');
    assert.notEqual(body, text);
    await route.fulfill({ response, body });
  });
  assert.equal(changed, 'The course could not be opened: This course package has been changed since it was published, so it ' +
    'will not be played. Tell the site’s owner. (the package does not match its signed manifest: course.json: the file\'s ' +
    'SHA-256 does not match the signed manifest)');
  // A catalog that pins another publisher than the one who signed it.
  const stranger = await refusedWith('**/courses/catalog.json', async (route) => {
    const response = await route.fetch();
    const catalog = await response.json();
    catalog.courses.find((entry) => entry.id === SIGNED).publisher = did('other');
    await route.fulfill({ response, json: catalog });
  });
  assert.ok(stranger.startsWith('The course could not be opened: This course package has been changed since it was published'), stranger);
  assert.ok(stranger.includes(`(the package's signed manifest is refused: manifest.json: the package is signed by ${did('publisher')}, ` +
    `not by the expected publisher ${did('other')})`),
    stranger);
  // The catalog pins a publisher and the manifest is gone: refused, never played as an unsigned preview.
  const unsigned = await refusedWith(`**/courses/${SIGNED}/1.0.0/manifest.json`,
    (route) => route.fulfill({ status: 404, body: 'gone' }));
  assert.equal(unsigned, 'The course could not be opened: This course’s signature could not be downloaded, so it will ' +
    'not be played. Check your connection and try again; if it goes on, tell the site’s owner. (manifest.json: missing ' +
    `or unreachable, and the catalog names ${did('publisher')} as the publisher of ${SIGNED})`);
});

test('finishing a signed course on the canvas signs its completion proof into the wallet', async () => {
  const page = await openPlayer(`course=courses/${SIGNED}/1.0.0/&id=${SIGNED}`);
  await click(page, 'continue');  // the overview's way to where the learner is: the first reading, not opened yet
  await click(page, await actionWidget(page, { type: 'open', block: 'first' }));  // the view's Start
  assert.equal((await ui(page)).block, 'first');
  await click(page, 'complete');
  await click(page, 'next');
  assert.equal((await ui(page)).block, 'second');
  await click(page, 'complete');  // the course is complete
  await page.waitForFunction(() => /proof is in your wallet|proof|could not/.test(window.tesseraPlayer.ui.completion) &&
    !/Signing/.test(window.tesseraPlayer.ui.completion), null, { timeout: 60000 });
  const state = await ui(page);
  assert.equal(state.summary.complete, true);
  assert.equal(state.completion, 'Your signed completion proof is in your wallet.');
  const events = await storedEvents(page, SIGNED);
  const proofs = (await page.evaluate(() => window.tesseraPlayer.store.wallet()))
    .filter((doc) => doc.credentialSubject?.course?.id === SIGNED);
  assert.equal(proofs.length, 1, 'one proof for the course');
  const [proof] = proofs;
  assert.equal(proof.proof.cryptosuite, 'eddsa-jcs-2022');
  assert.match(proof.issuer, /^did:key:z6Mk/);
  assert.equal(proof.evidence[0].events.length, events.length, 'the proof carries the whole stored record');
  // The wallet screen lists it.
  // The wallet screen lists it (a proof carrying a whole record is mostly too large for a QR code, so its
  // card, not its code, is what the test finds).
  await click(page, 'nav-wallet');
  assert.ok(await find(page, 'credential-0'), 'the proof is in the canvas wallet');
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});
