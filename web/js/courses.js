// Finds courses: the catalog (courses/catalog.json), each course's folder, and its course.json checked
// against the signed manifest when the package has one (a published package always does; an author's
// unpacked folder does not, and is played as a preview; a catalog entry that pins a publisher never is).
import { siteUrl, SITE_ROOT } from './shell.js';
import { playerUrl, preferredLanguage } from './settings.js';
import { loadRuntime } from './runtime.js';
import { loadPageWords, say } from './words.js';

// A course that cannot be opened: `key` names the learner's words in the catalogues (page.courses.*), said
// when the message is read, so a page that loads its catalogue only when it has something to say (the
// player) still shows them in the learner's language. `detail` is the technical cause, for the console.
export class CourseLoadError extends Error {
  constructor(key, detail, values = {}) {
    super();
    this.name = 'CourseLoadError';
    this.key = key;
    this.values = values;
    this.detail = detail;
  }

  get message() {
    return say(this.key, this.values);
  }
}

// A course the catalog says is signed that comes without its signature: never played as a preview.
function unsignedRefusal(entry) {
  return new CourseLoadError('page.courses.unsigned',
    `manifest.json: missing or unreachable, and the catalog names ${entry.publisher} as the publisher of ${entry.id}`);
}

let catalogPromise = null;

export function loadCatalog() {
  if (!catalogPromise) {
    catalogPromise = fetch(siteUrl('courses/catalog.json'))
      .then((response) => {
        if (!response.ok) throw new CourseLoadError('page.courses.catalog-failed', `HTTP ${response.status}`);
        return response.json();
      })
      .then((catalog) => ({
        ...catalog,
        courses: Array.isArray(catalog.courses) ? catalog.courses : [],
        pathways: Array.isArray(catalog.pathways) ? catalog.pathways : [],
      }))
      .catch((error) => {
        catalogPromise = null;
        throw error instanceof CourseLoadError ? error
          : new CourseLoadError('page.courses.catalog-offline', error.message);
      });
  }
  return catalogPromise;
}

// The courses a pathway's progress (runtime.pathwayProgress) leads to next: the missing courses of its first
// unmet requirement, else its capstone when not done; [] once the pathway is complete.
export function pathwayNextCourses(progress) {
  const firstUnmet = progress.rules.find((rule) => !rule.met);
  if (firstUnmet) return firstUnmet.missing;
  return progress.capstone && !progress.capstone.done ? [progress.capstone.course] : [];
}

export function courseFolder(entry) {
  const path = (entry.path || `${entry.id}/${entry.version}`).replace(/^\/+/, '').replace(/\/?$/, '/');
  return new URL(`courses/${path}`, siteUrl('./'));
}

// The page that plays this catalog entry with the learner's chosen player (a site-relative URL).
export function playLink(entry) {
  return playerUrl(entry.id, courseFolder(entry).href.slice(SITE_ROOT.href.length));
}

export async function findCourse(id) {
  const catalog = await loadCatalog();
  const entry = catalog.courses.find((course) => course.id === id);
  if (!entry) throw new CourseLoadError('page.courses.unknown', undefined, { id });
  return { entry, folder: courseFolder(entry) };
}

