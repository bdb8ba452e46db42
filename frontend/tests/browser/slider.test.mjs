// The time slider: month window on April 2018 shows April 2018 (list and
// map), hides 2016; arrow keys step one unit; play advances the window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitDrawn, afterChange, rendered, screenshot, datasetFeatures, dayOf, fixture, DIST } from './harness.mjs';

let server;
let chromium;
// A synthetic dataset with events over 2016-2020 (the demo corpus may not span it).
const FIXTURE = fixture(1000);
before(async () => { server = await serve(DIST, { '/data/events.geojson': FIXTURE }); chromium = await launch(); });
after(async () => { await chromium?.close(); await server?.close(); });

async function setSlider(page, day) {
  await page.locator('#time-slider').evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, day);
}

test('moving the slider to April 2018 shows April 2018 and hides 2016', async () => {
  const features = datasetFeatures(FIXTURE);
  const april = features.filter((f) => f.properties.event_date?.startsWith('2018-04'));
  assert.ok(april.length > 0);
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await afterChange(page, () => page.locator('#unit').selectOption('month'));
  await afterChange(page, () => setSlider(page, dayOf('2018-04-15')));
  assert.equal(await page.locator('#range-words').textContent(), '1–30 April 2018');
  assert.equal(Number(await page.locator('#shown-count').textContent()), april.length);

  const dates = await page.locator('#event-list .event-row .date').allTextContents();
  assert.ok(dates.length > 0);
  assert.ok(dates.every((d) => d.startsWith('2018-04')), `list dates: ${dates}`);

  const drawn = await rendered(page);
  assert.equal(drawn.total, april.length);
  const [lo, hi] = [dayOf('2018-04-01'), dayOf('2018-04-30')];
  assert.ok(drawn.days.every((d) => d >= lo && d <= hi), 'only April 2018 is drawn');
  assert.ok(!drawn.days.some((d) => d < dayOf('2017-01-01')), 'no 2016 event is drawn');
  await screenshot(page, '03-april-2018');

  // Arrow keys step one unit.
  await page.locator('#time-slider').focus();
  await afterChange(page, () => page.keyboard.press('ArrowRight'));
  assert.equal(await page.locator('#range-words').textContent(), '1–31 May 2018');
  await afterChange(page, () => page.keyboard.press('ArrowLeft'));
  assert.equal(await page.locator('#range-words').textContent(), '1–30 April 2018');
  assert.deepEqual(errors, []);
  await context.close();
});

test('week window reads as a range in words; play advances the window', async () => {
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await afterChange(page, () => page.locator('#unit').selectOption('week'));
  await afterChange(page, () => setSlider(page, dayOf('2018-04-06')));
  assert.equal(await page.locator('#range-words').textContent(), '6–12 April 2018');

  const start = await page.locator('#time-slider').inputValue();
  await page.locator('#speed').selectOption('4');
  await page.locator('#play').click();
  await page.waitForFunction((s) => Number(document.querySelector('#time-slider').value) >= Number(s) + 14, start);
  await screenshot(page, '04-playing');
  await page.locator('#play').click();
  assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'false');
  const stopped = await page.locator('#time-slider').inputValue();
  await page.waitForTimeout(600);
  assert.equal(await page.locator('#time-slider').inputValue(), stopped, 'pause stops the window');
  assert.ok((Number(stopped) - Number(start)) % 7 === 0, 'play steps by whole weeks');
  await waitDrawn(page);
  assert.deepEqual(errors, []);
  await context.close();
});
