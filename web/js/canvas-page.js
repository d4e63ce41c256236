// The canvas player page: starts the Dear ImGui + SDL2 module on the page's canvas, tells it what to open
// (?course=FOLDER/&id=CATALOG-ID or the site's catalog), and is its host (docs/canvas-player.md): it opens
// each course through web/js/courses.js, checked as the HTML player checks it; hands it the storage
// boundary — the web app's IndexedDB record (./store/player-store.js) unless the page was given a
// window.tesseraStore, else (IndexedDB unusable) an in-memory stand-in the player announces; and signs the
// completion proof into the wallet when a course is finished.
import { createPlayerStore } from './store/player-store.js';
import { chosenTheme, learnerId } from './settings.js';
import { storageProblemText } from './store/messages.js';
import { loadCourseAt } from './courses.js';
import { credentialsInWorker } from './runtime.js';
import { localised, SITE_ROOT } from './shell.js';
import { loadPageWords, say } from './words.js';

const status = document.getElementById('player-status');
const canvas = document.getElementById('canvas');

// Events kept in this tab only; the same interface as window.tesseraStore.
function memoryStore() {
  const events = new Map();
  return {
    kind: 'memory (this tab only)',
    persistent: false,
    async load(course) { return [...(events.get(course) || [])]; },
    async append(course, eventJson) {
      if (!events.has(course)) events.set(course, []);
      events.get(course).push(eventJson);
    },
    async wallet() { return []; },
    events,
  };
}

// Signs the completion proof of a finished course into the wallet, as the HTML player does; resolves to the
// sentence the player shows (where the proof is, or why there is none: a preview, storage refused).
async function proveCompletion(store, opened, language) {
  if (!opened) return '';
  const { course, courseText, manifestText } = opened;
  try {
    // The wallet code and the credentials worker load only now: they are not part of the first load (and a
    // preview, which signCompletionProof refuses before it needs them, never starts the worker).
    const [{ signCompletionProof }] = await Promise.all([import('./wallet.js'), pageWords]);
    const credentials = manifestText ? credentialsInWorker() : null;
    const events = (await store.load(course.id)).map((e) => (typeof e === 'string' ? JSON.parse(e) : e));
    await signCompletionProof({
      credentials, learner: store.learner || learnerId(), courseId: course.id, courseText, events, manifestText,
      title: localised(course.title, language, course.defaultLanguage),
    });
    return say('page.canvas.proof-in-wallet');
  } catch (error) {
    return error.name === 'StorageError'
      ? say('page.canvas.proof-not-saved')
      : error.message;
  }
}

// Only same-site relative folders may be opened (no other origins, no protocol-relative URLs).
function courseParameter(params) {
  const course = params.get('course') || '';
  if (!course || /^[a-z]+:|^\/\/|\.\./i.test(course)) return '';
  return course.endsWith('/') ? course : `${course}/`;
}

// The page's own messages in the interface language (the player draws its words from the view): loaded beside
// the player's module, awaited where the page speaks.
const pageWords = loadPageWords();
if (!('WebGL2RenderingContext' in window)) {
  await pageWords;
  status.textContent = say('page.canvas.no-webgl2');
} else {
  try {
    const params = new URLSearchParams(window.location.search);
    let store = window.tesseraStore;
    if (!store) {
      try {
        store = await createPlayerStore(learnerId());
      } catch (error) {
        console.warn('Tessera: IndexedDB is not usable here; the canvas player keeps events in memory.', error);
        store = memoryStore();
      }
    }
    window.tesseraStore = store;
    const catalogId = params.get('id');
    const switchLink = document.getElementById('switch-player');
    if (catalogId && /^[A-Za-z0-9._-]+$/.test(catalogId)) {
      switchLink.href = `player.html?course=${encodeURIComponent(catalogId)}`;
      switchLink.hidden = false;
    }
    const course = courseParameter(params);
    // For tests and tools: the UI map of the last frame, and every interactive widget it drew.
    const player = { ui: null, store, module: null, widgets: () => player.ui?.drawn ?? [] };
    window.tesseraPlayer = player;
    const language = params.get('lang') || '';
    const opened = new Map();  // course id → the checked package loadCourseAt opened
    const { default: createTesseraPlayer } = await import('../modules/player.mjs');
    player.module = await createTesseraPlayer({
      canvas,
      tesseraStore: store,
      tesseraConfig: {
        course,
        catalog: course ? '' : 'courses/catalog.json',
        theme: params.get('theme') || chosenTheme(),
        language,
      },
      // The one way a course is opened on this site (the HTML player's checks); `runtime` is the module's own
      // PackageVerifier, so the page loads no second runtime.
      tesseraOpenCourse: async (folder, runtime) => {
        const checked = await loadCourseAt(new URL(folder, SITE_ROOT), runtime);
        opened.set(checked.course.id, checked);
        return checked;
      },
      tesseraCourseCompleted: (courseId) => proveCompletion(store, opened.get(courseId), language),
      onTesseraUi: (ui) => { player.ui = ui; },
      // What the learner reads when a step could not be stored (the same words as the HTML player's banner).
      tesseraStoreProblem: (error) => {
        const { title, body } = storageProblemText(error);
        return `${title}. ${body}`;
      },
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    });
    await pageWords;
    status.textContent = say('page.canvas.ready');
    status.classList.add('visually-hidden');
    // SDL measures the canvas on window resizes only; the page's layout also changes it (this status line
    // going away, the header wrapping, a phone turning), so every change of its size is passed on as one.
    new ResizeObserver(() => window.dispatchEvent(new Event('resize'))).observe(canvas);
    canvas.focus();
  } catch (error) {
    await pageWords;
    status.textContent = say('page.canvas.no-start', { problem: error.message });
    console.error('Tessera player failed to start:', error);
  }
}
