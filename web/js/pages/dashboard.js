// The learner's dashboard: every course with a record on this device (progress from replaying it in the
// runtime, with a resume link), each pathway's progress, and the wallet.
import { element, localised } from '../shell.js';
import { loadRuntime } from '../runtime.js';
import { courseDetails, courseFolder, loadCatalog } from '../courses.js';
import { learnerId, preferredLanguage } from '../settings.js';
import { allRows, coursesOf, readEvents } from '../store/db.js';
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
        element('p', {}, element('a', { className: 'button-link', href: `player.html?course=${encodeURIComponent(id)}`, text: view.complete ? `Review ${titles[id]}` : `Resume ${titles[id]}` }))));
    }
    if (!list.childElementCount) list.append(element('li', { text: 'You have not started a course on this device yet.' }));
    const pathways = document.getElementById('dashboard-pathways');
    for (const pathway of catalog.pathways) pathways.append(pathwayProgress(pathway, progress, titles));
    if (!catalog.pathways.length) pathways.append(element('li', { text: 'This catalog has no pathways.' }));
    const wallet = document.getElementById('dashboard-wallet');
    for (const item of await allRows('wallet')) {
      const name = item.credential?.name || item.credential?.credentialSubject?.achievement?.name || item.name || item.id;
      wallet.append(element('li', { text: `${localised(name, language)}${item.kind ? ` (${item.kind})` : ''}` }));
    }
    if (!wallet.childElementCount) wallet.append(element('li', { text: 'No proofs or credentials yet. Complete a course to earn one.' }));
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
