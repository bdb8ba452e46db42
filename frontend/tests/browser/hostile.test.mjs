// Open GeoJSON: hostile text shows literally and runs nothing; a broken file
// gives a message and the data stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitDrawn, afterChange, screenshot } from './harness.mjs';

let server;
let chromium;
let dir;
before(async () => {
  server = await serve();
  chromium = await launch();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventmap-hostile-'));
});
after(async () => {
  await chromium?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';
const JS_URL = 'javascript:window.__pwned=1';

function hostile() {
  const feature = (id, date, mention) => ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [36.4027, 33.5718] },
    properties: {
      event_id: id, event_date: date, time_precision: 1, event_type: 'Battles', sub_event_type: 'Armed clash',
      actor1: `${SVG} militia`, actor2: null, location: `Douma ${IMG}`, admin1: SCRIPT, admin2: null, country: 'SY',
      geo_precision: 1, place_mention: mention, place_id: `curated:${SVG}`, fatalities: 3,
      notes: `Clashes in ${IMG} Douma ${SCRIPT} and ${SVG} after <a href="${JS_URL}">click</a>.`,
      sources: [{ article_id: `a-${id}`, title: `${SCRIPT} title ${IMG}`, source: `${SVG}`, date: '2018-04-07', url: JS_URL }],
      background: false,
    },
  });
  return { type: 'FeatureCollection', features: [feature('h1', '2018-04-07', IMG), feature('h2', '2018-04-08', 'Douma')] };
}

test('hostile GeoJSON shows its text literally and runs nothing', async () => {
  const file = path.join(dir, 'hostile.geojson');
  fs.writeFileSync(file, JSON.stringify(hostile()));
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await afterChange(page, () => page.locator('#open-geojson').setInputFiles(file));
  assert.equal(await page.locator('#shown-count').textContent(), '2');
  assert.match(await page.locator('#message-text').textContent(), /Opened hostile\.geojson: 2 events/);

  for (const i of [0, 1]) {
    await page.locator('#event-list .event-row').nth(i).click();
    const notes = await page.locator('#detail-notes').textContent();
    assert.equal(notes, hostile().features[0].properties.notes, 'notes shown literally');
    const detail = page.locator('#event-detail');
    assert.equal(await detail.locator('img, script, svg, iframe').count(), 0, 'no markup from data');
    assert.equal(await detail.locator('a').count(), 0, 'no javascript: link');
    assert.ok((await page.locator('#detail-sources').textContent()).includes(`${SCRIPT} title ${IMG}`));
    assert.ok((await page.locator('#detail-actors').textContent()).includes(SVG));
    assert.equal(await detail.locator('mark').count(), 1);
  }
  assert.equal(await page.locator('#detail-notes mark').textContent(), 'Douma');
  await page.locator('#event-list .event-row').nth(0).click();
  assert.equal(await page.locator('#detail-notes mark').textContent(), IMG);
  await page.waitForTimeout(300);
  await screenshot(page, '06-hostile');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('body img, body script:not([src]), body svg:not(#histogram) svg').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken GeoJSON gives a message and keeps the data', async () => {
  const broken = path.join(dir, 'broken.geojson');
  fs.writeFileSync(broken, '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":');
  const wrong = path.join(dir, 'wrong.geojson');
  fs.writeFileSync(wrong, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [500, 1] }, properties: {} }] }));
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  const before = await page.locator('#shown-count').textContent();
  for (const [file, pattern] of [[broken, /broken\.geojson: not JSON/], [wrong, /wrong\.geojson: feature 0/]]) {
    await page.locator('#open-geojson').setInputFiles(file);
    await page.waitForFunction(() => document.querySelector('#message')?.classList.contains('error'));
    assert.match(await page.locator('#message-text').textContent(), pattern);
    assert.match(await page.locator('#message-text').textContent(), /unchanged/);
    assert.equal(await page.locator('#shown-count').textContent(), before);
    await page.locator('#message .close').click();
  }
  await page.locator('#open-geojson').setInputFiles(broken);
  await page.waitForFunction(() => document.querySelector('#message')?.classList.contains('error'));
  await screenshot(page, '07-broken');
  assert.deepEqual(errors, []);
  await context.close();
});
