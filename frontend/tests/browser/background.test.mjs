// Background summaries ("fell to rebels in 2012", told in a 2018 article)
// are hidden until asked for, so they do not stretch the time line by years;
// the toggle shows them, widens the slider and is kept in the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitDrawn, afterChange, datasetFeatures, dayOf, DIST } from './harness.mjs';

let server;
let chromium;
// The demo corpus: its articles look back to 2012.
before(async () => { server = await serve(DIST); chromium = await launch(); });
after(async () => { await chromium?.close(); await server?.close(); });

test('background summaries are hidden until shown, and the slider follows', async () => {
  const dated = datasetFeatures().map((f) => f.properties).filter((p) => p.event_date !== null);
  const current = dated.filter((p) => !p.background);
  const first = (list) => Math.min(...list.map((p) => dayOf(p.event_date)));
  assert.ok(current.length < dated.length, 'the demo data has background summaries');
  assert.ok(first(dated) < first(current), 'a summary reaches further back than the reports');

  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  await page.locator('#in-view-only').uncheck();
  const shown = async () => Number(await page.locator('#shown-count').textContent());
  const sliderMin = async () => Number(await page.locator('#time-slider').getAttribute('min'));
  assert.equal(await shown(), current.length);
  assert.equal(await sliderMin(), first(current));

  await afterChange(page, () => page.locator('#show-background').check());
  assert.equal(await shown(), dated.length);
  assert.equal(await sliderMin(), first(dated));
  await page.waitForFunction(() => window.location.hash.includes('bg=1'));

  await afterChange(page, () => page.locator('#show-background').uncheck());
  assert.equal(await shown(), current.length);
  assert.equal(await sliderMin(), first(current));
  assert.deepEqual(errors, []);
  await context.close();
});
