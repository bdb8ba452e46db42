// Pasting an article adds its events at once, marked as added.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, waitDrawn, screenshot, DIST } from './harness.mjs';

let server;
let chromium;
before(async () => { server = await serve(); chromium = await launch(); });
after(async () => { await chromium?.close(); await server?.close(); });

const ARTICLE = `Syrian and Russian air strikes killed at least 40 civilians in Douma on Friday, `
  + `activists said. Jaish al-Islam fighters clashed with government forces near Harasta.`;

test('pasting an article adds its events', async (t) => {
  if (!fs.existsSync(path.join(DIST, 'data', 'gazetteer.bin'))) {
    t.skip('no dist/data/gazetteer.bin: build the gazetteer into public/data/ first');
    return;
  }
  const { page, context, errors } = await openPage(chromium.browser, server.url);
  await waitDrawn(page);
  if (await page.locator('#add-articles').isDisabled()) {
    t.skip('add-articles is not in this build (frontend feature "articles" off until shared::pipeline exists)');
    await context.close();
    return;
  }
  const before = Number(await page.locator('#total-count').textContent());
  await page.locator('#add-articles').click();
  await page.locator('#article-text').fill(ARTICLE);
  await page.locator('#article-date').fill('2018-04-08');
  await page.locator('#extract').click();
  await page.waitForFunction((b) => Number(document.querySelector('#total-count').textContent) > b
    || document.querySelector('#message')?.classList.contains('error'), before, { timeout: 60_000 });
  const message = await page.locator('#message-text').textContent();
  assert.ok(!(await page.locator('#message').getAttribute('class')).includes('error'), `extraction failed: ${message}`);
  await waitDrawn(page);
  assert.match(message, /Added \d+ event/);
  assert.ok(await page.locator('#event-list .event-row .badge').count() > 0, 'new rows are marked as added');
  assert.equal(await page.locator('#event-detail .badge').textContent(), 'added');
  const drawnAdded = await page.evaluate(() => window.__eventmap.map
    .queryRenderedFeatures({ layers: ['events'] }).filter((f) => f.properties.a === 1).length);
  assert.ok(drawnAdded > 0, 'the map draws the added events');
  await screenshot(page, '08-added');
  assert.deepEqual(errors, []);
  await context.close();
});
