// Where plain xAPI tracking goes (a launch that is not cmi5): the embedding page's URL (lrs=ENDPOINT and
// lrs-auth=AUTHORIZATION), else what the learner saved on the settings page, else the course's `lrs`; null for
// none (docs/lms.md).
const KEY = 'tessera.lrs';

export function savedLrs() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY));
    return saved?.endpoint ? saved : null;
  } catch {
    return null;
  }
}

// Saves { endpoint, auth } (an empty endpoint: tracking off).
export function saveLrs({ endpoint, auth }) {
  if (endpoint) localStorage.setItem(KEY, JSON.stringify({ endpoint, auth: auth || '' }));
  else localStorage.removeItem(KEY);
}

// { endpoint, auth, from: 'page' | 'settings' | 'course' } or null. `course`: the course as loaded.
export function lrsFor(params, course) {
  if (params.get('lrs')) return { endpoint: params.get('lrs'), auth: params.get('lrs-auth') || '', from: 'page' };
  const saved = savedLrs();
  if (saved) return { ...saved, from: 'settings' };
  return course?.lrs ? { endpoint: course.lrs, auth: '', from: 'course' } : null;
}
