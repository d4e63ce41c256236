// Expiry notices in the browser, with the page clock set (playwright's clock, UTC): a credential for
// inclusive-meetings valid until 30 June 2026 has no notice in April, then the dashboard shows the 60-, 30- and
// 7-day notices with the way to renew it (the course's renewBy rule, worded by the runtime, then the author's
// text), and once expired the wallet card says how to renew it. Checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, ARTIFACTS_DIR } from './lib/browser.mjs';
import { axeViolations } from './lib/axe.mjs';

const LEARNER = 'learner-renewal-notices';
const ID = 'urn:uuid:renewal-notice-badge';
// inclusive-meetings renews by {"assessment": "final"}, whose block is in "Accessible materials and follow-up".
const RENEW = 'To renew it, pass the assessment of Accessible materials and follow-up again. '
  + 'Retake the final assessment every 24 months to renew.';
let browser;

before(async () => {
  browser = await startBrowser({ device: { timezoneId: 'UTC' } });
});
after(async () => { await browser?.close(); });

async function setUp(page) {
  await browser.context.clock.setFixedTime(Date.parse('2026-04-01T09:00:00Z'));
  await page.goto(new URL('index.html', browser.baseUrl).href);
  await page.evaluate(async ([learner, id]) => {
    localStorage.setItem('tessera.learner', learner);
    const { putRow } = await import(new URL('js/store/db.js', document.baseURI).href);
    await putRow('wallet', { id, kind: 'credential', name: 'Inclusive meeting practitioner', issuer: 'Test issuer',
      added: '2026-04-01T09:00:00Z', validUntil: '2026-06-30T00:00:00Z',
      document: { id, credentialSubject: { achievement: { id: 'urn:tessera:course:inclusive-meetings:1.0.0' } } } });
  }, [LEARNER, ID]);
}

async function dashboardAt(page, iso) {
  await browser.context.clock.setFixedTime(Date.parse(iso));
  await page.goto(new URL('dashboard.html', browser.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('dashboard-status').textContent === '' && document.body.dataset.notified, null, { timeout: 30000 });
  return {
    banners: await page.$$eval('#reminders [data-reminder="expiry"] a', (links) => links.map((a) => [a.textContent, a.getAttribute('href')])),
    hint: await page.$$eval('#dashboard-wallet .renew-hint a', (links) => links.map((a) => [a.textContent, a.getAttribute('href')])),
  };
}

test('the 60-, 30- and 7-day notices say how to renew; an expired credential in the wallet says it too', async () => {
  const page = await browser.newPage();
  await setUp(page);
  const renewHref = 'course.html?id=inclusive-meetings';

  // 20 April, 12:00: 70 days and 12 hours before — no notice yet.
  assert.deepEqual((await dashboardAt(page, '2026-04-20T12:00:00Z')).banners, []);

  // 1 May, 12:00: 59½ days left (from 1 May 00:00, 60 days before): the 60-day notice, "in 60 days" (a part day counts).
  assert.deepEqual((await dashboardAt(page, '2026-05-01T12:00:00Z')).banners,
    [[`Inclusive meeting practitioner expires on 2026-06-30, in 60 days. ${RENEW}`, renewHref]]);

  // 5 June, 12:00: 24½ days left: the 30-day notice (from 31 May).
  assert.deepEqual((await dashboardAt(page, '2026-06-05T12:00:00Z')).banners,
    [[`Inclusive meeting practitioner expires on 2026-06-30, in 25 days. ${RENEW}`, renewHref]]);

  // 25 June, 12:00: 4½ days left: the 7-day notice (from 23 June). No hint on the card while it is valid.
  const week = await dashboardAt(page, '2026-06-25T12:00:00Z');
  assert.deepEqual(week.banners, [[`Inclusive meeting practitioner expires on 2026-06-30, in 5 days. ${RENEW}`, renewHref]]);
  assert.deepEqual(week.hint, []);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/renewal-notice-7-days.png`, fullPage: true });

  // 2 July: expired. The banner says so, and the wallet card says how to renew.
  const expired = await dashboardAt(page, '2026-07-02T12:00:00Z');
  assert.deepEqual(expired.banners, [[`Inclusive meeting practitioner expired on 2026-06-30. ${RENEW}`, renewHref]]);
  assert.deepEqual(expired.hint, [[`This credential has expired. ${RENEW}`, renewHref]]);
  await page.locator('#dashboard-wallet').screenshot({ path: `${ARTIFACTS_DIR}/renewal-expired-wallet.png` });
  assert.deepEqual(await axeViolations(page), []);

  // The same in French, from the same runtime decision.
  await page.evaluate(() => localStorage.setItem('tessera.settings', JSON.stringify({ language: 'fr' })));
  const french = await dashboardAt(page, '2026-07-02T12:00:00Z');
  assert.match(french.banners[0][0], /^Inclusive meeting practitioner a expiré le 2026-06-30\. Pour le renouveler, réussissez à nouveau l’évaluation de /);
  assert.match(french.hint[0][0], /^Ce titre a expiré\. Pour le renouveler, réussissez/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.unexpectedErrors(), []);
});
