// Faults a device really has, in the HTML player: the browser process killed between an answer and its
// write (and just after one), five tabs on one course, persistent storage refused and then the site's data
// evicted between visits, and the device's clock set back a day. Each time nothing stored is lost, the
// record's hash chain replays whole, and the learner is told what happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser, buildTestSite, FIXTURES_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { activate, playCourse, screen } from './lib/course-driver.mjs';
import { axeViolations } from './lib/axe.mjs';

const answers = JSON.parse(readFileSync(join(FIXTURES_DIR, 'answers/keyboard-course.json'), 'utf8'));
const site = buildTestSite('e2e-site-faults');
const COURSE = 'player.html?course=keyboard-course&no-sw';
const DAY_MS = 24 * 60 * 60 * 1000;

const ready = (page) => page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== '1',
  null, { timeout: 30000 });

async function openCourse(browser, learner) {
  const page = await browser.newPage();
  await page.goto(new URL(COURSE, browser.baseUrl).href);
  if (learner) {
    await page.evaluate((id) => localStorage.setItem('tessera.learner', id), learner);
    await page.reload();
  }
  await ready(page);
  return page;
}

// What the page's runtime replayed from storage: the stored seqs, the record's problems and the screen.
async function replayed(page) {
  return page.evaluate(() => ({
    seqs: window.tesseraPlayer.controller.events.map((event) => event.seq),
    problems: window.tesseraPlayer.controller.problems,
    block: document.getElementById('block').dataset.block,
  }));
}

const oneToN = (n) => Array.from({ length: n }, (_, i) => i + 1);

// Once window.holdNextWrite is set, the next event write is held open: its transaction is kept alive by a
// chain of reads and the event is never added, so the browser can be killed between the answer and its write.
function holdWrites() {
  const add = IDBObjectStore.prototype.add;
  IDBObjectStore.prototype.add = function maybeHeld(...args) {
    if (this.name !== 'events' || !window.holdNextWrite) return add.apply(this, args);
    window.holdNextWrite = false;
    window.writeHeld = true;
    const keepAlive = () => { this.count().onsuccess = keepAlive; };
    keepAlive();
    return null;
  };
}

test('the browser killed between an answer and its write loses no stored step: what was shown survives, the chain replays whole', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'tessera-crash-'));
  const learner = 'learner-crash-test';
  let browser = await startBrowser({ site, profile });
  const port = Number(new URL(browser.baseUrl).port);
  try {
    // A learner who has used this device before: their id is on disk (localStorage is written to disk lazily,
    // so a browser killed seconds after a first visit may not have it; see docs/web-app.md).
    await openCourse(browser, learner);
    await browser.close();
    browser = await startBrowser({ site, profile, port });
    await browser.context.addInitScript(holdWrites);
    let page = await openCourse(browser);
    await playCourse(page, answers, { stop: (now) => now.block === 'map' && now.actions.includes('complete') });
    const stored = (await screen(page)).events;
    // The answer (Mark as done) is given; its write is held; the browser dies before it lands.
    await page.evaluate(() => { window.holdNextWrite = true; });
    await activate(page, '#block [data-action=complete]');
    await page.waitForFunction(() => window.writeHeld === true);
    assert.equal((await screen(page)).events, stored, 'a step whose write has not landed is not shown');
    await browser.crash();

    browser = await startBrowser({ site, profile, port });
    page = await openCourse(browser);
    assert.deepEqual(await replayed(page), { seqs: oneToN(stored), problems: [], block: 'map' },
      'the learner is back at the step they were on, with every stored event and nothing half-written');
    assert.equal(await page.textContent('#player-problems'), '');
    // The same answer again; once the next screen shows, the browser dies at once: that step is on disk.
    await activate(page, '#block [data-action=complete]');
    await page.waitForFunction((n) => Number(document.body.dataset.events) === n + 1 && document.body.dataset.busy === '0', stored);
    await browser.crash();

    browser = await startBrowser({ site, profile, port });
    page = await openCourse(browser);
    const after = await replayed(page);
    assert.deepEqual(after.seqs, oneToN(stored + 1), 'the step the learner saw saved was saved');
    assert.deepEqual(after.problems, []);
    assert.deepEqual(page.unexpectedErrors(), []);
  } finally {
    await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
});

test('five tabs on one course: one writes, four follow; each takes over in turn as the writer closes, and the record stays one chain', async () => {
  const browser = await startBrowser({ site });
  try {
    const learner = `learner-${crypto.randomUUID()}`;
    const tabs = [await openCourse(browser, learner)];
    for (let i = 1; i < 5; i += 1) tabs.push(await openCourse(browser));
    const writers = async () => (await Promise.all(tabs.map((tab) => tab.evaluate(() => window.tesseraPlayer.controller.writer)))).filter(Boolean).length;
    assert.equal(await writers(), 1, 'exactly one tab writes');
    for (const follower of tabs.slice(1)) assert.equal(await follower.isVisible('#follow-banner'), true, 'the others say they follow');
    let events = (await screen(tabs[0])).events;
    while (tabs.length) {
      const writer = tabs.find((tab) => !tab.isClosed());
      await writer.waitForFunction(() => window.tesseraPlayer.controller.writer === true, null, { timeout: 10000 });
      // The writer takes one step forward (whatever the screen asks: open, answer, mark as done)…
      await playCourse(writer, answers, { stop: (now) => now.events > events });
      events = (await screen(writer)).events;
      // …and every other tab shows it.
      for (const tab of tabs.slice(1)) await tab.waitForFunction((n) => Number(document.body.dataset.events) === n, events, { timeout: 10000 });
      assert.deepEqual(writer.unexpectedErrors(), []);
      await writer.close();
      tabs.shift();
      if (tabs.length) {
        await tabs[0].waitForFunction(() => window.tesseraPlayer.controller.writer === true, null, { timeout: 10000 });
        assert.equal(await writers(), 1, 'one tab takes over, the rest keep following');
      }
    }
    const page = await openCourse(browser);
    const after = await replayed(page);
    assert.deepEqual(after.seqs, oneToN(events), 'five writers in turn made one record, seq after seq');
    assert.deepEqual(after.problems, []);
  } finally {
    await browser.close();
  }
});

