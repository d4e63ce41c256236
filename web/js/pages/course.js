// A course's page (course.html?id=ID): what it teaches, its modules, its credential, a start (or resume)
// link and "make available offline" with the download size.
import { element, formatBytes, localised } from '../shell.js';
import { findCourse, courseDetails, courseFolder, playLink } from '../courses.js';
import { checkCourseEndorsements, endorsementList } from '../endorsements.js';
import { badgeImage } from '../badge-art.js';
import { preferredLanguage } from '../settings.js';
import { loadPageWords, say, wordsLanguage } from '../words.js';
import { courseFacts } from './catalog-facts.js';
import { cachedCount, makeAvailableOffline, packageFiles } from '../offline.js';

const id = new URLSearchParams(location.search).get('id');
const status = document.getElementById('course-status');
const language = preferredLanguage();

// Who the course is for and what it assumes, when its author says.
function showAudience(course, text) {
  const prerequisites = (course.prerequisites || []).map((p) => text(p)).filter(Boolean);
  if (!course.audience && prerequisites.length === 0) return;
  document.getElementById('course-audience').textContent = course.audience ? text(course.audience) : '';
  document.getElementById('course-prerequisites').replaceChildren(...prerequisites.map((p) => element('li', { text: p })));
  document.getElementById('prerequisites-heading').hidden = prerequisites.length === 0;
  document.getElementById('course-audience-section').hidden = false;
}

// The partners' endorsements the course declares, each verified here before it is shown as verified.
async function showEndorsements(course, entry) {
  if (!Array.isArray(course.credential?.endorsements) || course.credential.endorsements.length === 0) return;
  const status = document.getElementById('course-endorsements-status');
  status.textContent = say('page.endorsements.checking');
  document.getElementById('course-endorsements-section').hidden = false;
  const checked = await checkCourseEndorsements(course, courseFolder(entry));
  document.getElementById('course-endorsements').replaceChildren(endorsementList(checked));
  status.textContent = '';
}

async function show() {
  await loadPageWords();
  if (!id) {
    status.textContent = say('page.course.none-chosen');
    return;
  }
  let entry;
  let course;
  try {
    ({ entry } = await findCourse(id));
    course = await courseDetails(entry);
    if (!course) throw new Error(say('page.course.not-loaded'));
  } catch (error) {
    status.textContent = error.message;
    return;
  }
  const lang = course.defaultLanguage || 'en';
  const text = (value) => localised(value, language, lang);
  const title = text(course.title);
  document.title = say('page.title.course-named', { title });
  document.getElementById('course-title').textContent = title;
  document.getElementById('course-summary').textContent = text(course.summary);
  document.getElementById('course-facts').replaceChildren(courseFacts(course, language));
  showAudience(course, text);
  const quote = (course.testimonials || [])[0];
  if (quote) {
    const figure = document.getElementById('course-testimonial');
    figure.querySelector('blockquote').textContent = text(quote.quote);
    figure.querySelector('figcaption').textContent = quote.role ? `${quote.name}, ${text(quote.role)}` : quote.name;
    figure.hidden = false;
  }
  document.getElementById('course-outcomes').replaceChildren(...(course.outcomes || []).map((o) => element('li', { text: text(o.statement) })));
  document.getElementById('course-modules').replaceChildren(...(course.modules || []).map((m) =>
    element('li', { text: m.estimatedMinutes ? say('page.course.module-minutes', { title: text(m.title), minutes: m.estimatedMinutes }) : text(m.title) })));
  const credential = course.credential;
  document.getElementById('course-credential').replaceChildren(credential
    ? element('div', {}, entry.card?.badge ? badgeImage(courseFolder(entry), entry.card.badge, text(credential.name)) : null, element('p', {}, element('strong', { text: text(credential.name) }),
      say('page.course.credential-description', { description: text(credential.description) })),
      element('p', { text: say('page.course.how-to-earn', { criteria: text(credential.criteria) }) }),
      element('p', { text: credential.validityMonths
        ? say('page.course.valid-for', { months: credential.validityMonths, renewal: text(credential.renewal) }) : say('page.course.no-expiry') }))
    : element('p', { text: say('page.course.no-credential') }));
  document.getElementById('course-start').href = playLink(entry);
  showEndorsements(course, entry);

  const offlineButton = document.getElementById('course-offline');
  const offlineStatus = document.getElementById('course-offline-status');
  if (!('caches' in window) || !('serviceWorker' in navigator)) {
    offlineButton.hidden = true;
  } else {
    const files = await packageFiles(entry, course);
    const known = files.filter((f) => f.size !== null);
    const total = known.reduce((sum, f) => sum + f.size, 0);
    const sizeText = known.length < files.length ? say('page.course.size-or-more', { size: formatBytes(total, wordsLanguage()) }) : formatBytes(total, wordsLanguage());
    const already = await cachedCount(files);
    offlineButton.textContent = say('page.course.offline-size', { size: sizeText });
    if (already === files.length) offlineStatus.textContent = say('page.course.offline-ready');
    offlineButton.addEventListener('click', async () => {
      offlineButton.disabled = true;
      try {
        const bytes = await makeAvailableOffline(files, (done, all) => { offlineStatus.textContent = say('page.course.downloading', { done, all }); });
        offlineStatus.textContent = say('page.course.offline-stored', { size: formatBytes(bytes, wordsLanguage()) });
      } catch {
        offlineStatus.textContent = say('page.course.offline-stopped');
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
