// cmi5 and the xAPI outbox against a real LRS (npm xapi-statements, Learning Locker's statement service, started
// here on its own port): a sample course exported by `tessera export cmi5`, launched the way a cmi5 LMS launches
// it (the test plays the LMS: the launch URL, the fetch URL and LMS.LaunchData; statements go on to the LRS),
// played to completion; the LRS then holds initialized first, terminated last, the course's completed and
// passed as cmi5-defined statements, every statement once, each valid by @learninglocker/xapi-validation.
// The outbox: the LRS unreachable for a module, then back; and a tab closed before its statements were sent.
// Outside an LMS: an LRS named by the embedding page, and the settings page listing what waits; an LRS on
// another origin, reached because the site was assembled naming it, and another origin not named, blocked; a
// reflection sent only after the learner opted in for the course in the settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, SITE_DIR, startBrowser } from './lib/browser.mjs';
import { playSampleIn } from './lib/sample-play.mjs';
import { axeViolations } from './lib/axe.mjs';
import { readWalk } from './lib/view-walk.mjs';

const require = createRequire(import.meta.url);
const validate = require('@learninglocker/xapi-validation').default;
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const COURSE = 'spotting-phishing';
const LRS_PORT = 28431;  // this file's own, and the four after it (the launch-mode test's): no other test file uses them
const LRS = `http://127.0.0.1:${LRS_PORT}/xAPI/`;
const LRS_HEADERS = { 'X-Experience-API-Version': '1.0.3', Authorization: `Basic ${Buffer.from('lms:secret').toString('base64')}` };
const ACTIVITY = `urn:tessera:course:${COURSE}:player`;
const VERB = (statement) => statement.verb.id.split('/').pop();
const EVENT = (statement) => statement.context?.extensions?.['urn:tessera:xapi:event']?.seq ?? null;

let work;
let site;
let lrs;
const moreLrs = [];  // LRSs a test starts for itself (stopped with the file's)

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tessera-cmi5-'));
  const zip = join(work, 'cmi5.zip');
  const run = spawnSync(TESSERA, ['export', 'cmi5', join(SITE_DIR, 'courses', COURSE), '--site', SITE_DIR, '--out', zip], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  site = join(work, 'course');
  assert.equal(spawnSync('unzip', ['-q', zip, '-d', site]).status, 0);
  lrs = await startLrs(LRS_PORT);
});

after(() => {
  for (const child of [lrs, ...moreLrs]) if (child) process.kill(child.pid);
  rmSync(work, { recursive: true, force: true });
});

