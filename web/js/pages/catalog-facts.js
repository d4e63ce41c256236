// The facts list shared by the catalog cards and the course page: duration, level, credential, validity.
import { element, localised } from '../shell.js';

export function courseFacts(course, language) {
  const facts = element('dl', { className: 'facts' });
  const add = (term, value) => { if (value) facts.append(element('dt', { text: term }), element('dd', { text: value })); };
  add('Duration', course.estimatedMinutes ? `${course.estimatedMinutes} minutes` : '');
  add('Level', course.level ? course.level[0].toUpperCase() + course.level.slice(1) : '');
  if (course.credential) {
    add('Credential', localised(course.credential.name, language, course.defaultLanguage));
    add('Valid for', course.credential.validityMonths ? `${course.credential.validityMonths} months` : 'No expiry');
  }
  return facts;
}
