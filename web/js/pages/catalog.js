// The catalog page: courses and pathways from courses/catalog.json, each course's outcomes, duration,
// level, credential and validity read from its course.json; and the runtime's version in the footer.
import { element, localised } from '../shell.js';
import { loadRuntime } from '../runtime.js';
import { courseDetails, loadCatalog, playLink } from '../courses.js';
import { preferredLanguage } from '../settings.js';
import { loadPageWords, say } from '../words.js';
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
    card.append(element('p', { text: say('page.catalog.not-loaded') }));
    return card;
  }
  card.append(element('p', { text: localised(course.summary, language, lang) }));
  const outcomes = (course.outcomes || []).map((o) => element('li', { text: localised(o.statement, language, lang) }));
  if (outcomes.length) card.append(element('h4', { text: say('page.outcomes') }), element('ul', {}, outcomes));
  card.append(courseFacts(course, language));
  const quote = (course.testimonials || [])[0];
  if (quote) {
    card.append(element('figure', { className: 'testimonial' },
      element('blockquote', { text: localised(quote.quote, language, lang) }),
      element('figcaption', { text: `${quote.name}${quote.role ? `, ${quote.role}` : ''}` })));
  }
  card.append(element('p', {}, element('a', {
    className: 'button-link', href: playLink(entry), 'aria-describedby': headingId, text: say('page.start'),
  })));
  return card;
}

function pathwayCard(pathway, titles) {
  const card = element('li', { className: 'card', 'data-pathway': pathway.id });
  card.append(element('h3', { text: localised(pathway.title, language) }));
  if (pathway.description) card.append(element('p', { text: localised(pathway.description, language) }));
  const rules = (pathway.requirements || []).map((rule) => {
    const names = (rule.courses || []).map((id) => titles[id] || id).join(', ');
    return element('li', { text: rule.kind === 'n-of' ? say('page.catalog.n-of', { count: rule.n, courses: names }) : say('page.catalog.all-of', { courses: names }) });
  });
  if (pathway.capstone) rules.push(element('li', { text: say('page.catalog.capstone', { course: titles[pathway.capstone] || pathway.capstone }) }));
  card.append(element('h4', { text: say('page.catalog.requirements') }), element('ul', {}, rules));
  if (pathway.credential) {
    const credential = localised(pathway.credential.name, language);
    const months = pathway.credential.validityMonths;
    card.append(element('p', { text: months ? say('page.catalog.earns-valid', { credential, months }) : say('page.catalog.earns', { credential }) }));
  }
  return card;
}

async function showCatalog() {
  const status = document.getElementById('catalog-status');
  const list = document.getElementById('course-list');
  const pathwayList = document.getElementById('pathway-list');
  try {
    await loadPageWords();
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
      ? say('page.catalog.none') : say('page.catalog.count', { count: catalog.courses.length });
  } catch (error) {
    status.textContent = say('page.reload', { problem: error.message });
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
    await loadPageWords();
    target.textContent = say('page.catalog.runtime-unavailable');
    target.dataset.state = 'failed';
    console.error('Tessera runtime failed to load:', error);
  }
}

showCatalog();
showRuntimeVersion();
