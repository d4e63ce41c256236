// Browser tests of the assembled site: pages load under the CSP, the runtime's version comes from C++,
// the canvas player draws Dear ImGui frames, and the server answers with the right content types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { startBrowser, httpGet, ROOT, ARTIFACTS_DIR, SITE_DIR } from './lib/browser.mjs';
import { decodePng, distinctColours } from './lib/png.mjs';

const projectVersion = readFileSync(join(ROOT, 'CMakeLists.txt'), 'utf8')
  .match(/project\(tessera VERSION (\d+\.\d+\.\d+)/)[1];

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('the settings page shows the runtime version that the C++ runtime reports', async () => {
  const page = await browser.newPage();
  await page.goto(new URL('settings.html', browser.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('runtime-version').dataset.state !== 'loading');
  assert.equal(await page.textContent('#runtime-version'), `${projectVersion} (wasm)`);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('the catalog page needs catalog.json alone: no runtime, no course.json, and its first load fits 150 KB gzip', async () => {
  const page = await browser.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`${browser.baseUrl}?no-sw`);
  await page.waitForFunction(() => document.getElementById('catalog-status').dataset.state === 'ready');
  const status = await page.textContent('#catalog-status');
  assert.doesNotMatch(status, /could not be loaded|Loading/);
  assert.deepEqual(requested.filter((path) => /\.wasm$|runtime\.mjs$|course\.json$/.test(path)), []);
  // Every card has its facts from catalog.json: duration, level, credential, languages and publisher.
  const cards = await page.locator('#course-list > li').count();
  assert.ok(cards >= 4, `${cards} cards`);
  for (let i = 0; i < cards; i += 1) {
    const terms = await page.locator('#course-list > li').nth(i).locator('dt').allTextContents();
    assert.deepEqual(terms, ['Duration', 'Level', 'Credential', 'Valid for', 'Languages', 'Published by'], `card ${i}`);
  }
  // What the page downloaded, compressed as a static host sends it (the bench measures the same over the wire).
  const files = [...new Set(requested)].filter((path) => !path.endsWith('/') || path === '/');
  const bytes = files.map((path) => join(SITE_DIR, path === '/' ? 'index.html' : path))
    .filter((file) => existsSync(file)).reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  assert.ok(bytes / 1024 <= 150, `the catalog page's first load is ${(bytes / 1024).toFixed(1)} KB gzip: ${files.join(' ')}`);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('the canvas player draws a Dear ImGui frame with WebGL2', async () => {
  const page = await browser.newPage();
  await page.goto(new URL('canvas.html', browser.baseUrl).href);
  await page.waitForFunction(
    () => Number(document.getElementById('canvas').dataset.framesPresented || 0) >= 3,
    null, { timeout: 30000 });
  const png = await page.locator('#canvas').screenshot();
  writeFileSync(join(ARTIFACTS_DIR, 'canvas-player.png'), png);
  const image = decodePng(png);
  assert.ok(image.width >= 600 && image.height >= 300, `canvas is ${image.width}×${image.height}`);
  // A cleared but undrawn canvas has one colour; ImGui's window, text and separator add many.
  const colours = distinctColours(image);
  assert.ok(colours > 1, `the canvas shows ${colours} colour(s); ImGui drew nothing`);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('the server sends pages and Wasm with the right content types and a CSP', async () => {
  const cases = [
    ['/', 'text/html; charset=utf-8'],
    ['/player.html', 'text/html; charset=utf-8'],
    ['/canvas.html', 'text/html; charset=utf-8'],
    ['/modules/runtime.wasm', 'application/wasm'],
    ['/modules/player.wasm', 'application/wasm'],
    ['/modules/runtime.mjs', 'text/javascript; charset=utf-8'],
  ];
  for (const [path, type] of cases) {
    const response = await httpGet(browser.baseUrl, path);
    assert.equal(response.status, 200, `${path} answered ${response.status}`);
    assert.equal(response.headers['content-type'], type, path);
    assert.match(response.headers['content-security-policy'], /default-src 'self'/, path);
  }
  const wasm = await httpGet(browser.baseUrl, '/modules/runtime.wasm');
  assert.equal(wasm.body.readUInt32BE(0), 0x0061736d, 'runtime.wasm starts with the Wasm magic number');
  assert.equal((await httpGet(browser.baseUrl, '/no-such-page.html')).status, 404);
  const escape = await httpGet(browser.baseUrl, '/..%2f..%2fCMakeLists.txt');
  assert.equal(escape.status, 404, 'the server must not serve files outside the site folder');
});

test('every page shell links to files the site serves and marks its own nav entry as current', async () => {
  const pages = ['/', '/course.html', '/dashboard.html', '/settings.html', '/player.html', '/canvas.html', '/verify/'];
  for (const path of pages) {
    const pageUrl = new URL(path, browser.baseUrl);
    const html = (await httpGet(browser.baseUrl, path)).body.toString('utf8');
    // The shell is everything before <main>: the head and the site header with its navigation.
    const shell = html.slice(0, html.indexOf('<main'));
    for (const [, link] of shell.matchAll(/(?:href|src)="([^"#]+)"/g)) {
      const target = new URL(link, pageUrl);
      const response = await httpGet(browser.baseUrl, target.pathname);
      assert.equal(response.status, 200, `${path} links to ${link}, which answers ${response.status}`);
    }
    const navLinks = [...shell.matchAll(/<li><a href="([^"]+)"([^>]*)>/g)]
      .map(([, href, rest]) => ({ url: new URL(href, pageUrl).href, current: rest.includes('aria-current="page"') }));
    assert.ok(navLinks.length >= 3, `${path} has its site navigation`);
    const current = navLinks.filter((link) => link.current).map((link) => link.url);
    const own = navLinks.filter((link) => link.url === pageUrl.href).map((link) => link.url);
    assert.deepEqual(current, own, `${path}: the nav entry marked current is the page's own`);
  }
});
