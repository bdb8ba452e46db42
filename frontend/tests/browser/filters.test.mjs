// Filters: event type, actor, minimum fatalities and text each narrow the
// events shown (the count, the list and the map) to exactly those matching.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitDrawn, afterChange, rendered, datasetFeatures, fixture, DIST } from './harness.mjs';

let server;
let chromium;
const FIXTURE = fixture(1000);
before(async () => { server = await serve(DIST, { '/data/events.geojson': FIXTURE }); chromium = await launch(); });
after(async () => { await chromium?.close(); await server?.close(); });

const TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'];
const SUBTYPES = {
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
};

test('each filter narrows the count, the list and the map to what matches', async () => {
  const dated = datasetFeatures(FIXTURE).filter((f) => f.properties.event_date !== null).map((f) => f.properties);
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await page.locator('#in-view-only').uncheck();
  const shown = async () => Number(await page.locator('#shown-count').textContent());
  assert.equal(await shown(), dated.length);

  // Event type: only protests.
  for (const [i, type] of TYPES.entries()) {
    if (type !== 'Protests') await afterChange(page, () => page.locator(`#type-${i}`).uncheck());
  }
  const protests = dated.filter((p) => p.event_type === 'Protests');
  assert.ok(protests.length > 0 && protests.length < dated.length);
  assert.equal(await shown(), protests.length);
  const subs = await page.locator('#event-list .event-row .sub').allTextContents();
  assert.ok(subs.length > 0 && subs.every((s) => SUBTYPES.Protests.includes(s)), `list: ${subs.slice(0, 5)}`);
  assert.equal((await rendered(page)).total, protests.length);
  for (const [i, type] of TYPES.entries()) {
    if (type !== 'Protests') await afterChange(page, () => page.locator(`#type-${i}`).check());
  }
  assert.equal(await shown(), dated.length);

  // Minimum fatalities.
  const deadly = dated.filter((p) => (p.fatalities ?? 0) >= 50);
  assert.ok(deadly.length > 0 && deadly.length < dated.length);
  await afterChange(page, () => page.locator('#min-fatalities').fill('50'));
  assert.equal(await shown(), deadly.length);
  const counts = await page.locator('#event-list .event-row .fatalities').allTextContents();
  assert.ok(counts.length > 0 && counts.every((c) => Number(c) >= 50), `list: ${counts.slice(0, 5)}`);
  await afterChange(page, () => page.locator('#min-fatalities').fill('0'));

  // Actor, as actor1 or actor2.
  const actor = 'Jaish al-Islam';
  const theirs = dated.filter((p) => p.actor1 === actor || p.actor2 === actor);
  assert.ok(theirs.length > 0);
  await afterChange(page, () => page.locator('#actor').selectOption(actor));
  assert.equal(await shown(), theirs.length);
  await afterChange(page, () => page.locator('#actor').selectOption(''));

  // Text: a place name, case-insensitive.
  const douma = dated.filter((p) => [p.notes, p.location, p.admin1, p.actor1, p.actor2, p.sub_event_type,
    ...p.sources.map((s) => s.title)].some((x) => x?.toLowerCase().includes('douma')));
  assert.ok(douma.length > 0 && douma.length < dated.length);
  await afterChange(page, () => page.locator('#search').fill('DOUMA'));
  assert.equal(await shown(), douma.length);
  const places = await page.locator('#event-list .event-row .place').allTextContents();
  assert.ok(places.length > 0 && places.every((p) => /Douma/.test(p)), `list: ${places.slice(0, 5)}`);
  assert.equal((await rendered(page)).total, douma.length);
  assert.deepEqual(errors, []);
  await context.close();
});
