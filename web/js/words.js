// The interface's words, for the players and the site's pages alike: one lookup (`say`) over a catalogue
// (runtime/strings/<language>.json), its {name} placeholders filled and its plural forms chosen.
//   The HTML player's words are the view's `words` (useWords on each drawn view; `word` reads "ui.*").
//   A page that runs no runtime loads its language's catalogue, built into the site as strings/<language>.json
//   (loadPageWords), and shell.js fills the page's assembled English (fillPage).
// Plural categories and numbers come from the browser's Intl (CLDR, as the runtime's are; see
// docs/architecture.md); the view's words arrive already worded and carry no language, so they are used as they are.
import { interfaceLanguage } from './settings.js';

let current = {};
// The page's own catalogue (loadPageWords): on a player's page, where the words in use are the view's, the
// page's messages (storage, keys, loading) still find their words here.
let pageCatalogue = {};

export function useWords(words) {
  current = words || {};
}

// The pattern for `key` and its language: from the first source that has it, else the English ("@english")
// of the first source that has that; null when none has it.
function lookUp(key, sources) {
  for (const source of sources) if (source[key] !== undefined) return [source[key], source['@language']];
  for (const source of sources) if (source['@english']?.[key] !== undefined) return [source['@english'][key], 'en'];
  return null;
}

// The text for `key` in `words` (default: the ones in use, then the page's catalogue), in the catalogue's
// language, or in English from its "@english" where it lacks the key; the key itself when none has it, so a
// missing word shows.
export function say(key, values = {}, words = current) {
  const found = lookUp(key, words === current ? [words, pageCatalogue] : [words]);
  if (!found) return key;
  const [pattern, language] = found;
  const text = typeof pattern === 'object' ? pluralForm(pattern, values, language) : pattern;
  const isolate = RIGHT_TO_LEFT.test(text) ? (value) => `\u2068${value}\u2069` : (value) => value;
  return text.replace(/\{(\w+)\}/g, (_, name) => isolate(formatValue(values[name], language)));
}

// A strong right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms). In a sentence
// written right to left each value goes in a bidi isolate (FSI … PDI, UAX #9), as the runtime does for a
// right-to-left catalogue: a name, number, code or URL keeps its own direction and leaves the punctuation alone.
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

// A plural string's form: the category of the number its "@count" names ("count" by default), by CLDR's rules
// for the language; "other" when the category is missing.
function pluralForm(forms, values, language) {
  const count = Number(values[forms['@count'] || 'count']);
  const category = language && Number.isFinite(count) ? new Intl.PluralRules(language).select(count) : 'other';
  return forms[category] ?? forms.other ?? '';
}

function formatValue(value, language) {
  if (value === undefined || value === null) return '';
  return typeof value === 'number' && language ? new Intl.NumberFormat(language).format(value) : String(value);
}

// The language of the words in use (a page's catalogue; the view's words carry none: English).
export function wordsLanguage(words = current) {
  return words['@language'] || 'en';
}

// The HTML player's word "ui.<key>" from the view's words.
export function word(key, values = {}) {
  return say(`ui.${key}`, values);
}

// A language's catalogue (default: the page's, interfaceLanguage) as the page's own; each downloaded once per
// page. English when that language's file cannot be had (offline and not cached). The HTML player calls this
// only when it has something of its own to say, so its first load asks for no catalogue.
const loaded = new Map();
export function loadPageCatalogue(language = interfaceLanguage()) {
  if (!loaded.has(language)) {
    loaded.set(language, (async () => {
      for (const candidate of new Set([language, 'en'])) {
        try {
          // strings/ is beside js/, this module's folder (kept out of the player's bundle for this and its state).
          const response = await fetch(new URL(`../strings/${candidate}.json`, import.meta.url));
          if (response.ok) return await response.json();
        } catch {
          // Offline and not cached: try English, else the keys show.
        }
      }
      return {};
    })());
  }
  return loaded.get(language).then((words) => {
    pageCatalogue = words;
    return words;
  });
}

// The page's catalogue (loadPageCatalogue), made the words in use: what a page that runs no player does first.
export function loadPageWords(language = interfaceLanguage()) {
  return loadPageCatalogue(language).then((words) => {
    useWords(words);
    return words;
  });
}

// Puts the catalogue's words into the assembled page: each [data-word] element's text, unless a script has
// changed it since (`shown`: each element and the text it had when the page loaded, then the text put in
// here), and each [data-word-label]'s aria-label; and <html lang dir>, unless a player sets them from its view.
export function fillPage(words, shown) {
  for (const entry of shown) {
    const [node, text] = entry;
    if (node.textContent !== text) continue;
    node.textContent = say(node.dataset.word, {}, words);
    entry[1] = node.textContent;
  }
  for (const node of document.querySelectorAll('[data-word-label]')) node.setAttribute('aria-label', say(node.dataset.wordLabel, {}, words));
  const root = document.documentElement;
  if (root.dataset.wordsFrom !== 'view' && words['@language']) {
    root.lang = words['@language'];
    root.dir = words['@direction'] || 'ltr';
  }
}
