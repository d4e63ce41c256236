// The settings page: display and player choices (applied at once), and the learner's data — download
// everything, or import a file (each record checked by the runtime; newer data here is never replaced).
import { element, formatBytes, announce } from '../shell.js';
import { loadSettings, saveSettings, learnerId } from '../settings.js';
import { credentialsInWorker, loadRuntime } from '../runtime.js';
import { loadCatalog, courseFolder } from '../courses.js';
import { estimate } from '../store/db.js';
import { showStorageProblem } from '../store/messages.js';
import { downloadJson, exportAll, importAll } from '../store/transfer.js';
import { announceImport } from '../store/sync.js';
import { backupKey, learnerKeyInfo, restoreKey } from '../store/keys.js';
import { loadPageWords, say, wordsLanguage } from '../words.js';
import { startLrsSettings } from './settings-lrs.js';
import './settings-reminders.js';  // the Reminders section, its own module

// The page's words, awaited by each handler (the handlers are in place at once, the words come when loaded).
const wordsLoaded = loadPageWords();
startLrsSettings(wordsLoaded);  // its own section and module (settings-lrs.js)

const form = document.getElementById('settings-form');
const settings = loadSettings();
form.language.value = settings.language;
form.textSize.value = settings.textSize;
form.theme.value = settings.theme;
form.player.value = settings.player;
form.lowBandwidth.checked = Boolean(settings.lowBandwidth);
form.addEventListener('change', async () => {
  saveSettings({
    language: form.language.value, textSize: form.textSize.value, theme: form.theme.value,
    player: form.player.value, lowBandwidth: form.lowBandwidth.checked,
  });
  await wordsLoaded;
  document.getElementById('settings-saved').textContent = say('page.settings.saved');
});

Promise.all([estimate(), wordsLoaded]).then(([e]) => {
  if (!e?.quota) return;
  const [usage, quota] = [e.usage, e.quota].map((bytes) => formatBytes(bytes, wordsLanguage()));
  document.getElementById('storage-usage').textContent = say('page.settings.usage', { usage, quota });
});

document.getElementById('export-data').addEventListener('click', async () => {
  const data = await exportAll(learnerId());
  downloadJson(data, 'tessera-data.json');
  await wordsLoaded;
  announce(say('page.settings.exported'));
});

async function checkRecord(runtime, catalog, courseId, events) {
  const entry = catalog.courses.find((c) => c.id === courseId);
  if (!entry) return [{ message: say('page.settings.not-in-catalog', { course: courseId }) }];
  const response = await fetch(new URL('course.json', courseFolder(entry)));
  if (!response.ok) return [{ message: say('page.settings.not-downloaded', { course: courseId }) }];
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
  await wordsLoaded;
  result.replaceChildren(element('p', { text: say('page.settings.checking-file') }));
  try {
    const [runtime, catalog] = await Promise.all([loadRuntime(), loadCatalog()]);
    const report = await importAll(await file.text(), learnerId(), (course, events) => checkRecord(runtime, catalog, course, events));
    const lines = [
      ...report.imported.map((course) => say('page.settings.imported', { course })),
      ...report.kept.map((k) => say('page.settings.kept', { course: k.course, reason: k.reason })),
      ...report.rejected.map((r) => say('page.settings.rejected', { course: r.course, reason: r.reason })),
      ...report.goals.imported.map((course) => say('page.settings.goal-imported', { course })),
      ...report.goals.kept.map((course) => say('page.settings.goal-kept', { course })),
      ...(report.reminders ? [say(`page.settings.reminders-${report.reminders}`)] : []),
    ];
    const anything = report.imported.length || report.goals.imported.length || report.reminders === 'imported';
    result.replaceChildren(element('p', { text: say(anything ? 'page.settings.import-done' : 'page.settings.import-none') }),
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

// Key backup: a passphrase-encrypted key file, made and read by the runtime (Argon2id + XChaCha20-Poly1305).
const keyResult = document.getElementById('key-result');

async function showKeyStatus() {
  const status = document.getElementById('key-status');
  await wordsLoaded;
  try {
    const key = await learnerKeyInfo(learnerId());
    status.textContent = key
      ? say(key.origin === 'restored' ? 'page.settings.key-here-restored' : 'page.settings.key-here', { did: key.did })
      : say('page.settings.no-key');
    document.getElementById('key-backup').disabled = !key;
  } catch {
    status.textContent = say('page.settings.no-storage');
  }
}

function keyProblem(error) {
  if (error.name === 'StorageError') {
    keyResult.textContent = '';
    showStorageProblem(error);
  } else {
    keyResult.textContent = error.message;
  }
}

document.getElementById('key-backup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  await wordsLoaded;
  if (form.passphrase.value !== form.confirm.value) {
    keyResult.textContent = say('page.settings.passphrases-differ');
    form.confirm.focus();
    return;
  }
  keyResult.textContent = say('page.settings.locking');
  try {
    const file = await backupKey(credentialsInWorker(), learnerId(), form.passphrase.value);
    downloadJson(JSON.parse(file), 'tessera-learner-key.json');
    form.reset();
    keyResult.textContent = say('page.settings.backed-up');
  } catch (error) {
    keyProblem(error);
  }
});

document.getElementById('key-restore-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const file = form.file.files?.[0];
  if (!file) return;
  await wordsLoaded;
  keyResult.textContent = say('page.settings.opening');
  try {
    const restored = await restoreKey(credentialsInWorker(), learnerId(), await file.text(), form.passphrase.value, { replace: form.replace.checked });
    form.reset();
    // The key's status first, so the page never says "restored" beside "no signing key".
    await showKeyStatus();
    keyResult.textContent = restored.replaced
      ? say('page.settings.restored-replacing', { did: restored.did, replaced: restored.replaced }) : say('page.settings.restored', { did: restored.did });
  } catch (error) {
    keyProblem(error);
  }
});

showKeyStatus();

// The runtime's version as the Wasm module itself reports it (what this site checks and scores with).
async function showRuntimeVersion() {
  const target = document.getElementById('runtime-version');
  try {
    const runtime = await loadRuntime();
    const info = JSON.parse(runtime.buildInfo());
    target.textContent = `${runtime.version()} (${info.platform})`;
    target.dataset.state = 'ready';
  } catch (error) {
    await wordsLoaded;
    target.textContent = say('page.settings.runtime-unavailable');
    target.dataset.state = 'failed';
    console.error('Tessera runtime failed to load:', error);
  }
}

showRuntimeVersion();
