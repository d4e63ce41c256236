// The settings page's Reminders section: after how many idle days a course is called idle, quiet hours,
// system notifications (asking the browser's permission when turned on), and whether this browser can
// remind in the background (Periodic Background Sync) — said plainly when it cannot. js/reminders.js keeps them.
import { loadReminderSettings, registerBackgroundReminders, saveReminderSettings } from '../reminders.js';
import { loadPageWords, say } from '../words.js';

const form = document.getElementById('reminders-form');
const notifications = document.getElementById('reminders-notifications');
const background = document.getElementById('reminders-background');

// What the browser allows for notifications, in words.
function notificationText(settings) {
  if (typeof Notification === 'undefined') return say('page.reminders.notify-unsupported');
  if (Notification.permission === 'denied') return say('page.reminders.notify-denied');
  if (!settings.notify) return say('page.reminders.notify-off');
  return Notification.permission === 'granted' ? say('page.reminders.notify-on') : say('page.reminders.notify-ask');
}

async function showBackground(settings) {
  if (!settings.notify) {
    background.textContent = '';
    return;
  }
  const state = await registerBackgroundReminders();
  background.dataset.state = state;
  background.textContent = say(`page.reminders.background-${state}`);
}

async function start() {
  await loadPageWords();
  const settings = loadReminderSettings();
  form.idleDays.value = String(settings.idleDays);
  form.quietFrom.value = settings.quietFrom;
  form.quietUntil.value = settings.quietUntil;
  form.notify.checked = Boolean(settings.notify);
  notifications.textContent = notificationText(settings);
  await showBackground(settings);
  form.addEventListener('change', async (event) => {
    const days = Number(form.idleDays.value);
    let next = saveReminderSettings({
      idleDays: Number.isInteger(days) && days >= 1 && days <= 365 ? days : loadReminderSettings().idleDays,
      quietFrom: form.quietFrom.value, quietUntil: form.quietUntil.value, notify: form.notify.checked,
    });
    if (event.target === form.notify && form.notify.checked && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    if (typeof Notification !== 'undefined' && Notification.permission === 'denied' && next.notify) next = saveReminderSettings({ notify: false });
    form.notify.checked = next.notify;
    notifications.textContent = notificationText(next);
    await showBackground(next);
  });
}

start();
