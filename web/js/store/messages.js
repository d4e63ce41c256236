// Storage problems as plain-language messages with an export button, never technical errors: the
// learner learns what happened, that nothing shown was lost, and what to do.
import { element } from '../shell.js';
import { downloadJson, exportAll } from './transfer.js';
import { learnerId } from '../settings.js';

const TEXT = {
  unavailable: {
    title: 'This browser is not saving your progress',
    body: 'Your browser does not let this site store data (private browsing, or storage turned off). ' +
      'You can keep learning, but your progress will be gone when you close this page. ' +
      'Download your progress now and then, or open the site in a normal window.',
  },
  quota: {
    title: 'Your device is out of space for this site',
    body: 'Tessera could not save your last step because the storage for this site is full. ' +
      'Download your progress to keep it safe, then free some space (for example remove offline courses) ' +
      'and try again.',
  },
  conflict: {
    title: 'This course changed in another tab',
    body: 'Your last step here was not saved: this course was continued in another tab. This tab now follows ' +
      'that one and shows what it saves; close the other tab to continue here. Nothing that was saved is lost.',
  },
  follower: {
    title: 'This course is open in another tab',
    body: 'Another tab now saves your progress in this course, so this step was not saved here. ' +
      'Continue in that tab, or close it and reload this page.',
  },
  failed: {
    title: 'Your progress could not be saved',
    body: 'Something stopped Tessera from saving your last step. Download your progress to keep it safe, ' +
      'then reload the page.',
  },
};

// The learner's words for a storage failure: { kind, title, body } (an unknown kind reads as 'failed').
export function storageProblemText(error) {
  const kind = TEXT[error?.kind] ? error.kind : 'failed';
  return { kind, ...TEXT[kind] };
}

// "Download my progress": the learner's whole export, with what the page holds in memory (memoryRecords()).
export function progressDownloadButton(memoryRecords = () => ({})) {
  const button = element('button', { type: 'button', text: 'Download my progress' });
  button.addEventListener('click', async () => {
    downloadJson(await exportAll(learnerId(), memoryRecords()), 'tessera-progress.json');
  });
  return button;
}

// Shows (or replaces) the storage banner. memoryRecords: {course: events} the page holds, exported too.
export function showStorageProblem(error, memoryRecords = () => ({})) {
  const { kind } = storageProblemText(error);
  document.getElementById('storage-problem')?.remove();
  const button = progressDownloadButton(memoryRecords);
  const banner = element('section', {
    id: 'storage-problem', className: 'banner banner-problem', role: 'alert', 'data-kind': kind,
    'aria-labelledby': 'storage-problem-title',
  },
  element('h2', { id: 'storage-problem-title', text: TEXT[kind].title }),
  element('p', { text: TEXT[kind].body }),
  button);
  const main = document.querySelector('main');
  (main || document.body).prepend(banner);
  return banner;
}
