// What every page does first: apply the learner's settings, put the page's words in its interface
// language, find the site's root URL (the site may live under any path prefix), register the service
// worker and offer a waiting update.
import { applySettings, interfaceLanguage, saveSettings } from './settings.js';

// The site root, from this module's own URL (js/ sits one level below it).
export const SITE_ROOT = new URL('../', import.meta.url);

export function siteUrl(path) {
  return new URL(path, SITE_ROOT).href;
}

// Puts `children` in place of `node`'s, leaving out absent ones (null, undefined, false) as element() does:
// replaceChildren itself would write them as the text "null".
export function replaceContent(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A per-language text (string or {lang: text}) in the wanted language, else the default, else the first.
export function localised(value, language = document.documentElement.lang, fallback = 'en') {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return value[language] ?? value[fallback] ?? Object.values(value)[0] ?? '';
}

// A size in the page's language, number and unit both from the browser's CLDR data (Intl): "12 KB" /
// "12 ko". 'unknown size' stays English: the HTML player's media button looks for it to put the size in.
export function formatBytes(bytes, language = document.documentElement.lang || 'en') {
  if (!Number.isFinite(bytes)) return 'unknown size';
  const [amount, unit, digits] = bytes < 1024 ? [bytes, 'byte', 0]
    : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte', 0] : [bytes / (1024 * 1024), 'megabyte', 1];
  const unitDisplay = unit === 'byte' ? 'long' : 'short';
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay, maximumFractionDigits: digits }).format(amount);
}

// Shows a short message in the page's polite status region (made on first use).
export function announce(text) {
  let region = document.getElementById('site-announcer');
  if (!region) {
    region = element('div', { id: 'site-announcer', role: 'status', className: 'visually-hidden' });
    document.body.append(region);
  }
  region.textContent = '';
  // A fresh text node after clearing makes screen readers read a repeated message again.
  setTimeout(() => { region.textContent = text; }, 30);
}

async function offerUpdate(registration) {
  const waiting = registration.waiting;
  if (!waiting || document.getElementById('update-banner')) return;
  const { loadPageWords, say } = await import('./words.js');
  await loadPageWords();
  if (document.getElementById('update-banner')) return;
  const button = element('button', { type: 'button', text: say('nav.update-now') });
  const banner = element('div', { id: 'update-banner', className: 'banner', role: 'region', 'aria-label': say('nav.update') },
    element('p', { text: say('nav.update-ready') }), button);
  button.addEventListener('click', () => {
    button.disabled = true;
    waiting.postMessage({ type: 'skip-waiting' });
  });
  document.body.prepend(banner);
}

async function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || new URLSearchParams(location.search).has('no-sw')) return;
  try {
    const registration = await navigator.serviceWorker.register(siteUrl('sw.js'), { scope: SITE_ROOT.pathname });
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(registration);
      });
    });
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      // Only reload for an update the learner accepted, not for the first install.
      if (reloading || !document.getElementById('update-banner')) return;
      reloading = true;
      location.reload();
    });
  } catch (error) {
    console.warn('Tessera: offline support is off:', error.message);
  }
}

// The page is assembled in English (cmake/assemble-pages.mjs, from the English catalogue): another language's
// words replace it once its catalogue is here (js/words.js); an English page loads no catalogue for this.
// On a player's page the language is the view's interface language, which the player puts on <html lang>.
// Returns `show(language)`, which puts another language's words in without reloading.
function translatePage() {
  const root = document.documentElement;
  const shown = [...document.querySelectorAll('[data-word]')].map((node) => [node, node.textContent]);
  let showing = 'en';
  let filling = Promise.resolve();
  const show = (language) => {
    if (language === showing) return filling;
    showing = language;
    filling = filling.then(() => import('./words.js'))
      .then(async ({ loadPageWords, fillPage }) => fillPage(await loadPageWords(language), shown))
      .catch((error) => console.warn('Tessera: the page stays in English:', error.message));
    return filling;
  };
  if (root.dataset.wordsFrom === 'view') {
    new MutationObserver(() => show(interfaceLanguage())).observe(root, { attributes: true, attributeFilter: ['lang'] });
  } else {
    show(interfaceLanguage());
  }
  return show;
}

// A language's name in `inLanguage` ("français" → "French" on an English page), by default in itself ("français"),
// for a list a reader of any language can find theirs in; the tag when the browser does not know it.
export function languageName(tag, inLanguage = tag) {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(tag) || tag;
  } catch {
    return tag;
  }
}

// The language control in every page's header: the site's languages, each in its own name. A choice is the
// learner's (Settings' `language`, kept per learner on this device) and takes effect at once, with no reload:
// the page's assembled words change here, and `tessera:language` (detail: the language) tells the page's
// script to word again what it wrote (the catalog its cards). Not on a page for no learner (the verifier: the browser's
// languages decide there), nor on the HTML player's, whose own control offers the languages its course has
// (the view's): two controls there would disagree for a course without the site's language.
function languageControl() {
  const root = document.documentElement;
  const languages = (document.querySelector('meta[name="tessera-languages"]')?.content || 'en').split(' ');
  const header = document.querySelector('.site-header');
  if (!header || root.dataset.wordsFrom !== undefined || languages.length < 2) return null;
  const select = element('select', { id: 'site-language' },
    languages.map((tag) => element('option', { value: tag, lang: tag, text: languageName(tag) })));
  select.value = interfaceLanguage(undefined, 'learner');
  // Made before translatePage looks for [data-word]: the label is worded with the rest of the page.
  const label = element('label', { for: 'site-language', 'data-word': 'nav.language', text: 'Language' });
  header.append(element('p', { className: 'site-language' }, label, ' ', select));
  return select;
}

function switchLanguage(select, show) {
  select?.addEventListener('change', async () => {
    const language = select.value;
    saveSettings({ language });
    await show(language);
    window.dispatchEvent(new CustomEvent('tessera:language', { detail: language }));
  });
}

export const serviceWorkerReady = registerServiceWorker();
applySettings();
const languageSelect = languageControl();
switchLanguage(languageSelect, translatePage());
