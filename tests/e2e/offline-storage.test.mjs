// Offline and storage in the browser: a module completed offline after the first visit (reloads
// included); every page, the verifier and the canvas player too, offline after one visit; storage denied and storage full each shown as a plain message with a working export; and
// import checking the chain and never replacing newer data; study goals and reminder settings exported and imported
// back where the device has none of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, buildTestSite, FIXTURES_DIR, ARTIFACTS_DIR } from './lib/browser.mjs';
import { playCourse, screen } from './lib/course-driver.mjs';
import { axeViolations } from './lib/axe.mjs';

const answers = JSON.parse(readFileSync(join(FIXTURES_DIR, 'answers/keyboard-course.json'), 'utf8'));
const site = buildTestSite('e2e-site-storage');
const ready = (page) => page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });

test('after a first visit the course plays offline: a module completed with reloads in between', async () => {
  const browser = await startBrowser({ site });
  try {
    const page = await browser.newPage();
    await page.goto(new URL('course.html?id=keyboard-course', browser.baseUrl).href);
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, { timeout: 30000 });
    await page.reload();  // now under the service worker's control
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    const button = page.locator('#course-offline');
    await button.waitFor();
    await page.waitForFunction(() => /\(\d/.test(document.getElementById('course-offline').textContent));
    assert.match(await button.textContent(), /Make available offline \(\d+(\.\d)? (kB|bytes|MB)\)/);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /available offline/.test(document.getElementById('course-offline-status').textContent));

    await browser.context.setOffline(true);
    const failed = [];
    // A request the page itself abandons (an image still loading when the test reloads) is not a miss.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${request.url()} ${request.failure()?.errorText}`);
    });
    await page.goto(new URL('player.html?course=keyboard-course', browser.baseUrl).href);
    await ready(page);
    for (const stopAt of ['map', 'points']) {
      await playCourse(page, answers, { stop: (now) => now.block === stopAt });
      await page.reload();
      await ready(page);
      assert.equal((await screen(page)).block, stopAt, 'the reload offline comes back to the same block');
    }
    await playCourse(page, answers, { stop: (now) => now.block === 'story' });
    const view = await page.evaluate(() => window.tesseraPlayer.controller.view);
    assert.equal(view.modules[0].status, 'complete', 'the first module was completed offline');
    // Offline, the unpacked course's manifest.json cannot be asked for (it does not exist); nothing else fails.
    assert.deepEqual(failed.filter((url) => !/\/courses\/.+\/manifest\.json /.test(url)), []);
    assert.deepEqual(page.consoleErrors.filter((e) => !/status of 404|net::ERR_FAILED|ERR_INTERNET_DISCONNECTED/.test(e)), []);
    await browser.context.setOffline(false);
  } finally {
    await browser.close();
  }
});

test('after one visit each, every page reloads offline: the catalog with its cards, the course page, dashboard, settings, verifier, canvas player, study plan, review, certificate and design pages', async () => {
  const browser = await startBrowser({ site });
  try {
    const page = await browser.newPage();
    await page.goto(browser.baseUrl);
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, { timeout: 30000 });
    await page.reload();  // now under the service worker's control
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    const pages = {
      '': () => document.getElementById('catalog-status').dataset.state === 'ready' && document.querySelectorAll('#course-list dt').length > 0,
      'course.html?id=keyboard-course': () => !document.getElementById('course-page').hidden,
      'dashboard.html': () => document.getElementById('dashboard-status').textContent === '',
      'settings.html': () => document.getElementById('runtime-version').dataset.state === 'ready',
      'verify/': () => Boolean(document.querySelector('h1')?.textContent) && Boolean(document.getElementById('verify-form')),
      'canvas.html': () => Number(document.getElementById('canvas').dataset.framesPresented || 0) >= 3,
      'plan.html?course=keyboard-course': () => !document.getElementById('plan-form').hidden,
      // What each says once loaded (an unfinished course has nothing due; no wallet holds that id), not an error.
      'review.html?course=keyboard-course': () => document.getElementById('review-status').textContent === 'Nothing is due for review.',
      'certificate.html?id=not-in-this-wallet': () => /^This credential is not in the wallet/.test(document.getElementById('certificate-status').textContent),
      'design.html': () => document.body.dataset.ready === 'true',
    };
    for (const [path, ready] of Object.entries(pages)) {
      await page.goto(new URL(path, browser.baseUrl).href);
      await page.waitForFunction(ready, null, { timeout: 30000 });
    }
    await browser.context.setOffline(true);
    for (const [path, ready] of Object.entries(pages)) {
      await page.goto(new URL(path, browser.baseUrl).href);
      await page.waitForFunction(ready, null, { timeout: 30000 });
      assert.notEqual(await page.title(), '', `${path} offline has a title`);
    }
    await browser.context.setOffline(false);
  } finally {
    await browser.close();
  }
});

