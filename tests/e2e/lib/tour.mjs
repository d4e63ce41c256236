// The screenshot tour's course and shots (issue 27): a sample course opened up so every block can be reached
// directly, and each screen saved at 390 px and 1280 px, light and dark, with axe-core and the 320 px reflow
// check on each. Shared by the HTML tour (tour.test.mjs) and the canvas tour (canvas-tour.test.mjs).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SITE_DIR, ARTIFACTS_DIR, buildTestSite } from './browser.mjs';
import { axeViolations } from './axe.mjs';

export const TOUR_DIR = join(ARTIFACTS_DIR, 'tour');
export const TOUR_SIZES = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];
export const SCHEMES = ['light', 'dark'];
export const TOUR_COURSE = 'tour-course';

// A test site whose catalog is the published one plus `tour-course`: inclusive-meetings (every block type
// but video, which no sample course has yet) with the canvas fixture's video block added, its modules all
// open (so the tour opens each block without playing through), played as an author's preview (no manifest).
// Returns { site, course }.
export function buildTourSite(name) {
  const site = buildTestSite(name);
  const folder = join(site, 'courses', TOUR_COURSE, '1.0.0');
  cpSync(join(ROOT, 'content/inclusive-meetings'), folder, { recursive: true });
  const fixture = join(ROOT, 'tests/fixtures/canvas-course');
  const video = JSON.parse(readFileSync(join(fixture, 'course.json'), 'utf8')).modules.flatMap((m) => m.blocks).find((b) => b.type === 'video');
  for (const file of [video.src, video.captions, video.transcript]) cpSync(join(fixture, file), join(folder, file));
  const course = JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8'));
  course.id = TOUR_COURSE;
  course.title = 'Inclusive meetings (screenshot tour)';  // told apart from the sample course in the catalog
  course.completion.sequentialModules = false;
  course.modules[0].blocks.splice(1, 0, { ...video, id: 'tour-video' });
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course, null, 2));
  const catalog = JSON.parse(readFileSync(join(SITE_DIR, 'courses/catalog.json'), 'utf8'));
  catalog.courses.push({ id: TOUR_COURSE, version: course.version, path: `${TOUR_COURSE}/1.0.0` });
  writeFileSync(join(site, 'courses/catalog.json'), JSON.stringify(catalog, null, 2));
  mkdirSync(TOUR_DIR, { recursive: true });
  return { site, course };
}

// The first block of each type, in course order.
export function blockPerType(course) {
  const seen = new Map();
  for (const block of course.modules.flatMap((m) => m.blocks)) if (!seen.has(block.type)) seen.set(block.type, block);
  return [...seen.values()];
}

// Saves `name` at each size in each scheme (tour/NAME-WIDTH-SCHEME.png) and checks it: axe-core clean, and no
// sideways scroll at 320 px (400% zoom of a 1280 px window). `settle` waits for the page to redraw after a
// resize; `schemes` are the ones this page can switch to now (the canvas picks its theme when it starts).
// Returns the problems found, as sentences.
export async function tourShots(page, name, { settle = async () => {}, schemes = SCHEMES } = {}) {
  const problems = [];
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of TOUR_SIZES) {
      await page.setViewportSize(size);
      await settle();
      writeFileSync(join(TOUR_DIR, `${name}-${size.width}-${scheme}.png`), await page.screenshot({ fullPage: true }));
      for (const violation of await axeViolations(page)) problems.push(`${name} at ${size.width} px, ${scheme}: ${violation}`);
    }
  }
  await page.setViewportSize({ width: 320, height: 640 });
  await settle();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`${name} scrolls sideways by ${overflow} px at 320 px wide`);
  const leaked = await page.evaluate(() => document.body.innerText.match(/\b(?:null|undefined|NaN)\b|\[object Object\]/g));
  if (leaked) problems.push(`${name} shows a programming value as text: ${[...new Set(leaked)].join(', ')}`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle();
  return problems;
}
