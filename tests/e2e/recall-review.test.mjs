// Spaced recall in the browser, with the page clock moved forward (an init script shifts Date.now): a
// finished course's assessed items are due at once, the dashboard's banner and "Due for review" list say so,
// a review session answers each card from memory with the runtime's suggested rating (the learner picking
// another), the cards leave the list, fall due again days later, and a second session moves the due dates on.
// The dashboard's .ics export parses with ical.js and holds the reviews at the instants FSRS gives.
// axe-core on the dashboard and the review page; screenshots of both at 1280 px and phone width (390 px).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { playSample } from './lib/sample-play.mjs';
import ICAL from 'ical.js';

const COURSE = 'giving-feedback';
const LEARNER = 'learner-recall-test';
const DAY_MS = 24 * 60 * 60 * 1000;
const ZONE = 'Europe/Paris';  // the learner's time zone: the calendar groups a day's reviews by it
let browser;

// The right answers of the course's choice and true/false items, read from its course.json (English),
// keyed BLOCK/ITEM as recall cards are: what the review page must show once a card is checked.
const RIGHT_ANSWERS = (() => {
  const course = JSON.parse(readFileSync(new URL(`../../content/${COURSE}/course.json`, import.meta.url), 'utf8'));
  const blockOf = new Map();
  for (const module of course.modules) {
    for (const block of module.blocks) if (block.type === 'assessment') blockOf.set(block.assessment, block.id);
  }
  const out = new Map();
  for (const assessment of course.assessments) {
    for (const item of [...(assessment.items || []), ...(assessment.banks || []).flatMap((bank) => bank.items)]) {
      const card = `${blockOf.get(assessment.id)}/${item.id}`;
      if (item.type === 'true-false') out.set(card, [item.correct ? 'True' : 'False']);
      if (item.type === 'single-choice' && (!item.rule || item.rule === 'all-or-nothing')) {
        out.set(card, item.choices.filter((choice) => choice.correct).map((choice) => choice.text.en ?? choice.text));
      }
    }
  }
  return out;
})();

before(async () => {
  browser = await startBrowser({ device: { timezoneId: ZONE } });
  // The page clock, moved forward by the offset the test keeps in localStorage (read at each page load).
  await browser.context.addInitScript(() => {
    let offset = 0;
    try {
      offset = Number(localStorage.getItem('tessera-test.clock-offset-ms') || 0);
    } catch {
      return;  // a frame without storage (about:blank) keeps the real clock
    }
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + offset;
  });
});
after(async () => { await browser?.close(); });

