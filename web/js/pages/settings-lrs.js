// The settings page's learning record store section: where plain xAPI tracking goes, and what waits in the
// outbox to be sent (web/js/lms/outbox.js), per LRS. Kept apart from settings.js, which imports it.
import { element } from '../shell.js';
import { savedLrs, saveLrs } from '../lrs-config.js';
import { say } from '../words.js';

const form = document.getElementById('lrs-form');
const list = document.getElementById('lrs-waiting');
const status = document.getElementById('lrs-status');

// One line per LRS: how many statements wait, and since when.
async function showWaiting() {
  // Without IndexedDB nothing can wait either.
  const rows = await import('../lms/outbox.js').then((m) => m.waiting()).catch(() => []);
  const byEndpoint = new Map();
  for (const row of rows) {
    const entry = byEndpoint.get(row.endpoint) || { count: 0, oldest: JSON.parse(row.body).timestamp };
    entry.count += 1;
    byEndpoint.set(row.endpoint, entry);
  }
  list.replaceChildren(...(byEndpoint.size
    ? [...byEndpoint].map(([endpoint, { count, oldest }]) => element('li', { text: say('page.settings.lrs-row', { count, endpoint, time: new Date(oldest).toLocaleString() }) }))
    : [element('li', { text: say('page.settings.lrs-nothing') })]));
}

// Fills the form and the list once the page's words are in (`wordsLoaded`).
export async function startLrsSettings(wordsLoaded) {
  const saved = savedLrs();
  form.endpoint.value = saved?.endpoint || '';
  form.auth.value = saved?.auth || '';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const endpoint = form.endpoint.value.trim();
    saveLrs({ endpoint, auth: form.auth.value.trim() });
    await wordsLoaded;
    status.textContent = endpoint ? say('page.settings.lrs-saved', { endpoint }) : say('page.settings.lrs-off');
  });
  await wordsLoaded;
  await showWaiting();
}
