// The learner's display settings (language, text size, theme, player, low-bandwidth mode), kept in
// localStorage and applied to <html> as data attributes the stylesheet reads. Falls back to defaults when
// the browser refuses storage, so a page always renders.
import { markedLearner } from './store/marker.js';

const KEY = 'tessera.settings';
const LEARNER_KEY = 'tessera.learner';

export const DEFAULTS = Object.freeze({
  language: '',          // '' = the browser's language, else a BCP 47 tag
  textSize: 'medium',    // small | medium | large | x-large
  theme: 'system',       // system | light | dark | high-contrast (css/site.css's token block)
  player: 'auto',        // auto | html | canvas  (auto: HTML on touch devices and in low-bandwidth mode)
  lowBandwidth: false,
});

// An object kept in localStorage under `key`, over its defaults; the defaults when storage is refused or holds
// something else. Shared by the display settings, the reminder settings and the study goals.
export function loadStored(key, defaults) {
  try {
    const stored = JSON.parse(localStorage.getItem(key) || '{}');
    return { ...defaults, ...(stored && typeof stored === 'object' ? stored : {}) };
  } catch {
    return { ...defaults };
  }
}

// Stores `value` under `key`; false when the browser refuses (it then applies to this page only).
export function saveStored(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function loadSettings() {
  return loadStored(KEY, DEFAULTS);
}

export function saveSettings(changes) {
  const next = { ...loadSettings(), ...changes };
  saveStored(KEY, next);
  applySettings(next);
  return next;
}

export function applySettings(settings = loadSettings()) {
  const root = document.documentElement;
  root.dataset.textSize = settings.textSize;
  root.dataset.theme = settings.theme;
  root.dataset.lowBandwidth = String(Boolean(settings.lowBandwidth));
}

// The theme the canvas player draws with (its palettes are the stylesheet's tokens): the learner's choice, else
// the system's, high contrast when it asks for more contrast.
export function chosenTheme(settings = loadSettings()) {
  if (settings.theme !== 'system') return settings.theme;
  const asks = (query) => Boolean(window.matchMedia?.(query).matches);
  return asks('(prefers-contrast: more)') ? 'high-contrast' : asks('(prefers-color-scheme: dark)') ? 'dark' : 'light';
}

// The language the learner asked for, else the browser's first.
export function preferredLanguage(settings = loadSettings()) {
  return settings.language || (navigator.languages?.[0] || navigator.language || 'en').split('-')[0];
}

// The language of the interface's words: the first of the wanted languages the site has a catalogue for
// (<meta name="tessera-languages">, written by the site assembly), else English. A learner's page wants the
// learner's choice, then the browser's languages; a page for no learner (<html data-words-from="browser">,
// the verifier) only the browser's; the HTML player's (data-words-from="view") the view's, which the player
// puts on <html lang>; `from` names another of these. A tag counts by itself and by its language (fr-CA: fr-CA,
// then fr).
export function interfaceLanguage(settings = loadSettings(), from = document.documentElement.dataset.wordsFrom) {
  const root = document.documentElement;
  const have = (document.querySelector('meta[name="tessera-languages"]')?.content || 'en').split(' ');
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
  const wanted = from === 'view' ? [root.lang] : from === 'browser' ? browser : [settings.language, ...browser];
  for (const tag of wanted.filter(Boolean)) {
    for (const candidate of [tag, tag.split('-')[0]]) {
      const found = have.find((language) => language.toLowerCase() === candidate.toLowerCase());
      if (found) return found;
    }
  }
  return 'en';
}

// Which player to use: the learner's choice, else HTML on touch devices and in low-bandwidth mode.
export function chosenPlayer(settings = loadSettings()) {
  // Low-bandwidth mode never downloads the canvas player's module.
  if (settings.lowBandwidth) return 'html';
  if (settings.player === 'html' || settings.player === 'canvas') return settings.player;
  // 'auto' is the accessible HTML player: the default on touch devices, and a desktop learner who wants
  // the canvas player picks it here or switches from inside a course.
  return 'html';
}

// Where a course is played with the chosen player: player.html?course=ID or canvas.html?course=FOLDER&id=ID.
export function playerUrl(entryId, folderPath, settings = loadSettings()) {
  return chosenPlayer(settings) === 'canvas'
    ? `canvas.html?course=${encodeURIComponent(folderPath)}&id=${encodeURIComponent(entryId)}`
    : `player.html?course=${encodeURIComponent(entryId)}`;
}

// This device's learner id: made once, random, never sent anywhere.
export function learnerId() {
  try {
    let id = localStorage.getItem(LEARNER_KEY);
    if (!id) {
      // Storage evicted with the id in it: the marker cookie keeps it, so an imported copy is this learner's.
      id = markedLearner() || `learner-${crypto.randomUUID()}`;
      localStorage.setItem(LEARNER_KEY, id);
    }
    return id;
  } catch {
    return 'learner-local';
  }
}
