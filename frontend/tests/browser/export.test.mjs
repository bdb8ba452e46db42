// Export downloads exactly the events shown (window + filters) as an RFC 7946
// FeatureCollection of our schema, named by the date range; CSV likewise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openPage, waitDrawn, afterChange, screenshot, datasetFeatures, dayOf, fixture, DIST } from './harness.mjs';

let server;
let chromium;
// A synthetic dataset with events over 2016-2020 (the demo corpus may not span it).
const FIXTURE = fixture(1000);
before(async () => { server = await serve(DIST, { '/data/events.geojson': FIXTURE }); chromium = await launch(); });
after(async () => { await chromium?.close(); await server?.close(); });

const KEYS = ['event_id', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'actor2',
  'location', 'admin1', 'admin2', 'country', 'geo_precision', 'place_mention', 'place_id', 'fatalities',
  'notes', 'sources', 'background'];

function assertFeatureCollection(fc) {
  assert.equal(fc.type, 'FeatureCollection');
  assert.ok(Array.isArray(fc.features));
  for (const f of fc.features) {
    assert.equal(f.type, 'Feature');
    assert.equal(f.geometry.type, 'Point');
    const [lon, lat] = f.geometry.coordinates;
    assert.equal(f.geometry.coordinates.length, 2);
    assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, 'RFC 7946 [lon, lat] order');
    assert.deepEqual(Object.keys(f.properties).sort(), [...KEYS].sort(), 'every schema key present');
    assert.match(f.properties.event_date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok([1, 2, 3].includes(f.properties.time_precision));
    assert.ok([1, 2, 3].includes(f.properties.geo_precision));
    assert.ok(Array.isArray(f.properties.sources));
  }
}

test('export GeoJSON and CSV hold exactly the visible events', async () => {
  const features = datasetFeatures(FIXTURE);
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await afterChange(page, () => page.locator('#unit').selectOption('month'));
  await afterChange(page, () => page.locator('#time-slider').evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, dayOf('2018-04-01')));
  // A filter too: no strategic developments (the map may have none to drop).
  await page.locator('#type-5').uncheck();
  await waitDrawn(page);
  const expected = features
    .filter((f) => f.properties.event_date?.startsWith('2018-04') && f.properties.event_type !== 'Strategic developments')
    .map((f) => f.properties.event_id).sort();
  assert.equal(Number(await page.locator('#shown-count').textContent()), expected.length);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-geojson').click()]);
  assert.equal(download.suggestedFilename(), 'eventmap_2018-04-01_2018-04-30.geojson');
  const fc = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assertFeatureCollection(fc);
  assert.deepEqual(fc.features.map((f) => f.properties.event_id).sort(), expected);
  // The same events as the input, property for property.
  const byId = new Map(features.map((f) => [f.properties.event_id, f]));
  for (const f of fc.features) assert.deepEqual(f.properties, byId.get(f.properties.event_id).properties);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  assert.equal(csv.suggestedFilename(), 'eventmap_2018-04-01_2018-04-30.csv');
  const text = fs.readFileSync(await csv.path(), 'utf8');
  assert.match(text.split('\n')[0], /event_id/);
  for (const id of expected) assert.ok(text.includes(id), `CSV holds ${id}`);
  await screenshot(page, '05-export');
  assert.deepEqual(errors, []);
  await context.close();
});
