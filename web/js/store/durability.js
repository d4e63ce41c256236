// What the browser did, or may do, to the progress stored on this device, told in plain words: it refused
// to keep this site's data when space runs low (offer a copy before anything is lost), or it already cleared
// it (say so, and how to get it back). The marker cookie (marker.js) tells eviction from a first visit.
import { element, siteUrl } from '../shell.js';
import { coursesOf, requestPersistence } from './db.js';
import { clearMarker, markedLearner, markStored } from './marker.js';
import { progressDownloadButton } from './messages.js';
import { loadPageCatalogue, say } from '../words.js';

const UNPROTECTED_SEEN = 'tessera.unprotected-notice-seen';

// Shows the notice `kind` once the page's words are here, with the actions `makeActions` make then.
async function notice(kind, words, ...makeActions) {
  await loadPageCatalogue();
  const actions = makeActions.map((make) => make());
  document.getElementById(`notice-${kind}`)?.remove();
  const dismiss = element('button', { type: 'button', className: 'secondary', text: say('page.storage.got-it') });
  const banner = element('section', {
    id: `notice-${kind}`, className: 'banner', role: 'region', 'aria-labelledby': `notice-${kind}-title`, 'data-kind': kind,
  },
  element('h2', { id: `notice-${kind}-title`, text: say(`page.storage.${kind}.title`) }),
  element('p', { text: say(`page.storage.${kind}.body`, words) }),
  ...actions, dismiss);
  dismiss.addEventListener('click', () => banner.remove());
  (document.querySelector('main') || document.body).prepend(banner);
  return { banner, dismiss };
}

// Run once a page has opened the learner's stored data. options.hasProgress: the learner has done something
// worth a copy (the unprotected notice waits for it); options.memoryRecords as for progressDownloadButton.
export async function checkDurability(learner, { hasProgress = false, memoryRecords } = {}) {
  let stored;
  try {
    stored = Object.keys(await coursesOf(learner)).length > 0;
  } catch {
    return;  // storage unreadable: messages.js already says so
  }
  if (!stored && markedLearner() === learner) {
    const { dismiss } = await notice('evicted', {}, () => element('a', { href: siteUrl('settings.html#your-data'), text: say('page.storage.restore-link') }));
    dismiss.addEventListener('click', clearMarker);
    return;
  }
  if (stored) markStored(learner);
  // Asked only once there is something to keep (Firefox asks the learner; others decide by themselves).
  if (!hasProgress || await requestPersistence() !== false || localStorage.getItem(UNPROTECTED_SEEN)) return;
  const { dismiss } = await notice('unprotected', {}, () => progressDownloadButton(memoryRecords));
  dismiss.addEventListener('click', () => localStorage.setItem(UNPROTECTED_SEEN, '1'));
}

// "About 1 day", "about 3 hours": how far behind the clock is, in the largest whole unit.
function roughDuration(ms, language) {
  const units = [['day', 86400000], ['hour', 3600000], ['minute', 60000], ['second', 1000]];
  const [unit, size] = units.find(([, length]) => ms >= length) || units.at(-1);
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(Math.round(ms / size));
}

// Tells the learner the device's clock is behind their last step (behindMs > 0): at opening, from the last
// stored event's time, or after a step, from the clockSkewMs the runtime recorded in it (docs/record.md).
export function tellClockBehind(behindMs, language = document.documentElement.lang) {
  if (!(behindMs > 0)) return;
  notice('clock-behind', { behind: roughDuration(behindMs, language) });
}
