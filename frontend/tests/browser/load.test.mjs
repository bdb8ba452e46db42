// The page loads the dataset, shows every dated event (background summaries
// are hidden until asked for), draws them all, lists the undated apart,
// restores state from the URL, and logs no errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitDrawn, rendered, screenshot, datasetFeatures, fixture, DIST } from './harness.mjs';

let server;
let synthetic;
let chromium;
const FIXTURE = fixture(1000);
before(async () => {
  server = await serve();
  synthetic = await serve(DIST, { '/data/events.geojson': FIXTURE });
  chromium = await launch();
});
after(async () => { await chromium?.close(); await server?.close(); await synthetic?.close(); });

test('loads the demo events, shows and draws every dated one, no console errors', async () => {
  const features = datasetFeatures();
  const current = features.filter((f) => !f.properties.background);
  const dated = current.filter((f) => f.properties.event_date !== null).length;
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await screenshot(page, '01-load');
  const text = (id) => page.locator(`#${id}`).textContent();
  assert.equal(Number(await text('shown-count')), dated);
  assert.equal(Number(await text('total-count')), features.length);
  assert.equal(Number(await text('undated-count')), current.length - dated);
  // The map fits to the dated events in the Levant (the basemap's region);
  // any farther away (a UN vote in New York) are named in the status line.
  const inRegion = (f) => {
    const [x, y] = f.geometry.coordinates;
    return x >= 24 && x <= 50 && y >= 28 && y <= 43;
  };
  const datedFeatures = current.filter((f) => f.properties.event_date !== null);
  const near = datedFeatures.filter(inRegion);
  const far = datedFeatures.filter((f) => !inRegion(f));
  const drawn = await rendered(page);
  if (near.length > 0) {
    assert.ok(drawn.total >= near.length && drawn.total <= dated, `the map fits to the events: ${drawn.total} drawn, ${near.length} in the region`);
    const zoom = await page.evaluate(() => window.__eventmap.map.getZoom());
    assert.ok(zoom >= 4, `fitted to the region, zoom ${zoom}`);
  } else {
    assert.equal(drawn.total, dated, 'the map fits to the data: every dated event is drawn');
  }
  if (far.length > 0) {
    assert.match(await page.locator('#message-text').textContent(), /outside the Levant/);
  }
  // Attribution of every source.
  const attribution = await page.locator('.maplibregl-ctrl-attrib').textContent();
  for (const s of ["Who's On First", 'GeoNames (CC BY 4.0)', 'Made with Natural Earth', 'MapLibre']) {
    assert.ok(attribution.includes(s), `attribution names ${s}: ${attribution}`);
  }
  await page.waitForTimeout(500);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the URL restores window, mode, filters, selection and view', async () => {
  const features = datasetFeatures(FIXTURE);
  const pick = features.find((f) => f.properties.event_date?.startsWith('2018-04')
    && f.properties.event_type === 'Battles');
  assert.ok(pick, 'the dataset has a battle in April 2018');
  const hash = `#from=2018-04-01&to=2018-04-30&unit=month&types=100000&sel=${encodeURIComponent(pick.properties.event_id)}&map=36.8,35.2,7.00`;
  const { page, context, errors } = await openPage(chromium.browser, synthetic.url + hash);
  await waitDrawn(page);
  assert.equal(await page.locator('#range-words').textContent(), '1–30 April 2018');
  assert.equal(await page.locator('#unit').inputValue(), 'month');
  assert.equal(await page.locator('#type-1').isChecked(), false);
  assert.equal(await page.locator('#type-0').isChecked(), true);
  const expected = features.filter((f) => f.properties.event_date?.startsWith('2018-04')
    && f.properties.event_type === 'Battles').length;
  assert.equal(Number(await page.locator('#shown-count').textContent()), expected);
  assert.equal(await page.locator('#detail-type').textContent(), 'Battles');
  assert.equal(await page.locator('#detail-notes').textContent(), pick.properties.notes);
  const zoom = await page.evaluate(() => window.__eventmap.map.getZoom());
  assert.ok(Math.abs(zoom - 7) < 0.01, `zoom ${zoom}`);
  await screenshot(page, '02-url-state');
  assert.deepEqual(errors, []);
  await context.close();
});
