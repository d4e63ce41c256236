// What every page does first: apply the learner's settings, put the page's words in its interface
// language, find the site's root URL (the site may live under any path prefix), register the service
// worker and offer a waiting update.
import { applySettings, interfaceLanguage } from './settings.js';

// The site root, from this module's own URL (js/ sits one level below it).
export const SITE_ROOT = new URL('../', import.meta.url);

export function siteUrl(path) {
  return new URL(path, SITE_ROOT).href;
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
function translatePage() {
  const root = document.documentElement;
  const shown = [...document.querySelectorAll('[data-word]')].map((node) => [node, node.textContent]);
  let showing = 'en';
  let filling = Promise.resolve();
  const show = (language) => {
    if (language === showing) return;
    showing = language;
    filling = filling.then(() => import('./words.js'))
      .then(async ({ loadPageWords, fillPage }) => fillPage(await loadPageWords(language), shown))
      .catch((error) => console.warn('Tessera: the page stays in English:', error.message));
  };
  if (root.dataset.wordsFrom === 'view') {
    new MutationObserver(() => show(interfaceLanguage())).observe(root, { attributes: true, attributeFilter: ['lang'] });
  } else {
    show(interfaceLanguage());
  }
}

export const serviceWorkerReady = registerServiceWorker();
applySettings();
translatePage();