test('storage denied (no IndexedDB) says so plainly, the course still plays, and export works', async () => {
  const browser = await startBrowser({ site });
  try {
    await browser.context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { configurable: true, get() { return undefined; } });
    });
    const page = await browser.newPage();
    await page.goto(new URL('player.html?course=keyboard-course&no-sw', browser.baseUrl).href);
    await ready(page);
    const banner = page.locator('#storage-problem');
    assert.equal(await banner.getAttribute('data-kind'), 'unavailable');
    assert.match(await banner.textContent(), /not saving your progress/);
    assert.doesNotMatch(await banner.textContent(), /IndexedDB|Error|exception/i);
    await playCourse(page, answers, { stop: (now) => now.block === 'map' });
    assert.deepEqual(await axeViolations(page), []);
    writeFileSync(join(ARTIFACTS_DIR, 'storage-denied.png'), await page.screenshot({ fullPage: true }));
    const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download my progress' }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.format, 'tessera-learner-data');
    assert.equal(exported.records['keyboard-course'].length, 3, 'the three events held in memory are exported');
  } finally {
    await browser.close();
  }
});

test('a full storage shows its message, the unsaved step is not shown nor committed, the stored progress exports, and the next step follows on', async () => {
  const browser = await startBrowser({ site });
  try {
    await browser.context.addInitScript(() => {
      // After window.fillStorage() every new event write fails as a full disk does.
      const add = IDBObjectStore.prototype.add;
      IDBObjectStore.prototype.add = function patched(...args) {
        if (window.storageFull && this.name === 'events') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return add.apply(this, args);
      };
      window.fillStorage = () => { window.storageFull = true; };
    });
    const page = await browser.newPage();
    await page.goto(new URL('player.html?course=keyboard-course&no-sw', browser.baseUrl).href);
    await ready(page);
    await page.evaluate(() => localStorage.setItem('tessera.learner', 'learner-full-disk'));
    await page.reload();
    await ready(page);
    await playCourse(page, answers, { stop: (now) => now.block === 'map' && now.actions.includes('complete') });
    const before = await page.evaluate(() => window.tesseraPlayer.controller.view.events);
    await page.evaluate(() => window.fillStorage());
    await page.locator('[data-action=complete]').focus();
    await page.keyboard.press('Enter');
    const banner = page.locator('#storage-problem');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-kind'), 'quota');
    assert.match(await banner.textContent(), /out of space/);
    const after = await screen(page);
    assert.equal(after.block, 'map', 'the step that could not be stored is not shown');
    assert.equal(after.events, before);
    // The runtime session itself did not move: the proposed event was never committed.
    assert.equal(await page.evaluate(() => JSON.parse(window.tesseraPlayer.controller.session.view('en')).events), before);
    assert.deepEqual(await axeViolations(page), []);
    writeFileSync(join(ARTIFACTS_DIR, 'storage-full.png'), await page.screenshot({ fullPage: true }));
    const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download my progress' }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.records['keyboard-course'].length, before);
    // Space freed, the same Mark as done goes through as seq N + 1 and Next as N + 2, no gap, and the
    // stored record replays whole.
    await page.evaluate(() => { window.storageFull = false; });
    await page.locator('[data-action=complete]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => Number(document.body.dataset.events) === n + 1 && document.body.dataset.busy === '0', before);
    await page.locator('#block [data-action=open].primary').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('block').dataset.block === 'tour' && document.body.dataset.busy === '0');
    await page.reload();
    await ready(page);
    const replayed = await page.evaluate(() => ({
      seqs: window.tesseraPlayer.controller.events.map((e) => e.seq), problems: window.tesseraPlayer.controller.problems,
    }));
    assert.deepEqual(replayed, { seqs: Array.from({ length: before + 2 }, (_, i) => i + 1), problems: [] });
  } finally {
    await browser.close();
  }
});

