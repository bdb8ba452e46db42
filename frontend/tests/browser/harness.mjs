// Shared by the browser tests and scripts/bench-page.mjs: a tiny static HTTP
// server over dist/ (own port, loopback), headless Chromium via playwright-core
// (the system's /usr/bin/chromium, never `playwright install`), and waits on
// the page's readiness attributes:
//   <html data-ready="1">   the dataset load finished (or failed with a message)
//                           and the map has been given it (from data-gen on)
//   <html data-gen="N">     the events layer got its Nth data
//   <html data-drawn="N">   the map was idle after the Nth data (drawn)
// and window.__eventmap.map, the MapLibre map (queryRenderedFeatures).

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = process.env.EVENTMAP_DIST ?? path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.geojson': 'application/geo+json', '.bin': 'application/octet-stream', '.map': 'application/json',
};

/** Serves `root` on 127.0.0.1 at a free port; `overrides` maps URL paths to files. */
export async function serve(root = DIST, overrides = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = overrides[rel] ?? path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
    if (!overrides[rel] && !file.startsWith(root)) { res.writeHead(403).end(); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Headless Chromium with the flags of TOOLCHAIN.md. Playwright gives every
 * launch a fresh temporary profile itself (it refuses --user-data-dir).
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--no-first-run',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A page that records console errors and page errors. */
export async function openPage(browser, url, { viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, context, errors };
}

/** Waits until the dataset is loaded and the map has drawn the latest data. */
export async function waitDrawn(page, timeout = 60_000) {
  await page.waitForFunction(() => {
    const r = document.documentElement.dataset;
    return r.ready === '1' && r.gen !== undefined && r.gen === r.drawn;
  }, null, { timeout });
}

/** Waits for the map to redraw after an action that changes the events. */
export async function afterChange(page, action, timeout = 30_000) {
  const before = await page.evaluate(() => document.documentElement.dataset.gen ?? '0');
  await action();
  await page.waitForFunction((b) => {
    const r = document.documentElement.dataset;
    return r.gen !== b && r.gen === r.drawn;
  }, before, { timeout });
}

/**
 * What the map draws: indices and day numbers of unclustered points
 * (deduplicated across tiles) and the total count inside clusters.
 */
export async function rendered(page) {
  return page.evaluate(() => {
    const map = window.__eventmap.map;
    const points = new Set();
    const days = new Map();
    const clusters = new Map();
    for (const f of map.queryRenderedFeatures({ layers: ['events', 'clusters'] })) {
      if (f.properties.point_count) clusters.set(f.properties.cluster_id, f.properties.point_count);
      else { points.add(f.properties.i); days.set(f.properties.i, f.properties.d); }
    }
    let inClusters = 0;
    for (const n of clusters.values()) inClusters += n;
    return { indices: [...points], days: [...days.values()], points: points.size, inClusters, total: points.size + inClusters };
  });
}

/** Day number (days since 1970-01-01) of YYYY-MM-DD, as the slider uses. */
export function dayOf(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Reads the features of a GeoJSON file (default: the demo, dist/data/events.geojson). */
export function datasetFeatures(file = path.join(DIST, 'data', 'events.geojson')) {
  return JSON.parse(fs.readFileSync(file, 'utf8')).features;
}

/**
 * A deterministic synthetic dataset (scripts/synth-events.mjs, 2016-2020
 * across Syria) for tests that need many dated events whatever the demo
 * corpus holds; serve it with `serve(DIST, { '/data/events.geojson': file })`.
 */
export function fixture(n = 1000) {
  const file = path.join(os.tmpdir(), `eventmap-fixture-${n}.geojson`);
  if (!fs.existsSync(file)) {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'synth-events.mjs'), String(n)], { maxBuffer: 1 << 30 });
    fs.writeFileSync(file + '.part', out);
    fs.renameSync(file + '.part', file);
  }
  return file;
}

/**
 * About `bytes` of article text (UTF-8), deterministic: paragraphs of news
 * prose, one in three reporting a dated event somewhere in Syria, the rest
 * background without an event. For the large-paste test and benchmark.
 */
export function articleText(bytes) {
  const places = ['Douma', 'Harasta', 'Saraqib', 'Idlib', 'Aleppo', 'Maarat al-Numan', 'Khan Shaykhun',
    'Hama', 'Homs', 'Palmyra', 'Raqqa', 'Deir ez-Zor', 'Manbij', 'Afrin', 'Daraa', 'Jobar', 'Arbin', 'Zamalka'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  const events = [
    (p, n, d) => `Air strikes killed ${n} civilians in ${p} on ${d}, the Syrian Observatory for Human Rights said.`,
    (p, n, d) => `Government forces shelled ${p} on ${d}, killing ${n} people, according to local activists.`,
    (p, n, d) => `Rebels clashed with government troops in ${p} on ${d} and ${n} fighters were killed.`,
    (p, n, d) => `A car bomb exploded in ${p} on ${d}, killing ${n} people and wounding dozens more.`,
  ];
  const filler = [
    'The United Nations called again for a ceasefire and for aid convoys to be let through.',
    'Diplomats said talks would resume next month, without giving any details.',
    'Aid agencies warned that food and medicine were running short as winter approached.',
    'Families who fled the fighting described nights spent in basements without electricity.',
    'Analysts said the offensive was meant to secure the highway before the talks.',
    'The ministry did not respond to a request for comment on the reports.',
    'Prices of bread and fuel have tripled since the start of the year, traders said.',
  ];
  let seed = 7;
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const sentences = [];
    if (i % 3 === 0) {
      const date = `${1 + next(28)} ${months[next(12)]} ${2016 + next(4)}`;
      sentences.push(events[next(events.length)](places[next(places.length)], 2 + next(60), date));
    }
    for (let k = 0; k < 3; k += 1) sentences.push(filler[next(filler.length)]);
    const paragraph = `${sentences.join(' ')}\n\n`;
    parts.push(paragraph);
    size += Buffer.byteLength(paragraph);
  }
  return parts.join('');
}
