#!/usr/bin/env node
// Browser performance of the page over dist/ (build it first: see
// frontend/README.md). For each size, synthetic events (scripts/synth-events.mjs,
// cached in $TMPDIR/eventmap-bench/) are served as data/events.geojson and
// headless Chromium measures:
//   load      navigation -> events drawn (map idle after the dataset's data)
//   step      slider step (ArrowRight) -> map idle with the new window,
//             p50/p95 over STEPS steps, in week-window and cumulative modes.
//   memory    the wasm memory after loading (it only grows: its peak) and the
//             peak RSS of the browser's processes during the load.
// Then, over the demo data, a pasted article of PASTE MB (default 10) is
// extracted with "Add articles": the time to the events drawn, and the
// longest main-thread block meanwhile (the largest gap between animation
// frames, and the longest "longtask" the browser reports).
// Figures only, no asserts (DESIGN.md). Sizes: argv, default 10000 100000 1000000
// (none when only --paste is given).
//
// usage: node scripts/bench-page.mjs [N ...] [--steps 100] [--paste MB | --no-paste]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, launch, articleText, DIST, ROOT } from '../frontend/tests/browser/harness.mjs';

const args = process.argv.slice(2);
const stepsAt = args.indexOf('--steps');
const STEPS = stepsAt >= 0 ? Number(args.splice(stepsAt, 2)[1]) : 100;
const pasteAt = args.indexOf('--paste');
let PASTE_MB = pasteAt >= 0 ? Number(args.splice(pasteAt, 2)[1]) : 10;
const noPasteAt = args.indexOf('--no-paste');
if (noPasteAt >= 0) { args.splice(noPasteAt, 1); PASTE_MB = 0; }
// Only --paste given: the paste alone.
const sizes = args.length ? args.map(Number) : (pasteAt >= 0 ? [] : [10_000, 100_000, 1_000_000]);
const LOAD_TIMEOUT = 10 * 60_000;

if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error(`no ${DIST}/index.html: build the page first (trunk build --release)`);
  process.exit(1);
}

const cache = path.join(os.tmpdir(), 'eventmap-bench');
fs.mkdirSync(cache, { recursive: true });

