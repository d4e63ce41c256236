// The study plan page (plan.html?course=ID): the learner sets a goal for a course (finish by a date, or
// minutes a week on chosen days), kept per learner on this device (js/plan.js); the runtime spreads the
// modules over it and says which are late (session.planView); the course's live sessions are listed, each
// with its own calendar file.
import { element, localised } from '../shell.js';
import { loadCourseForPage } from '../courses.js';
import { readEvents } from '../store/db.js';
import { learnerId } from '../settings.js';
import { downloadText } from '../store/transfer.js';
import { calendarText, liveEvent } from '../calendar.js';
import { dayText, goalOf, localDate, planSummary, saveGoal } from '../plan.js';
import { say } from '../words.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const courseId = new URLSearchParams(location.search).get('course');  // loadCourseForPage reads it too
const status = document.getElementById('plan-status');
const problems = document.getElementById('plan-problems');
const form = document.getElementById('plan-form');
const learner = learnerId();

// The weekday checkboxes, named in the learner's language (1 January 2024 was a Monday).
function dayBoxes(language) {
  const names = new Intl.DateTimeFormat(language, { weekday: 'long' });
  return WEEKDAYS.map((day, i) => element('span', { className: 'choice' },
    element('input', { type: 'checkbox', id: `goal-day-${day}`, name: 'days', value: day }),
    element('label', { for: `goal-day-${day}`, text: names.format(new Date(2024, 0, 1 + i)) })));
}

function showKind() {
  const kind = form.elements.kind.value;
  for (const field of form.querySelectorAll('[data-goal]')) field.hidden = field.dataset.goal !== kind;
}

// The goal as the runtime reads it (docs/recall.md), set today; a finish-by goal without days studies every day.
function goalFromForm(today) {
  const days = [...form.querySelectorAll('input[name="days"]:checked')].map((box) => box.value);
  const goal = { setOn: today, days };
  if (form.elements.kind.value === 'weekly') goal.minutesPerWeek = Number(form.elements.minutesPerWeek.value);
  else goal.finishBy = form.elements.finishBy.value;
  if (!days.length && goal.finishBy) delete goal.days;
  return goal;
}

function fillForm(goal) {
  if (!goal) return;
  form.elements.kind.value = goal.minutesPerWeek ? 'weekly' : 'finish-by';
  if (goal.finishBy) form.elements.finishBy.value = goal.finishBy;
  if (goal.minutesPerWeek) form.elements.minutesPerWeek.value = String(goal.minutesPerWeek);
  for (const box of form.querySelectorAll('input[name="days"]')) box.checked = (goal.days || []).includes(box.value);
  showKind();
}

function moduleRow(module, language) {
  const state = module.complete ? 'complete' : module.late ? 'late' : 'planned';
  return element('li', { 'data-module': module.id, 'data-date': module.date, 'data-state': state },
    element('span', { text: say('page.plan.module', { title: module.title, minutes: module.minutes, date: dayText(module.date, language) }) }),
    ' ', element('strong', { className: `plan-state plan-${state}`, text: say(`page.plan.status.${state}`) }));
}

function showPlan(session, goal, language) {
  const list = document.getElementById('plan-modules');
  const summary = document.getElementById('plan-summary');
  list.replaceChildren();
  problems.textContent = '';
  const answer = JSON.parse(session.planView(JSON.stringify(goal), localDate(Date.now()), language));
  if (!answer.ok) {
    problems.textContent = answer.problems.map((p) => p.message).join(' ');
    summary.textContent = '';
    return answer;
  }
  if (answer.plan) {
    summary.textContent = planSummary(answer.plan, language);
    summary.dataset.onTrack = String(answer.plan.onTrack);
    list.append(...answer.plan.modules.map((module) => moduleRow(module, language)));
  } else {
    summary.textContent = say('page.plan.no-goal');
    delete summary.dataset.onTrack;
  }
  return answer;
}

// Each live session: when (in the learner's zone, and the zone it is held in), the link, what to prepare, and
// a calendar file of its own.
function showLive(liveSessions, courseTitle, language) {
  const section = document.getElementById('live');
  section.hidden = !liveSessions.length;
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' });
  // The runtime checks a zone's name for its form only: a zone this browser does not know is shown by its name.
  const there = (zone, ms) => {
    try {
      return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', timeZone: zone, timeZoneName: 'long' }).format(ms);
    } catch {
      return zone;
    }
  };
  document.getElementById('live-sessions').replaceChildren(...liveSessions.map((live) => element('li', { className: 'card', 'data-live': live.id },
    element('h3', { text: live.title }),
    element('p', { text: say('page.plan.live-when', { when: when.format(live.start), minutes: live.minutes, there: there(live.timeZone, live.start) }) }),
    live.prepare ? element('p', { text: say('page.plan.live-prepare', { prepare: live.prepare }) }) : null,
    element('p', { className: 'actions' },
      element('a', { href: live.link, rel: 'noopener', text: say('page.plan.live-join') }),
      element('button', { type: 'button', 'data-live-export': live.id, text: say('page.plan.live-calendar'),
        onclick: () => downloadText(calendarText([liveEvent(courseId, live, courseTitle)], Date.now()), `${courseId}-${live.id}.ics`, 'text/calendar') })))));
}

async function start() {
  const opened = await loadCourseForPage(status);
  if (!opened) return;
  const { runtime, loaded, language } = opened;
  const title = localised(loaded.course.title, language, loaded.course.defaultLanguage);
  document.getElementById('plan-title').textContent = say('page.plan.heading-course', { title });
  // The plan counts the modules this learner has completed: the record on this device, replayed.
  const session = new runtime.Session(loaded.courseText, JSON.stringify(await readEvents(learner, courseId).catch(() => [])));
  document.getElementById('goal-days').append(...dayBoxes(language));
  form.elements.finishBy.min = localDate(Date.now());
  fillForm(goalOf(learner, courseId));
  form.hidden = false;
  form.addEventListener('change', (event) => { if (event.target.name === 'kind') showKind(); });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const goal = goalFromForm(localDate(Date.now()));
    if (!showPlan(session, goal, language).ok) return;
    status.textContent = saveGoal(learner, courseId, goal) ? say('page.plan.saved') : say('page.plan.not-saved');
  });
  document.getElementById('goal-clear').addEventListener('click', () => {
    saveGoal(learner, courseId, null);
    form.reset();
    showKind();
    showPlan(session, null, language);
    status.textContent = say('page.plan.cleared');
  });
  const shown = showPlan(session, goalOf(learner, courseId), language);
  showLive(shown.liveSessions || [], title, language);
  status.textContent = '';
}

start().catch((error) => {
  status.textContent = error.message || say('page.plan.failed');
});
