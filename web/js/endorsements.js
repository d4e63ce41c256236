// Open Badges 3.0 endorsements as people read them: who endorses, what they say, and whether the endorsement
// verified (or why it was refused). The verifier page lists those its report checked; the course page checks
// the ones a course declares, in the credentials worker, with the same verifier core (tessera/endorsement.hpp).
import { element } from './shell.js';
import { credentialsInWorker } from './runtime.js';
import { isoNow } from './encoding.js';
import { say, wordsLanguage } from './words.js';

// One list item per endorsement: {endorser, endorserName?, comment?, verified, reason?} (the runtime's form).
export function endorsementList(endorsements) {
  return element('ul', { className: 'endorsements' }, endorsements.map((e) => element('li', {
    'data-verified': String(e.verified === true),
  },
  element('p', {}, element('strong', { dir: 'auto', text: e.endorserName || e.endorser || say('page.endorsements.unknown') }),
    e.endorserName && e.endorser ? element('span', { className: 'endorser-id', text: ` (${e.endorser})` }) : null),
  e.comment ? element('blockquote', { dir: 'auto', text: e.comment }) : null,
  element('p', { className: 'endorsement-verdict', text: e.verified
    ? `✓ ${say('page.endorsements.verified')}`
    : `✗ ${say('page.endorsements.refused', { reason: e.reason || '' })}` }))));
}

// The endorsements a course declares (course.json credential.endorsements, files of its folder), each checked
// against the course's achievement (urn:tessera:course:ID:VERSION) at the browser's time.
export async function checkCourseEndorsements(course, folder) {
  const paths = Array.isArray(course.credential?.endorsements) ? course.credential.endorsements : [];
  const subject = `urn:tessera:course:${course.id}:${course.version}`;
  const options = JSON.stringify({ now: isoNow(), language: wordsLanguage() });
  return Promise.all(paths.map(async (path) => {
    try {
      const response = await fetch(new URL(path, folder));
      if (!response.ok) throw new Error(say('page.endorsements.missing', { path }));
      return JSON.parse(await credentialsInWorker().checkEndorsement(await response.text(), subject, options));
    } catch (error) {
      return { endorser: '', verified: false, reason: error.message };
    }
  }));
}