async function dashboardAt(page, offsetMs) {
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate(([learner, offset]) => {
    localStorage.setItem('tessera.learner', learner);
    localStorage.setItem('tessera-test.clock-offset-ms', String(offset));
  }, [LEARNER, offsetMs]);
  await page.goto(new URL('dashboard.html', browser.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('dashboard-status').textContent === '', null, { timeout: 30000 });
  const card = page.locator(`#dashboard-due li[data-course="${COURSE}"]`);
  return {
    due: (await card.count()) ? Number(await card.getAttribute('data-due')) : 0,
    banner: await page.isVisible('#due-banner'),
  };
}

// Answers every card from memory (leaving it as the widget starts: mostly unanswered or wrong) until the
// session finishes, choosing Good whatever the suggestion; returns how many cards were rated.
async function reviewSession(page, { checkScreens = false } = {}) {
  const violations = [];
  let rated = 0;
  let answersShown = 0;
  for (let guard = 0; guard < 100; guard += 1) {
    await page.waitForSelector('#review-card h2');
    if (!(await page.isVisible('[data-action="check-recall"]'))) break;
    if (checkScreens && rated === 0) violations.push(...await axeViolations(page));
    await page.click('[data-action="check-recall"]');
    await page.waitForSelector('.review-result');
    const verdict = await page.getAttribute('.review-result', 'data-verdict');
    const suggested = await page.getAttribute('[data-action="review"].primary', 'data-rating');
    // Nothing recalled is Again, however quick; something recalled is never Again.
    if (verdict === 'wrong' || verdict === 'unanswered') assert.equal(suggested, '1', verdict);
    else assert.notEqual(suggested, '1', verdict);
    assert.equal(await page.locator('[data-action="review"]').count(), 4);
    // Once checked, the right answer is shown, whatever the verdict (hotspots have none in words).
    const card = await page.getAttribute('#review-card', 'data-card');
    const shown = await page.locator('.review-right-answer li').allTextContents();
    if (RIGHT_ANSWERS.has(card)) assert.deepEqual(shown, RIGHT_ANSWERS.get(card), card);
    if (!card.endsWith('/f1-diagram')) assert.ok(shown.length > 0, `a right answer for ${card}`);
    answersShown += RIGHT_ANSWERS.has(card) ? 1 : 0;
    if (checkScreens && rated === 0) {
      violations.push(...await axeViolations(page));
      writeFileSync(join(ARTIFACTS_DIR, 'recall-review-1280.png'), await page.screenshot({ fullPage: true }));
      await page.setViewportSize({ width: 390, height: 844 });
      writeFileSync(join(ARTIFACTS_DIR, 'recall-review-390.png'), await page.screenshot({ fullPage: true }));
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.click('[data-action="review"][data-rating="3"]');
    rated += 1;
    await page.waitForFunction((n) => !document.querySelector('.review-result') || document.body.dataset.reviewed === String(n), rated);
  }
  assert.deepEqual(violations, []);
  assert.ok(answersShown > 0, 'some cards have a right answer known to the test');
  return rated;
}

// The .ics file: one event per day (in the learner's zone) on which cards fall due, at the first card's
// time, in UTC. The expectation comes from the stored reviews and FSRS's first Good: three days on, at the
// review's second (docs/recall.md), not from the page's code.
async function checkCalendar(page) {
  const reviews = await page.evaluate(async ([learner, course]) => {
    const { readEvents } = await import(new URL('js/store/db.js', document.baseURI).href);
    return (await readEvents(learner, course)).filter((e) => e.type === 'recall.reviewed').map((e) => e.t);
  }, [LEARNER, COURSE]);
  const dueTimes = reviews.map((t) => Math.floor(t / 1000) * 1000 + 3 * DAY_MS);
  const day = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  const expected = new Map();
  for (const due of dueTimes) {
    const entry = expected.get(day(due)) || { start: due, count: 0 };
    entry.start = Math.min(entry.start, due);
    entry.count += 1;
    expected.set(day(due), entry);
  }
  const title = await page.textContent(`#dashboard-courses li[data-course="${COURSE}"] h3`);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#calendar-export')]);
  const text = readFileSync(await file.path(), 'utf8');
  assert.equal(file.suggestedFilename(), 'tessera-reviews.ics');
  assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.equal(events.length, expected.size);
  for (const event of events) {
    assert.equal(event.startDate.zone.tzid, 'UTC', 'a UTC time, whatever the learner\'s zone');
    const want = expected.get(day(event.startDate.toJSDate().getTime()));
    assert.ok(want, `an event on a day with reviews: ${event.startDate}`);
    assert.equal(event.startDate.toJSDate().getTime(), want.start);
    assert.equal(event.duration.toSeconds(), 300);
    assert.equal(event.summary, `Review ${title}: ${want.count} cards`);
    assert.match(event.uid, new RegExp(`^review-${COURSE}-\\d{4}-\\d{2}-\\d{2}@tessera$`));
  }
}

test('reviews fall due, the dashboard says so, and review sessions move the due dates', async () => {
  const { view } = await playSample(browser, COURSE, { learner: LEARNER });
  assert.equal(view.complete, true);
  const page = await browser.newPage();

  // Just finished: every assessed item is a new card, due now; the banner shows.
  const fresh = await dashboardAt(page, 0);
  assert.ok(fresh.due > 0, 'cards due after finishing the course');
  assert.equal(fresh.banner, true);
  assert.deepEqual(await axeViolations(page), []);
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width, height });
    writeFileSync(join(ARTIFACTS_DIR, `recall-dashboard-${width}.png`), await page.screenshot({ fullPage: true }));
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Reopening the course and recalling its cards are two links that say which is which.
  const title = await page.textContent(`#dashboard-courses li[data-course="${COURSE}"] h3`);
  assert.equal(await page.textContent(`#dashboard-courses li[data-course="${COURSE}"] a`), `Reopen ${title}`);
  assert.equal(await page.locator(`#dashboard-courses li[data-course="${COURSE}"] a`).count(), 1, 'a finished course offers no study plan');
  assert.equal(await page.textContent(`#dashboard-due li[data-course="${COURSE}"] a`), `Recall cards for ${title}: ${fresh.due} due`);
  await page.click(`#dashboard-due li[data-course="${COURSE}"] a`);
  await page.waitForURL(/review\.html\?course=/);
  const rated = await reviewSession(page, { checkScreens: true });
  assert.equal(rated, fresh.due, 'each due card reviewed once');
  assert.match(await page.textContent('#review-card h2'), new RegExp(`${rated} cards reviewed\\. Nothing is due for review\\.`));

  // A first Good is due three days later (docs/recall.md): nothing due after two days, all of it after four.
  assert.deepEqual(await dashboardAt(page, 0), { due: 0, banner: false });
  await checkCalendar(page);
  assert.deepEqual(await dashboardAt(page, 2 * DAY_MS), { due: 0, banner: false });
  const later = await dashboardAt(page, 4 * DAY_MS);
  assert.deepEqual(later, { due: fresh.due, banner: true });

  // A second session, four days on, moves the due dates past where the first review put them.
  await page.click(`#dashboard-due li[data-course="${COURSE}"] a`);
  await page.waitForURL(/review\.html\?course=/);
  assert.equal(await reviewSession(page), fresh.due);
  assert.deepEqual(await dashboardAt(page, 4 * DAY_MS), { due: 0, banner: false });
  assert.deepEqual(await dashboardAt(page, 7 * DAY_MS), { due: 0, banner: false });
  assert.deepEqual(page.unexpectedErrors(), []);
});
