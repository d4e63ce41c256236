// The service worker: the site works offline after the first visit. A versioned shell cache (pages,
// scripts, styles, the runtime) is filled on install — the canvas player's page and module join it when first
// fetched — and the older ones are deleted on activate; course
// files are cached as they are opened (or all at once by "make available offline") in one course cache,
// since a published course version never changes. A new version waits until the page sends
// {type: 'skip-waiting'} (the update prompt). Same-origin GET requests only.
importScripts('sw-assets.js');  // self.TESSERA_VERSION, TESSERA_ASSETS and TESSERA_LAZY_ASSETS, written by the site assembly

const SHELL_CACHE = `tessera-shell-${self.TESSERA_VERSION}`;
const COURSE_CACHE = 'tessera-courses-v1';
const SCOPE = new URL('./', self.location).href;
const LAZY_ASSETS = new Set(self.TESSERA_LAZY_ASSETS || []);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(self.TESSERA_ASSETS.map((path) => new URL(path, SCOPE).href))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('tessera-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// Reminders while no page is open (Periodic Background Sync, where the browser offers it: docs/recall.md):
// the schedule the dashboard last stored (js/reminders.js), each reminder shown once its time has come and
// never in quiet hours; what was shown is kept beside the schedule. Nothing is fetched or sent.
const REMINDER_CACHE = 'tessera-reminders';

// Whether a local time falls between quietFrom and quietUntil ("22:00", "08:00"); a span that passes
// midnight wraps; equal or unreadable times mean no quiet hours.
function inQuietHours(quietFrom, quietUntil, ms) {
  const minutesOf = (time) => {
    const match = /^(\d{2}):(\d{2})$/.exec(time || '');
    return match ? Number(match[1]) * 60 + Number(match[2]) : null;
  };
  const from = minutesOf(quietFrom);
  const until = minutesOf(quietUntil);
  if (from === null || until === null || from === until) return false;
  const date = new Date(ms);
  const now = date.getHours() * 60 + date.getMinutes();
  return from < until ? now >= from && now < until : now >= from || now < until;
}
async function remindFromSchedule(now) {
  const cache = await caches.open(REMINDER_CACHE);
  const stored = await cache.match(new URL('reminders/schedule.json', SCOPE).href);
  if (!stored) return [];
  const schedule = await stored.json();
  if (!schedule.notify || inQuietHours(schedule.quietFrom, schedule.quietUntil, now)) return [];
  const shown = [];
  const sentUrl = new URL('reminders/sent.json', SCOPE).href;
  const sent = await (await cache.match(sentUrl))?.json() || {};
  for (const item of schedule.items || []) {
    if (item.at > now || sent[item.key]) continue;
    await self.registration.showNotification('Tessera', { body: item.text, tag: item.key, data: { href: item.href } });
    sent[item.key] = now;
    shown.push(item.key);
  }
  await cache.put(sentUrl, new Response(JSON.stringify(sent), { headers: { 'Content-Type': 'application/json' } }));
  return shown;
}

self.addEventListener('periodicsync', (event) => {
  if (event.tag === 'tessera-reminders') event.waitUntil(remindFromSchedule(Date.now()));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(new URL(event.notification.data?.href || './', SCOPE).href));
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
  // A page asks for its reminders to be shown now (js/reminders.js notifyReminders), with its own clock.
  if (event.data?.type === 'remind') {
    event.waitUntil(remindFromSchedule(Number(event.data.now) || Date.now()).then((shown) => event.ports[0]?.postMessage({ shown })));
  }
});

async function fromNetworkThenCache(request, cacheName) {
  // Known to be offline: do not wait for the network to fail first.
  if (self.navigator && self.navigator.onLine === false) {
    const cached = await (await namedCache(cacheName)).match(request, { ignoreVary: true });
    if (cached) return cached;
  }
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200) {
      const cache = await caches.open(cacheName);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

// The cache opened once per worker start: a lookup in one named cache is cheaper than caches.match over
// all of them, and every offline reload pays it for each shell file.
const openCaches = new Map();
function namedCache(name) {
  if (!openCaches.has(name)) openCaches.set(name, caches.open(name));
  return openCaches.get(name);
}

// Cached responses already read in this worker's lifetime, kept in memory: the Cache API reads each one
// from disk again, and a reload asks for every shell file, the runtime and the course again. Bounded;
// shell files and published course files never change under one worker (a new version is a new worker).
const MEMORY_LIMIT_BYTES = 16 * 1024 * 1024;
const MEMORY_ENTRY_LIMIT_BYTES = 2 * 1024 * 1024;
const memory = new Map();  // url → { body, status, statusText, headers }
let memoryBytes = 0;

function fromMemory(key) {
  const kept = memory.get(key);
  return kept && new Response(kept.body, { status: kept.status, statusText: kept.statusText, headers: kept.headers });
}

async function remember(key, response) {
  const length = Number(response.headers.get('content-length') || 0);
  if (response.status !== 200 || length > MEMORY_ENTRY_LIMIT_BYTES || memoryBytes + length > MEMORY_LIMIT_BYTES) return;
  const body = await response.clone().arrayBuffer();
  if (body.byteLength > MEMORY_ENTRY_LIMIT_BYTES || memoryBytes + body.byteLength > MEMORY_LIMIT_BYTES) return;
  memory.set(key, { body, status: response.status, statusText: response.statusText, headers: [...response.headers] });
  memoryBytes += body.byteLength;
}

async function fromCacheThenNetwork(request, cacheName, { ignoreSearch = false, lookIn = null } = {}) {
  const key = ignoreSearch ? request.url.split('?')[0] : request.url;
  const kept = fromMemory(key);
  if (kept) return kept;
  const options = { ignoreSearch, ignoreVary: true };
  const cached = lookIn ? await (await namedCache(lookIn)).match(request, options) : await caches.match(request, options);
  if (cached) {
    await remember(key, cached);
    return cached;
  }
  const response = await fetch(request);
  if (cacheName && response.ok && response.status === 200) {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const path = request.url.slice(SCOPE.length).split('?')[0];
  if (request.headers.has('range')) return;  // media seeking: straight to the network
  if (path.startsWith('courses/')) {
    // The catalog changes as courses are published: network first. Course files never change.
    event.respondWith(path === 'courses/catalog.json'
      ? fromNetworkThenCache(request, COURSE_CACHE)
      : fromCacheThenNetwork(request, COURSE_CACHE, { lookIn: COURSE_CACHE }));
    return;
  }
  if (request.mode === 'navigate' && (path === '' || path.endsWith('/'))) {
    // A folder's page (the catalog at '', the verifier at verify/) is precached as its index.html.
    event.respondWith(caches.match(new URL(`${path}index.html`, SCOPE).href).then((cached) => cached || fetch(request)));
    return;
  }
  // Shell files: the versioned cache (player.html?course=… is player.html), else the network. The canvas player's
  // page and module are kept there when first fetched, so they work offline after a first visit; nothing else
  // is kept (an issuer's status list beside the site must always come fresh).
  const lazy = LAZY_ASSETS.has(path);
  event.respondWith(fromCacheThenNetwork(request, lazy ? SHELL_CACHE : null, { ignoreSearch: request.mode === 'navigate', lookIn: SHELL_CACHE }));
});
