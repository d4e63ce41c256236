// Shared set-up for the browser tests: serves build/site on a free loopback port and drives Debian's
// chromium headless through playwright-core, collecting console errors per page.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite } from '../../../scripts/lib/serve.mjs';
import http from 'node:http';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SITE_DIR = join(ROOT, 'build/site');
export const ARTIFACTS_DIR = join(ROOT, 'build/test-artifacts');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // WebGL2 in software, so the canvas player renders without a GPU.
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

// Starts the server and a browser; returns { baseUrl, browser, newPage, close }.
export async function startBrowser() {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const server = await serveSite(SITE_DIR, { port: 0 });
  const baseUrl = `http://127.0.0.1:${server.address().port}/`;
  const profile = mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.TESSERA_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });

  // A page whose console errors and uncaught exceptions are kept in page.consoleErrors.
  async function newPage() {
    const page = await context.newPage();
    page.consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') page.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => page.consoleErrors.push(`uncaught: ${error.message}`));
    return page;
  }

  async function close() {
    await context.close();
    await new Promise((done) => server.close(done));
    rmSync(profile, { recursive: true, force: true });
  }
  return { baseUrl, context, newPage, close };
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
