// Adding articles: a pasted article's events appear at once, marked as
// added; a 10 MB paste is extracted window by window with progress shown;
// files dropped on the drop zone are read and extracted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, waitDrawn, afterChange, screenshot, articleText, DIST } from './harness.mjs';

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

/** Opens the page with the add-articles panel, or skips when it cannot extract. */
async function openPanel(t) {
  if (!fs.existsSync(path.join(DIST, 'data', 'gazetteer.bin'))) {
    t.skip('no dist/data/gazetteer.bin');
    return null;
  }
  const opened = await openPage(chromium.browser, server.url);
  await waitDrawn(opened.page);
  if (await opened.page.locator('#add-articles').isDisabled()) {
    t.skip('add-articles is not in this build');
    await opened.context.close();
    return null;
  }
  await opened.page.locator('#add-articles').click();
  return opened;
}

test('a 10 MB paste is extracted in steps with progress, then added', async (t) => {
  const opened = await openPanel(t);
  if (!opened) return;
  const { page, context, errors } = opened;
  const before = Number(await page.locator('#total-count').textContent());
  const text = articleText(10_000_000);
  await page.locator('#article-text').evaluate((el, value) => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  // Record every progress value and button label the page shows.
  await page.evaluate(() => {
    window.__progress = [];
    window.__labels = new Set();
    const record = () => {
      const bar = document.querySelector('#extract-progress');
      if (bar && !bar.classList.contains('hidden')) window.__progress.push(Number(bar.getAttribute('value')));
      const button = document.querySelector('#extract');
      if (button) window.__labels.add(button.textContent);
    };
    new MutationObserver(record).observe(document.body, { attributes: true, childList: true, subtree: true, characterData: true });
  });
  await afterChange(page, () => page.locator('#extract').click(), 300_000);
  const message = await page.locator('#message-text').textContent();
  assert.match(message, /^Added [1-9]\d* events? from 1 input/);
  assert.ok(Number(await page.locator('#total-count').textContent()) > before, 'events were added');
  const progress = await page.evaluate(() => window.__progress);
  const labels = await page.evaluate(() => [...window.__labels]);
  const between = [...new Set(progress.filter((v) => v > 0 && v < 1))];
  assert.ok(between.length >= 10, `progress took intermediate values: ${between.slice(0, 20)}`);
  assert.ok(progress.every((v, i) => i === 0 || v >= progress[i - 1] || v === 0), 'progress never goes back');
  assert.ok(labels.some((l) => /^Extracting… ([1-9]|[1-9]\d)%$/.test(l)), `button shows a percentage: ${labels.slice(0, 10)}`);
  assert.equal(await page.locator('#extract-progress').count() === 0
    || await page.locator('#extract-progress').evaluate((el) => el.classList.contains('hidden')), true, 'progress hidden when done');
  assert.deepEqual(errors, []);
  await context.close();
});

test('files dropped on the drop zone are read and extracted', async (t) => {
  const opened = await openPanel(t);
  if (!opened) return;
  const { page, context, errors } = opened;
  const zone = page.locator('#add-panel .drop');
  // A synthetic drag and drop with a DataTransfer built in the page.
  const dropped = await page.evaluateHandle((articles) => {
    const transfer = new DataTransfer();
    for (const [name, text] of articles) transfer.items.add(new File([text], name, { type: 'text/plain' }));
    return transfer;
  }, [
    ['dropped.txt', 'date: 2018-04-10\n\nGovernment forces shelled Harasta on Tuesday, killing 7 people, activists said.'],
    ['dropped.jsonl', `${JSON.stringify({ id: 'j1', date: '2018-04-11', title: 'Saraqib strike', source: 'Test wire', text: 'Air strikes killed 9 civilians in Saraqib on Wednesday, the Syrian Observatory said.' })}\n`],
  ]);
  await zone.dispatchEvent('dragover', { dataTransfer: dropped });
  assert.ok(await zone.evaluate((el) => el.classList.contains('over')), 'the zone shows it will take the drop');
  await zone.dispatchEvent('drop', { dataTransfer: dropped });
  await page.locator('#add-panel li', { hasText: 'dropped.jsonl' }).waitFor();
  assert.match(await page.locator('#add-panel .drop').textContent(), /dropped\.txt \(\d+ bytes\)/);
  assert.ok(!(await zone.evaluate((el) => el.classList.contains('over'))));
  await afterChange(page, () => page.locator('#extract').click(), 60_000);
  assert.match(await page.locator('#message-text').textContent(), /^Added [1-9]\d* events? from 2 inputs/);
  // The map flies to the first added event: list beyond its view too.
  await page.locator('#in-view-only').uncheck();
  const places = (await page.locator('#event-list .event-row:has(.badge) .place').allTextContents()).join(' ');
  assert.match(places, /Harasta/);
  assert.match(places, /Saraqib/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the country the reporting is on places a name found in two countries', async (t) => {
  const opened = await openPanel(t);
  if (!opened) return;
  const { page, context, errors } = opened;
  // Qahtaniyah: a town near Qamishli (Syria) and a village near Sinjar
  // (Iraq); the article names no other place that would decide.
  const article = 'Air strikes hit Qahtaniyah on Monday, killing three people, a monitor said.';
  const placed = async (country) => {
    if (!(await page.locator('#add-panel').isVisible())) await page.locator('#add-articles').click();
    if (country) await page.locator('#article-country').selectOption(country);
    await page.locator('#article-text').fill(article);
    await page.locator('#article-date').fill('2018-04-10');
    if (country) await screenshot(page, '09-reporting-country');
    await afterChange(page, () => page.locator('#extract').click(), 60_000);
    assert.match(await page.locator('#message-text').textContent(), /^Added 1 event from 1 input/);
    return page.locator('#event-detail').textContent();
  };
  assert.equal(await page.locator('#article-country').inputValue(), 'SY', 'Syria by default');
  const syria = await placed(null);
  assert.match(syria, /Hasakah/);
  assert.match(syria, /\bSY\b/);
  const iraq = await placed('IQ');
  assert.match(iraq, /Ninawa/);
  assert.match(iraq, /\bIQ\b/);
  assert.deepEqual(errors, []);
  await context.close();
});
