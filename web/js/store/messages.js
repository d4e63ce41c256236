// Storage problems as plain-language messages with an export button, never technical errors: the
// learner learns what happened, that nothing shown was lost, and what to do.
import { element } from '../shell.js';
import { downloadJson, exportAll } from './transfer.js';
import { learnerId } from '../settings.js';
import { loadPageCatalogue, say } from '../words.js';

const KINDS = new Set(['unavailable', 'quota', 'conflict', 'follower', 'failed']);

// The learner's words for a storage failure: { kind, title, body } (an unknown kind reads as 'failed').
export function storageProblemText(error) {
  const kind = KINDS.has(error?.kind) ? error.kind : 'failed';
  return { kind, title: say(`page.storage.${kind}.title`), body: say(`page.storage.${kind}.body`) };
}

// "Download my progress": the learner's whole export, with what the page holds in memory (memoryRecords()).
export function progressDownloadButton(memoryRecords = () => ({})) {
  const button = element('button', { type: 'button', text: say('page.storage.download') });
  button.addEventListener('click', async () => {
    downloadJson(await exportAll(learnerId(), memoryRecords()), 'tessera-progress.json');
  });
  return button;
}

// Shows (or replaces) the storage banner, once the page's words are here; resolves to it. memoryRecords:
// {course: events} the page holds, exported too.
export async function showStorageProblem(error, memoryRecords = () => ({})) {
  await loadPageCatalogue();
  const { kind, title, body } = storageProblemText(error);
  document.getElementById('storage-problem')?.remove();
  const button = progressDownloadButton(memoryRecords);
  const banner = element('section', {
    id: 'storage-problem', className: 'banner banner-problem', role: 'alert', 'data-kind': kind,
    'aria-labelledby': 'storage-problem-title',
  },
  element('h2', { id: 'storage-problem-title', text: title }),
  element('p', { text: body }),
  button);
  const main = document.querySelector('main');
  (main || document.body).prepend(banner);
  return banner;
}
