// The report `tessera insights` writes (tests/cli/insights.test.mjs checks its numbers): the page of the known
// cohort passes axe-core's WCAG A and AA rules with no violation, breaks none of its own Content-Security-Policy
// (a console error would say so), draws its charts, and leaves a screenshot in build/test-artifacts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBrowser, ROOT, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';
import { cohortCourse, cohortSteps, packCourse, recordText } from '../lib/insights-cohort.mjs';

const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const work = mkdtempSync(join(tmpdir(), 'tessera-insights-report-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('insights report: no axe-core violation, no CSP breach, charts drawn; screenshot saved', async () => {
  const pkg = packCourse(TESSERA, work, cohortCourse());
  const records = Array.from({ length: 20 }, (_, i) => {
    const file = join(work, `cohort-${i}.jsonl`);
    writeFileSync(file, recordText(cohortSteps(i), Date.UTC(2026, 0, 1) + i * 3_600_000));
    return file;
  });
  const out = join(work, 'report');
  const run = spawnSync(TESSERA, ['insights', ...records, '--course', pkg, '--out', out], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const browser = await startBrowser({ site: out });
  try {
    const page = await browser.newPage();
    // Opened from the disk, as an author opens it (the test server's own CSP header is for the site, not this).
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    assert.equal(await page.locator('svg[role="img"]').count() >= 6, true, 'the charts are drawn');
    // The pre-test skip rates and the box plot of the meters at the end (one box: the lost ending is a small group).
    assert.equal(await page.locator('svg[aria-labelledby="chart-skips-t"] rect.series0').count(), 2);
    assert.equal(await page.locator('svg[aria-labelledby="chart-meters-t"] line.whisker').count(), 1);
    // The style element is allowed by its hash: were it blocked, the tables would have no borders.
    assert.equal(await page.locator('th').first().evaluate((th) => getComputedStyle(th).borderTopStyle), 'solid');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.consoleErrors, []);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'insights-report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