// The course's details for catalog cards (course.json parsed, no checks): null when unreachable.
export async function courseDetails(entry) {
  try {
    const response = await fetch(new URL('course.json', courseFolder(entry)));
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

// Loads course.json and, when the package is signed, checks the signature and the file with the runtime.
// `runtimeOrPromise` may be a promise: the downloads run while the runtime compiles. Resolves to
// { entry, folder, courseText, course, manifest, manifestText } or throws CourseLoadError (manifestText is null
// for an unsigned preview folder).
export async function loadCourse(id, runtimeOrPromise) {
  const { entry, folder } = await findCourse(id);
  const opened = await loadPackage(folder, entry.publisher || '', runtimeOrPromise);
  if (entry.publisher && !opened.manifest) throw unsignedRefusal(entry);
  return { entry, folder, ...opened };
}

// What a page about one course (review, study plan: `?course=ID`) starts from, once the page's words are here:
// the runtime, the course checked and loaded as loadCourse does, and the language to show it in (the learner's
// when the course has it, else its default). Without a course in the URL it says so in `status` → null.
export async function loadCourseForPage(status) {
  await loadPageWords();
  const id = new URLSearchParams(location.search).get('course');
  if (!id) {
    status.textContent = say('page.player.no-course');
    return null;
  }
  const runtimePromise = loadRuntime();
  const loaded = await loadCourse(id, runtimePromise);
  const wanted = preferredLanguage();
  const language = (loaded.course.languages || []).includes(wanted) ? wanted : loaded.course.defaultLanguage;
  return { runtime: await runtimePromise, loaded, language };
}

// Opens the course in a folder of this site (the canvas player's ?course=FOLDER/) on the same checks: a
// folder the catalog lists is opened as loadCourse opens its entry; a package elsewhere that is signed for
// a course the catalog publishes must be signed by that entry's pinned publisher (so another spelling of a
// catalog folder checks no less). Anything else is an author's preview: played, but it earns no completion
// proof (manifestText null). `runtimeOrPromise` needs only PackageVerifier (the canvas player's module has
// its own). Resolves and throws as loadCourse does; entry is null for a folder outside the catalog.
export async function loadCourseAt(folder, runtimeOrPromise) {
  const catalog = await loadCatalog();
  const listed = catalog.courses.find((entry) => courseFolder(entry).href === folder.href);
  if (listed) return loadCourse(listed.id, runtimeOrPromise);
  const opened = await loadPackage(folder, '', runtimeOrPromise);
  const pinned = opened.manifest && catalog.courses.find((entry) => entry.id === opened.manifest.course);
  if (pinned && opened.manifest.publisher !== pinned.publisher) {
    throw new CourseLoadError('page.courses.changed',
      `manifest.json: signed by ${opened.manifest.publisher}, not by ${pinned.publisher || 'no one'}, whom the catalog names for ${pinned.id}`);
  }
  return { entry: pinned || null, folder, ...opened, manifestText: pinned ? opened.manifestText : null };
}

// Downloads course.json (and manifest.json when there is one) from `folder` and checks the manifest's
// signature — by `publisher` when one is pinned — and course.json against it. Resolves to { courseText,
// course, manifest, manifestText }; throws CourseLoadError.
async function loadPackage(folder, publisher, runtimeOrPromise) {
  const courseDownload = fetch(new URL('course.json', folder)).then(async (response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  });
  const manifestDownload = fetch(new URL('manifest.json', folder))
    .then((response) => (response.ok ? response.text() : null))
    .catch(() => null);  // no manifest reachable: an unpacked preview
  let courseBytes;
  try {
    courseBytes = await courseDownload;
  } catch (error) {
    throw new CourseLoadError('page.courses.download-failed', error.message);
  }
  const manifestText = await manifestDownload;
  const runtime = await runtimeOrPromise;
  let manifest = null;
  if (manifestText !== null) {
    const verifier = new runtime.PackageVerifier(manifestText, publisher);
    try {
      const problems = JSON.parse(verifier.problems());
      const fileProblems = problems.length ? [] : JSON.parse(verifier.checkFile('course.json', courseBytes));
      const all = [...problems, ...fileProblems];
      if (all.length > 0) throw new CourseLoadError('page.courses.changed', verifier.refusal());
      manifest = JSON.parse(verifier.manifest());
    } finally {
      verifier.delete();
    }
  }
  const courseText = new TextDecoder().decode(courseBytes);
  let course;
  try {
    course = JSON.parse(courseText);
  } catch {
    throw new CourseLoadError('page.courses.damaged');
  }
  return { courseText, course, manifest, manifestText: manifest ? manifestText : null };
}

// Sizes of the package's files, from the manifest when there is one: { path: bytes }.
export function fileSizes(manifest) {
  const sizes = {};
  for (const file of manifest?.files || []) sizes[file.path] = file.size;
  return sizes;
}
