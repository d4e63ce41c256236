// The settings page's learning record store section: where plain xAPI tracking goes, and what waits in the
// outbox to be sent (web/js/lms/outbox.js), per LRS, and the courses whose reflections the learner chose to send.
// Kept apart from settings.js, which imports it.
import { element, localised } from '../shell.js';
import { loadCatalog } from '../courses.js';
import { savedLrs, saveLrs, sendsOwnWords, setSendsOwnWords } from '../lrs-config.js';
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

// One checkbox per course of the catalog: send my reflections in it (off until ticked; docs/lms.md).
async function showOwnWords() {
  const box = document.getElementById('lrs-own-words-courses');
  const note = document.getElementById('lrs-own-words-status');
  const catalog = await loadCatalog().catch(() => null);
  if (!catalog) {
    box.replaceChildren(element('p', { text: say('page.settings.lrs-private-none') }));
    return;
  }
  box.replaceChildren(...catalog.courses.map((entry) => {
    const id = `lrs-own-words-${entry.id}`;
    const title = entry.card ? localised(entry.card.title) : entry.id;
    const input = element('input', { id, type: 'checkbox', name: entry.id, checked: sendsOwnWords(entry.id) });
    input.addEventListener('change', () => {
      setSendsOwnWords(entry.id, input.checked);
      note.textContent = say(input.checked ? 'page.settings.lrs-private-on' : 'page.settings.lrs-private-off', { course: title });
    });
    return element('div', { className: 'field' }, input, ' ', element('label', { for: id, text: say('page.settings.lrs-private-course', { course: title }) }));
  }));
}

// The origin of an LRS address, or null when it cannot be read.
function originOf(endpoint) {
  try {
    return new URL(endpoint).origin;
  } catch {
    return null;
  }
}

// Whether the pages may send to `origin`: this site's, or one the site was assembled with (the pages'
// connect-src, docs/lms.md "An LRS on another origin").
function reachable(origin) {
  const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '';
  const sources = (policy.match(/connect-src ([^;]*)/)?.[1] || "'self'").split(/\s+/);
  return origin === location.origin || sources.includes(origin) || (sources.includes('https:') && origin.startsWith('https:'));
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
    const origin = endpoint ? originOf(endpoint) : null;
    if (!endpoint) status.textContent = say('page.settings.lrs-off');
    else if (origin && reachable(origin)) status.textContent = say('page.settings.lrs-saved', { endpoint });
    else status.textContent = say('page.settings.lrs-blocked', { origin: origin || endpoint });
  });
  await wordsLoaded;
  await Promise.all([showWaiting(), showOwnWords()]);
}
