// The web app's budgets in headless chromium: first load of the catalog page (no runtime, no course.json, gzip
// transfer) ≤ 150 KB; first load of the HTML player (shell + runtime, gzip transfer) ≤ 300 KB; offline reload to
// interactive ≤ 300 ms (median of 10); event write p95 ≤ 10 ms; no
// main-thread long task over 200 ms while a key is backed up (Argon2id), a completion proof signed and verified
// (the credentials module in its worker; the same work on the main thread is the baseline, in the same run).
// Prints one line per budget and writes build/bench/web.json. Exits 1 when a budget is missed.
// usage: node scripts/lib/web-bench.mjs   (after the wasm preset built the site: build/site)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, buildTestSite, recordTransfer, ROOT } from '../../tests/e2e/lib/browser.mjs';

const BUDGETS = { homeFirstLoadKB: 150, firstLoadKB: 300, offlineReloadMs: 300, eventWriteP95Ms: 10, longestTaskMs: 200 };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * p) - 1)];

const site = buildTestSite('bench-site');
const browser = await startBrowser({ site, gzip: true });
const results = {};
try {
  // 1. First load, no service worker yet: every byte the player page pulls over the wire, by kind.
  const page = await browser.newPage();
  const transfer = await recordTransfer(browser, page);
  await page.goto(new URL('player.html?course=keyboard-course&no-sw', browser.baseUrl).href);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  await page.waitForTimeout(200);
  const files = Object.entries(await transfer());
  const ofCourse = ([path]) => path.startsWith('courses/');
  const kb = (entries) => entries.reduce((total, [, size]) => total + size, 0) / 1024;
  results.firstLoadKB = kb(files.filter((file) => !ofCourse(file)));
  results.firstLoadCourseKB = kb(files.filter(ofCourse));
  results.firstLoadFiles = Object.fromEntries(files.filter((file) => !ofCourse(file)));

  // 2. Event write: the store's appendEvent (one transaction each, awaited until committed).
  results.eventWritesMs = await page.evaluate(async () => {
    // eslint-disable-next-line import-x/no-unresolved -- runs in the page: the URL is the site's js/store/db.js
    const { appendEvent } = await import('./js/store/db.js');
    const times = [];
    for (let seq = 0; seq < 200; seq += 1) {
      const event = { seq, type: 'block.opened', t: 1798761600000 + seq, payload: { block: 'welcome' }, prev: 'x'.repeat(64) };
      const start = performance.now();
      await appendEvent('learner-bench', 'bench-course', event);
      times.push(performance.now() - start);
    }
    return times;
  });
  results.eventWriteP95Ms = percentile(results.eventWritesMs, 0.95);
  results.eventWriteMedianMs = median(results.eventWritesMs);
  await page.close();

  // 3. Offline reload to interactive: first visit installs the service worker; then offline, 10 reloads.
  const offline = await browser.newPage();
  await offline.goto(new URL('player.html?course=keyboard-course', browser.baseUrl).href);
  await offline.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active), null, { timeout: 30000 });
  await offline.reload();
  await offline.waitForFunction(() => Boolean(navigator.serviceWorker.controller) && document.body.dataset.ready === 'true', null, { timeout: 30000 });
  await browser.context.setOffline(true);
  const reloads = [];
  const phases = { domContentLoaded: [], runtimeReady: [], courseChecked: [], sessionOpen: [] };
  for (let i = 0; i < 10; i += 1) {
    await offline.reload();
    await offline.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    const times = await offline.evaluate(() => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        interactive: mark('tessera-interactive'),
        domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        runtimeReady: mark('tessera-runtime-ready'),
        courseChecked: mark('tessera-course-checked'),
        sessionOpen: mark('tessera-session-open'),
      };
    });
    reloads.push(times.interactive);
    for (const phase of Object.keys(phases)) phases[phase].push(times[phase]);
  }
  // Where the time goes (medians, ms since navigation): the page's scripts, the runtime compiled, the
  // course checked against its manifest, the session opened from the stored record.
  results.offlineReloadPhasesMs = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(median(v))]));
  await browser.context.setOffline(false);
  results.offlineReloadsMs = reloads;
  results.offlineReloadMs = median(reloads);
  await offline.close();

  // 4. Long tasks (the Long Tasks API) on the main thread while the credentials module backs up a key, signs
  // a completion proof of the golden record and verifies it: in its worker, then on the main thread.
  results.longTasks = await longTasksOfCredentialWork(await browser.newPage());
  results.longestTaskMs = Math.max(...Object.values(results.longTasks.worker).map((row) => row.longestMs));
} finally {
  await browser.close();
}

