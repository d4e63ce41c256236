// SCORM 1.2 and 2004 with scorm-again as the LMS: a sample course exported by `tessera export`, launched in an
// iframe of a test LMS page (fixtures/lms), played to completion with the keyboard; the LMS then holds the
// completion, the score, the interactions and a suspend_data that resumes the course in a fresh browser profile.
// Also: a commit the LMS refuses loses nothing, and a record that outgrows SCORM 1.2's 4,096 characters keeps
// its start in the LMS and the whole of it on the device, and tells the learner (docs/lms.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, SITE_DIR, FIXTURES_DIR, startBrowser } from './lib/browser.mjs';
import { playSampleIn } from './lib/sample-play.mjs';
import { axeViolations } from './lib/axe.mjs';

const require = createRequire(import.meta.url);
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const COURSE = 'spotting-phishing';
const LIMITS = { scorm12: 4096, scorm2004: 64000 };

let work;
before(() => { work = mkdtempSync(join(tmpdir(), 'tessera-scorm-')); });
after(() => rmSync(work, { recursive: true, force: true }));

// The course exported for `version` and unzipped into a new folder's course/; returns that folder.
function exported(version) {
  const root = mkdtempSync(join(work, `${version}-`));
  const packageDir = join(SITE_DIR, 'courses', COURSE);  // signed when the site was built (publish_site_courses)
  const zip = join(root, `${version}.zip`);
  const run = spawnSync(TESSERA, ['export', version, packageDir, '--site', SITE_DIR, '--out', zip], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const unzip = spawnSync('unzip', ['-q', zip, '-d', join(root, 'course')], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  return root;
}

const LMS_ROUTES = {
  '/lms.html': join(FIXTURES_DIR, 'lms/lms.html'),
  '/lms.js': join(FIXTURES_DIR, 'lms/lms.js'),
  '/scorm12.js': require.resolve('scorm-again/scorm12'),
  '/scorm2004.js': require.resolve('scorm-again/scorm2004'),
};

// A browser (a fresh profile unless `profile` is given) serving the unzipped export under /course/ (the
// server gives each page its policy, as on the site) beside the test LMS.
function lmsBrowser(root, profile, port = 0) {
  return startBrowser({ site: join(root, 'course'), prefix: '/course/', extraRoutes: LMS_ROUTES, profile, port });
}

// Opens the LMS page for `version` with `start` (scorm-again's loadFromJSON input) and waits for the player in
// its iframe. Resolves to { page, frame, player }: `player` is the frame with the page's keyboard, for the driver.
// `noStorage`: the course's frame has no IndexedDB (as in some private windows).
async function launch(browser, version, start, noStorage = false) {
  const page = await browser.newPage();
  await page.addInitScript((data) => { window.lmsStart = data; }, start);
  if (noStorage) {
    await page.addInitScript(() => {
      if (location.pathname.startsWith('/course/')) Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
  }
  await page.goto(`${browser.origin}/lms.html?version=${version}&launch=/course/launch.html`);
  let frame;
  for (let i = 0; i < 300 && !frame; i += 1) {
    frame = page.frames().find((f) => f.url().includes('/course/player.html'));
    if (!frame) await page.waitForTimeout(100);
  }
  assert.ok(frame, 'the launch page opened the player');
  await frame.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60000 }).catch(async (error) => {
    const status = await frame.textContent('#player-status').catch(() => '');
    throw new Error(`the player did not start (${status}): ${page.consoleErrors.concat(page.failedRequests).join(' | ')}`, { cause: error });
  });
  const player = new Proxy(frame, {
    get: (target, name) => (name === 'keyboard' ? page.keyboard : typeof target[name] === 'function' ? target[name].bind(target) : target[name]),
  });
  return { page, frame, player };
}

// Launches the course in a browser of its own (see lmsBrowser), runs body({ page, frame, player }) and closes it.
// Options: profile and port (this device again), noStorage (see launch).
async function inLms(root, version, start, body, { profile, port, noStorage } = {}) {
  const browser = await lmsBrowser(root, profile, port);
  try {
    return await body(await launch(browser, version, start, noStorage));
  } finally {
    await browser.close();
  }
}

const startData = (version, learner, suspend) => (version === 'scorm12'
  ? { core: { student_id: learner, student_name: 'Learner, Test', ...(suspend ? { entry: 'resume' } : {}) }, ...(suspend ? { suspend_data: suspend } : {}) }
  : { learner_id: learner, learner_name: 'Test Learner', ...(suspend ? { entry: 'resume', suspend_data: suspend } : {}) });

// Makes the player's page hidden (as when the learner switches tabs), which commits; headless chromium
// never hides a page by itself.
async function hide(frame) {
  await frame.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    delete document.visibilityState;
  });
}