test('import checks each record with the runtime and never replaces newer data on the device', async () => {
  const browser = await startBrowser({ site });
  try {
    const page = await browser.newPage();
    await page.goto(new URL('player.html?course=keyboard-course&no-sw', browser.baseUrl).href);
    await ready(page);
    await page.evaluate(() => localStorage.setItem('tessera.learner', 'learner-import'));
    await page.reload();
    await ready(page);
    await playCourse(page, answers, { stop: (now) => now.block === 'tour' });
    const events = await page.evaluate(() => window.tesseraPlayer.controller.events);
    const file = (records) => ({ name: 'data.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'tessera-learner-data', version: 1, records })) });
    await page.goto(new URL('settings.html?no-sw', browser.baseUrl).href);
    const importOnce = async (payload) => {
      await page.setInputFiles('#import-data', payload);
      await page.waitForFunction(() => /finished|Nothing was imported|not a Tessera/.test(document.getElementById('import-result').textContent));
      const text = await page.textContent('#import-result');
      await page.evaluate(() => { document.getElementById('import-result').textContent = ''; });
      return text;
    };
    assert.match(await importOnce(file({ 'keyboard-course': events.slice(0, 2) })), /keyboard-course: not imported, this device holds a newer record/);
    const tampered = structuredClone(events);
    tampered[1].t += 1000;
    assert.match(await importOnce(file({ 'keyboard-course': tampered })), /damaged or altered/);
    assert.match(await importOnce({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{not json') }), /not a Tessera export/);
    // A fresh device takes the whole record.
    await page.evaluate(() => localStorage.setItem('tessera.learner', 'learner-import-2'));
    await page.reload();
    // While a player tab writes this course, the import leaves it alone and says why.
    const player = await browser.newPage();
    await player.goto(new URL('player.html?course=keyboard-course&no-sw', browser.baseUrl).href);
    await ready(player);
    assert.match(await importOnce(file({ 'keyboard-course': events })), /keyboard-course: not imported, the course is open in another tab/);
    await player.close();
    assert.match(await importOnce(file({ 'keyboard-course': events })), /keyboard-course: imported/);
    await page.goto(new URL('player.html?course=keyboard-course&no-sw', browser.baseUrl).href);
    await ready(page);
    assert.equal((await screen(page)).block, 'tour');
  } finally {
    await browser.close();
  }
});

// The page's module of the learner's goals (a path the page resolves, not this file).
const PLAN = './js/plan.js';

test('the export holds the study goals and reminder settings; a fresh device imports them, a device with its own keeps them', async () => {
  const goal = { setOn: '2026-12-07', finishBy: '2027-01-29', days: ['mon', 'wed', 'fri'] };
  const browsers = [await startBrowser({ site }), await startBrowser({ site })];
  try {
    // The first device: a goal set (as plan.html stores it) and a reminder setting changed on the settings page.
    const page = await browsers[0].newPage();
    await page.goto(new URL('settings.html?no-sw', browsers[0].baseUrl).href);
    await page.evaluate(([module, g]) => {
      localStorage.setItem('tessera.learner', 'learner-goals');
      return import(module).then((m) => m.saveGoal('learner-goals', 'keyboard-course', g));
    }, [PLAN, goal]);
    await page.reload();
    await page.fill('#reminder-idle-days', '3');
    await page.locator('#reminder-idle-days').dispatchEvent('change');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('tessera.reminders') || '{}').idleDays === 3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-data')]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(exported.goals, { 'keyboard-course': goal });
    assert.deepEqual(exported.reminders, { idleDays: 3, notify: false, quietFrom: '22:00', quietUntil: '08:00' });

    // A fresh device: both come in, and show where the learner looks for them.
    const other = await browsers[1].newPage();
    await other.goto(new URL('settings.html?no-sw', browsers[1].baseUrl).href);
    await other.evaluate(() => localStorage.setItem('tessera.learner', 'learner-goals'));
    await other.reload();
    const importFile = async () => {
      await other.setInputFiles('#import-data', { name: 'data.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
      await other.waitForFunction(() => /finished|Nothing was imported/.test(document.getElementById('import-result').textContent));
      const text = await other.textContent('#import-result');
      await other.evaluate(() => { document.getElementById('import-result').textContent = ''; });
      return text;
    };
    const first = await importFile();
    assert.match(first, /^Import finished\./);
    assert.match(first, /keyboard-course: your study goal, imported\./);
    assert.match(first, /Your reminder settings \(idle days, quiet hours, notifications\): imported\./);
    await other.reload();
    assert.equal(await other.inputValue('#reminder-idle-days'), '3');
    assert.deepEqual(await other.evaluate((module) => import(module).then((m) => m.goalOf('learner-goals', 'keyboard-course')), PLAN), goal);
    assert.deepEqual(await axeViolations(other), []);

    // The same file again changes nothing; with a goal and settings of this device's own, those are kept.
    assert.match(await importFile(), /^Nothing was imported\./);
    const mine = { setOn: '2026-12-08', minutesPerWeek: 30, days: ['tue'] };
    await other.evaluate(([module, g]) => import(module).then((m) => m.saveGoal('learner-goals', 'keyboard-course', g)), [PLAN, mine]);
    await other.evaluate(() => localStorage.setItem('tessera.reminders', JSON.stringify({ idleDays: 10 })));
    const again = await importFile();
    assert.match(again, /^Nothing was imported\./);
    assert.match(again, /keyboard-course: this device has a study goal of its own, which is kept/);
    assert.match(again, /Your reminder settings on this device are kept/);
    assert.deepEqual(await other.evaluate((module) => import(module).then((m) => m.goalOf('learner-goals', 'keyboard-course')), PLAN), mine);
  } finally {
    for (const browser of browsers) await browser.close();
  }
});

test('a new version waits for the learner: the update prompt activates it and the old cache is deleted', async () => {
  const own = buildTestSite('e2e-site-update');
  const browser = await startBrowser({ site: own });
  try {
    const page = await browser.newPage();
    await page.goto(browser.baseUrl);
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, { timeout: 30000 });
    await page.reload();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    const oldCaches = await page.evaluate(() => caches.keys());
    const assets = join(own, 'sw-assets.js');
    writeFileSync(assets, readFileSync(assets, 'utf8').replace(/TESSERA_VERSION = '([0-9a-f]+)'/, "TESSERA_VERSION = '$1-next'"));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.locator('#update-banner');
    await banner.waitFor({ timeout: 30000 });
    assert.match(await banner.textContent(), /A new version of Tessera is ready/);
    assert.deepEqual(await axeViolations(page), []);
    await banner.getByRole('button', { name: 'Update now' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.waitForFunction(async () => (await caches.keys()).some((name) => name.endsWith('-next')), null, { timeout: 30000 });
    const newCaches = await page.evaluate(() => caches.keys());
    const oldShell = oldCaches.find((name) => name.startsWith('tessera-shell-'));
    assert.ok(oldShell);
    assert.equal(newCaches.includes(oldShell), false, 'the old shell cache was deleted on activate');
  } finally {
    await browser.close();
  }
});
