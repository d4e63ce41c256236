// The HTML player shows exactly the runtime's view: driven through the golden view walks of spotting-phishing
// (a wrong answer, a hint, a timed-out scenario node, a retry after the wait, completion) and giving-feedback
// (which switches to French midway), with the page's clock at each step's `t`, the view it holds is the
// snapshot's byte for byte and its buttons are the view's actions (./lib/view-walk.mjs). axe-core on a
// screen with a disabled action and its reason, one waiting for its time, a timed node, a French screen,
// and a right-to-left course whose interface falls back to English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, buildTestSite } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { readWalk, openWalk, walk } from './lib/view-walk.mjs';

let browser;
before(async () => {
  browser = await startBrowser();  // the site with the sample courses, as published
});
after(async () => { await browser?.close(); });

// Screens worth an axe-core run, met once each: chosen by what the view on them holds.
const AXE_SCREENS = {
  'a disabled action with its reason': (view) => view.actions.some((a) => !a.enabled && a.availableAt === undefined),
  'an action waiting for its time': (view, t) => view.actions.some((a) => a.availableAt > t),
  'a timed scenario node': (view) => view.deadlines.some((d) => d.kind === 'scenario-node'),
  'an open attempt with a hint': (view) => view.current?.assessment?.attempt?.items?.some((i) => i.hints?.length) && !view.current.assessment.attempt.submitted,
  'a screen in French': (view) => view.interface.lang === 'fr' && view.current?.type === 'assessment',
};

async function walkCourse(course, { beforeStep } = {}) {
  const steps = readWalk(course);
  const page = await openWalk(browser, course, steps[0].view.language, steps[0].send.t);
  const met = new Set();
  const violations = [];
  let time = steps[0].send.t;
  await walk(page, steps, {
    beforeStep,
    onStep: async (index, step) => {
      time = step.send?.t ?? time;
      for (const [name, wanted] of Object.entries(AXE_SCREENS)) {
        if (met.has(name) || !wanted(step.view, time)) continue;
        met.add(name);
        for (const v of await axeViolations(page)) violations.push(`[${course} step ${index}: ${name}] ${v}`);
      }
    },
  });
  assert.deepEqual(violations, []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
  return met;
}

test('spotting-phishing: at every step of the golden walk the HTML player holds the snapshot\'s view and shows exactly its actions', async () => {
  const met = await walkCourse('spotting-phishing');
  for (const name of ['a disabled action with its reason', 'an action waiting for its time', 'a timed scenario node', 'an open attempt with a hint']) {
    assert.ok(met.has(name), `the walk met ${name}`);
  }
});

test('giving-feedback: the same, through the switch to French midway', async () => {
  const met = await walkCourse('giving-feedback');
  assert.ok(met.has('a screen in French'));
});

test('a right-to-left course: the interface falls back to English (lang=en, ltr) while its text is Arabic (lang=ar, rtl); axe-clean', async () => {
  const fixtures = await startBrowser({ site: buildTestSite('e2e-parity-site') });  // the test courses
  const page = await openWalk(fixtures, 'rtl-course', 'ar', Date.UTC(2027, 0, 1));
  const state = () => page.evaluate(() => ({
    page: [document.documentElement.lang, document.documentElement.dir],
    title: [document.getElementById('course-title').lang, document.getElementById('course-title').dir],
    view: { interface: window.tesseraPlayer.controller.view.interface, language: window.tesseraPlayer.controller.view.language },
    start: document.querySelector('#block [data-action=open]')?.textContent,
  }));
  assert.deepEqual(await state(), {
    page: ['en', 'ltr'], title: ['ar', 'rtl'], view: { interface: { lang: 'en', dir: 'ltr' }, language: 'ar' }, start: 'Start',
  });
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#block [data-action=open]');
  await page.waitForSelector('#block .prose h2');
  assert.deepEqual(await page.evaluate(() => [document.querySelector('#block .prose').lang, document.querySelector('#block .prose').dir]), ['ar', 'rtl']);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await fixtures.close();
});
