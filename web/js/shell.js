// What every page does first: apply the learner's settings, find the site's root URL (the site may live
// under any path prefix), register the service worker and offer a waiting update.
import { applySettings } from './settings.js';

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

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return 'unknown size';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
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

function offerUpdate(registration) {
  const waiting = registration.waiting;
  if (!waiting || document.getElementById('update-banner')) return;
  const button = element('button', { type: 'button', text: 'Update now' });
  const banner = element('div', { id: 'update-banner', className: 'banner', role: 'region', 'aria-label': 'Update' },
    element('p', { text: 'A new version of Tessera is ready.' }), button);
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

export const serviceWorkerReady = registerServiceWorker();
applySettings();
