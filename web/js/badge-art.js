// A course's badge art (badge.svg in its folder: its own, or the one the site assembly generates from its
// title, cmake/badge-art.mjs) as an image for the catalog card and the course page, named by its alt text
// after the credential it stands for.
import { element } from './shell.js';
import { say } from './words.js';

// `file`: the card's `badge` (scripts/lib/publish-courses.mjs sets it when the folder has its art; a course
// without it, e.g. an author's unpublished folder, shows none rather than a broken image).
export function badgeImage(folder, file, credentialName) {
  return element('img', {
    className: 'badge-art', src: new URL(file, folder).href, width: 96, height: 96, loading: 'lazy', decoding: 'async',
    alt: say('page.badge.alt', { name: credentialName }),
  });
}
