// Reminders and nudges, all on the device: which ones apply now (a course idle for the learner's number of
// days, cards due, a plan slipping, a credential near expiry) and later, the learner's reminder settings
// (localStorage `tessera.reminders`), and the schedule the service worker reads to notify (sw.js: while a page
// is open, and on Periodic Background Sync; quiet hours are checked there). Nothing is sent.
import { say } from './words.js';
import { siteUrl } from './shell.js';
import { loadStored, saveStored } from './settings.js';

const KEY = 'tessera.reminders';
const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_NOTICE_DAYS = 30;
const NOTIFY_TIMEOUT_MS = 5000;
export const SCHEDULE_CACHE = 'tessera-reminders';
export const SCHEDULE_URL = 'reminders/schedule.json';
export const SYNC_TAG = 'tessera-reminders';

export const REMINDER_DEFAULTS = Object.freeze({
  idleDays: 7,          // a course not finished and not opened for this many days is called idle
  notify: false,        // system notifications, once the browser allows them
  quietFrom: '22:00',   // no notification from this local time…
  quietUntil: '08:00',  // …until this one ('' for both: no quiet hours)
});

export function loadReminderSettings() {
  return loadStored(KEY, REMINDER_DEFAULTS);
}

export function saveReminderSettings(changes) {
  const next = { ...loadReminderSettings(), ...changes };
  saveStored(KEY, next);
  return next;
}

// The reminders that apply at `now`, each {kind, key, text, href, at}: `at` is when it began to apply, and
// `key` names it across pages and days so that it is notified once. courses: [{id, title, complete,
// lastActivity (ms), due (cards due now), nextDue (ms of the next card, or null), plan (the runtime's, or
// null)}]; credentials: [{id, name, validUntil (ISO)}].
export function remindersAt({ courses, credentials }, settings, now) {
  const out = [];
  const idleMs = Math.max(1, Number(settings.idleDays) || REMINDER_DEFAULTS.idleDays) * DAY_MS;
  for (const course of courses) {
    const plan = `plan.html?course=${encodeURIComponent(course.id)}`;
    if (!course.complete && course.lastActivity && now - course.lastActivity >= idleMs) {
      const days = Math.floor((now - course.lastActivity) / DAY_MS);
      out.push({ kind: 'idle', key: `idle:${course.id}:${course.lastActivity}`, at: course.lastActivity + idleMs, href: plan,
        text: say('page.reminder.idle', { title: course.title, count: days }) });
    }
    if (course.due > 0) {
      out.push({ kind: 'due', key: `due:${course.id}:${localDay(now)}`, at: now, href: `review.html?course=${encodeURIComponent(course.id)}`,
        text: say('page.reminder.due', { title: course.title, count: course.due }) });
    }
    if (course.plan && !course.plan.onTrack) {
      const late = course.plan.modules.filter((module) => module.late);
      out.push({ kind: 'plan', key: `plan:${course.id}:${late.map((module) => module.id).join(',')}`, at: now, href: plan,
        text: say('page.reminder.plan', { title: course.title, count: late.length }) });
    }
  }
  for (const credential of credentials) {
    const ends = Date.parse(credential.validUntil || '');
    if (Number.isNaN(ends) || ends - now > EXPIRY_NOTICE_DAYS * DAY_MS) continue;
    out.push({ kind: 'expiry', key: `expiry:${credential.id}:${credential.validUntil}`, at: ends - EXPIRY_NOTICE_DAYS * DAY_MS, href: 'dashboard.html#wallet-heading',
      text: say(ends > now ? 'page.reminder.expiry' : 'page.reminder.expired', { name: credential.name, date: credential.validUntil.slice(0, 10) }) });
  }
  return out;
}

// Reminders that will apply later, for the service worker to show when the browser wakes it: the next card
// due per course, the day a course turns idle, the day a credential's expiry notice starts.
export function upcomingReminders({ courses, credentials }, settings, now) {
  const later = [];
  const idleMs = Math.max(1, Number(settings.idleDays) || REMINDER_DEFAULTS.idleDays) * DAY_MS;
  for (const course of courses) {
    if (course.nextDue && course.nextDue > now) {
      later.push({ kind: 'due', key: `due:${course.id}:${localDay(course.nextDue)}`, at: course.nextDue, href: `review.html?course=${encodeURIComponent(course.id)}`,
        text: say('page.reminder.due-later', { title: course.title }) });
    }
    if (!course.complete && course.lastActivity && course.lastActivity + idleMs > now) {
      later.push({ kind: 'idle', key: `idle:${course.id}:${course.lastActivity}`, at: course.lastActivity + idleMs, href: `plan.html?course=${encodeURIComponent(course.id)}`,
        text: say('page.reminder.idle', { title: course.title, count: Number(settings.idleDays) }) });
    }
  }
  for (const credential of credentials) {
    const ends = Date.parse(credential.validUntil || '');
    const from = ends - EXPIRY_NOTICE_DAYS * DAY_MS;
    if (Number.isNaN(ends) || from <= now) continue;
    later.push({ kind: 'expiry', key: `expiry:${credential.id}:${credential.validUntil}`, at: from, href: 'dashboard.html#wallet-heading',
      text: say('page.reminder.expiry', { name: credential.name, date: credential.validUntil.slice(0, 10) }) });
  }
  return later;
}

function localDay(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

// What the service worker needs to remind the learner (js/../sw.js, remindFromSchedule): whether notifications
// are wanted, the quiet hours, and every reminder with when it applies (now or later); a cache entry, since the
// worker cannot read localStorage. Written on each dashboard visit.
export async function storeSchedule(settings, items) {
  if (typeof caches === 'undefined') return;
  const schedule = { notify: settings.notify, quietFrom: settings.quietFrom, quietUntil: settings.quietUntil, items };
  const cache = await caches.open(SCHEDULE_CACHE);
  await cache.put(siteUrl(SCHEDULE_URL), new Response(JSON.stringify(schedule), { headers: { 'Content-Type': 'application/json' } }));
}

// System notifications while a page is open: the service worker shows what the stored schedule says is due
// at `now` (the page's clock), once each and never in quiet hours — the same code that runs on a background
// sync, so a reminder is never shown twice. Resolves to the keys shown ([] when not allowed or not wanted).
export async function notifyReminders(settings, now) {
  if (!settings.notify || typeof Notification === 'undefined' || Notification.permission !== 'granted') return [];
  // A worker that is not ready, or an older one that does not know the message, answers nothing: give up.
  const timeout = new Promise((resolve) => { setTimeout(() => resolve(null), NOTIFY_TIMEOUT_MS); });
  const registration = await Promise.race([navigator.serviceWorker?.ready, timeout]);
  if (!registration?.active) return [];
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => { channel.port1.onmessage = (event) => resolve(event.data?.shown || []); });
  registration.active.postMessage({ type: 'remind', now }, [channel.port2]);
  return (await Promise.race([answer, timeout])) || [];
}

// Periodic Background Sync: registered where the browser offers it (Chromium, for an installed app);
// resolves to 'on', 'unsupported' (no such API) or 'refused' (the browser declined, e.g. not installed).
export async function registerBackgroundReminders() {
  const registration = await navigator.serviceWorker?.getRegistration();
  if (!registration || !('periodicSync' in registration)) return 'unsupported';
  try {
    await registration.periodicSync.register(SYNC_TAG, { minInterval: 12 * 60 * 60 * 1000 });
    return 'on';
  } catch {
    return 'refused';
  }
}
