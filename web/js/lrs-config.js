// Where plain xAPI tracking goes (a launch that is not cmi5): the embedding page's URL (lrs=ENDPOINT and
// lrs-auth=AUTHORIZATION), else what the learner saved on the settings page, else the course's `lrs`; null for
// none (docs/lms.md). And, per course, whether the learner chose to send their own words (reflections, unscored
// answers) with the statements: off unless they tick it in the settings.
const KEY = 'tessera.lrs';
const OWN_WORDS_KEY = 'tessera.lrs.own-words';

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

// The ids of the courses whose reflections the learner chose to send (the runtime's includePrivate).
function ownWordsCourses() {
  try {
    const list = JSON.parse(localStorage.getItem(OWN_WORDS_KEY));
    return new Set(Array.isArray(list) ? list : []);
  } catch {
    return new Set();
  }
}

export const sendsOwnWords = (courseId) => ownWordsCourses().has(courseId);

export function setSendsOwnWords(courseId, on) {
  const courses = ownWordsCourses();
  if (on) courses.add(courseId);
  else courses.delete(courseId);
  localStorage.setItem(OWN_WORDS_KEY, JSON.stringify([...courses].sort()));
}
