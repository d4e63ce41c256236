// The learner's dashboard: every course with a record on this device (progress from replaying it in the
// runtime, with a resume link), the recall cards due for review, each pathway's progress, and the wallet.
import { element, localised } from '../shell.js';
import { credentialsInWorker, loadRuntime } from '../runtime.js';
import { courseDetails, courseFolder, loadCatalog, pathwayNextCourses, playLink } from '../courses.js';
import { learnerId, preferredLanguage } from '../settings.js';
import { coursesOf, readEvents } from '../store/db.js';
import { learnerKeyInfo } from '../store/keys.js';
import { downloadBytes, downloadJson, downloadText } from '../store/transfer.js';
import { calendarText, liveEvent, reviewEvents } from '../calendar.js';
import { goalsOf, localDate, planEvents, planSummary } from '../plan.js';
import { decideReminders, loadReminderSettings, notifyReminders, storeSchedule } from '../reminders.js';
import { addCredential, bakedBadge, credentialCourse, credentialPathway, verifierLink, walletRows } from '../wallet.js';
import { showStorageProblem } from '../store/messages.js';
import { checkDurability } from '../store/durability.js';
import { loadPageWords, say } from '../words.js';

const status = document.getElementById('dashboard-status');
const language = preferredLanguage();

// {courseId: {view, course, review, plan, liveSessions}} for the courses this learner has started or set a goal for.
async function progressByCourse(runtime, catalog, learner) {
  const started = await coursesOf(learner);
  const goals = goalsOf(learner);
  const out = {};
  for (const entry of catalog.courses) {
    if (!started[entry.id] && !goals[entry.id]) continue;
    const response = await fetch(new URL('course.json', courseFolder(entry)));
    if (!response.ok) continue;
    const text = await response.text();
    const events = await readEvents(learner, entry.id);
    const session = new runtime.Session(text, JSON.stringify(events));
    try {
      // The cards due now, from the runtime's review view (docs/recall.md); a review session starts from it.
      const now = Date.now();
      const due = JSON.parse(session.reviewView(JSON.stringify({ now, started: now }), language));
      // The study plan for the learner's goal, and the live sessions, from the runtime (docs/recall.md).
      const planned = JSON.parse(session.planView(JSON.stringify(goals[entry.id] || null), localDate(now), language));
      out[entry.id] = {
        view: JSON.parse(session.view(language)), course: JSON.parse(text), review: due.ok ? due.review : null,
        plan: planned.ok ? planned.plan : null, liveSessions: planned.ok ? planned.liveSessions : [],
        lastActivity: events.length ? events[events.length - 1].t : null,
      };
    } finally {
      session.delete();
    }
  }
  return out;
}

// "Due for review": each course with cards due, as the runtime words it, and the way into its review session.
function showDue(progress, titles) {
  const list = document.getElementById('dashboard-due');
  for (const [id, { review }] of Object.entries(progress)) {
    if (!review?.due.length) continue;
    list.append(element('li', { className: 'card', 'data-course': id, 'data-due': String(review.due.length) },
      element('h3', { text: titles[id] }),
      element('p', { text: `${review.dueText}.` }),
      element('ul', { className: 'due-cards' }, [...new Set(review.due.map((card) => card.module))].map((module) => element('li', { text: module }))),
      element('p', {}, element('a', { className: 'button-link', href: `review.html?course=${encodeURIComponent(id)}`,
        text: say('page.dashboard.review-now', { title: titles[id], count: review.due.length }) }))));
  }
  document.getElementById('due-banner').hidden = !list.childElementCount;
  if (!list.childElementCount) list.append(element('li', { text: say('page.dashboard.due-none') }));
  const events = Object.entries(progress).filter(([, { review }]) => review).flatMap(([id, { review }]) => reviewEvents(id, review, {
    summary: (count) => say('page.calendar.review', { title: titles[id], count }),
    url: new URL(`review.html?course=${encodeURIComponent(id)}`, location.href).href,
  }));
  for (const [id, { plan, liveSessions }] of Object.entries(progress)) {
    if (plan) {
      events.push(...planEvents(id, plan, {
        summary: (module) => say('page.calendar.study', { module: module.title, title: titles[id], minutes: module.minutes }),
        url: new URL(`plan.html?course=${encodeURIComponent(id)}`, location.href).href,
      }));
    }
    events.push(...liveSessions.map((live) => liveEvent(id, live, titles[id])));
  }
  const button = document.getElementById('calendar-export');
  button.hidden = !events.length;
  button.onclick = () => downloadText(calendarText(events, Date.now()), 'tessera-reviews.ics', 'text/calendar');
}