test('storage the browser will not keep: the learner is offered a copy first; after the site\'s data is evicted they are told, and the copy brings it back', async () => {
  const browser = await startBrowser({ site });
  try {
    await browser.context.addInitScript(() => {
      // The browser declines to make this site's storage persistent (as Chrome does for a site not installed).
      navigator.storage.persist = async () => false;
      navigator.storage.persisted = async () => false;
    });
    const learner = `learner-${crypto.randomUUID()}`;
    let page = await openCourse(browser, learner);
    assert.equal(await page.locator('#notice-unprotected').count(), 0, 'no warning before there is anything to keep');
    await playCourse(page, answers, { stop: (now) => now.block === 'tour' });
    const stored = (await screen(page)).events;
    await page.reload();
    await ready(page);
    const warning = page.locator('#notice-unprotected');
    await warning.waitFor();
    assert.match(await warning.textContent(), /may delete what this site saves when your device runs low on space/);
    assert.deepEqual(await axeViolations(page), []);
    writeFileSync(join(ARTIFACTS_DIR, 'notice-unprotected.png'), await page.screenshot({ fullPage: true }));
    const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Download my progress' }).click()]);
    const copyPath = join(ARTIFACTS_DIR, 'evicted-copy.json');
    writeFileSync(copyPath, readFileSync(await download.path()));
    assert.equal(JSON.parse(readFileSync(copyPath, 'utf8')).records['keyboard-course'].length, stored);
    await warning.getByRole('button', { name: 'Got it' }).click();
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('#notice-unprotected').count(), 0, 'said once, not on every visit');

    // Between visits the browser evicts the site's storage: IndexedDB, localStorage, caches (not cookies).
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: browser.origin, storageTypes: 'indexeddb,local_storage,cache_storage,service_workers' });
    await page.close();
    page = await openCourse(browser);
    assert.equal(await page.evaluate(() => localStorage.getItem('tessera.learner')), learner, 'the learner is still who they were');
    const told = page.locator('#notice-evicted');
    await told.waitFor();
    assert.match(await told.textContent(), /Your browser cleared the progress saved here/);
    assert.deepEqual(await axeViolations(page), []);
    writeFileSync(join(ARTIFACTS_DIR, 'notice-evicted.png'), await page.screenshot({ fullPage: true }));
    await told.getByRole('link', { name: 'Bring back a copy in Settings' }).click();
    await page.waitForURL(/settings\.html#your-data$/);
    await page.setInputFiles('#import-data', copyPath);
    await page.waitForFunction(() => document.getElementById('import-result').textContent.trim() !== '');
    page = await openCourse(browser);
    assert.deepEqual(await replayed(page), { seqs: oneToN(stored), problems: [], block: 'tour' }, 'the copy brought the progress back');
    assert.equal(await page.locator('#notice-evicted').count(), 0);
  } finally {
    await browser.close();
  }
});

test('the device clock set back a day between two visits: the learner is told, the record keeps its order, and the step counts from the last one', async () => {
  const browser = await startBrowser({ site });
  try {
    const learner = `learner-${crypto.randomUUID()}`;
    const today = Date.parse('2026-12-06T10:00:00Z');
    await browser.context.clock.setFixedTime(today);
    let page = await openCourse(browser, learner);
    assert.equal(await page.locator('#notice-clock-behind').count(), 0);
    await playCourse(page, answers, { stop: (now) => now.block === 'map' && now.actions.includes('complete') });
    const stored = (await screen(page)).events;
    await page.close();

    await browser.context.clock.setFixedTime(today - DAY_MS);
    page = await openCourse(browser);
    const told = page.locator('#notice-clock-behind');
    await told.waitFor();
    assert.match(await told.textContent(), /earlier than your last saved step, by about 1 day/);
    assert.deepEqual(await axeViolations(page), []);
    await activate(page, '#block [data-action=complete]');
    await page.waitForFunction((n) => Number(document.body.dataset.events) === n + 1 && document.body.dataset.busy === '0', stored);
    const last = await page.evaluate(() => window.tesseraPlayer.controller.events.at(-1));
    assert.equal(last.t, today, 'the step is timed from the last stored one, never before it');
    assert.equal(last.payload.clockSkewMs, DAY_MS, 'and the record says how far behind the clock was');
    await page.close();

    await browser.context.clock.setFixedTime(today + 60000);
    page = await openCourse(browser);
    assert.deepEqual(await replayed(page), { seqs: oneToN(stored + 1), problems: [], block: (await screen(page)).block });
    assert.equal(await page.locator('#notice-clock-behind').count(), 0, 'with the clock right again there is nothing to say');
  } finally {
    await browser.close();
  }
});
