// Export and import of all the learner's data as one JSON file. The import checks each course's record
// with the runtime (hash chain and every event against the course) and never replaces a record unless the
// stored one is an exact prefix of the imported one — newer data on this device is kept and reported. The
// learner's study goals and reminder settings travel with it: imported where this device has none of its own.
import { allRows, coursesOf, putRow, readEvents, replaceEvents } from './db.js';
import { lockName } from './sync.js';
import { goalsOf, saveGoal } from '../plan.js';
import { loadReminderSettings, REMINDER_DEFAULTS, saveReminderSettings } from '../reminders.js';
import { say } from '../words.js';

// Runs body() holding the course's writer lock, or resolves to null when a player tab holds it.
function withCourseLock(learner, course, body) {
  if (!navigator.locks?.request) return body();
  return navigator.locks.request(lockName(learner, course), { ifAvailable: true }, (lock) => (lock ? body() : null));
}

export const EXPORT_FORMAT = 'tessera-learner-data';

export async function exportAll(learner, fallbackRecords = {}) {
  const records = {};
  try {
    const stored = await coursesOf(learner);
    for (const course of Object.keys(stored)) records[course] = await readEvents(learner, course);
  } catch {
    // Storage is unreadable: export what the page still holds in memory.
  }
  for (const [course, events] of Object.entries(fallbackRecords)) {
    if (!records[course] || records[course].length < events.length) records[course] = events;
  }
  let wallet = [];
  let keys = [];
  try {
    wallet = await allRows('wallet');
    // Only which key signs: the key itself leaves the device only as a passphrase-locked backup (Settings).
    keys = (await allRows('keys')).filter((row) => row.learner === learner).map(({ did }) => ({ learner, did }));
  } catch {
    // as above
  }
  return { format: EXPORT_FORMAT, version: 1, learner, records, wallet, keys, goals: goalsOf(learner), reminders: loadReminderSettings() };
}

const isObject = (value) => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const sameSettings = (a, b) => Object.keys(REMINDER_DEFAULTS).every((key) => a[key] === b[key]);

// A study goal as the plan page writes it (the runtime checks the rest when it plans: docs/recall.md).
const isGoal = (goal) => isObject(goal) && typeof goal.setOn === 'string' && (typeof goal.finishBy === 'string' || typeof goal.minutesPerWeek === 'number');

// The goals of the file for courses that have none here; a goal this device holds is kept. → {imported, kept}
function importGoals(goals, learner) {
  const report = { imported: [], kept: [] };
  const mine = goalsOf(learner);
  for (const [course, goal] of Object.entries(isObject(goals) ? goals : {})) {
    if (!isGoal(goal) || JSON.stringify(mine[course]) === JSON.stringify(goal)) continue;
    if (mine[course]) report.kept.push(course);
    else if (saveGoal(learner, course, goal)) report.imported.push(course);
  }
  return report;
}

// The file's reminder settings (the members this site knows, of the right type) when this device still has the
// defaults: 'imported', 'kept' (this device's own are kept), or null (the file has none, or the same).
function importReminders(settings) {
  if (!isObject(settings)) return null;
  const known = Object.fromEntries(Object.entries(settings)
    .filter(([key, value]) => key in REMINDER_DEFAULTS && typeof value === typeof REMINDER_DEFAULTS[key]));
  const current = loadReminderSettings();
  const next = { ...REMINDER_DEFAULTS, ...known };
  if (sameSettings(next, current)) return null;
  if (!sameSettings(current, REMINDER_DEFAULTS)) return 'kept';
  saveReminderSettings(next);
  return 'imported';
}

export function downloadJson(data, filename) {
  downloadText(JSON.stringify(data, null, 1), filename, 'application/json');
}

// Saves `text` as a file named `filename` of media type `type` (a JSON export, an .ics calendar).
export function downloadText(text, filename, type) {
  downloadBytes(text, filename, type);
}

// Saves `data` (text or bytes) as a file named `filename` of media type `type` (a baked badge image).
export function downloadBytes(data, filename, type) {
  const blob = new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function sameEvent(a, b) {
  return a.seq === b.seq && a.prev === b.prev && a.type === b.type && a.t === b.t &&
    JSON.stringify(a.payload) === JSON.stringify(b.payload);
}

// Imports `text` for `learner`. checkRecord(course, events) → Promise<problems[]> asks the runtime.
// Resolves to { imported: [course], kept: [{course, reason}], rejected: [{course, reason}], goals: {imported:
// [course], kept: [course]}, reminders: 'imported' | 'kept' | null }; throws an
// Error with a plain message when the file itself is not an export.
export async function importAll(text, learner, checkRecord) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(say('page.transfer.not-json'));
  }
  if (!data || data.format !== EXPORT_FORMAT || typeof data.records !== 'object' || data.records === null) {
    throw new Error(say('page.transfer.not-export'));
  }
  const report = { imported: [], kept: [], rejected: [] };
  for (const [course, events] of Object.entries(data.records)) {
    if (!Array.isArray(events)) {
      report.rejected.push({ course, reason: say('page.transfer.not-events') });
      continue;
    }
    const problems = await checkRecord(course, events);
    if (problems.length > 0) {
      report.rejected.push({ course, reason: problems[0].message || say('page.transfer.does-not-check') });
      continue;
    }
    // The course's writer lock, so no player tab appends to the record while it is replaced.
    const outcome = await withCourseLock(learner, course, async () => {
      const current = await readEvents(learner, course);
      const isPrefix = current.length <= events.length && current.every((event, i) => sameEvent(event, events[i]));
      if (!isPrefix) return current.length > events.length ? 'this device holds a newer record' : 'this device holds a different record';
      if (current.length === events.length) return 'this device already holds the same record';
      await replaceEvents(learner, course, events);
      return 'imported';
    });
    if (outcome === 'imported') report.imported.push(course);
    else report.kept.push({ course, reason: outcome ?? say('page.transfer.open-elsewhere') });
  }
  for (const credential of Array.isArray(data.wallet) ? data.wallet : []) {
    if (credential && typeof credential.id === 'string') await putRow('wallet', credential);
  }
  report.goals = importGoals(data.goals, learner);
  report.reminders = importReminders(data.reminders);
  return report;
}
