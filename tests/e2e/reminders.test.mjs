// Reminders in the browser, with the page clock fixed (playwright's clock) in UTC: a started course left
// for more days than the learner set is called idle, a slipping study plan and a credential near expiry show
// as banners on the dashboard; with notifications allowed the service worker shows each once, never in
// quiet hours; the settings page says whether the browser can remind in the background.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';

const COURSE = 'inclusive-meetings';
const LEARNER = 'learner-reminders-test';
const OPENED = Date.parse('2026-01-05T10:00:00Z');  // Monday: the course is opened, once
let browser;

before(async () => {
  // The service worker reads local hours in the machine's zone, and the page's is set to the same: UTC.
  browser = await startBrowser({ device: { timezoneId: 'UTC' } });
  await browser.context.grantPermissions(['notifications'], { origin: new URL(browser.baseUrl).origin });
});
after(async () => { await browser?.close(); });

// The learner's device as the test needs it: one event in the course (opened at OPENED, proposed by the
// runtime and stored as the player stores it), a weekly study goal from that Monday, a credential valid
// until 20 January, and reminders after 3 idle days with notifications and quiet hours 22:00–08:00.
async function setUp(page) {
  await browser.context.clock.setFixedTime(OPENED);
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate(async ([learner, course, opened]) => {
    localStorage.setItem('tessera.learner', learner);
    const site = document.baseURI;
    const { loadCourse } = await import(new URL('js/courses.js', site).href);
    const { loadRuntime } = await import(new URL('js/runtime.js', site).href);
    const { appendEvent, putRow } = await import(new URL('js/store/db.js', site).href);
    const runtime = await loadRuntime();
    const loaded = await loadCourse(course, runtime);
    const session = new runtime.Session(loaded.courseText, '[]');
    const firstBlock = loaded.course.modules[0].blocks[0].id;
    const proposed = JSON.parse(session.propose(JSON.stringify({ type: 'open', block: firstBlock, t: opened }), 'en'));
    session.delete();
    await appendEvent(learner, course, proposed.event);
    localStorage.setItem('tessera.plans', JSON.stringify({ [learner]: { [course]: { setOn: '2026-01-05', minutesPerWeek: 40, days: ['mon', 'wed', 'fri'] } } }));
    await putRow('wallet', { id: 'urn:uuid:reminder-test-badge', kind: 'credential', name: 'Meeting facilitator', issuer: 'Test issuer',
      added: '2026-01-05T10:00:00Z', validUntil: '2026-01-20T00:00:00Z', document: { id: 'urn:uuid:reminder-test-badge' } });
    localStorage.setItem('tessera.reminders', JSON.stringify({ idleDays: 3, notify: true, quietFrom: '22:00', quietUntil: '08:00' }));
  }, [LEARNER, COURSE, OPENED]);
}

async function dashboardAt(page, iso) {
  await browser.context.clock.setFixedTime(Date.parse(iso));
  await page.goto(new URL('dashboard.html', browser.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('dashboard-status').textContent === '' && document.body.dataset.notified, null, { timeout: 30000 });
  return {
    banners: await page.$$eval('#reminders [data-reminder]', (items) => items.map((p) => [p.dataset.reminder, p.textContent])),
    notified: JSON.parse(await page.evaluate(() => document.body.dataset.notified)),
  };
}

test('idle, slipping and expiring show as banners; notifications once each and never in quiet hours', async () => {
  const page = await browser.newPage();
  await setUp(page);

  // That evening, in quiet hours: not idle yet (3 days), no module late (the first is planned for today), but
  // the credential's 30-day notice has begun (from 21 December): a banner, no notification.
  const early = await dashboardAt(page, '2026-01-05T23:00:00Z');
  assert.deepEqual(early.banners.map(([kind]) => kind), ['expiry']);
  assert.deepEqual(early.notified, []);

  // Thursday 8th, 23:30: idle for 3 days and 13½ hours, one module late — but in quiet hours, so banners only.
  const quiet = await dashboardAt(page, '2026-01-08T23:30:00Z');
  assert.deepEqual(quiet.banners, [
    ['idle', 'You have not opened Inclusive meetings for 3 days. Pick up where you left off.'],
    ['plan', 'Inclusive meetings is behind its study plan: 2 modules are late.'],
    ['expiry', 'Meeting facilitator expires on 2026-01-20, in 12 days.'],
  ]);
  assert.deepEqual(quiet.notified, [], 'nothing notified in quiet hours');
  assert.deepEqual(await axeViolations(page), []);

  // Friday 9th, noon: out of quiet hours, each reminder is notified once, by the service worker.
  const noon = await dashboardAt(page, '2026-01-09T12:00:00Z');
  assert.deepEqual(noon.notified.map((key) => key.split(':')[0]).sort(), ['expiry', 'idle', 'plan']);
  const shown = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => n.body));
  assert.ok(shown.some((body) => /not opened .* for 4 days/.test(body)), `the idle reminder is a notification: ${shown}`);
  // The same reminders on the next visit are not notified again.
  assert.deepEqual((await dashboardAt(page, '2026-01-09T15:00:00Z')).notified, []);

  // Settings: the learner's choices are shown, and whether the browser reminds in the background is said
  // plainly (headless chromium is no installed app: unsupported or refused).
  await page.goto(new URL('settings.html', browser.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('reminders-background').dataset.state);
  assert.equal(await page.inputValue('#reminder-idle-days'), '3');
  assert.equal(await page.inputValue('#reminder-quiet-from'), '22:00');
  assert.equal(await page.isChecked('#reminder-notify'), true);
  const state = await page.getAttribute('#reminders-background', 'data-state');
  assert.ok(['unsupported', 'refused'].includes(state), state);
  assert.match(await page.textContent('#reminders-background'), /Reminders show while Tessera is open\./);
  assert.equal(await page.textContent('#reminders-notifications'), 'Notifications are on, outside quiet hours, while Tessera is open.');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.unexpectedErrors(), []);
});