// One pathway's card from the runtime's progress (catalog rule: `pathwayProgress` in the bindings): each
// requirement met or not with what is done and what is still to do, the capstone, and what comes next.
function pathwayCard(pathway, progress, titles) {
  const names = (ids) => ids.map((id) => titles[id] || id).join(', ');
  const rules = progress.rules.map((rule, i) => {
    const courses = pathway.requirements?.[i]?.courses || [...rule.done, ...rule.missing];
    const ruleText = rule.kind === 'n-of' ? say('page.dashboard.rule-n-of', { count: rule.needed, courses: names(courses) })
      : say('page.dashboard.rule-all-of', { courses: names(courses) });
    const sentences = [say(rule.met ? 'page.dashboard.rule-met' : 'page.dashboard.rule-not-met', { rule: ruleText })];
    if (rule.done.length) sentences.push(say('page.dashboard.rule-done', { courses: names(rule.done) }));
    if (!rule.met) {
      sentences.push(rule.kind === 'n-of'
        ? say('page.dashboard.rule-todo-n', { count: rule.needed - rule.done.length, courses: names(rule.missing) })
        : say('page.dashboard.rule-todo', { courses: names(rule.missing) }));
    }
    return element('li', { 'data-met': String(rule.met), text: sentences.join(' ') });
  });
  if (progress.capstone) {
    rules.push(element('li', { 'data-met': String(progress.capstone.done),
      text: say(progress.capstone.done ? 'page.dashboard.capstone-done' : 'page.dashboard.capstone-todo', { course: names([progress.capstone.course]) }) }));
  }
  const met = rules.filter((li) => li.dataset.met === 'true').length;
  const nextIds = pathwayNextCourses(progress);
  const next = nextIds.length ? names(nextIds) : null;
  return element('li', { className: 'card', 'data-pathway': pathway.id, 'data-complete': String(progress.complete) },
    element('h3', { text: localised(pathway.title, language) }),
    element('p', { className: 'pathway-summary', text: progress.complete ? say('page.dashboard.all-met') : say('page.dashboard.met-count', { met, total: rules.length }) }),
    element('ul', {}, rules),
    next ? element('p', { className: 'pathway-next', text: say('page.dashboard.next', { courses: next }) }) : null);
}

// The pathway cards, or why they cannot be shown (a catalog the runtime refuses).
function showPathways(runtime, catalog, progress, titles) {
  const list = document.getElementById('dashboard-pathways');
  if (!catalog.pathways.length) {
    list.append(element('li', { text: say('page.dashboard.no-pathways') }));
    return;
  }
  const completed = Object.keys(progress).filter((id) => progress[id].view.complete);
  const result = JSON.parse(runtime.pathwayProgress(JSON.stringify(catalog), JSON.stringify(completed)));
  if (!result.ok) {
    list.append(element('li', { text: say('page.dashboard.pathways-broken') }));
    console.warn('Tessera: catalog problems', result.problems);
    return;
  }
  for (const pathwayProgress of result.pathways) {
    const pathway = catalog.pathways.find((p) => p.id === pathwayProgress.pathway);
    list.append(pathwayCard(pathway, pathwayProgress, titles));
  }
}

const KINDS = ['completion-proof', 'credential'];

// Whether the credential holds today, as the verifier would say it: expired (and when), not valid yet (and from
// when), or valid until its date. The card says it in words, not only by a date the reader must compare.
function validity(row, now = new Date().toISOString()) {
  const day = (iso) => String(iso).slice(0, 10);
  if (row.validFrom && Date.parse(row.validFrom) > Date.parse(now)) return say('page.wallet.not-yet-valid', { date: day(row.validFrom) });
  if (!row.validUntil) return null;
  return say(Date.parse(row.validUntil) < Date.parse(now) ? 'page.wallet.expired-on' : 'page.wallet.valid-until', { date: day(row.validUntil) });
}