// Starts an LRS (xapi-statements, in memory) on `port`; resolves to its process once it answers.
async function startLrs(port) {
  const folder = join(work, `lrs-${port}`);  // its local storage folder
  mkdirSync(folder, { recursive: true });
  const child = spawn(process.execPath, [require.resolve('xapi-statements/dist/index.js')], {
    env: { ...process.env, EXPRESS_PORT: String(port), MODELS_REPO: 'memory', STORAGE_REPO: 'local', EVENTS_REPO: 'test', AUTH_REPO: 'test', NODE_OPTIONS: '' },
    cwd: folder,
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i += 1) {
    if (await fetch(`http://127.0.0.1:${port}/xAPI/about`).then((r) => r.ok, () => false)) return child;
    await new Promise((done) => setTimeout(done, 200));
  }
  process.kill(child.pid);
  throw new Error(`the LRS on port ${port} did not start`);
}

// What the LRS (`lrsUrl`, default the file's own) holds for a registration, in the order it stored them.
async function stored(registration, lrsUrl = LRS) {
  const out = [];
  let url = `${lrsUrl}statements?registration=${registration}&ascending=true&limit=500`;
  while (url) {
    const body = await (await fetch(url, { headers: LRS_HEADERS })).json();
    out.push(...body.statements);
    url = body.more ? new URL(body.more, lrsUrl).href : null;
  }
  return out;
}

// The test LMS on the browser's origin: the fetch URL (a token, once per launch), LMS.LaunchData, and the LRS's
// statements resource passed on to the real LRS (`lrsDown()` true: the request fails as offline). The player's
// page policy allows its own origin only, as a site's would without an LRS named at assembly. lrs: the real LRS.
async function lmsRoutes(browser, { launchData, lrsDown = () => false, lrs: lrsUrl = LRS }) {
  const fetched = new Set();
  await browser.context.route((url) => url.pathname.startsWith('/lms/fetch/'), async (route) => {
    const launch = route.request().url().split('/').pop();
    if (fetched.has(launch)) return route.fulfill({ status: 400, json: { 'error-code': '1', 'error-text': 'already fetched' } });
    fetched.add(launch);
    return route.fulfill({ json: { 'auth-token': Buffer.from('lms:secret').toString('base64') } });
  });
  await browser.context.route((url) => url.pathname.endsWith('/lrs/activities/state'), (route) => route.fulfill({ json: launchData }));
  await browser.context.route((url) => url.pathname.endsWith('/lrs/statements'), async (route) => {
    if (lrsDown()) return route.abort('internetdisconnected');
    const request = route.request();
    const response = await fetch(`${lrsUrl}statements`, { method: request.method(), headers: { ...LRS_HEADERS, 'Content-Type': 'application/json' }, body: request.postData() });
    return route.fulfill({ status: response.status, body: await response.text(), contentType: 'application/json' });
  });
  await browser.context.route((url) => url.pathname === '/lms/return', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>LMS</title><p>Back in the LMS</p>' }));
  // The launch page as the LMS serves it: its own policy (the test server's header would forbid its script).
  await browser.context.route((url) => url.pathname.endsWith('/course/launch.html'), async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    return route.fulfill({ response, headers });
  });
}

function launchUrl(browser, { registration, launch, actor }) {
  const params = new URLSearchParams({
    endpoint: `${browser.origin}/lrs/`, fetch: `${browser.origin}/lms/fetch/${launch}`,
    actor: JSON.stringify(actor), registration, activityId: ACTIVITY,
  });
  return `${browser.origin}/course/launch.html?${params}`;
}

const launchDataFor = (registration, browser) => ({
  contextTemplate: { contextActivities: { grouping: [{ id: `${ACTIVITY}#publisher` }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': `session-${registration}` } },
  launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 0.8, returnURL: `${browser.origin}/lms/return`,
});

async function openPlayer(page, url) {
  await page.goto(url);
  await page.waitForURL(/player\.html/);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && window.tesseraPlayer?.cmi5?.sender, null, { timeout: 60000 });
}

// The player's outbox module, imported in the page (a path the page resolves, not this file).
const OUTBOX = './js/lms/outbox.js';
const waitingCount = (page) => page.evaluate((module) => import(module).then((m) => m.waiting()).then((rows) => rows.length), OUTBOX);
// Waits until nothing waits in the outbox.
const drained = (page) => page.waitForFunction((module) => import(module).then((m) => m.waiting()).then((rows) => rows.length === 0), OUTBOX, { timeout: 30000 });

test('cmi5: launched from the export, played to completion; the LRS holds initialized first, terminated last, completed and passed, each statement once and valid', async () => {
  const browser = await startBrowser({ site, prefix: '/course/' });
  const registration = '6b1f5a0e-2c44-4d1e-9a51-0c7d2f0e1a01';
  const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'learner-1' } };
  try {
    await lmsRoutes(browser, { launchData: launchDataFor(registration, browser) });
    const page = await browser.newPage();
    await openPlayer(page, launchUrl(browser, { registration, launch: 'a', actor }));
    assert.equal(await page.evaluate(() => window.tesseraPlayer.controller.learner), 'lms:cmi5:https://lms.example/learner-1');
    // The learner is told that an LRS is tracking, with what is sent (axe-clean).
    assert.match(await page.textContent('#lrs-tracking'), /learning record store receives/);
    assert.deepEqual(await axeViolations(page), []);
    await playSampleIn(page, COURSE);
    assert.equal(await page.evaluate(() => window.tesseraPlayer.controller.view.complete), true);
    await drained(page);
    const expected = await page.evaluate(() => {
      const { controller, cmi5 } = window.tesseraPlayer;
      const options = { actor: cmi5.launch.actor, activity: cmi5.launch.activityId, cmi5: { registration: cmi5.launch.registration, sessionId: cmi5.sessionId, launchMode: 'Normal', masteryScore: 0.8 } };
      return JSON.parse(controller.session.recordStatements(JSON.stringify(options))).statements.map((s) => s.id);
    });
    const reflections = await page.evaluate(() => window.tesseraPlayer.controller.events.filter((e) => e.type === 'reflection.saved').map((e) => e.payload.text));
    // The learner leaves: terminated, then the LMS's return URL.
    await page.click('#lms-return');
    await page.waitForURL(/\/lms\/return$/);
    let statements = [];
    for (let i = 0; i < 50 && statements.at(-1)?.verb.id !== 'http://adlnet.gov/expapi/verbs/terminated'; i += 1) {
      statements = await stored(registration);
      await new Promise((done) => setTimeout(done, 200));
    }
    const verbs = statements.map(VERB);
    assert.equal(verbs[0], 'initialized');
    assert.equal(verbs.at(-1), 'terminated');
    assert.deepEqual(statements.slice(1, -1).map((s) => s.id), expected, 'every event statement once, in the order made');
    assert.equal(new Set(statements.map((s) => s.id)).size, statements.length);
    const course = statements.filter((s) => s.object.id === ACTIVITY && VERB(s) !== 'attempted');
    assert.deepEqual(course.map(VERB).slice(1, -1).sort(), ['completed', 'passed'], course.map(VERB).join(' '));
    assert.deepEqual([VERB(course[0]), VERB(course.at(-1))], ['initialized', 'terminated']);
    for (const s of course) {
      assert.equal(s.context.registration, registration);
      assert.deepEqual(s.context.contextActivities.category.map((c) => c.id).slice(0, 1), ['https://w3id.org/xapi/cmi5/context/categories/cmi5']);
      assert.equal(s.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid'], `session-${registration}`);
      assert.deepEqual(s.context.contextActivities.grouping, [{ id: `${ACTIVITY}#publisher`, objectType: 'Activity' }], 'the LMS\'s context template');
    }
    const passed = course.find((s) => VERB(s) === 'passed');
    assert.equal(passed.result.success, true);
    assert.ok(passed.result.score.scaled >= 0.8);
    assert.equal(passed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore'], 0.8);
    assert.match(course.at(-1).result.duration, /^PT\d+H\d+M\d+(\.\d\d)?S$/);
    // Answers carry their result; the learner's reflections and survey text go nowhere.
    assert.ok(verbs.includes('answered') && verbs.includes('experienced'), verbs.join(' '));
    assert.ok(reflections.length > 0);
    for (const text of reflections) assert.ok(!JSON.stringify(statements).includes(text), 'a reflection stays on the device');
    for (const s of statements) assert.deepEqual(validate(strip(s)), [], JSON.stringify(s));
  } finally {
    await browser.close();
  }
});

// A statement as the player sent it (the LRS adds stored and authority).
function strip(statement) {
  return Object.fromEntries(Object.entries(statement).filter(([key]) => key !== 'stored' && key !== 'authority'));
}

const CMI5_DEFINED = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
const isDefined = (s) => (s.context.contextActivities?.category || []).some((c) => c.id === CMI5_DEFINED);

// The course's golden view walk (tests/golden/views), its sends performed through the controller at their times
// (the page's clock set to each): the final assessment's first attempt is submitted empty (0/8), the second
// right (8/8) unless `wrongItem` names an item answered wrongly there (true-false s-b2: 7/8, 0.875).
// `until(send)`: the walk stops before the first send it is true of.
async function playWalk(page, { wrongItem = null, until = () => false } = {}) {
  const steps = readWalk(COURSE).filter((step) => step.send);
  let attempts = 0;
  for (const { send } of steps) {
    if (until(send)) return;
    const { t, ...action } = send;
    if (action.type === 'start-attempt' && action.block === 'final-block') attempts += 1;
    if (attempts === 2 && action.item === wrongItem) action.answer = !action.answer;
    await page.clock.setFixedTime(t);
    const result = await page.evaluate((a) => window.tesseraPlayer.controller.act(a).then((r) => ({ ok: r.ok, problems: r.problems })), action);
    assert.equal(result.ok, true, `${JSON.stringify(action)}: ${JSON.stringify(result.problems)}`);
  }
}

// One cmi5 launch with `launchData` (launchMode, moveOn, masteryScore), the walk played, the session terminated.
// Each launch gets its own fetch URL (launch: the registration and the session's order).
// Resolves to what the LRS holds for the registration, and the statement ids the runtime makes for the record
// with the same options.
// walk: false opens and leaves without playing; profile and port: a browser profile kept between launches, and
// the same origin again (IndexedDB is per origin). Resolves to { statements, expected, port }.
// lrs: the LRS the test LMS passes the statements on to (default the file's own).
async function launchAndPlay(registration, learner, launchData, { walk = {}, profile, port = 0, lrs: lrsUrl = LRS } = {}) {
  const browser = await startBrowser({ site, prefix: '/course/', profile, port });
  const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: learner } };
  try {
    const launch = `${registration}-${crypto.randomUUID()}`;
    const data = { ...launchDataFor(registration, browser), ...launchData };
    for (const key of Object.keys(launchData)) if (launchData[key] === undefined) delete data[key];
    // A session id of its own, as an LMS gives each launch (cmi5 9.6.3.1): the launches of one registration are told
    // apart by it.
    data.contextTemplate = { ...data.contextTemplate, extensions: { [SESSION]: `session-${launch}` } };
    await lmsRoutes(browser, { launchData: data, lrs: lrsUrl });
    const page = await browser.newPage();
    await page.clock.setFixedTime(readWalk(COURSE)[0].send.t - 1000);
    await openPlayer(page, launchUrl(browser, { registration, launch, actor }));
    if (walk) await playWalk(page, walk);
    const expected = await page.evaluate(([mode, mastery]) => {
      const { controller, cmi5 } = window.tesseraPlayer;
      const options = { actor: cmi5.launch.actor, activity: cmi5.launch.activityId, cmi5: { registration: cmi5.launch.registration, sessionId: cmi5.sessionId, launchMode: mode, ...(mastery === null ? {} : { masteryScore: mastery }) } };
      return JSON.parse(controller.session.recordStatements(JSON.stringify(options))).statements.map((s) => s.id);
    }, [data.launchMode, data.masteryScore ?? null]);
    await page.evaluate(() => window.tesseraPlayer.cmi5.terminate());
    let statements = [];
    const sessionId = await page.evaluate(() => window.tesseraPlayer.cmi5.sessionId);
    // Until this session's terminated is in (its event statements, sent before it, are too).
    const ended = (s) => s?.context.extensions[SESSION] === sessionId && VERB(s) === 'terminated';
    for (let i = 0; i < 50 && !ended(statements.at(-1)); i += 1) {
      statements = await stored(registration, lrsUrl);
      await new Promise((done) => setTimeout(done, 200));
    }
    // A later launch sends again what the LRS holds already: 409, which counts as delivered (xAPI 1.0.3).
    assert.deepEqual(page.unexpectedErrors(/status of 409|^409 /), []);
    return { statements, expected, port: Number(new URL(browser.origin).port) };
  } finally {
    await browser.close();
  }
}

// The checks every launch shares: initialized first, terminated last, every event's statements once in the
// runtime's order between them, all valid xAPI. Returns the cmi5-defined statements (about the AU).
function checkLaunch({ statements, expected }, registration) {
  const verbs = statements.map(VERB);
  assert.equal(verbs[0], 'initialized');
  assert.equal(verbs.at(-1), 'terminated');
  assert.deepEqual(statements.slice(1, -1).map((s) => s.id), expected, 'every event statement once, in the order made');
  for (const s of statements) {
    assert.deepEqual(validate(strip(s)), [], JSON.stringify(s));
    assert.equal(s.context.registration, registration);
  }
  return statements.filter(isDefined);
}

const auSummary = (s) => [VERB(s), s.result?.score?.scaled ?? null, s.context.extensions[MASTERY] ?? null];

test('cmi5 launch modes: Browse and Review send no completed, passed or failed; Normal sends them by the LMS\'s masteryScore, else the course\'s pass mark, and catches up on a Browse launch\'s', async () => {
  // Each launch plays the same walk at the same instants (as the reflection test does, up to the reflection), so
  // its records' events, and the statement ids made from their hashes (docs/lms.md), are the others': each goes to
  // an LRS of its own, which has not had those ids from another learner (one LRS would answer 409 and keep the
  // first learner's).
  const ownLrs = async (port) => {
    moreLrs.push(await startLrs(port));
    return `http://127.0.0.1:${port}/xAPI/`;
  };

  // Normal, moveOn CompletedAndPassed, the LMS's masteryScore 0.9 above the course's 0.8: 7/8 (0.875) passes the
  // course's own final assessment but fails the AU; completed comes with it, since the course's rule then holds
  // (the key points come before the final).
  const normalLms = '7c2a1f3e-5d6b-4e8f-9a01-000000000001';
  const a = await launchAndPlay(normalLms, 'mode-normal-lms', { launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 0.9 }, { walk: { wrongItem: 's-b2' }, lrs: await ownLrs(LRS_PORT + 1) });
  assert.deepEqual(checkLaunch(a, normalLms).map(auSummary), [
    ['initialized', null, null], ['failed', 0, 0.9], ['completed', null, null], ['failed', 0.875, 0.9], ['terminated', null, null],
  ]);
  const finalBlock = a.statements.filter((s) => s.object.id.endsWith('/final-block') && !isDefined(s)).map(VERB);
  assert.deepEqual(finalBlock, ['failed', 'passed'], 'the assessment itself, by the course\'s pass mark ("cmi5 allowed")');

  // Normal, moveOn Completed, no masteryScore from the LMS: the course's pass mark (0.8) decides, once.
  const normalCourse = '7c2a1f3e-5d6b-4e8f-9a01-000000000002';
  const b = await launchAndPlay(normalCourse, 'mode-normal-course', { launchMode: 'Normal', moveOn: 'Completed', masteryScore: undefined }, { walk: { wrongItem: 's-b2' }, lrs: await ownLrs(LRS_PORT + 2) });
  assert.deepEqual(checkLaunch(b, normalCourse).map(auSummary), [
    ['initialized', null, null], ['failed', 0, null], ['completed', null, null], ['passed', 0.875, null], ['terminated', null, null],
  ]);

  // Browse and Review: the same learning, the same event statements, and of the cmi5-defined ones only
  // initialized and terminated (cmi5 10.2.2).
  const profile = mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
  let port = 0;
  try {
    const browseLrs = await ownLrs(LRS_PORT + 4);  // the Browse launch's, and the Normal launches' after it
    for (const [mode, registration, lrsUrl] of [['Review', '7c2a1f3e-5d6b-4e8f-9a01-000000000004', await ownLrs(LRS_PORT + 3)], ['Browse', '7c2a1f3e-5d6b-4e8f-9a01-000000000003', browseLrs]]) {
      const run = await launchAndPlay(registration, `mode-${mode.toLowerCase()}`, { launchMode: mode, moveOn: 'CompletedAndPassed', masteryScore: 0.8 }, { profile, port, lrs: lrsUrl });
      port = run.port;
      assert.deepEqual(checkLaunch(run, registration).map(VERB), ['initialized', 'terminated'], mode);
      assert.ok(!run.statements.some((s) => s.object.id === ACTIVITY && ['completed', 'passed', 'failed'].includes(VERB(s))), mode);
      assert.ok(run.statements.some((s) => VERB(s) === 'answered') && run.statements.some((s) => VERB(s) === 'experienced'), mode);
    }
    // The course was completed and passed in Browse mode; the next Normal launch of the registration (on the same
    // device) sends what moveOn counts, completed and passed in the record's order, as the runtime makes them in
    // Normal mode, once.
    const registration = '7c2a1f3e-5d6b-4e8f-9a01-000000000003';
    const normal = { launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 0.8 };
    for (const round of [1, 2]) {
      const { statements, expected } = await launchAndPlay(registration, 'mode-browse', normal, { walk: false, profile, port, lrs: browseLrs });
      const session = statements.filter((s) => s.context.extensions[SESSION] === statements.at(-1).context.extensions[SESSION]);
      assert.deepEqual(session.map(auSummary), round === 1
        ? [['initialized', null, null], ['completed', null, null], ['passed', 1, 0.8], ['terminated', null, null]]
        : [['initialized', null, null], ['terminated', null, null]], `Normal launch ${round} after Browse`);
      if (round === 1) assert.deepEqual(session.slice(1, 3).map((s) => s.id), expected.filter((id) => session.some((s) => s.id === id)), 'the ids of the Normal replay');
      for (const s of session) assert.deepEqual(validate(strip(s)), [], JSON.stringify(s));
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the outbox: offline for a module, then online — every statement arrives once, in order; a tab closed before sending loses none', async () => {
  const registration = '6b1f5a0e-2c44-4d1e-9a51-0c7d2f0e1a02';
  const actor = { objectType: 'Agent', mbox: 'mailto:learner-2@lms.example' };
  const profile = mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
  let down = false;
  let port;
  try {
    let browser = await startBrowser({ site, prefix: '/course/', profile });
    port = Number(new URL(browser.origin).port);
    try {
      await lmsRoutes(browser, { launchData: launchDataFor(registration, browser), lrsDown: () => down });
      const page = await browser.newPage();
      await openPlayer(page, launchUrl(browser, { registration, launch: 'b1', actor }));
      await drained(page);
      down = true;
      // A module's worth of steps while the LRS cannot be reached: kept in the outbox, shown to the learner.
      const act = (action) => page.evaluate((a) => window.tesseraPlayer.controller.act(a).then((r) => r.ok), action);
      const blocks = ['why-phishing', 'sender-anatomy', 'email-anatomy', 'anatomy-narration'];  // the first module's reading
      for (const block of blocks.slice(0, 3)) {
        assert.equal(await act({ type: 'open', block }), true);
        await act({ type: 'complete', block });
      }
      await page.waitForFunction(() => window.tesseraPlayer.cmi5.sender.failures > 0, null, { timeout: 30000 });
      const waitingNow = await waitingCount(page);
      assert.ok(waitingNow >= 3, `${waitingNow} statements wait`);
      await page.waitForFunction((n) => document.getElementById('lrs-tracking').textContent.endsWith(`Waiting to be sent: ${n}.`), waitingNow, { timeout: 10000 });
      // Back online: everything waiting arrives.
      down = false;
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await drained(page);
      // Offline again; one more step; its statements are written but the tab closes before any is sent, and
      // (the worst case) before the outbox even took them: the event is stored, the outbox row and cursor not.
      down = true;
      await act({ type: 'open', block: blocks[3] });
      await act({ type: 'complete', block: blocks[3] });
      await page.waitForFunction((module) => import(module).then((m) => m.waiting())
        .then((rows) => rows.at(-1)?.seq === window.tesseraPlayer.controller.events.length), OUTBOX, { timeout: 30000 });
      await page.evaluate((module) => import(module).then(async (m) => {
        const db = await m.openOutbox();
        const rows = await m.waiting();
        const last = rows.at(-1);
        const tx = db.transaction(['statements', 'cursors'], 'readwrite');
        tx.objectStore('statements').delete(last.key);
        tx.objectStore('cursors').put({ name: m.cursorName(last.endpoint, last.learner, last.course), seq: last.seq - 1 });
        await new Promise((done) => { tx.oncomplete = done; });
      }), OUTBOX);
      await page.close({ runBeforeUnload: false });
    } finally {
      await browser.close();
    }
    // A new launch in the same browser profile: the outbox sends what waited, and the lost step's statements
    // are made again from the record (the same ids: they come from the events).
    browser = await startBrowser({ site, prefix: '/course/', profile, port });
    try {
      await lmsRoutes(browser, { launchData: launchDataFor(registration, browser) });
      const page = await browser.newPage();
      await openPlayer(page, launchUrl(browser, { registration, launch: 'b2', actor }));
      await drained(page);
      const statements = await stored(registration);
      assert.equal(new Set(statements.map((s) => s.id)).size, statements.length, 'no statement twice');
      const expected = await page.evaluate(() => {
        const { controller, cmi5 } = window.tesseraPlayer;
        const options = { actor: cmi5.launch.actor, activity: cmi5.launch.activityId, cmi5: { registration: cmi5.launch.registration, sessionId: cmi5.sessionId, launchMode: 'Normal', masteryScore: 0.8 } };
        return JSON.parse(controller.session.recordStatements(JSON.stringify(options))).statements.map((s) => s.id);
      });
      const fromEvents = statements.filter((s) => EVENT(s) !== null).map((s) => s.id);
      assert.deepEqual(fromEvents, expected, 'every event\'s statements arrived once, in order');
      const seqs = statements.map(EVENT).filter((seq) => seq !== null);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in the order of the events');
      assert.deepEqual(statements.filter((s) => VERB(s) === 'initialized').length, 2, 'one initialized per launch');
      for (const s of statements) assert.deepEqual(validate(strip(s)), [], JSON.stringify(s));
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('xAPI outside an LMS: an LRS the embedding page names, unreachable; the settings page lists what waits (axe-clean)', async () => {
  const browser = await startBrowser();  // the site itself
  try {
    await browser.context.route((url) => url.pathname.endsWith('/lrs/statements'), (route) => route.abort('internetdisconnected'));
    const page = await browser.newPage();
    const endpoint = `${browser.origin}/lrs/`;
    await page.goto(new URL(`player.html?course=${COURSE}&lrs=${encodeURIComponent(endpoint)}`, browser.baseUrl).href);
    await page.waitForFunction(() => document.body.dataset.ready === 'true' && window.tesseraPlayer?.sender, null, { timeout: 60000 });
    assert.match(await page.textContent('#lrs-tracking'), /learning record store receives/);
    const act = (action) => page.evaluate((a) => window.tesseraPlayer.controller.act(a).then((r) => r.ok), action);
    assert.equal(await act({ type: 'open', block: 'why-phishing' }), true);
    assert.equal(await act({ type: 'complete', block: 'why-phishing' }), true);
    // attempted (the record's first event) and experienced: both wait.
    await page.waitForFunction((module) => import(module).then((m) => m.waiting()).then((rows) => rows.length === 2), OUTBOX, { timeout: 30000 });
    await page.goto(new URL('settings.html', browser.baseUrl).href);
    await page.waitForFunction(() => document.querySelector('#lrs-waiting li')?.textContent.includes('statements'), null, { timeout: 30000 });
    assert.match(await page.textContent('#lrs-waiting'), new RegExp(`^2 statements to ${endpoint.replaceAll('.', '\\.')}, the oldest from `));
    assert.deepEqual(await axeViolations(page), []);
  } finally {
    await browser.close();
  }
});

// build/site assembled again naming `lrs` as the organisation's LRS: its pages, by cmake/assemble-pages.mjs (what
// the build runs with -DTESSERA_LRS), over a copy of the site. Returns the folder.
function siteNamingLrs(lrs) {
  const copy = join(work, 'site-with-lrs');
  if (existsSync(copy)) return copy;
  cpSync(SITE_DIR, copy, { recursive: true });
  const run = spawnSync(process.execPath, [join(ROOT, 'cmake/assemble-pages.mjs'), join(ROOT, 'web'), copy, join(copy, 'strings'),
    '--courses', join(copy, 'courses'), '--lrs', lrs], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return copy;
}

test('an LRS on another origin: named when the site is assembled, it receives the statements; an origin not named stays blocked', async () => {
  const site = siteNamingLrs(LRS);
  assert.match(readFileSync(join(site, 'player.html'), 'utf8'), new RegExp(`connect-src 'self' http://127\\.0\\.0\\.1:${LRS_PORT};`));
  // Each origin in a browser of its own: a learner of their own, so no statement id is shared between the two.
  const browsers = [await startBrowser({ site }), await startBrowser({ site })];
  try {
    const header = (await fetch(new URL('player.html', browsers[0].baseUrl))).headers.get('content-security-policy');
    assert.match(header, new RegExp(`connect-src 'self' http://127\\.0\\.0\\.1:${LRS_PORT};`), 'the server sends what the page says');
    const open = async (browser, endpoint) => {
      const page = await browser.newPage();
      const query = new URLSearchParams({ course: COURSE, lrs: endpoint, 'lrs-auth': LRS_HEADERS.Authorization });
      await page.goto(new URL(`player.html?${query}`, browser.baseUrl).href);
      await page.waitForFunction(() => document.body.dataset.ready === 'true' && window.tesseraPlayer?.sender, null, { timeout: 60000 });
      const act = (action) => page.evaluate((a) => window.tesseraPlayer.controller.act(a).then((r) => r.ok), action);
      assert.equal(await act({ type: 'open', block: 'why-phishing' }), true);
      assert.equal(await act({ type: 'complete', block: 'why-phishing' }), true);
      return page;
    };
    const expectedIds = (page) => page.evaluate(() => {
      const { controller } = window.tesseraPlayer;
      const options = { actor: { objectType: 'Agent', account: { homePage: location.origin, name: controller.learner } }, activity: 'urn:tessera:course:spotting-phishing' };
      return JSON.parse(controller.session.recordStatements(JSON.stringify(options))).statements.map((s) => s.id);
    });
    const held = async (ids) => (await Promise.all(ids.map((id) => fetch(`${LRS}statements?statementId=${id}`, { headers: LRS_HEADERS }).then((r) => r.status)))).filter((status) => status === 200).length;

    // The named origin (the LRS's own address, another port than the site's): every statement arrives, valid.
    const named = await open(browsers[0], LRS);
    await drained(named);
    const ids = await expectedIds(named);
    assert.equal(ids.length, 2, 'attempted and experienced');
    assert.equal(await held(ids), 2);
    for (const id of ids) {
      const statement = await (await fetch(`${LRS}statements?statementId=${id}`, { headers: LRS_HEADERS })).json();
      assert.deepEqual(validate(strip(statement)), [], JSON.stringify(statement));
    }
    assert.deepEqual(named.unexpectedErrors(), []);
    await named.close();

    // The same LRS under a name the site was not assembled with (localhost: another origin): the policy refuses
    // the request, the statements wait in the outbox, and the LRS receives nothing.
    const other = `http://localhost:${LRS_PORT}/xAPI/`;
    const blocked = await open(browsers[1], other);
    await blocked.waitForFunction(() => window.tesseraPlayer.sender.failures > 0, null, { timeout: 30000 });
    // Chromium's wording changed ("Refused to connect to 'URL' because it violates…", now "Connecting to 'URL'
    // violates…"): the refusal is the one naming this URL and the policy's connect-src.
    const refusal = (text) => text.includes(`'${other}statements'`) && /violates the following Content Security Policy directive: "connect-src /.test(text);
    assert.ok(blocked.consoleErrors.some(refusal), blocked.consoleErrors.join('\n'));
    const waiting = await blocked.evaluate((module) => import(module).then((m) => m.waiting()), OUTBOX);
    assert.ok(waiting.length === 2 && waiting.every((row) => row.endpoint === other), JSON.stringify(waiting.map((row) => row.endpoint)));
    const blockedIds = waiting.map((row) => JSON.parse(row.body).id);
    assert.equal(await held(blockedIds), 0, 'the LRS received nothing from the origin not named');

    // The settings page says which of the two a learner may name: the assembled one saves plainly, the other is
    // saved with the warning that its statements will wait.
    const settings = await browsers[1].newPage();
    await settings.goto(new URL('settings.html', browsers[1].baseUrl).href);
    const save = async (endpoint) => {
      await settings.fill('#lrs-endpoint', endpoint);
      await settings.click('#lrs-save');
      await settings.waitForFunction(() => document.getElementById('lrs-status').textContent !== '');
      const text = await settings.textContent('#lrs-status');
      await settings.evaluate(() => { document.getElementById('lrs-status').textContent = ''; });
      return text;
    };
    assert.equal(await save(LRS), `Saved. Courses you open from now on report to ${LRS}.`);
    assert.match(await save(other), new RegExp(`^Saved, but this site may not send to http://localhost:${LRS_PORT}: statements for it will wait`));
    assert.deepEqual(await axeViolations(settings), []);
  } finally {
    for (const browser of browsers) await browser.close();
  }
});

// What the LRS holds for an agent, in the order it stored them.
async function storedFor(agent) {
  const body = await (await fetch(`${LRS}statements?agent=${encodeURIComponent(JSON.stringify(agent))}&ascending=true&limit=500`, { headers: LRS_HEADERS })).json();
  return body.statements;
}

test('a reflection goes to the LRS only after the learner opts in for the course in the settings, and the player says so', async () => {
  const browser = await startBrowser({ site: siteNamingLrs(LRS) });
  try {
    const page = await browser.newPage();
    const query = new URLSearchParams({ course: COURSE, lrs: LRS, 'lrs-auth': LRS_HEADERS.Authorization });
    const openPlayer = async () => {
      await page.goto(new URL(`player.html?${query}`, browser.baseUrl).href);
      await page.waitForFunction(() => document.body.dataset.ready === 'true' && window.tesseraPlayer?.sender, null, { timeout: 60000 });
    };
    // Opens the reflection as the learner does (its button in the outline: the page draws what its own controls
    // send, not what a test sends to the controller), checks what its hint tells the learner, saves `text`, and
    // waits until it is sent.
    const reflect = async (text, hint) => {
      await page.click('#outline button.outline-block[data-block="my-reflection"]');
      await page.waitForFunction(() => window.tesseraPlayer.controller.view.current?.id === 'my-reflection');
      await page.waitForFunction((h) => new RegExp(h).test(document.querySelector('#block .hint')?.textContent || ''), hint.source);
      // Saved through the page too: its actions go one after another (a test's controller.act beside them could
      // store an event at the same place as one the page stores).
      await page.fill('#reflection-text', text);
      await page.click('#block button[data-action="reflect"]');
      await page.waitForFunction((t) => window.tesseraPlayer.controller.events.at(-1)?.payload.text === t, text);
      // The outbox takes an event's statements after the event is stored: first its cursor reaches the event, then
      // nothing waits.
      await page.waitForFunction((module) => import(module).then(async (m) => {
        const { controller, sender } = window.tesseraPlayer;
        return await m.cursor(m.cursorName(sender.key, controller.learner, controller.courseId)) === controller.events.length;
      }), OUTBOX, { timeout: 30000 });
      await drained(page);
    };
    await openPlayer();
    const agent = await page.evaluate(() => ({ objectType: 'Agent', account: { homePage: location.origin, name: window.tesseraPlayer.controller.learner } }));
    // The course's walk up to its reflection (in the last module: the modules open one after another).
    await playWalk(page, { until: (send) => send.block === 'my-reflection' });
    await openPlayer();  // the page draws the record the walk stored
    // Off by default: the reflection is not sent, and the learner is told so.
    assert.doesNotMatch(await page.textContent('#lrs-tracking'), /your reflections/);
    await reflect('Before opting in: the invoice from a new supplier.', /stays on this device/);
    let statements = await storedFor(agent);
    assert.ok(statements.length >= 2, `${statements.length} statements`);
    assert.ok(!statements.some((s) => VERB(s) === 'commented'));
    assert.ok(!JSON.stringify(statements).includes('Before opting in'));

    // The settings: one box per course, unticked; ticking it says what changes (axe-clean).
    await page.goto(new URL('settings.html', browser.baseUrl).href);
    const box = page.locator(`#lrs-own-words-${COURSE}`);
    await box.waitFor();
    assert.equal(await box.isChecked(), false);
    assert.match(await page.textContent('#lrs-own-words'), /Your reflections and your answers to unscored questions stay on this device/);
    await box.check();
    await page.waitForFunction(() => /are sent to the learning record store/.test(document.getElementById('lrs-own-words-status').textContent));
    assert.deepEqual(await axeViolations(page), []);

    // Back in the course: the notice and the reflection's hint say the reflection is sent; the next one is.
    await openPlayer();
    assert.match(await page.textContent('#lrs-tracking'), /as you chose in your settings, your reflections/);
    await reflect('After opting in: the parcel text message.', /is sent, word for word/);
    statements = await storedFor(agent);
    const commented = statements.filter((s) => VERB(s) === 'commented');
    assert.equal(commented.length, 1, JSON.stringify(commented));
    assert.equal(commented[0].result.response, 'After opting in: the parcel text message.');
    assert.equal(commented[0].object.id, `urn:tessera:course:${COURSE}/my-reflection`);
    assert.ok(!JSON.stringify(statements).includes('Before opting in'), 'what was written before the opt-in stays on the device');
    for (const s of statements) assert.deepEqual(validate(strip(s)), [], JSON.stringify(s));
  } finally {
    await browser.close();
  }
});
