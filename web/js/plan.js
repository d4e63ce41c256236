// The learner's study goals, one per course, kept in localStorage per learner (`tessera.plans`: {learner:
// {course: goal}}), and what the page needs around the runtime's plan: today's date in the learner's zone and
// the plan's modules and a course's live sessions as calendar events. The plan itself is the runtime's
// (session.planView, docs/recall.md); nothing here spreads modules or decides on track or late.
import { say } from './words.js';
import { loadStored, saveStored } from './settings.js';

const KEY = 'tessera.plans';

// {course: goal} for one learner.
export function goalsOf(learner) {
  const goals = loadStored(KEY, {})[learner];
  return goals && typeof goals === 'object' ? goals : {};
}

export function goalOf(learner, course) {
  return goalsOf(learner)[course] || null;
}

// Stores (or with null removes) a learner's goal for a course; false when the browser refuses storage.
export function saveGoal(learner, course, goal) {
  const all = loadStored(KEY, {});
  const mine = { ...goalsOf(learner) };
  if (goal) mine[course] = goal;
  else delete mine[course];
  return saveStored(KEY, { ...all, [learner]: mine });
}

// A calendar day, YYYY-MM-DD, in the learner's own zone (the plan's dates are days in that zone).
export function localDate(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// A YYYY-MM-DD day as the learner's language writes it ("Wednesday 7 January 2026").
export function dayText(date, language) {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(year, month - 1, day));
}

// The plan's modules still to do as all-day calendar events on their planned days; summary(module) words one.
export function planEvents(courseId, plan, { summary, url }) {
  return plan.modules.filter((module) => !module.complete).map((module) => ({
    uid: `plan-${courseId}-${module.id}@tessera`,
    date: module.date,
    summary: summary(module),
    url,
  }));
}

// The plan's summary sentence: done, on track with the finishing day, or how many modules are late.
export function planSummary(plan, language) {
  if (plan.done) return say('page.plan.done');
  if (plan.onTrack) return say('page.plan.on-track', { date: dayText(plan.finish, language) });
  return say('page.plan.late', { count: plan.modules.filter((module) => module.late).length });
}
