// The catalog page: courses and pathways from courses/catalog.json, each course's outcomes, duration,
// level, credential and validity read from its course.json; and the runtime's version in the footer.
import { element, localised } from '../shell.js';
import { loadRuntime } from '../runtime.js';
import { courseDetails, loadCatalog, playLink } from '../courses.js';
import { preferredLanguage } from '../settings.js';
import { courseFacts } from './catalog-facts.js';

const language = preferredLanguage();

function courseCard(entry, course) {
  const lang = course?.defaultLanguage || 'en';
  const title = course ? localised(course.title, language, lang) : entry.id;
  const headingId = `course-${entry.id}`;
  // A course in another language than the page's keeps its own language and direction.
  const card = element('li', { className: 'card', 'data-course': entry.id, lang: course && !(course.languages || []).includes(language) ? lang : undefined, dir: 'auto' });
  card.append(element('h3', { id: headingId }, element('a', { href: `course.html?id=${encodeURIComponent(entry.id)}`, text: title })));
  if (!course) {
    card.append(element('p', { text: 'Details of this course could not be loaded.' }));
    return card;
  }
  card.append(element('p', { text: localised(course.summary, language, lang) }));
  const outcomes = (course.outcomes || []).map((o) => element('li', { text: localised(o.statement, language, lang) }));
  if (outcomes.length) card.append(element('h4', { text: 'You will be able to' }), element('ul', {}, outcomes));
  card.append(courseFacts(course, language));
  const quote = (course.testimonials || [])[0];
  if (quote) {
    card.append(element('figure', { className: 'testimonial' },
      element('blockquote', { text: localised(quote.quote, language, lang) }),
      element('figcaption', { text: `${quote.name}${quote.role ? `, ${quote.role}` : ''}` })));
  }
  card.append(element('p', {}, element('a', {
    className: 'button-link', href: playLink(entry), 'aria-describedby': headingId, text: 'Start',
  })));
  return card;
}

function pathwayCard(pathway, titles) {
  const card = element('li', { className: 'card', 'data-pathway': pathway.id });
  card.append(element('h3', { text: localised(pathway.title, language) }));
  if (pathway.description) card.append(element('p', { text: localised(pathway.description, language) }));
  const rules = (pathway.requirements || []).map((rule) => {
    const names = (rule.courses || []).map((id) => titles[id] || id).join(', ');
    return element('li', { text: rule.kind === 'n-of' ? `${rule.n} of: ${names}` : `All of: ${names}` });
  });
  if (pathway.capstone) rules.push(element('li', { text: `Capstone: ${titles[pathway.capstone] || pathway.capstone}` }));
  card.append(element('h4', { text: 'Requirements' }), element('ul', {}, rules));
  if (pathway.credential) {
    card.append(element('p', { text: `Earns: ${localised(pathway.credential.name, language)}` +
      (pathway.credential.validityMonths ? `, valid for ${pathway.credential.validityMonths} months.` : '.') }));
  }
  return card;
}

async function showCatalog() {
  const status = document.getElementById('catalog-status');
  const list = document.getElementById('course-list');
  const pathwayList = document.getElementById('pathway-list');
  try {
    const catalog = await loadCatalog();
    const details = await Promise.all(catalog.courses.map((entry) => courseDetails(entry)));
    const titles = {};
    catalog.courses.forEach((entry, i) => {
      titles[entry.id] = details[i] ? localised(details[i].title, language, details[i].defaultLanguage) : entry.id;
      list.append(courseCard(entry, details[i]));
    });
    for (const pathway of catalog.pathways) pathwayList.append(pathwayCard(pathway, titles));
    document.getElementById('pathways').hidden = catalog.pathways.length === 0;
    status.textContent = catalog.courses.length === 0
      ? 'No courses are published here yet.'
      : `${catalog.courses.length} course${catalog.courses.length === 1 ? '' : 's'} available.`;
  } catch (error) {
    status.textContent = `${error.message} Reload the page to try again.`;
  }
  status.dataset.state = 'ready';
}

async function showRuntimeVersion() {
  const target = document.getElementById('runtime-version');
  try {
    const runtime = await loadRuntime();
    const info = JSON.parse(runtime.buildInfo());
    target.textContent = `${runtime.version()} (${info.platform})`;
    target.dataset.state = 'ready';
  } catch (error) {
    target.textContent = 'unavailable';
    target.dataset.state = 'failed';
    console.error('Tessera runtime failed to load:', error);
  }
}

showCatalog();
showRuntimeVersion();
