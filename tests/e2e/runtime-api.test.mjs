// The runtime's JavaScript API in the browser: sessions and package checks through the real Wasm module,
// reaching byte for byte the same events and verdicts as the native build's golden files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, ROOT } from './lib/browser.mjs';

const GOLDEN = join(ROOT, 'tests/golden');
const courseText = readFileSync(join(GOLDEN, 'course/valid/course.json'), 'utf8');
const goldenRecord = readFileSync(join(GOLDEN, 'session/golden-course-record.jsonl'), 'utf8').trim().split('\n');

let browser;
let page;
before(async () => {
  browser = await startBrowser();
  page = await browser.newPage();
  await page.goto(new URL('settings.html', browser.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('runtime-version').dataset.state === 'ready');
  // One runtime instance for the tests, made the way the site makes it.
  await page.evaluate(async () => {
    const { default: create } = await import('/modules/runtime.mjs');
    window.testRuntime = await create();
  });
});
after(async () => { await browser?.close(); });

// Runs `body(arg)` in the page, where window.testRuntime is the Wasm runtime. (Playwright sends the function
// itself; the page's CSP forbids building code from strings, so no helper may do that either.)
function inPage(body, arg) {
  return page.evaluate(body, arg);
}

test('actions in the browser write the same events, byte for byte, as the native golden record', async () => {
  const steps = [
    ['open', 'intro', 0], ['complete', 'intro', 120000], ['open', 'diagram', 150000], ['complete', 'diagram', 240000],
  ];
  const events = await inPage(({ course, steps: list }) => {
    const runtime = window.testRuntime;
    const session = new runtime.Session(course, '[]');
    const out = [];
    for (const [type, block, offset] of list) {
      const result = JSON.parse(session.propose(JSON.stringify({ type, block, t: 1798761600000 + offset }), 'en'));
      if (!result.ok) throw new Error(result.problems[0].message);
      // Proposing moves nothing: the session counts the event only once it is committed.
      if (JSON.parse(session.view('en')).events !== out.length) throw new Error('propose changed the session');
      const committed = JSON.parse(session.commit(JSON.stringify(result.event)));
      if (!committed.ok) throw new Error(committed.problems[0].message);
      out.push(result.event);
    }
    session.delete();
    return out;
  }, { course: courseText, steps });
  // Member order in the golden lines is the canonical (sorted) one; compare as canonical JSON text.
  const canonical = (event) => JSON.stringify(Object.fromEntries(Object.keys(event).sort().map((k) => [k, event[k]])));
  assert.deepEqual(events.map(canonical), goldenRecord.slice(0, 4));
});

test('the golden record replays in the browser to the same summary as natively', async () => {
  const view = await inPage(({ course, record }) => {
    const runtime = window.testRuntime;
    const session = new runtime.Session(course, JSON.stringify(record.map((line) => JSON.parse(line))));
    const result = { problems: JSON.parse(session.openProblems()), view: JSON.parse(session.view('fr')) };
    session.delete();
    return result;
  }, { course: courseText, record: goldenRecord });
  assert.deepEqual(view.problems, []);
  assert.equal(view.view.position, 'walkthrough');
  assert.equal(view.view.timeOnTaskSeconds, 553);
  // With its French words: "étapes … terminées" agrees with the 4 done (CLDR fr: 4 is "other"); the percent
  // takes CLDR fr's pattern "#,##0 %" with its no-break space.
  assert.deepEqual(view.view.progress, {
    requiredBlocks: 10, completedRequiredBlocks: 4, percent: 40,
    text: '4 étapes obligatoires sur 10 terminées', percentText: '40\u00a0% terminé',
  });
  assert.equal(view.view.title, 'Vérifier un cours');
});

test('a refused action in the browser says why and changes nothing', async () => {
  const result = await inPage((course) => {
    const runtime = window.testRuntime;
    const session = new runtime.Session(course, '[]');
    const refused = JSON.parse(session.propose(JSON.stringify({ type: 'complete', block: 'intro', t: 1 }), 'en'));
    const notJson = JSON.parse(session.propose('{', 'en'));
    const after = JSON.parse(session.view('en'));
    session.delete();
    return { refused, notJson, events: after.events };
  }, courseText);
  assert.equal(result.refused.ok, false);
  assert.equal(result.refused.problems[0].message, "block 'intro' was never opened");
  assert.match(result.notJson.problems[0].message, /^the action ends before its JSON value does/);
  assert.equal(result.notJson.problems[0].where, 'line 1, column 2');
  assert.equal(result.events, 0);
});

test('the browser verifies the golden signed package and names a tampered file', async () => {
  const manifest = readFileSync(join(GOLDEN, 'package/manifest.json'), 'utf8');
  const result = await inPage((text) => {
    const runtime = window.testRuntime;
    const verifier = new runtime.PackageVerifier(text, '');
    const encode = (s) => new TextEncoder().encode(s);
    const out = {
      problems: JSON.parse(verifier.problems()),
      manifest: JSON.parse(verifier.manifest()),
      good: JSON.parse(verifier.checkFile('media/diagram.svg', encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))),
      bad: JSON.parse(verifier.checkFile('media/diagram.svg', encode('<svg xmlns="http://www.w3.org/2000/SVG"/>'))),
      unlisted: JSON.parse(verifier.checkFile('media/extra.js', encode('alert(1)'))),
    };
    verifier.delete();
    const forged = new runtime.PackageVerifier(text.replace('"version": "1.0.0"', '"version": "1.0.1"'), '');
    out.forged = JSON.parse(forged.problems());
    forged.delete();
    return out;
  }, manifest);
  assert.deepEqual(result.problems, []);
  assert.equal(result.manifest.course, 'golden-course');
  assert.deepEqual(result.good, []);
  assert.equal(result.bad[0].where, 'media/diagram.svg');
  assert.match(result.bad[0].message, /SHA-256 does not match/);
  assert.match(result.unlisted[0].message, /not listed/);
  assert.match(result.forged[0].message, /signature does not match/);
});