// 5. The catalog page's first load, no service worker yet, from the published site (each course's card in
// catalog.json): every byte over the wire. It loads no runtime and no course.json.
{
  const home = await startBrowser({ gzip: true });
  try {
    const page = await home.newPage();
    const transfer = await recordTransfer(home, page);
    await page.goto(`${home.baseUrl}?no-sw`);
    await page.waitForFunction(() => document.getElementById('catalog-status').dataset.state === 'ready', null, { timeout: 30000 });
    await page.waitForTimeout(200);
    const files = await transfer();
    results.homeFirstLoadKB = Object.values(files).reduce((total, size) => total + size, 0) / 1024;
    results.homeFirstLoadFiles = files;
  } finally {
    await home.close();
  }
}

async function longTasksOfCredentialWork(page) {
  await page.goto(new URL('settings.html?no-sw', browser.baseUrl).href);
  const golden = (name) => readFileSync(join(ROOT, 'tests/golden/credential', name), 'utf8');
  const events = `[${golden('completed-record.jsonl').trim().split('\n').join(',')}]`;
  return page.evaluate(async ([courseText, eventsJson]) => {
    // eslint-disable-next-line import-x/no-unresolved -- runs in the page: the URL is the site's js/runtime.js
    const { credentialsInWorker, loadCredentials } = await import('./js/runtime.js');
    const hex = (bytes) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    const seed = hex(32);
    const measure = async (work) => {
      const tasks = [];
      const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((entry) => entry.duration)));
      observer.observe({ type: 'longtask' });
      const start = performance.now();
      // Started from a timer, as a page's click handler would: work run inside the DevTools protocol's own
      // evaluation is not reported as a long task.
      await new Promise((done, fail) => { setTimeout(() => Promise.resolve().then(work).then(done, fail), 0); });
      await new Promise((done) => { setTimeout(done, 100); });  // let the last task's entry arrive
      observer.disconnect();
      return { longestMs: Math.round(Math.max(0, ...tasks)), count: tasks.length, totalMs: Math.round(performance.now() - start - 100) };
    };
    const run = async (credentials) => {
      await credentials.learnerKeyGenerate(seed);  // load and compile the module before measuring
      let proof;
      return {
        keyBackup: await measure(() => credentials.learnerKeyExport(seed, 'a long enough passphrase', hex(16), hex(24))),
        sign: await measure(async () => {
          proof = JSON.parse(await credentials.completionProof(courseText, eventsJson, seed, hex(32), '2027-01-02T00:00:00Z', false)).proof;
        }),
        verify: await measure(() => credentials.verifyCredential(JSON.stringify(proof), JSON.stringify({ now: '2027-01-03T00:00:00Z' }))),
      };
    };
    return { worker: await run(credentialsInWorker()), mainThread: await run(await loadCredentials()) };
  }, [golden('course.json'), events]);
}

const rows = [
  ['first load of the catalog page (gzip KB)', results.homeFirstLoadKB, BUDGETS.homeFirstLoadKB],
  ['first load of the HTML player (gzip KB)', results.firstLoadKB, BUDGETS.firstLoadKB],
  ['offline reload to interactive (median ms)', results.offlineReloadMs, BUDGETS.offlineReloadMs],
  ['event write p95 (ms)', results.eventWriteP95Ms, BUDGETS.eventWriteP95Ms],
  ['longest main-thread task, credentials (ms)', results.longestTaskMs, BUDGETS.longestTaskMs],
];
let missed = 0;
for (const [name, value, budget] of rows) {
  const ok = value <= budget;
  if (!ok) missed += 1;
  console.log(`${name.padEnd(44)} ${value.toFixed(1).padStart(8)}  budget ${String(budget).padStart(4)}  ${ok ? 'ok' : 'OVER BUDGET'}`);
}
console.log(`(the course itself added ${results.firstLoadCourseKB.toFixed(1)} KB; event write median ${results.eventWriteMedianMs.toFixed(2)} ms)`);
for (const [work, inWorker] of Object.entries(results.longTasks.worker)) {
  const onMain = results.longTasks.mainThread[work];
  console.log(`(${work}: longest main-thread task ${inWorker.longestMs} ms in the worker, ${onMain.longestMs} ms on the main thread` +
    ` — ratio ${(inWorker.longestMs / Math.max(1, onMain.longestMs)).toFixed(2)}; ${inWorker.totalMs} ms of work)`);
}
console.log(`(offline reload phases, median ms: ${Object.entries(results.offlineReloadPhasesMs).map(([k, v]) => `${k} ${v}`).join(', ')})`);
const out = join(ROOT, 'build/bench');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'web.json'), `${JSON.stringify({ budgets: BUDGETS, ...results }, null, 2)}\n`);
console.log(`wrote ${join(out, 'web.json')}`);
process.exit(missed ? 1 : 0);
