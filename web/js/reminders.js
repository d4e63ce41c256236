// Reminders and nudges, all on the device: which ones apply now (a course idle for the learner's number of
// days, cards due, a plan slipping, a credential's expiry notices) and later, as the runtime decides them; the
// learner's reminder settings (localStorage `tessera.reminders`), and the schedule the service worker reads to
// notify (sw.js: while a page is open, and on Periodic Background Sync; quiet hours are checked there).
// Nothing is sent.
import { siteUrl } from './shell.js';
import { loadStored, saveStored } from './settings.js';

const KEY = 'tessera.reminders';
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

// The reminders that apply at `now` and those to come, and each credential's expiry notice, as the runtime
// decides them (runtime.reminders, tessera/reminders.hpp: the one decision every player shows; docs/recall.md).
// facts: {today, titles, courses: [{id, title, complete, lastActivity, due, nextDue, nextDueDay, plan}],
// credentials: [{id, name, validUntil, course? (its course.json) | catalog? + pathway?}]}. Resolves to
// {now, later, credentials: [{id, notice, validUntil, text, renew, href}]}; a reminder is {kind, key, at, href, text}.
export function decideReminders(runtime, facts, settings, now, language) {
  const idleDays = Math.max(1, Math.floor(Number(settings.idleDays)) || REMINDER_DEFAULTS.idleDays);
  const result = JSON.parse(runtime.reminders(JSON.stringify({ ...facts, idleDays }), now, language));
  if (!result.ok) throw new Error(`the runtime refused the reminder facts: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.reminders;
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
