// The learner's dashboard: every course with a record on this device (progress from replaying it in the
// runtime, with a resume link), each pathway's progress, and the wallet.
import { element, localised } from '../shell.js';
import { loadCredentials, loadRuntime } from '../runtime.js';
import { courseDetails, courseFolder, loadCatalog, playLink } from '../courses.js';
import { learnerId, preferredLanguage } from '../settings.js';
import { coursesOf, readEvents } from '../store/db.js';
import { learnerKeyInfo } from '../store/keys.js';
import { downloadJson } from '../store/transfer.js';
import { addCredential, verifierLink, walletRows } from '../wallet.js';
import { showStorageProblem } from '../store/messages.js';

const status = document.getElementById('dashboard-status');
const language = preferredLanguage();

// {courseId: {view, course}} for the courses this learner has started.
async function progressByCourse(runtime, catalog, learner) {
  const started = await coursesOf(learner);
  const out = {};
  for (const entry of catalog.courses) {
    if (!started[entry.id]) continue;
    const response = await fetch(new URL('course.json', courseFolder(entry)));
    if (!response.ok) continue;
    const text = await response.text();
    const session = new runtime.Session(text, JSON.stringify(await readEvents(learner, entry.id)));
    try {
      out[entry.id] = { view: JSON.parse(session.view(language)), course: JSON.parse(text) };
    } finally {
      session.delete();
    }
  }
  return out;
}

function pathwayProgress(pathway, progress, titles) {
  const done = (id) => Boolean(progress[id]?.view.complete);
  const rules = (pathway.requirements || []).map((rule) => {
    const courses = rule.courses || [];
    const needed = rule.kind === 'n-of' ? rule.n : courses.length;
    const have = courses.filter(done).length;
    return { text: `${rule.kind === 'n-of' ? `${rule.n} of` : 'All of'} ${courses.map((c) => titles[c] || c).join(', ')}: ${Math.min(have, needed)} of ${needed} done`, met: have >= needed };
  });
  if (pathway.capstone) rules.push({ text: `Capstone ${titles[pathway.capstone] || pathway.capstone}: ${done(pathway.capstone) ? 'done' : 'not done'}`, met: done(pathway.capstone) });
  const met = rules.filter((r) => r.met).length;
  return element('li', { className: 'card', 'data-pathway': pathway.id },
    element('h3', { text: localised(pathway.title, language) }),
    element('p', { text: met === rules.length ? 'All requirements met.' : `${met} of ${rules.length} requirements met.` }),
    element('ul', {}, rules.map((r) => element('li', { text: r.text }))));
}

const KIND_NAMES = { 'completion-proof': 'Completion proof', credential: 'Credential' };

function walletCard(row) {
  const facts = [
    KIND_NAMES[row.kind] || 'Signed document',
    row.issuer ? `issued by ${row.issuer}` : null,
    row.added ? `added ${row.added.slice(0, 10)}` : null,
    row.validUntil ? `valid until ${String(row.validUntil).slice(0, 10)}` : null,
  ].filter(Boolean);
  const file = `${(row.course || row.kind || 'credential').replace(/[^A-Za-z0-9-]+/g, '-')}-${row.kind === 'completion-proof' ? 'completion-proof' : 'credential'}.json`;
  return element('li', { className: 'card', 'data-wallet-kind': row.kind },
    element('h3', { text: localised(row.name, language) }),
    element('p', { text: `${facts.join(' · ')}.` }),
    element('p', { className: 'actions' },
      element('button', { type: 'button', text: 'Download', 'aria-label': `Download: ${localised(row.name, language)}`, onclick: () => downloadJson(row.document, file) }),
      element('a', { href: verifierLink(row.document), text: 'Check on the verifier page', 'aria-label': `Check on the verifier page: ${localised(row.name, language)}` })));
}

async function showWallet() {
  const wallet = document.getElementById('dashboard-wallet');
  const rows = await walletRows();
  wallet.replaceChildren(...rows.map(walletCard));
  if (!rows.length) wallet.append(element('li', { text: 'No proofs or credentials yet. Complete a course to earn one.' }));
  const key = await learnerKeyInfo(learnerId());
  document.getElementById('wallet-key').textContent = key
    ? `Your proofs are signed with your key ${key.did.slice(0, 24)}…; back it up in Settings so a new device can sign as you.`
    : 'Your signing key is made on this device when you complete your first course.';
}

document.getElementById('wallet-add').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  const result = document.getElementById('wallet-add-result');
  if (!file) return;
  result.textContent = 'Checking the credential…';
  try {
    const row = await addCredential(await loadCredentials(), await file.text());
    result.textContent = `Added to your wallet: ${localised(row.name, language)}.`;
    await showWallet();
  } catch (error) {
    if (error.name === 'StorageError') {
      result.textContent = '';
      showStorageProblem(error);
    } else {
      result.textContent = error.message;
    }
  } finally {
    event.target.value = '';
  }
});

async function show() {
  const learner = learnerId();
  try {
    const [runtime, catalog] = await Promise.all([loadRuntime(), loadCatalog()]);
    const progress = await progressByCourse(runtime, catalog, learner);
    const titles = {};
    for (const entry of catalog.courses) {
      const course = progress[entry.id]?.course || await courseDetails(entry);
      titles[entry.id] = course ? localised(course.title, language, course.defaultLanguage) : entry.id;
    }
    const list = document.getElementById('dashboard-courses');
    for (const [id, { view }] of Object.entries(progress)) {
      list.append(element('li', { className: 'card', 'data-course': id },
        element('h3', { text: titles[id] }),
        element('p', { text: view.complete ? 'Completed.' : `${view.progress.percent}% complete.` }),
        element('progress', { max: '100', value: String(view.progress.percent), 'aria-label': `${titles[id]} progress` }),
        element('p', {}, element('a', { className: 'button-link', href: playLink(catalog.courses.find((entry) => entry.id === id)), text: view.complete ? `Review ${titles[id]}` : `Resume ${titles[id]}` }))));
    }
    if (!list.childElementCount) list.append(element('li', { text: 'You have not started a course on this device yet.' }));
    const pathways = document.getElementById('dashboard-pathways');
    for (const pathway of catalog.pathways) pathways.append(pathwayProgress(pathway, progress, titles));
    if (!catalog.pathways.length) pathways.append(element('li', { text: 'This catalog has no pathways.' }));
    await showWallet();
    status.textContent = '';
  } catch (error) {
    if (error.name === 'StorageError') {
      status.textContent = '';
      showStorageProblem(error);
    } else {
      status.textContent = error.message || 'Your progress could not be shown. Reload the page to try again.';
    }
  }
}

show();
