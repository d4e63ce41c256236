// The facts list shared by the catalog cards and the course page: duration, level, credential, validity,
// languages and publisher — from a course.json or its catalog card (web/js/catalog-card.js), which share these members.
import { element, localised } from '../shell.js';
import { say } from '../words.js';

// A language's name in the page's language ("français" → "French" on an English page); the tag when unknown.
export function languageName(tag, inLanguage) {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(tag) || tag;
  } catch {
    return tag;
  }
}

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
  add('page.facts.languages', (course.languages || []).map((tag) => languageName(tag, language)).join(', '));
  add('page.facts.publisher', course.publisher?.name ? localised(course.publisher.name, language, course.defaultLanguage) : '');
  return facts;
}
