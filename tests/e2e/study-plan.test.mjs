// The study plan in the browser, with the page clock fixed (playwright's clock) and the learner in
// Europe/Paris: a weekly goal for inclusive-meetings spreads its modules on the days worked out by hand
// below, is remembered per learner, turns late when the clock moves on; the course's live sessions are
// listed at their instants; the dashboard says how the plan goes, and its .ics export (parsed with ical.js)
// holds the plan's days and the live sessions. axe-core on the plan page; screenshots at 1280 and 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { startBrowser, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';

const COURSE = 'inclusive-meetings';
const LEARNER = 'learner-plan-test';
const ZONE = 'Europe/Paris';
let browser;

before(async () => {
  browser = await startBrowser({ device: { timezoneId: ZONE } });
});
after(async () => { await browser?.close(); });

async function planPage(page) {
  await page.goto(new URL(`plan.html?course=${COURSE}`, browser.baseUrl).href);
  await page.waitForFunction(() => !document.getElementById('plan-form').hidden && document.getElementById('plan-status').textContent === '', null, { timeout: 30000 });
}

const planned = (page) => page.$$eval('#plan-modules li', (items) => items.map((li) => [li.dataset.module, li.dataset.date, li.dataset.state]));

// The live sessions' calendar events, read back with ical.js.
function readCalendar(text) {
  assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

test('a weekly goal spreads the modules, is remembered, slips when the days pass; live sessions and the calendar', async () => {
  const page = await browser.newPage();
  // Monday 5 January 2026, 09:00 in Paris.
  await browser.context.clock.setFixedTime(new Date('2026-01-05T09:00:00+01:00'));
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate((learner) => localStorage.setItem('tessera.learner', learner), LEARNER);
  await planPage(page);
  assert.equal(await page.textContent('#plan-summary'), 'No goal yet. Set one to see by when to finish each module.');

  // Live sessions: 14:00 in Paris on 10 February is 13:00 UTC; the learner here is in Paris too.
  assert.deepEqual(await page.$$eval('#live-sessions li', (items) => items.map((li) => li.dataset.live)), ['practice-round', 'questions']);
  assert.match(await page.textContent('#live-sessions li[data-live="practice-round"]'), /Tuesday, February 10, 2026 at 2:00\sPM \(2:00\sPM Central European Standard Time\), 45 min/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-live-export="practice-round"]')]);
  const [live] = readCalendar(readFileSync(await file.path(), 'utf8'));
  assert.equal(live.startDate.toJSDate().toISOString(), '2026-02-10T13:00:00.000Z');
  assert.equal(live.duration.toSeconds(), 45 * 60);
  assert.equal(live.uid, 'live-inclusive-meetings-practice-round@tessera');
  assert.match(live.description, /Bring the agenda/);

  // 40 minutes a week on Monday, Wednesday and Friday. By hand: the modules take 12, 13, 15 and 14 minutes
  // (54 in all) and each study day gives 40/3: by Mon 5 13⅓ ≥ 12, by Wed 7 26⅔ ≥ 25, by Fri 9 40 ≥ 40,
  // by Mon 12 53⅓ < 54, by Wed 14 66⅔ ≥ 54.
  await page.check('#goal-weekly');
  await page.fill('#goal-minutes', '40');
  for (const day of ['mon', 'wed', 'fri']) await page.check(`#goal-day-${day}`);
  await page.click('#plan-form button[type="submit"]');
  await page.waitForSelector('#plan-modules li');
  const expected = [
    ['who-gets-heard', '2026-01-05', 'planned'], ['designing-the-meeting', '2026-01-07', 'planned'],
    ['fair-turn-taking', '2026-01-09', 'planned'], ['materials-and-follow-up', '2026-01-14', 'planned'],
  ];
  assert.deepEqual(await planned(page), expected);
  assert.equal(await page.textContent('#plan-summary'), 'On track: finishing on Wednesday, January 14, 2026.');
  assert.equal(await page.textContent('#plan-status'), 'Goal saved on this device.');
  assert.deepEqual(await axeViolations(page), []);
  writeFileSync(join(ARTIFACTS_DIR, 'study-plan-1280.png'), await page.screenshot({ fullPage: true }));
  await page.setViewportSize({ width: 390, height: 844 });
  writeFileSync(join(ARTIFACTS_DIR, 'study-plan-390.png'), await page.screenshot({ fullPage: true }));
  await page.setViewportSize({ width: 1280, height: 800 });

  // Remembered: the goal comes back on the next visit, the same days.
  await planPage(page);
  assert.equal(await page.isChecked('#goal-weekly'), true);
  assert.equal(await page.inputValue('#goal-minutes'), '40');
  assert.deepEqual(await planned(page), expected);

  // Thursday 8 January with nothing done: the modules planned for the 5th and the 7th are late.
  await browser.context.clock.setFixedTime(new Date('2026-01-08T10:00:00+01:00'));
  await planPage(page);
  assert.deepEqual((await planned(page)).map(([, , state]) => state), ['late', 'late', 'planned', 'planned']);
  assert.equal(await page.textContent('#plan-summary'), 'Behind plan: 2 modules are late.');

  // The dashboard says so, and its calendar file holds the plan's days (all day) and both live sessions.
  await page.goto(new URL('dashboard.html', browser.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('dashboard-status').textContent === '', null, { timeout: 30000 });
  assert.equal(await page.textContent(`#dashboard-courses li[data-course="${COURSE}"] .plan-status`), 'Behind plan: 2 modules are late.');
  // A course not finished offers its plan (recall-review.test.mjs: a finished one does not).
  assert.match(await page.textContent(`#dashboard-courses li[data-course="${COURSE}"] .plan-link`), /^Study plan for /);
  const [ics] = await Promise.all([page.waitForEvent('download'), page.click('#calendar-export')]);
  const events = readCalendar(readFileSync(await ics.path(), 'utf8'));
  const days = events.filter((e) => e.startDate.isDate).map((e) => [e.uid, e.startDate.toString(), e.endDate.toString()]);
  assert.deepEqual(days, [
    ['plan-inclusive-meetings-who-gets-heard@tessera', '2026-01-05', '2026-01-06'],
    ['plan-inclusive-meetings-designing-the-meeting@tessera', '2026-01-07', '2026-01-08'],
    ['plan-inclusive-meetings-fair-turn-taking@tessera', '2026-01-09', '2026-01-10'],
    ['plan-inclusive-meetings-materials-and-follow-up@tessera', '2026-01-14', '2026-01-15'],
  ]);
  assert.match(events.find((e) => e.startDate.isDate).summary, /^Study Who gets heard \(.+\), 12 min$/);
  const timed = events.filter((e) => !e.startDate.isDate).map((e) => [e.uid, e.startDate.toJSDate().toISOString(), e.duration.toSeconds()]);
  assert.deepEqual(timed, [
    ['live-inclusive-meetings-practice-round@tessera', '2026-02-10T13:00:00.000Z', 45 * 60],
    ['live-inclusive-meetings-questions@tessera', '2026-03-03T17:30:00.000Z', 30 * 60],
  ]);
  assert.deepEqual(page.unexpectedErrors(), []);
});