function walletCard(row) {
  const facts = [
    say(`page.wallet.kind.${KINDS.includes(row.kind) ? row.kind : 'other'}`),
    row.issuer ? say('page.wallet.issued-by', { issuer: row.issuer }) : null,
    row.added ? say('page.wallet.added-on', { date: row.added.slice(0, 10) }) : null,
    validity(row),
  ].filter(Boolean);
  const name = localised(row.name, language);
  const file = `${(row.course || row.kind || 'credential').replace(/[^A-Za-z0-9-]+/g, '-')}-${row.kind === 'completion-proof' ? 'completion-proof' : 'credential'}.json`;
  return element('li', { className: 'card', 'data-wallet-kind': row.kind, 'data-credential-id': row.id },
    element('h3', { text: name }),
    element('p', { text: `${facts.join(' · ')}.` }),
    element('p', { className: 'actions' },
      element('button', { type: 'button', text: say('page.wallet.download'), 'aria-label': say('page.wallet.download-named', { name }), onclick: () => downloadJson(row.document, file) }),
      element('a', { href: verifierLink(row.document), text: say('page.wallet.check'), 'aria-label': say('page.wallet.check-named', { name }) }),
      element('a', { href: `certificate.html?id=${encodeURIComponent(row.id)}`, text: say('page.wallet.certificate'), 'aria-label': say('page.wallet.certificate-named', { name }) }),
      credentialCourse(row) ? badgeButton(row, name) : null),
    element('p', { className: 'wallet-card-status', role: 'status' }));
}

// "Download badge image": the credential baked into its course's badge art, as Open Badges 3.0 tools read it.
function badgeButton(row, name) {
  return element('button', {
    type: 'button', 'data-badge-image': credentialCourse(row), text: say('page.wallet.badge-image'), 'aria-label': say('page.wallet.badge-image-named', { name }),
    onclick: async (event) => {
      const status = event.target.closest('li').querySelector('.wallet-card-status');
      try {
        downloadBytes(await bakedBadge(credentialsInWorker(), row), `${credentialCourse(row)}-badge.png`, 'image/png');
        status.textContent = '';
      } catch (error) {
        status.textContent = error.message;
      }
    },
  });
}

// What the runtime needs to decide the reminders: each course's dates and views, and each credential with the
// course (or catalog pathway) whose renewal rule says how to renew it.
async function reminderFacts(catalog, progress, titles, rows, now) {
  const credentials = [];
  for (const row of rows.filter((r) => r.validUntil && r.kind !== 'completion-proof')) {
    const fact = { id: row.id, name: localised(row.name, language), validUntil: String(row.validUntil) };
    const courseId = credentialCourse(row);
    const entry = catalog.courses.find((c) => c.id === courseId);
    if (entry) fact.course = progress[courseId]?.course || await courseDetails(entry);
    const pathway = credentialPathway(row);
    if (pathway) Object.assign(fact, { catalog, pathway });
    credentials.push(fact);
  }
  return {
    today: localDate(now), titles,
    courses: Object.entries(progress).map(([id, { view, review, plan, lastActivity }]) => {
      const nextDue = review?.upcoming[0]?.due ?? null;
      return { id, title: titles[id], complete: view.complete, lastActivity, plan, due: review?.due.length || 0,
        nextDue, nextDueDay: nextDue ? localDate(nextDue) : null };
    }),
    credentials,
  };
}

