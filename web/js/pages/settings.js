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

// Key backup: a passphrase-encrypted key file, made and read by the runtime (Argon2id + XChaCha20-Poly1305).
const keyResult = document.getElementById('key-result');

async function showKeyStatus() {
  const status = document.getElementById('key-status');
  try {
    const key = await learnerKeyInfo(learnerId());
    status.textContent = key
      ? `Your key on this device: ${key.did}${key.origin === 'restored' ? ' (restored from a backup)' : ''}.`
      : 'There is no signing key on this device yet: it is made when you complete your first course, or restored from a backup below.';
    document.getElementById('key-backup').disabled = !key;
  } catch {
    status.textContent = 'This browser is not keeping data for this site, so it cannot keep a signing key.';
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
  if (form.passphrase.value !== form.confirm.value) {
    keyResult.textContent = 'The two passphrases differ. Type the same passphrase twice.';
    form.confirm.focus();
    return;
  }
  keyResult.textContent = 'Locking your key with the passphrase…';
  try {
    const file = await backupKey(credentialsInWorker(), learnerId(), form.passphrase.value);
    downloadJson(JSON.parse(file), 'tessera-learner-key.json');
    form.reset();
    keyResult.textContent = 'Your key backup was downloaded. Keep the file and the passphrase apart; without the passphrase nobody can use it, you included.';
  } catch (error) {
    keyProblem(error);
  }
});

document.getElementById('key-restore-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const file = form.file.files?.[0];
  if (!file) return;
  keyResult.textContent = 'Opening the key backup…';
  try {
    const restored = await restoreKey(credentialsInWorker(), learnerId(), await file.text(), form.passphrase.value, { replace: form.replace.checked });
    form.reset();
    keyResult.textContent = restored.replaced
      ? `Your key ${restored.did} is restored. It replaces the key ${restored.replaced} on this device; proofs that key signed stay valid.`
      : `Your key ${restored.did} is restored.`;
    await showKeyStatus();
  } catch (error) {
    keyProblem(error);
  }
});

showKeyStatus();
