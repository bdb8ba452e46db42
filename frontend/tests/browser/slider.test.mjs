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

test('dragging across the histogram sets a range window', async () => {
  const dated = datasetFeatures(FIXTURE).filter((f) => f.properties.event_date !== null);
  const days = dated.map((f) => dayOf(f.properties.event_date));
  const [min, max] = [Math.min(...days), Math.max(...days)];
  // The histogram's bins (histogram.rs): at most 400 bars of `per` days.
  const per = Math.max(1, Math.ceil((max - min + 1) / 400));
  const bars = Math.ceil((max - min + 1) / per);
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await page.locator('#in-view-only').uncheck();
  const box = await page.locator('#histogram').boundingBox();
  const y = box.y + box.height / 2;
  const [x1, x2] = [Math.round(box.x + box.width * 0.3), Math.round(box.x + box.width * 0.45)];
  const dayAt = (x) => min + Math.floor(((x - box.x) / box.width) * bars * per);
  await afterChange(page, async () => {
    await page.mouse.move(x1, y);
    await page.mouse.down();
    await page.mouse.move(x2, y, { steps: 8 });
    await page.mouse.up();
  });
  assert.equal(await page.locator('#unit').inputValue(), 'range');
  const from = dayOf(await page.locator('#from').inputValue());
  const to = dayOf(await page.locator('#to').inputValue());
  assert.ok(Math.abs(from - dayAt(x1)) <= per && Math.abs(to - dayAt(x2)) <= per,
    `window ${from}..${to} for a drag over ${dayAt(x1)}..${dayAt(x2)}`);
  const inside = days.filter((d) => d >= from && d <= to).length;
  assert.ok(inside > 0 && inside < dated.length);
  assert.equal(Number(await page.locator('#shown-count').textContent()), inside);
  const listed = await page.locator('#event-list .event-row .date').allTextContents();
  assert.ok(listed.length > 0 && listed.every((d) => dayOf(d) >= from && dayOf(d) <= to), `list dates: ${listed.slice(0, 5)}`);
  const drawn = await rendered(page);
  assert.equal(drawn.total, inside, 'the map draws the window');
  // The shaded window covers the dragged part of the histogram.
  const shade = await page.locator('#histogram rect.window').evaluate((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))]);
  assert.ok(Math.abs(shade[0] - (from - min) / per) < 1 && shade[1] > 0, `shade ${shade}`);
  await screenshot(page, '05-histogram-range');
  assert.deepEqual(errors, []);
  await context.close();
});