// Waits until the player has written the record into suspend_data.
const saved = (frame) => frame.waitForFunction(() => !window.tesseraPlayer.lms.saving && window.tesseraPlayer.lms.kept, null, { timeout: 30000 });

const cmiOf = (version, cmi) => (version === 'scorm12'
  ? { status: cmi.core.lesson_status, raw: cmi.core.score.raw, min: cmi.core.score.min, max: cmi.core.score.max, time: cmi.core.session_time, learner: cmi.core.student_id }
  : { status: cmi.completion_status, success: cmi.success_status, raw: cmi.score.raw, min: cmi.score.min, max: cmi.score.max, scaled: cmi.score.scaled, time: cmi.session_time, learner: cmi.learner_id });

for (const version of ['scorm12', 'scorm2004']) {
  test(`${version}: launched from the export, played to completion; the LMS holds completion, score, interactions and a suspend_data that resumes in a fresh profile`, async (t) => {
    const root = exported(version);
    const learner = `lms-learner-${version}`;
    let browser = await lmsBrowser(root);
    let suspend;
    let events;
    try {
      const { page, frame, player } = await launch(browser, version, startData(version, learner));
      assert.equal(await frame.evaluate(() => window.tesseraPlayer.controller.learner), `lms:${version}:${learner}`, 'the LMS learner id keys the record');
      await playSampleIn(player, COURSE);
      const view = await frame.evaluate(() => window.tesseraPlayer.controller.view);
      assert.equal(view.complete, true);
      events = view.events;
      await saved(frame);
      await hide(frame);
      const cmi = await page.evaluate(() => window.lms.committed);
      assert.ok(cmi, 'hiding the page committed');
      const final = view.attempts['final-block'].at(-1);
      const [score, max] = [final.score, final.max].map((f) => f.split('/').map(Number).reduce((a, b) => a / b));
      const got = cmiOf(version, cmi);
      assert.equal(got.learner, learner);
      if (version === 'scorm12') {
        assert.equal(got.status, 'passed');
        assert.deepEqual([Number(got.raw), got.min, got.max], [Math.round((10000 * score) / max) / 100, '0', '100']);
        // The runtime's time on task in this launch (the whole of it: the learner is new), HHHH:MM:SS (scorm-again
        // keeps two hour digits).
        const [h, m, sec] = got.time.match(/^(\d{2,4}):(\d{2}):(\d{2})$/).slice(1).map(Number);
        assert.equal(h * 3600 + m * 60 + sec, view.timeOnTaskSeconds, got.time);
      } else {
        assert.deepEqual([got.status, got.success], ['completed', 'passed']);
        assert.deepEqual([Number(got.raw), got.min, Number(got.max), Number(got.scaled)], [score, '0', max, Math.round((10000 * score) / max) / 10000]);
        const [h, m, sec] = got.time.match(/^PT(\d+)H(\d+)M(\d+)S$/).slice(1).map(Number);
        assert.equal(h * 3600 + m * 60 + sec, view.timeOnTaskSeconds, got.time);
      }
      // One interaction per answered item of each submitted attempt, with its result: every final item right.
      const interactions = Object.values(cmi.interactions?.childArray ?? cmi.interactions ?? {}).filter((row) => row && row.id);
      const finalRows = interactions.filter((row) => row.id.startsWith(`final-block.${final.attempt}.`));
      assert.ok(finalRows.length >= 3, `final assessment interactions: ${interactions.map((r) => r.id).join(' ')}`);
      for (const row of finalRows) assert.equal(row.result, 'correct', row.id);
      assert.equal(new Set(interactions.map((row) => row.id)).size, interactions.length, 'no item reported twice');
      suspend = cmi.suspend_data;
      assert.ok(suspend.startsWith('tessera1:') && suspend.length <= LIMITS[version], `suspend_data of ${suspend.length} characters`);
      t.diagnostic(`suspend_data: ${suspend.length} characters for ${events} events`);
      // pagehide finishes the session.
      await page.evaluate(() => window.lms.unload());
      await page.waitForFunction(() => window.lms.finished, null, { timeout: 10000 });
      assert.deepEqual(page.unexpectedErrors(), []);
    } finally {
      await browser.close();
    }
    // Another computer: a fresh profile, nothing on the device; the LMS gives back the learner id and suspend_data.
    browser = await lmsBrowser(root);
    try {
      const { frame } = await launch(browser, version, startData(version, learner, suspend));
      const view = await frame.evaluate(() => window.tesseraPlayer.controller.view);
      assert.equal(view.events, events, 'every event came back from suspend_data');
      assert.equal(view.complete, true);
      assert.equal(await frame.evaluate(() => window.tesseraPlayer.controller.problems.length), 0);
      // The reflection stayed on the first device: the LMS's copy carries the placeholder.
      const reflections = await frame.evaluate(() => window.tesseraPlayer.controller.events.filter((e) => e.type === 'reflection.saved').map((e) => e.payload.text));
      assert.ok(reflections.length > 0 && reflections.every((text) => text === '[kept on the device where it was written]'), reflections.join(' | '));
    } finally {
      await browser.close();
    }
  });
}