function dataset(n) {
  const file = path.join(cache, `events-${n}.geojson`);
  if (!fs.existsSync(file)) {
    const t = Date.now();
    const fd = fs.openSync(file + '.part', 'w');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/synth-events.mjs'), String(n)], { stdio: ['ignore', fd, 'inherit'] });
    fs.closeSync(fd);
    if (r.status !== 0) throw new Error(`synth-events.mjs ${n} failed`);
    fs.renameSync(file + '.part', file);
    console.log(`  generated ${n} events (${mb(fs.statSync(file).size)}) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return file;
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// Runs in the page: STEPS arrow-key steps, each timed until the map is idle
// with the new data (data-drawn == data-gen). Steps that change nothing are
// timed until the next frame.
async function stepTimes(steps) {
  const root = document.documentElement;
  const times = [];
  for (let k = 0; k < steps; k += 1) {
    const before = root.dataset.gen;
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await new Promise((resolve) => {
      let done = false;
      const finish = () => { if (!done) { done = true; obs.disconnect(); resolve(); } };
      const check = () => { const r = root.dataset; if (r.gen !== before && r.gen === r.drawn) finish(); };
      const obs = new MutationObserver(check);
      obs.observe(root, { attributes: true });
      // No new data after two frames: the window held the same events.
      requestAnimationFrame(() => requestAnimationFrame(() => { if (root.dataset.gen === before) finish(); }));
      setTimeout(finish, 30_000);
    });
    times.push(performance.now() - t0);
  }
  return times;
}

// Peak resident memory of this process's descendants (the browser), sampled.
function rssSampler() {
  const children = (pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch { return []; }
  };
  const rss = (pid) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch { return 0; }
  };
  let peak = 0;
  const sample = () => {
    let total = 0;
    const todo = children(process.pid);
    while (todo.length) { const pid = todo.pop(); total += rss(pid); todo.push(...children(pid)); }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 250);
  return { stop: () => { clearInterval(timer); sample(); return peak; } };
}

async function run(n, chromium) {
  const file = dataset(n);
  const server = await serve(DIST, { '/data/events.geojson': file });
  const context = await chromium.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const result = { n, size: mb(fs.statSync(file).size) };
  try {
    const t0 = Date.now();
    const sampler = rssSampler();
    await page.goto(server.url);
    try {
      await page.waitForFunction(() => {
        const r = document.documentElement.dataset;
        return r.ready === '1' && r.gen === r.drawn;
      }, null, { timeout: LOAD_TIMEOUT, polling: 50 });
    } finally {
      result.browser_peak_rss = mb(sampler.stop());
    }
    result.load_ms = Date.now() - t0;
    result.shown = await page.locator('#shown-count').textContent();
    result.heap = await page.evaluate(() => (performance.memory ? `${(performance.memory.usedJSHeapSize / 1e6).toFixed(0)} MB JS heap` : ''));
    result.wasm_memory = mb(await page.evaluate(() => window.__eventmapWasmBytes?.() ?? 0));
    if (Number(result.shown) === 0) {
      throw new Error(`no events shown: ${await page.locator('#message-text').textContent()}`);
    }
    for (const [mode, hash] of [['week', '#from=2016-01-04&to=2016-01-10&unit=week'], ['cumulative', '#from=2016-01-04&to=2016-01-10&unit=week&cum=1']]) {
      await page.goto('about:blank');
      await page.goto(server.url + hash);
      await page.waitForFunction(() => {
        const r = document.documentElement.dataset;
        return r.ready === '1' && r.gen === r.drawn;
      }, null, { timeout: LOAD_TIMEOUT, polling: 50 });
      const times = await page.evaluate(stepTimes, STEPS);
      result[`${mode}_step_p50_ms`] = pct(times, 50).toFixed(1);
      result[`${mode}_step_p95_ms`] = pct(times, 95).toFixed(1);
    }
  } catch (e) {
    result.failed = e.message.split('\n')[0];
    result.message = await page.locator('#message-text').textContent().catch(() => '');
  }
  if (errors.length) result.errors = errors.slice(0, 3);
  await context.close();
  await server.close();
  return result;
}

// Runs in the page: a heartbeat of animation frames and a longtask observer
// from before the click on "Extract" until the events are drawn.
async function pasteBlock() {
  const root = document.documentElement;
  let last = performance.now();
  let gap = 0;
  let longest = 0;
  let running = true;
  const beat = () => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
    if (running) requestAnimationFrame(beat);
  };
  requestAnimationFrame(beat);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const progress = new Set();
  const watch = new MutationObserver(() => {
    const bar = document.querySelector('#extract-progress');
    if (bar) progress.add(bar.value);
  });
  watch.observe(document.querySelector('#add-panel'), { attributes: true, subtree: true, childList: true });
  const before = root.dataset.gen;
  const t0 = performance.now();
  document.querySelector('#extract').click();
  await new Promise((resolve) => {
    const check = () => {
      const r = root.dataset;
      const done = document.querySelector('#message-text')?.textContent ?? '';
      if ((/Added|Could not/.test(done) && r.gen !== before && r.gen === r.drawn) || /Could not/.test(done)) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
  const total = performance.now() - t0;
  running = false;
  observer.disconnect();
  watch.disconnect();
  return {
    total_ms: Math.round(total), longest_frame_gap_ms: Math.round(gap), longest_task_ms: Math.round(longest),
    progress_values: progress.size, message: document.querySelector('#message-text').textContent,
  };
}

async function paste(mbytes, chromium) {
  const server = await serve(DIST);
  const context = await chromium.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const result = { paste: `${mbytes} MB` };
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => {
      const r = document.documentElement.dataset;
      return r.ready === '1' && r.gen === r.drawn;
    }, null, { timeout: LOAD_TIMEOUT, polling: 50 });
    // The gazetteer loads on first use: extract a short text first so that
    // the figure is the paste's own.
    await page.locator('#add-articles').click();
    await page.locator('#article-text').fill('Air strikes killed 12 civilians in Douma on Tuesday.');
    await page.locator('#article-date').fill('2018-04-08');
    await page.locator('#extract').click();
    await page.waitForFunction(() => /Added|Could not/.test(document.querySelector('#message-text')?.textContent ?? ''), null, { timeout: LOAD_TIMEOUT });
    if (!(await page.locator('#add-panel').count())) await page.locator('#add-articles').click();
    // Dismissed from script: the panel covers the button.
    await page.locator('#message .close').evaluate((b) => b.click());
    await page.locator('#article-text').evaluate((el, text) => {
      el.value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, articleText(mbytes * 1e6));
    Object.assign(result, await page.evaluate(pasteBlock));
    result.wasm_memory = mb(await page.evaluate(() => window.__eventmapWasmBytes?.() ?? 0));
  } catch (e) {
    result.failed = e.message.split('\n')[0];
  }
  await context.close();
  await server.close();
  return result;
}

const chromium = await launch();
try {
  console.log(`eventmap page benchmark: ${DIST}, ${STEPS} steps per mode`);
  for (const n of sizes) {
    console.log(`${n} events:`);
    const r = await run(n, chromium);
    console.log(`  ${JSON.stringify(r)}`);
  }
  if (PASTE_MB > 0) {
    console.log(`pasting ${PASTE_MB} MB of article text:`);
    console.log(`  ${JSON.stringify(await paste(PASTE_MB, chromium))}`);
  }
} finally {
  await chromium.close();
}