// The reminders that apply now as banners (cards due have their own, above the list), handed to the service
// worker with those to come, which notifies where the learner allows it; an expired credential's wallet card
// says how to renew it. The runtime decides all of it (js/reminders.js, docs/recall.md, docs/web-app.md).
async function showReminders(runtime, catalog, progress, titles, rows) {
  const settings = loadReminderSettings();
  const now = Date.now();
  const decided = decideReminders(runtime, await reminderFacts(catalog, progress, titles, rows, now), settings, now, language);
  document.getElementById('reminders').replaceChildren(...decided.now.filter((r) => r.kind !== 'due').map((reminder) => element('p',
    { className: 'banner', 'data-reminder': reminder.kind }, element('a', { href: reminder.href, text: reminder.text }))));
  for (const notice of decided.credentials) {
    const card = document.querySelector(`#dashboard-wallet li[data-credential-id="${CSS.escape(notice.id)}"]`);
    if (card && notice.notice === 'expired' && notice.renew) {
      card.querySelector('.wallet-card-status').before(element('p', { className: 'renew-hint', 'data-renew': 'expired' },
        element('a', { href: notice.href, text: say('page.wallet.renew-hint', { renew: notice.renew }) })));
    }
  }
  let notified = [];
  try {
    await storeSchedule(settings, [...decided.now, ...decided.later]);
    notified = await notifyReminders(settings, now);
  } catch (error) {
    console.warn('Tessera: reminders not handed to the service worker', error);
  }
  document.body.dataset.notified = JSON.stringify(notified);  // for tests: the reminders notified on this visit
}

// The wallet's cards; resolves to its rows.
async function showWallet() {
  const wallet = document.getElementById('dashboard-wallet');
  const rows = await walletRows();
  wallet.replaceChildren(...rows.map(walletCard));
  if (!rows.length) wallet.append(element('li', { text: say('page.wallet.empty') }));
  const key = await learnerKeyInfo(learnerId());
  document.getElementById('wallet-key').textContent = key
    ? say('page.wallet.key', { key: key.did.slice(0, 24) }) : say('page.wallet.no-key');
  return rows;
}

document.getElementById('wallet-add').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  const result = document.getElementById('wallet-add-result');
  if (!file) return;
  await loadPageWords();
  result.textContent = say('page.wallet.checking');
  try {
    const row = await addCredential(credentialsInWorker(), await file.text());
    result.textContent = say('page.wallet.added', { name: localised(row.name, language) });
    await showWallet();
  } catch (error) {
    if (error.name === 'StorageError') {
      result.textContent = '';
      showStorageProblem(error);
    } else {
      result.textContent = error.message;
    }
  } finally {
    event.target.value = '';
  }
});

async function show() {
  const learner = learnerId();
  await loadPageWords();
  try {
    const [runtime, catalog] = await Promise.all([loadRuntime(), loadCatalog()]);
    const progress = await progressByCourse(runtime, catalog, learner);
    const titles = {};
    for (const entry of catalog.courses) {
      const course = progress[entry.id]?.course || await courseDetails(entry);
      titles[entry.id] = course ? localised(course.title, language, course.defaultLanguage) : entry.id;
    }
    const list = document.getElementById('dashboard-courses');
    for (const [id, { view, plan }] of Object.entries(progress)) {
      list.append(element('li', { className: 'card', 'data-course': id },
        element('h3', { text: titles[id] }),
        // The view's own wording of the percentage, in its language's CLDR pattern ("25% complete", "25 % terminé").
        element('p', { text: view.complete ? say('page.dashboard.completed') : `${view.progress.percentText}.` }),
        element('progress', { max: '100', value: String(view.progress.percent), 'aria-label': say('page.dashboard.progress-label', { title: titles[id] }) }),
        plan ? element('p', { className: 'plan-status', 'data-on-track': String(plan.onTrack), text: planSummary(plan, language) }) : null,
        element('p', { className: 'actions' }, element('a', { className: 'button-link', href: playLink(catalog.courses.find((entry) => entry.id === id)),
          text: say(view.complete ? 'page.dashboard.review' : 'page.dashboard.resume', { title: titles[id] }) }),
        // A finished course has nothing left to plan: no study plan link.
        view.complete ? null : element('a', { className: 'plan-link', href: `plan.html?course=${encodeURIComponent(id)}`, text: say('page.plan.link', { title: titles[id] }) }))));
    }
    if (!list.childElementCount) list.append(element('li', { text: say('page.dashboard.none') }));
    showDue(progress, titles);
    showPathways(runtime, catalog, progress, titles);
    const rows = await showWallet();
    status.textContent = '';
    await showReminders(runtime, catalog, progress, titles, rows);
    checkDurability(learner, { hasProgress: Object.keys(progress).length > 0 });
  } catch (error) {
    if (error.name === 'StorageError') {
      status.textContent = '';
      showStorageProblem(error);
    } else {
      status.textContent = error.message || say('page.dashboard.failed');
    }
  }
}

show();
