// A course's badge art (badge.svg in its folder: its own, or the one the site assembly generates from its
// title, cmake/badge-art.mjs) as an image for the catalog card and the course page, named by its alt text
// after the credential it stands for.
import { element } from './shell.js';
import { say } from './words.js';

export function badgeImage(folder, credentialName) {
  return element('img', {
    className: 'badge-art', src: new URL('badge.svg', folder).href, width: 96, height: 96, loading: 'lazy', decoding: 'async',
    alt: say('page.badge.alt', { name: credentialName }),
  });
}
