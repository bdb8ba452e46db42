// Hostile input: GeoJSON and articles whose text carries markup show it
// literally and run nothing; a broken or hostile GeoJSON file (not JSON,
// wrong types, too many features, coordinates out of range, properties
// missing) gives a message and the data stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitDrawn, afterChange, screenshot, DIST } from './harness.mjs';

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

test('hostile article text, title, source and URL show literally and run nothing', async (t) => {
  if (!fs.existsSync(path.join(DIST, 'data', 'gazetteer.bin'))) {
    t.skip('no dist/data/gazetteer.bin');
    return;
  }
  // The pasted text: a short first line without a full stop is its headline.
  const pastedTitle = `${IMG} ${SVG}`;
  const pasted = `${pastedTitle}\n\nAir strikes killed 12 civilians in Douma on Tuesday ${SCRIPT}, the Syrian Observatory said ${IMG}.`;
  // A chosen .jsonl file: every field but the text carries a payload too.
  const line = {
    id: 'hostile-1', date: '2018-04-12', title: `${SCRIPT} title ${IMG}`, source: `${SVG} news`, url: JS_URL,
    text: `Air strikes killed 12 civilians in Douma on Tuesday, the Syrian Observatory said ${SVG} <a href="${JS_URL}">more</a>.`,
  };
  const file = path.join(dir, 'hostile.jsonl');
  fs.writeFileSync(file, `${JSON.stringify(line)}\n`);

  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await page.locator('#add-articles').click();
  await page.locator('#article-text').fill(pasted);
  await page.locator('#article-date').fill('2018-04-12');
  await page.locator('#article-files').setInputFiles(file);
  await page.locator('#add-panel li', { hasText: 'hostile.jsonl' }).waitFor();
  await afterChange(page, () => page.locator('#extract').click(), 60_000);
  const message = await page.locator('#message-text').textContent();
  assert.match(message, /Added [1-9]\d* events? from 2 inputs/);

  const rows = page.locator('#event-list .event-row:has(.badge)');
  const n = await rows.count();
  assert.ok(n > 0, 'the articles gave events');
  const notes = [];
  const sources = [];
  for (let i = 0; i < n; i += 1) {
    await rows.nth(i).click();
    const detail = page.locator('#event-detail');
    notes.push(await page.locator('#detail-notes').textContent());
    sources.push(await page.locator('#detail-sources').textContent());
    assert.equal(await detail.locator('img, script, svg, iframe, object, embed').count(), 0, 'no markup from data');
    assert.equal(await detail.locator('a').count(), 0, 'no link: neither URL is http(s)');
  }
  const all = (xs) => xs.join('\n');
  // The text shows literally: the sentence with its payload, as written.
  assert.ok(notes.some((x) => x.includes(SCRIPT) || x.includes(SVG) || x.includes(IMG)), `notes: ${all(notes)}`);
  for (const literal of [line.title, line.source, JS_URL, pastedTitle]) {
    assert.ok(all(sources).includes(literal), `sources show ${literal}: ${all(sources)}`);
  }
  await screenshot(page, '09-hostile-article');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('body img, body script:not([src]), body svg:not(#histogram) svg').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Writes `count` small valid features as a FeatureCollection, streamed. */
async function manyFeatures(file, count) {
  const out = fs.createWriteStream(file);
  const write = (text) => (out.write(text) ? null : new Promise((r) => out.once('drain', r)));
  await write('{"type":"FeatureCollection","features":[');
  let chunk = '';
  for (let i = 0; i < count; i += 1) {
    chunk += `${i ? ',' : ''}{"type":"Feature","geometry":{"type":"Point","coordinates":[36.4,33.5]},"properties":`
      + `{"event_id":"m${i}","time_precision":1,"event_type":"Battles","sub_event_type":"Armed clash","location":"",`
      + `"country":"SY","geo_precision":1,"place_mention":"","place_id":"","notes":"","sources":[],"background":false}}`;
    if (chunk.length > 1 << 20) { await write(chunk); chunk = ''; }
  }
  await write(`${chunk}]}`);
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
}

test('a broken or hostile GeoJSON gives a message and keeps the data', async () => {
  const valid = hostile().features[1];
  const collection = (...features) => JSON.stringify({ type: 'FeatureCollection', features });
  const cases = [
    ['not JSON', 'broken.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":', /broken\.geojson: not JSON/],
    ['wrong types', 'types.geojson', collection({ ...valid, properties: { ...valid.properties, fatalities: 'twelve' } }),
      /types\.geojson: feature 0: properties: invalid type: string "twelve"/],
    ['too many features', 'million.geojson', null, /million\.geojson: more than the 1000000 features this reader accepts/],
    ['coordinates out of range', 'range.geojson', collection(valid, { ...valid, geometry: { type: 'Point', coordinates: [500, 1] } }),
      /range\.geojson: feature 1: coordinates \[500, 1\] out of range/],
    ['properties missing', 'missing.geojson', collection({ type: 'Feature', geometry: valid.geometry }),
      /missing\.geojson: feature 0: "properties" must be an object/],
    ['properties incomplete', 'partial.geojson', collection({ ...valid, properties: { event_id: 'x' } }),
      /partial\.geojson: feature 0: properties: missing field/],
  ];
  for (const [, name, text] of cases) {
    const file = path.join(dir, name);
    if (text === null) await manyFeatures(file, 1_000_001);
    else fs.writeFileSync(file, text);
  }
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  const before = await page.locator('#shown-count').textContent();
  const total = await page.locator('#total-count').textContent();
  for (const [what, name, , pattern] of cases) {
    await page.locator('#open-geojson').setInputFiles(path.join(dir, name));
    await page.waitForFunction(() => document.querySelector('#message')?.classList.contains('error'), null, { timeout: 180_000 });
    const message = await page.locator('#message-text').textContent();
    assert.match(message, pattern, what);
    assert.match(message, /The data shown is unchanged\./, what);
    assert.equal(await page.locator('#shown-count').textContent(), before, what);
    assert.equal(await page.locator('#total-count').textContent(), total, what);
    await page.locator('#message .close').click();
  }
  await page.locator('#open-geojson').setInputFiles(path.join(dir, 'broken.geojson'));
  await page.waitForFunction(() => document.querySelector('#message')?.classList.contains('error'));
  await screenshot(page, '07-broken');
  assert.deepEqual(errors, []);
  await context.close();
});
