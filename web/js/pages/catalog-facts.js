// The facts list shared by the catalog cards and the course page: duration, level, credential, validity.
import { element, localised } from '../shell.js';
import { say } from '../words.js';

export function courseFacts(course, language) {
  const facts = element('dl', { className: 'facts' });
  const add = (term, value) => { if (value) facts.append(element('dt', { text: say(term) }), element('dd', { text: value })); };
  add('page.facts.duration', course.estimatedMinutes ? say('page.facts.minutes', { minutes: course.estimatedMinutes }) : '');
  add('page.facts.level', course.level ? say(`page.level.${course.level}`) : '');
  if (course.credential) {
    add('page.facts.credential', localised(course.credential.name, language, course.defaultLanguage));
    const months = course.credential.validityMonths;
    add('page.facts.valid-for', months ? say('page.facts.months', { months }) : say('page.facts.no-expiry'));
  }
  return facts;
}
