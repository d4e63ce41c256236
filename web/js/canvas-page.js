// The canvas player page: starts the Dear ImGui + SDL2 module on the page's canvas, tells it what to open
// (?course=FOLDER/&id=CATALOG-ID or the site's catalog), and hands it the storage boundary
// (docs/canvas-player.md): the web app's IndexedDB record (./store/player-store.js) unless the page was
// given a window.tesseraStore, else — IndexedDB unusable — an in-memory stand-in the player announces.
import { createPlayerStore } from './store/player-store.js';
import { learnerId } from './settings.js';

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

// Only same-site relative folders may be opened (no other origins, no protocol-relative URLs).
function courseParameter(params) {
  const course = params.get('course') || '';
  if (!course || /^[a-z]+:|^\/\/|\.\./i.test(course)) return '';
  return course.endsWith('/') ? course : `${course}/`;
}

if (!('WebGL2RenderingContext' in window)) {
  status.textContent = 'This browser cannot show the canvas player (WebGL2 is missing). Use the accessible player instead.';
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
    const dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    const player = { ui: null, store, module: null };
    window.tesseraPlayer = player;
    const { default: createTesseraPlayer } = await import('../modules/player.mjs');
    player.module = await createTesseraPlayer({
      canvas,
      tesseraStore: store,
      tesseraConfig: {
        course,
        catalog: course ? '' : 'courses/catalog.json',
        theme: params.get('theme') || (dark ? 'dark' : 'light'),
        language: params.get('lang') || '',
      },
      onTesseraUi: (ui) => { player.ui = ui; },
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    });
    status.textContent = 'Canvas player ready.';
    status.classList.add('visually-hidden');
    // SDL measures the canvas on window resizes only; the page's layout also changes it (this status line
    // going away, the header wrapping, a phone turning), so every change of its size is passed on as one.
    new ResizeObserver(() => window.dispatchEvent(new Event('resize'))).observe(canvas);
    canvas.focus();
  } catch (error) {
    status.textContent = `The canvas player could not start (${error.message}). Reload to try again.`;
    console.error('Tessera player failed to start:', error);
  }
}
