// The canvas player on a high-density touch screen (devicePixelRatio 2, a phone-sized viewport): the canvas
// draws at device pixels with fonts rasterised for them, widgets sit where the UI map says, a tap is a
// click and a finger drag scrolls the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, ARTIFACTS_DIR, FIXTURES_DIR, ROOT } from './lib/browser.mjs';
import { click, find, playCourse, settle, ui, untilWriterLocksFree } from './lib/canvas-driver.mjs';

const VIEWPORT = { width: 412, height: 860 };
let browser;
before(async () => {
  browser = await startBrowser({ device: { deviceScaleFactor: 2, hasTouch: true, viewport: VIEWPORT } });
});
after(async () => { await browser?.close(); });

async function openCourse() {
  const page = await browser.newPage();
  await untilWriterLocksFree(browser);
  await page.goto(new URL('canvas.html?course=courses/inclusive-meetings/', browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui && window.tesseraPlayer.ui.screen === 'overview' &&
    !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await settle(page);
  return page;
}

// A finger drag on the canvas through the DevTools protocol (playwright has taps only).
async function fingerDrag(page, from, to, steps = 8) {
  const cdp = await browser.context.newCDPSession(page);
  const point = (p) => [{ x: p.x, y: p.y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove', touchPoints: point({ x: from.x + (to.x - from.x) * i / steps, y: from.y + (to.y - from.y) * i / steps }),
    });
    await page.waitForTimeout(30);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await settle(page);
}

test('at devicePixelRatio 2 the canvas has twice the pixels and fills the window below the page header', async () => {
  const page = await openCourse();
  const size = await page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight };
  });
  assert.equal(size.cssWidth, VIEWPORT.width, 'the canvas spans the window');
  assert.equal(size.width, size.cssWidth * 2, `backing store ${size.width} for ${size.cssWidth} CSS px`);
  assert.equal(size.height, size.cssHeight * 2);
  // The page itself does not scroll: the canvas takes what the (wrapped) header leaves.
  const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: window.innerHeight,
    bottom: document.getElementById('canvas').getBoundingClientRect().bottom }));
  assert.ok(page_.scroll <= page_.inner && Math.abs(page_.bottom - page_.inner) <= 1, JSON.stringify(page_));
  // The UI map is in CSS pixels, and on a phone nothing runs off the right edge: the top bar's navigation
  // and the button rows wrap.
  const state = await ui(page);
  for (const widget of state.widgets) {
    assert.ok(widget.x >= 0 && widget.x + widget.w <= size.cssWidth + 1, `${widget.id} at x ${widget.x} w ${widget.w}`);
  }
  const bar = state.widgets.filter((w) => w.id.startsWith('nav-'));
  // On a wide screen it sits right of the brand; here it starts a row of its own at the left edge.
  assert.ok(bar.length >= 4 && bar[0].x < size.cssWidth / 4, `the navigation starts at x ${bar[0]?.x}`);
  writeFileSync(join(ARTIFACTS_DIR, 'canvas-phone-hidpi.png'), await page.screenshot());
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('on a touch screen a finger drag scrolls the screen and a tap opens a block', async () => {
  const page = await openCourse();
  const origin = await page.locator('#canvas').boundingBox();
  assert.ok((await ui(page)).scroll.max > 200, 'the overview is longer than a phone screen');
  // Up the screen from a point over text and card backgrounds, not over a widget (a drag there is the
  // widget's: a slider's, a row's), as a thumb would.
  const low = { x: origin.x + origin.width * 0.15, y: origin.y + origin.height * 0.8 };
  const under = (await ui(page)).widgets.find((w) => low.x - origin.x >= w.x && low.x - origin.x <= w.x + w.w &&
    low.y - origin.y >= w.y && low.y - origin.y <= w.y + w.h);
  assert.equal(under, undefined, 'the drag starts on empty space');
  const high = { x: low.x, y: origin.y + origin.height * 0.35 };
  await fingerDrag(page, low, high);
  const scrolled = (await ui(page)).scroll.y;
  assert.ok(scrolled > 100, `a finger drag of ${Math.round(low.y - high.y)} px scrolled to ${scrolled}`);
  writeFileSync(join(ARTIFACTS_DIR, 'canvas-phone-scrolled.png'), await page.screenshot());
  await fingerDrag(page, high, low);
  assert.ok((await ui(page)).scroll.y < scrolled, 'dragging down scrolls back up');
  const target = await find(page, 'continue');
  await page.touchscreen.tap(origin.x + target.x + Math.min(target.w / 2, 40), origin.y + target.y + target.h / 2);
  await settle(page);
  assert.equal((await ui(page)).screen, 'block', 'a tap on Start opens the first block');
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('the wallet on a phone puts the QR code below the credential, whole on screen', async () => {
  const credential = readFileSync(join(ROOT, 'tests/golden/ob3-ldp/signed.json'), 'utf8');
  const page = await browser.newPage();
  await page.addInitScript((text) => {
    window.tesseraStore = {
      kind: 'test store', persistent: true,
      async load() { return []; },
      async append() {},
      async wallet() { return [JSON.parse(text)]; },
    };
  }, credential);
  await page.goto(new URL('canvas.html?course=courses/inclusive-meetings/', browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui?.screen === 'overview' && !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  await click(page, 'nav-wallet');
  const qr = await find(page, 'qr-0');
  const width = (await page.locator('#canvas').boundingBox()).width;
  assert.ok(qr.x >= 0 && qr.x + qr.w <= width, `QR code at x ${qr.x}, ${qr.w} wide, on a ${width} px screen`);
  assert.ok(qr.w >= 150, `QR code ${qr.w} px: big enough to scan`);
  writeFileSync(join(ARTIFACTS_DIR, 'canvas-phone-wallet.png'), await page.screenshot());
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test('a learner plays a whole course on the phone: long options wrap, images fit, rows below the fold are reached', async () => {
  const courseDir = join(ROOT, 'content/spotting-phishing');
  const answers = JSON.parse(readFileSync(join(FIXTURES_DIR, 'answers/spotting-phishing.json'), 'utf8'));
  const page = await browser.newPage();
  await untilWriterLocksFree(browser);
  await page.goto(new URL('canvas.html?course=courses/spotting-phishing/', browser.baseUrl).href);
  await page.waitForFunction(() => window.tesseraPlayer?.ui?.screen === 'overview' && !window.tesseraPlayer.ui.busy, null, { timeout: 60000 });
  const width = (await page.locator('#canvas').boundingBox()).width;
  const shot = new Set();
  await playCourse(page, {
    courseDir,
    answers,
    onFailure: async () => { writeFileSync(join(ARTIFACTS_DIR, 'canvas-phone-failure.png'), await page.screenshot()); },
    shoot: async (kind) => {
      // Nothing on any screen runs past the right edge.
      for (const widget of (await ui(page)).widgets) {
        assert.ok(widget.x + widget.w <= width + 1, `${kind}: ${widget.id} ends at ${widget.x + widget.w} on a ${width} px screen`);
      }
      if (shot.has(kind) || !['assessment', 'quiz-answered', 'scenario-node', 'image'].includes(kind)) return;
      shot.add(kind);
      writeFileSync(join(ARTIFACTS_DIR, `canvas-phone-${kind}.png`), await page.screenshot());
    },
  });
  const summary = (await ui(page)).summary;
  assert.equal(summary.complete, true, `the course is complete: ${JSON.stringify(summary.progress)}`);
  for (const [scenario, spec] of Object.entries(answers.scenarios || {})) {
    const run = Object.values(summary.scenarios).find((r) => r.scenario === scenario);
    assert.equal(run?.node, spec.ending, `${scenario} ended at ${spec.ending}`);
  }
  assert.deepEqual(page.unexpectedErrors(), []);
  await page.close();
});
