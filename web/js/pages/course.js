// A course's page (course.html?id=ID): what it teaches, its modules, its credential, a start (or resume)
// link and "make available offline" with the download size.
import { element, formatBytes, localised } from '../shell.js';
import { findCourse, courseDetails, playLink } from '../courses.js';
import { preferredLanguage } from '../settings.js';
import { courseFacts } from './catalog-facts.js';
import { cachedCount, makeAvailableOffline, packageFiles } from '../offline.js';

const id = new URLSearchParams(location.search).get('id');
const status = document.getElementById('course-status');
const language = preferredLanguage();

async function show() {
  if (!id) {
    status.textContent = 'No course was chosen. Go back to the catalog and pick one.';
    return;
  }
  let entry;
  let course;
  try {
    ({ entry } = await findCourse(id));
    course = await courseDetails(entry);
    if (!course) throw new Error('This course could not be loaded. Check your connection and reload.');
  } catch (error) {
    status.textContent = error.message;
    return;
  }
  const lang = course.defaultLanguage || 'en';
  const text = (value) => localised(value, language, lang);
  const title = text(course.title);
  document.title = `${title} — Tessera`;
  document.getElementById('course-title').textContent = title;
  document.getElementById('course-summary').textContent = text(course.summary);
  document.getElementById('course-facts').replaceChildren(courseFacts(course, language));
  document.getElementById('course-outcomes').replaceChildren(...(course.outcomes || []).map((o) => element('li', { text: text(o.statement) })));
  document.getElementById('course-modules').replaceChildren(...(course.modules || []).map((m) =>
    element('li', { text: `${text(m.title)}${m.estimatedMinutes ? ` (${m.estimatedMinutes} minutes)` : ''}` })));
  const credential = course.credential;
  document.getElementById('course-credential').replaceChildren(credential
    ? element('div', {}, element('p', {}, element('strong', { text: text(credential.name) }), `: ${text(credential.description)}`),
      element('p', { text: `How to earn it: ${text(credential.criteria)}` }),
      element('p', { text: credential.validityMonths ? `Valid for ${credential.validityMonths} months. ${text(credential.renewal) || ''}` : 'Does not expire.' }))
    : element('p', { text: 'This course does not award a credential.' }));
  document.getElementById('course-start').href = playLink(entry);

  const offlineButton = document.getElementById('course-offline');
  const offlineStatus = document.getElementById('course-offline-status');
  if (!('caches' in window) || !('serviceWorker' in navigator)) {
    offlineButton.hidden = true;
  } else {
    const files = await packageFiles(entry, course);
    const known = files.filter((f) => f.size !== null);
    const total = known.reduce((sum, f) => sum + f.size, 0);
    const sizeText = `${formatBytes(total)}${known.length < files.length ? ' or more' : ''}`;
    const already = await cachedCount(files);
    offlineButton.textContent = `Make available offline (${sizeText})`;
    if (already === files.length) offlineStatus.textContent = 'This course is available offline.';
    offlineButton.addEventListener('click', async () => {
      offlineButton.disabled = true;
      try {
        const bytes = await makeAvailableOffline(files, (done, all) => { offlineStatus.textContent = `Downloading ${done} of ${all} files…`; });
        offlineStatus.textContent = `This course is available offline (${formatBytes(bytes)} stored).`;
      } catch {
        offlineStatus.textContent = 'The download stopped. Check your connection and try again; the files already stored are kept.';
      } finally {
        offlineButton.disabled = false;
      }
    });
  }
  status.hidden = true;
  document.getElementById('course-page').hidden = false;
  document.getElementById('course-title').setAttribute('tabindex', '-1');
}

show();
