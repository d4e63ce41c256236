// The settings page: display and player choices (applied at once), and the learner's data — download
// everything, or import a file (each record checked by the runtime; newer data here is never replaced).
import { element, formatBytes, announce } from '../shell.js';
import { loadSettings, saveSettings, learnerId } from '../settings.js';
import { loadRuntime } from '../runtime.js';
import { loadCatalog, courseFolder } from '../courses.js';
import { estimate } from '../store/db.js';
import { showStorageProblem } from '../store/messages.js';
import { downloadJson, exportAll, importAll } from '../store/transfer.js';
import { announceImport } from '../store/sync.js';

const form = document.getElementById('settings-form');
const settings = loadSettings();
form.language.value = settings.language;
form.textSize.value = settings.textSize;
form.theme.value = settings.theme;
form.player.value = settings.player;
form.lowBandwidth.checked = Boolean(settings.lowBandwidth);
form.addEventListener('change', () => {
  saveSettings({
    language: form.language.value, textSize: form.textSize.value, theme: form.theme.value,
    player: form.player.value, lowBandwidth: form.lowBandwidth.checked,
  });
  document.getElementById('settings-saved').textContent = 'Saved.';
});

estimate().then((e) => {
  if (e?.quota) document.getElementById('storage-usage').textContent = `This site uses ${formatBytes(e.usage)} of the ${formatBytes(e.quota)} your browser allows it.`;
});

document.getElementById('export-data').addEventListener('click', async () => {
  const data = await exportAll(learnerId());
  downloadJson(data, 'tessera-data.json');
  announce('Your data was downloaded.');
});

async function checkRecord(runtime, catalog, courseId, events) {
  const entry = catalog.courses.find((c) => c.id === courseId);
  if (!entry) return [{ message: `the course "${courseId}" is not in this site's catalog` }];
  const response = await fetch(new URL('course.json', courseFolder(entry)));
  if (!response.ok) return [{ message: `the course "${courseId}" could not be downloaded to check it` }];
  const session = new runtime.Session(await response.text(), JSON.stringify(events));
  try {
    return JSON.parse(session.openProblems());
  } finally {
    session.delete();
  }
}

document.getElementById('import-data').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  const result = document.getElementById('import-result');
  if (!file) return;
  result.replaceChildren(element('p', { text: 'Checking the file…' }));
  try {
    const [runtime, catalog] = await Promise.all([loadRuntime(), loadCatalog()]);
    const report = await importAll(await file.text(), learnerId(), (course, events) => checkRecord(runtime, catalog, course, events));
    const lines = [
      ...report.imported.map((c) => `${c}: imported.`),
      ...report.kept.map((k) => `${k.course}: not imported, ${k.reason}; nothing was changed.`),
      ...report.rejected.map((r) => `${r.course}: not imported, the record in the file is damaged or altered (${r.reason}).`),
    ];
    result.replaceChildren(element('p', { text: report.imported.length ? 'Import finished.' : 'Nothing was imported.' }),
      element('ul', {}, lines.map((line) => element('li', { text: line }))));
    if (report.imported.length) announceImport();
  } catch (error) {
    if (error.name === 'StorageError') {
      result.replaceChildren();
      showStorageProblem(error);
    } else {
      result.replaceChildren(element('p', { text: error.message }));
    }
  } finally {
    event.target.value = '';
  }
});
