// A cookie that says "this browser keeps a Tessera record for this learner": when a browser evicts a site's
// storage under pressure it deletes IndexedDB (and may delete localStorage) but keeps cookies, so the marker
// without any stored record means the progress was evicted, not that this is a first visit.
const MARKER = 'tessera-kept';
const MAX_AGE_SECONDS = 400 * 24 * 60 * 60;  // the longest lifetime browsers allow a cookie (Chrome caps at 400 days)

function sitePath() {
  return new URL('../../', import.meta.url).pathname;  // this module is js/store/marker.js under the site root
}

// The learner id the marker holds, or null. Only an id of the form learner ids take is accepted.
export function markedLearner() {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${MARKER}=`));
  const value = entry ? decodeURIComponent(entry.slice(MARKER.length + 1)) : null;
  return value && /^learner-[A-Za-z0-9-]{1,64}$/.test(value) ? value : null;
}

// Marks that this learner's progress is stored here. The id is random and means nothing outside this device;
// SameSite=Strict keeps the browser from sending it with any request from another site.
export function markStored(learner) {
  if (markedLearner() === learner) return;
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${MARKER}=${encodeURIComponent(learner)}; Max-Age=${MAX_AGE_SECONDS}; Path=${sitePath()}; SameSite=Strict${secure}`;
}

export function clearMarker() {
  document.cookie = `${MARKER}=; Max-Age=0; Path=${sitePath()}; SameSite=Strict`;
}