test('validateCourse in the browser reports what tessera validate reports', async () => {
  const course = JSON.parse(courseText);
  delete course.modules[0].blocks[1].alt;
  const report = await inPage((text) => JSON.parse(window.testRuntime.validateCourse(text, 'null', '2026-11-29')),
    JSON.stringify(course));
  assert.equal(report.valid, false);
  assert.deepEqual(report.problems.map((p) => `${p.where}: ${p.message}`), ['/modules/0/blocks/1: the image has no alt text']);
});

test('pathwayProgress in the browser: the catalog rule for the courses completed, and bad input refused with where', async () => {
  // tests/e2e/fixtures/site/courses/catalog.json, "test-pathway": all of [keyboard-course] and 1 of
  // [golden-course, rtl-course]. With rtl-course completed, by hand: the first rule is not met (keyboard-course
  // missing), the second is (rtl-course done; nothing is missing from a met rule); the pathway is not complete.
  const catalog = readFileSync(join(ROOT, 'tests/e2e/fixtures/site/courses/catalog.json'), 'utf8');
  const result = await inPage((text) => {
    const runtime = window.testRuntime;
    return {
      some: JSON.parse(runtime.pathwayProgress(text, '["rtl-course", "short-course"]')),
      notIds: JSON.parse(runtime.pathwayProgress(text, '["keyboard-course", 7]')),
      notList: JSON.parse(runtime.pathwayProgress(text, '{"rtl-course": true}')),
      badCatalog: JSON.parse(runtime.pathwayProgress('{"format": 1, "courses": []', '[]')),
    };
  }, catalog);
  assert.deepEqual(result.some, {
    ok: true, problems: [],
    pathways: [{
      pathway: 'test-pathway', complete: false,
      rules: [
        { kind: 'all-of', needed: 1, done: [], missing: ['keyboard-course'], met: false },
        { kind: 'n-of', needed: 1, done: ['rtl-course'], missing: [], met: true },
      ],
    }],
  });
  assert.equal(result.notIds.ok, false);
  assert.deepEqual(result.notIds.problems.map((p) => `${p.where}: ${p.message}`), ['/1: a completed course must be its id, a string, not 7']);
  assert.deepEqual(result.notList.problems.map((p) => `${p.where}: ${p.message}`), ['/: the completed courses must be a JSON array of course ids']);
  assert.equal(result.badCatalog.ok, false);
  assert.ok(result.badCatalog.problems.length > 0 && result.badCatalog.problems.every((p) => p.message), 'a cut-off catalog is refused with a message');
});

test('chainEvents chains a record carried without seq and prev (an LMS suspend_data) back to the golden bytes', async () => {
  // tests/golden/record/three-events.jsonl: the worked example of docs/record.md, made natively.
  const lines = readFileSync(join(GOLDEN, 'record/three-events.jsonl'), 'utf8').trim().split('\n');
  const compact = lines.map((line) => JSON.parse(line)).map((event) => [event.type, event.t, event.payload]);
  const chained = await inPage((text) => JSON.parse(window.testRuntime.chainEvents(text)), JSON.stringify(compact));
  assert.equal(chained.ok, true, JSON.stringify(chained.problems));
  assert.deepEqual(chained.events.map((event) => JSON.stringify(event)), lines);
  // A record it cannot chain is refused with where and why.
  const refused = await inPage((text) => JSON.parse(window.testRuntime.chainEvents(text)), JSON.stringify([compact[0], ['block.completed', 'soon', {}]]));
  assert.equal(refused.ok, false);
  assert.equal(refused.problems[0].where, '/1');
  assert.match(refused.problems[0].message, /\[type, t, payload\]/);
});