test('scorm12: a refused commit loses nothing; a record beyond 4,096 characters keeps its start in the LMS, all of it on the device, and says so; without storage the LMS record is played on', async () => {
  const version = 'scorm12';
  const root = exported(version);
  const learner = 'lms-learner-long';
  const profile = mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
  let port;
  let suspend;
  let total;
  let kept;
  await inLms(root, version, startData(version, learner), async ({ page, frame }) => {
    port = Number(new URL(page.url()).port);  // the same origin again later, for this device's IndexedDB
    // The LMS refuses commits for a while: the steps go on, stored on the device.
    await page.evaluate(() => { window.lms.refuse = true; });
    const act = (action) => frame.evaluate((a) => window.tesseraPlayer.controller.act(a).then((r) => r.ok), action);
    assert.equal(await act({ type: 'open', block: 'pre-test-block' }), true);
    assert.equal(await act({ type: 'start-attempt', block: 'pre-test-block' }), true);
    await saved(frame);
    await hide(frame);
    assert.ok(await page.evaluate(() => window.lms.refused) >= 1, 'the commit was refused');
    await page.evaluate(() => { window.lms.refuse = false; });
    // Answers that do not compress (random text), revised many times: the record outgrows 4,096 characters.
    for (let i = 0; i < 40; i += 1) {
      const text = await frame.evaluate(() => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(225)))));
      assert.equal(await act({ type: 'answer', block: 'pre-test-block', item: 'pre-registrable', answer: text }), true);
    }
    await saved(frame);
    await hide(frame);
    const cmi = await page.evaluate(() => window.lms.committed);
    suspend = cmi.suspend_data;
    total = await frame.evaluate(() => window.tesseraPlayer.controller.events.length);
    kept = await frame.evaluate(() => window.tesseraPlayer.lms.kept.kept);
    assert.ok(suspend.length <= 4096, `suspend_data of ${suspend.length} characters`);
    assert.ok(kept >= 3 && kept < total, `kept ${kept} of ${total}`);
    // The learner is told, and the page with the notice is accessible.
    const notice = await frame.textContent('#lms-notice');
    assert.ok(notice.includes(`after ${kept} of your ${total} steps`), notice);
    assert.equal(await frame.isVisible('#lms-notice'), true);
    assert.deepEqual(await axeViolations(frame), []);
    // The first commit was refused, yet the LMS's record holds the steps from before it.
    // The page's own decoder, from the exported player (its URL is the frame's, not this file's).
    const decoded = await frame.evaluate(([text, module]) => import(module).then((m) => m.decodeRecord(text)), [suspend, './js/lms/scorm.js']);
    assert.ok(decoded.compact.some(([type]) => type === 'attempt.started'), 'a step taken while commits were refused');
    assert.equal(decoded.total, total);
    assert.deepEqual(page.unexpectedErrors(), []);
  }, { profile });
  const eventCount = ({ frame }) => frame.evaluate(() => window.tesseraPlayer.controller.events.length);
  // Another computer resumes from the start the LMS kept; this device, from IndexedDB, the whole record.
  assert.equal(await inLms(root, version, startData(version, learner, suspend), eventCount), kept);
  assert.equal(await inLms(root, version, startData(version, learner, suspend), eventCount, { profile, port }), total);
  // A computer whose browser keeps nothing for the course: it plays on in memory from the LMS's record (and says
  // so), never from nothing, which the next save would have written over the learner's progress in the LMS.
  await inLms(root, version, startData(version, learner, suspend), async ({ frame }) => {
    assert.equal(await eventCount({ frame }), kept);
    assert.equal(await frame.evaluate(() => window.tesseraPlayer.controller.storage), 'memory');
    await frame.waitForSelector('#storage-problem[data-kind="unavailable"]');
    await saved(frame);
    const stored = await frame.evaluate(([text, module]) => import(module).then((m) => m.decodeRecord(text)), [await frame.evaluate(() => window.parent.lms.api.cmi.suspend_data), './js/lms/scorm.js']);
    assert.equal(stored.compact.length, kept, 'the LMS still holds the kept record');
  }, { noStorage: true });
  rmSync(profile, { recursive: true, force: true });
});
