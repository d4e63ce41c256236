// The facts list shared by the catalog cards and the course page: duration, level, credential, validity,
// languages and publisher — from a course.json or its catalog card (web/js/catalog-card.js), which share these members.
import { element, languageName, localised } from '../shell.js';
import { say } from '../words.js';

export function courseFacts(course, language) {
  const facts = element('dl', { className: 'facts' });
  // Each term and value sets its own direction: in a right-to-left course's card the page's English "5 minutes"
  // stays "5 minutes", and the course's own words (its credential's name) keep theirs.
  const add = (term, value) => {
    if (value) facts.append(element('dt', { text: say(term), dir: 'auto' }), element('dd', { text: value, dir: 'auto' }));
  };
  add('page.facts.duration', course.estimatedMinutes ? say('page.facts.minutes', { minutes: course.estimatedMinutes }) : '');
  add('page.facts.level', course.level ? say(`page.level.${course.level}`) : '');
  if (course.credential) {
    add('page.facts.credential', localised(course.credential.name, language, course.defaultLanguage));
    const months = course.credential.validityMonths;
    add('page.facts.valid-for', months ? say('page.facts.months', { months }) : say('page.facts.no-expiry'));
  }
  add('page.facts.languages', new Intl.ListFormat(language, { type: 'conjunction' }).format((course.languages || []).map((tag) => languageName(tag, language))));  // the language's own list words (Arabic's ، and و)
  add('page.facts.publisher', course.publisher?.name ? localised(course.publisher.name, language, course.defaultLanguage) : '');
  return facts;
}
