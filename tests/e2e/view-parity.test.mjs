// The HTML player shows exactly the runtime's view: driven through the golden view walks of spotting-phishing
// (a wrong answer, a hint, a timed-out scenario node, a retry after the wait, completion) and giving-feedback
// (which switches to French midway), with the page's clock at each step's `t`, the view it holds is the
// snapshot's byte for byte and its buttons are the view's actions (./lib/view-walk.mjs). axe-core on a
// screen with a disabled action and its reason, one waiting for its time, a timed node, a French screen,
// and a right-to-left course, whose interface is Arabic too. A time limit's countdown submits the
// attempt by itself when the time is up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, buildTestSite } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { readWalk, openWalk, walk, startTimedAttempt } from './lib/view-walk.mjs';

let browser;
let fixtures;
before(async () => {
  browser = await startBrowser();  // the site with the sample courses, as published
  fixtures = await startBrowser({ site: buildTestSite('e2e-parity-site') });  // the test courses
});
after(async () => {
  await browser?.close();
  await fixtures?.close();
});

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
  let edgeChecked = false;
  const met = await walkCourse('spotting-phishing', {
    beforeStep: async (index, step, page) => {
      if (edgeChecked || step.send?.item !== 'f1-hotspot') return;
      edgeChecked = true;
      // Regression: a click on the image's edge put the hotspot's point outside the image (y −1 of 440) when
      // the image's edge fell between whole pixels; a click just outside it now lands on the edge.
      await page.click('.question-list button[data-item="f1-hotspot"]');
      const said = await page.evaluate(() => {
        const edge = document.querySelector('fieldset.item .hotspot img').getBoundingClientRect();
        document.querySelector('fieldset.item .hotspot').dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: edge.left - 1, clientY: edge.top - 1 }));
        return document.querySelector('fieldset.item .hotspot-position').textContent;
      });
      // The walk has switched to French by then (a course in two languages): the numbers are what matter.
      assert.deepEqual(said.match(/-?\d+/g), ['0', '0', '640', '440'], said);
    },
  });
  for (const name of ['a disabled action with its reason', 'an action waiting for its time', 'a timed scenario node', 'an open attempt with a hint']) {
    assert.ok(met.has(name), `the walk met ${name}`);
  }
});

test('giving-feedback: the same, through the switch to French midway', async () => {
  const met = await walkCourse('giving-feedback');
  assert.ok(met.has('a screen in French'));
});

test('a right-to-left course: its interface is Arabic too (lang=ar, rtl), from the Arabic catalogue, like its text; axe-clean', async () => {
  const page = await openWalk(fixtures, 'rtl-course', 'ar', Date.UTC(2027, 0, 1));
  const state = () => page.evaluate(() => ({
    page: [document.documentElement.lang, document.documentElement.dir],
    title: [document.getElementById('course-title').lang, document.getElementById('course-title').dir],
    view: { interface: window.tesseraPlayer.controller.view.interface, language: window.tesseraPlayer.controller.view.language },
    start: document.querySelector('#block [data-action=open]')?.textContent,
  }));
  assert.deepEqual(await state(), {
    page: ['ar', 'rtl'], title: ['ar', 'rtl'], view: { interface: { lang: 'ar', dir: 'rtl' }, language: 'ar' }, start: 'ابدأ',  // action.open.start
  });
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#block [data-action=open]');
  // The reading's leading heading is its title (the view's current.title), in the content's language.
  await page.waitForSelector('#block .prose');
  assert.deepEqual(await page.evaluate(() => [document.querySelector('#block .prose').lang, document.querySelector('#block .prose').dir]), ['ar', 'rtl']);
  assert.deepEqual(await page.evaluate(() => [document.getElementById('block-heading').lang, document.getElementById('block-heading').dir]), ['ar', 'rtl']);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});

test('a time limit counts down from the view\'s deadline, and when the time is up the player submits the attempt by itself', async () => {
  // tests/e2e/fixtures/site/courses/timed-course: one minute for two true/false items, pass mark 1/2.
  const start = Date.UTC(2027, 0, 1);
  const { page, events } = await startTimedAttempt(fixtures, 'timed-course', start);
  const countdown = () => page.evaluate(() => document.querySelector('#block .countdown[data-deadline=time-limit]')?.textContent ?? null);
  assert.equal(await countdown(), 'Time left for this attempt 1:00 When the time is up, your answers are submitted as they stand.');
  // One answer ten seconds in; the countdown, redrawn, shows the time left from the page's clock.
  await page.clock.setFixedTime(start + 11000);
  await page.check('fieldset.item[data-item=tab] input[data-value="true"]');
  await page.click('#block [data-action=answer]');
  await events(3);
  assert.equal(await countdown(), 'Time left for this attempt 0:50 When the time is up, your answers are submitted as they stand.');
  // The time is up: the player sends the deadline's action (submit) at the page's time, once.
  await page.clock.setFixedTime(start + 61500);
  await events(4);
  const after = await page.evaluate(() => {
    const { controller } = window.tesseraPlayer;
    const attempt = controller.view.current.assessment.attempt;
    return { last: { type: controller.events.at(-1).type, t: controller.events.at(-1).t }, submitted: attempt.submitted, score: attempt.score, deadlines: controller.view.deadlines.length,
      heading: document.getElementById('result-heading')?.textContent };
  });
  assert.deepEqual(after, { last: { type: 'attempt.submitted', t: start + 61500 }, submitted: true, score: '1', deadlines: 0, heading: 'Passed' });
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.tesseraPlayer.controller.events.length), 4, 'sent once');
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});
