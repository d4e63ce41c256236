// The learner's dashboard: every course with a record on this device (progress from replaying it in the
// runtime, with a resume link), each pathway's progress, and the wallet.
import { element, localised } from '../shell.js';
import { credentialsInWorker, loadRuntime } from '../runtime.js';
import { courseDetails, courseFolder, loadCatalog, playLink } from '../courses.js';
import { learnerId, preferredLanguage } from '../settings.js';
import { coursesOf, readEvents } from '../store/db.js';
import { learnerKeyInfo } from '../store/keys.js';
import { downloadJson } from '../store/transfer.js';
import { addCredential, verifierLink, walletRows } from '../wallet.js';
import { showStorageProblem } from '../store/messages.js';
import { checkDurability } from '../store/durability.js';

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

// One pathway's card from the runtime's progress (catalog rule: `pathwayProgress` in the bindings): each
// requirement met or not with what is done and what is still to do, the capstone, and what comes next.
function pathwayCard(pathway, progress, titles) {
  const names = (ids) => ids.map((id) => titles[id] || id).join(', ');
  const rules = progress.rules.map((rule, i) => {
    const courses = pathway.requirements?.[i]?.courses || [...rule.done, ...rule.missing];
    const label = `${rule.kind === 'n-of' ? `${rule.needed} of` : 'All of'} ${names(courses)}`;
    const more = rule.kind === 'n-of' ? `${rule.needed - rule.done.length} more of ` : '';
    return element('li', { 'data-met': String(rule.met),
      text: `${label}: ${rule.met ? 'met' : 'not met yet'}.${rule.done.length ? ` Done: ${names(rule.done)}.` : ''}${rule.met ? '' : ` Still to do: ${more}${names(rule.missing)}.`}` });
  });
  if (progress.capstone) {
    rules.push(element('li', { 'data-met': String(progress.capstone.done),
      text: `Capstone ${names([progress.capstone.course])}: ${progress.capstone.done ? 'done' : 'not done yet'}.` }));
  }
  const met = rules.filter((li) => li.dataset.met === 'true').length;
  const firstUnmet = progress.rules.find((rule) => !rule.met);
  const next = firstUnmet ? names(firstUnmet.missing) : progress.capstone && !progress.capstone.done ? names([progress.capstone.course]) : null;
  return element('li', { className: 'card', 'data-pathway': pathway.id, 'data-complete': String(progress.complete) },
    element('h3', { text: localised(pathway.title, language) }),
    element('p', { className: 'pathway-summary', text: progress.complete ? 'All requirements met.' : `${met} of ${rules.length} requirements met.` }),
    element('ul', {}, rules),
    next ? element('p', { className: 'pathway-next', text: `Next: ${next}.` }) : null);
}

// The pathway cards, or why they cannot be shown (a catalog the runtime refuses).
function showPathways(runtime, catalog, progress, titles) {
  const list = document.getElementById('dashboard-pathways');
  if (!catalog.pathways.length) {
    list.append(element('li', { text: 'This catalog has no pathways.' }));
    return;
  }
  const completed = Object.keys(progress).filter((id) => progress[id].view.complete);
  const result = JSON.parse(runtime.pathwayProgress(JSON.stringify(catalog), JSON.stringify(completed)));
  if (!result.ok) {
    list.append(element('li', { text: 'Pathway progress cannot be shown: this site\'s catalog has mistakes. Tell the site\'s publisher.' }));
    console.warn('Tessera: catalog problems', result.problems);
    return;
  }
  for (const pathwayProgress of result.pathways) {
    const pathway = catalog.pathways.find((p) => p.id === pathwayProgress.pathway);
    list.append(pathwayCard(pathway, pathwayProgress, titles));
  }
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
    const row = await addCredential(credentialsInWorker(), await file.text());
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
    showPathways(runtime, catalog, progress, titles);
    await showWallet();
    status.textContent = '';
    checkDurability(learner, { hasProgress: Object.keys(progress).length > 0 });
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
