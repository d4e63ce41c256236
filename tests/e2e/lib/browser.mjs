// Shared set-up for the browser tests: serves build/site on a free loopback port and drives Debian's
// chromium headless through playwright-core, collecting console errors per page.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync, cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite } from '../../../scripts/lib/serve.mjs';
import http from 'node:http';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SITE_DIR = join(ROOT, 'build/site');
export const ARTIFACTS_DIR = join(ROOT, 'build/test-artifacts');
export const FIXTURES_DIR = join(ROOT, 'tests/e2e/fixtures');

// The built site plus the test courses (tests/e2e/fixtures/site and the golden course), in a folder of
// its own so build/site stays what ships. Returns the folder.
export function buildTestSite(name = 'e2e-site') {
  const target = join(ROOT, 'build', name);
  rmSync(target, { recursive: true, force: true });
  // canvas-player.test.mjs writes its own courses into build/site/test-courses while other files may run.
  const testCourses = join(SITE_DIR, 'test-courses');
  cpSync(SITE_DIR, target, { recursive: true, filter: (source) => !source.startsWith(testCourses) });
  cpSync(join(FIXTURES_DIR, 'site'), target, { recursive: true });
  const golden = join(target, 'courses/golden-course/1.0.0');
  mkdirSync(golden, { recursive: true });
  cpSync(join(ROOT, 'tests/golden/course/valid/course.json'), join(golden, 'course.json'));
  if (!existsSync(join(target, 'modules/runtime.wasm'))) throw new Error(`${SITE_DIR} has no runtime: build the wasm preset first`);
  return target;
}

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // WebGL2 in software, so the canvas player renders without a GPU.
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

// Starts the server and a browser; returns { baseUrl, context, newPage, close }. Options: site (folder,
// default build/site), prefix (serve under a sub-path), extraRoutes (see serve.mjs), profile (reuse a
// chromium profile folder; kept on close), gzip (compress as a static host does), device (playwright context
// options: deviceScaleFactor, hasTouch, viewport…), port (the same origin again after a crash; 0 = any).
export async function startBrowser({ site = SITE_DIR, prefix = '/', extraRoutes = {}, profile: givenProfile, gzip = false,
  device = {}, port = 0 } = {}) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const server = await serveSite(site, { port, prefix, extraRoutes, gzip });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const baseUrl = `${origin}${prefix.endsWith('/') ? prefix : `${prefix}/`}`;
  const profile = givenProfile || mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.TESSERA_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    ...device,  // e.g. { deviceScaleFactor: 2, hasTouch: true, viewport: {...} }
  });

  // A page whose console errors and uncaught exceptions are kept in page.consoleErrors.
  async function newPage() {
    const page = await context.newPage();
    page.consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') page.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => page.consoleErrors.push(`uncaught: ${error.message}`));
    // Unpacked test courses (courses/…, test-courses/…) have no manifest.json: the player asks, gets 404 and
    // plays them as previews.
    // Those answers are expected; any other failed request is an error.
    page.failedRequests = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && !/courses\/.+\/manifest\.json$/.test(response.url())) {
        page.failedRequests.push(`${response.status()} ${response.url()}`);
      }
    });
    // `expected`: what this test provokes on purpose (e.g. an LRS's 409 for a statement it already holds).
    page.unexpectedErrors = (expected = null) => page.consoleErrors.filter((text) => !/status of 404/.test(text))
      .concat(page.failedRequests).filter((text) => !expected?.test(text));
    return page;
  }

  async function close() {
    await context.close();
    server.closeAllConnections?.();
    await new Promise((done) => server.close(done));
    if (!givenProfile) rmSync(profile, { recursive: true, force: true });
  }
  // Kills the browser process outright (SIGKILL: what a crash or the system's out-of-memory killer does, no
  // unload, no flush), then stops the server; the profile stays for the next start.
  async function crash() {
    const main = browserProcesses(profile)[0];
    if (!main) throw new Error(`no chromium process uses the profile ${profile}`);
    process.kill(main, 'SIGKILL');
    await context.close().catch(() => {});
    server.closeAllConnections?.();
    await new Promise((done) => server.close(done));
  }

  return { baseUrl, origin, context, newPage, close, crash, server, profile };
}

// The pids of chromium processes started with this profile, the browser's own (the oldest) first.
function browserProcesses(profile) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args;
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;  // gone meanwhile
    }
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((arg) => arg.startsWith('--type='))) found.push(Number(pid));
  }
  return found.sort((a, b) => a - b);
}

// Starts recording what `page` pulls over the wire, with the browser cache off. Returns report(): the
// bytes transferred by path (relative to the site), after which the cache is on again.
export async function recordTransfer(browser, page) {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const bytes = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => urls.set(requestId, response.url));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => bytes.set(requestId, encodedDataLength));
  return async function report() {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    const files = {};
    for (const [id, size] of bytes) {
      const path = (urls.get(id) || '').replace(browser.baseUrl, '');
      files[path] = (files[path] || 0) + size;
    }
    return files;
  };
}

// A plain GET through node:http (the scripts run node without its fetch; see scripts/lib/common.sh).
// `path` is sent exactly as given, with no URL normalisation, so tests can send hostile paths.
export function httpGet(baseUrl, path) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((done, fail) => {
    const request = http.request({ hostname, port, path, method: 'GET' }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', fail);
    request.end();
  });
}

// The text of the file the page downloads when `trigger` runs (a click on a download button).
export async function downloadText(page, trigger) {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return readFileSync(await file.path(), 'utf8');
}
