// The catalog page: courses and pathways from courses/catalog.json alone — each course's card (title, promise,
// duration, level, credential and validity, languages, publisher) is written there when the site is published
// (web/js/catalog-card.js). No runtime and no course.json load here; a catalog without cards (an author's own)
// has each card read from its course.json.
import { element, languageName, localised } from '../shell.js';
import { courseDetails, courseFolder, loadCatalog, playLink } from '../courses.js';
import { badgeImage } from '../badge-art.js';
import { catalogCard } from '../catalog-card.js';
import { preferredLanguage } from '../settings.js';
import { loadPageWords, say } from '../words.js';
import { courseFacts } from './catalog-facts.js';

let language = preferredLanguage();

async function cardOf(entry) {
  if (entry.card && typeof entry.card === 'object') return entry.card;
  const course = await courseDetails(entry);
  return course ? catalogCard(course) : null;
}

function courseCard(entry, card) {
  const lang = card?.defaultLanguage || 'en';
  const title = card ? localised(card.title, language, lang) : entry.id;
  const headingId = `course-${entry.id}`;
  // A course in another language than the page's keeps its own language and direction.
  const item = element('li', {
    className: 'card', 'data-course': entry.id, 'data-languages': (card?.languages || [lang]).join(' '),
    lang: card && !(card.languages || [lang]).includes(language) ? lang : undefined, dir: 'auto',
  });
  item.append(element('h3', { id: headingId }, element('a', { href: `course.html?id=${encodeURIComponent(entry.id)}`, text: title })));
  if (!card) {
    item.append(element('p', { text: say('page.catalog.not-loaded') }));
    return item;
  }
  if (card.credential && card.badge) item.append(badgeImage(courseFolder(entry), card.badge, localised(card.credential.name, language, lang)));
  if (card.summary) item.append(element('p', { className: 'promise', text: localised(card.summary, language, lang) }));
  item.append(courseFacts(card, language));
  item.append(element('p', {}, element('a', {
    className: 'button-link', href: playLink(entry), 'aria-describedby': headingId, text: say('page.start'),
  })));
  return item;
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

// The language filter: every language some course is written in, each named in the page's language; choosing
// one shows only the courses in it (a card's languages are in its data-languages) and says how many.
function languageFilter(cards, status) {
  const languages = [...new Set(cards.flatMap((card) => card.dataset.languages.split(' ')).filter(Boolean))].sort();
  if (languages.length < 2) return;
  const select = element('select', { id: 'language-filter' },
    element('option', { value: '', text: say('page.catalog.filter-all') }),
    languages.map((tag) => element('option', { value: tag, text: languageName(tag, language) })));
  const label = element('label', { for: 'language-filter', text: say('page.catalog.filter-language') });
  document.getElementById('course-list').before(element('p', { className: 'catalog-filter' }, label, ' ', select));
  select.addEventListener('change', () => {
    const wanted = select.value;
    const shown = cards.filter((card) => {
      card.hidden = Boolean(wanted) && !card.dataset.languages.split(' ').includes(wanted);
      return !card.hidden;
    });
    status.textContent = wanted
      ? say('page.catalog.shown', { count: shown.length, language: languageName(wanted, language) })
      : say('page.catalog.count', { count: cards.length });
  });
}

async function showCatalog() {
  const status = document.getElementById('catalog-status');
  const list = document.getElementById('course-list');
  const pathwayList = document.getElementById('pathway-list');
  try {
    await loadPageWords();
    const catalog = await loadCatalog();
    const details = await Promise.all(catalog.courses.map((entry) => cardOf(entry)));
    const titles = {};
    catalog.courses.forEach((entry, i) => {
      titles[entry.id] = details[i] ? localised(details[i].title, language, details[i].defaultLanguage) : entry.id;
      list.append(courseCard(entry, details[i]));
    });
    languageFilter([...list.children], status);
    for (const pathway of catalog.pathways) pathwayList.append(pathwayCard(pathway, titles));
    document.getElementById('pathways').hidden = catalog.pathways.length === 0;
    status.textContent = catalog.courses.length === 0
      ? say('page.catalog.none') : say('page.catalog.count', { count: catalog.courses.length });
  } catch (error) {
    status.textContent = say('page.reload', { problem: error.message });
  }
  status.dataset.state = 'ready';
}

showCatalog();
// The header's language control (shell.js): the cards are worded again in the learner's new language.
window.addEventListener('tessera:language', () => {
  language = preferredLanguage();
  for (const id of ['course-list', 'pathway-list']) document.getElementById(id).replaceChildren();
  document.querySelector('.catalog-filter')?.remove();
  showCatalog();
});
