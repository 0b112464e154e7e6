// 汇总 with hundreds of drafts (a script, not a test): a province compares every county.
// Usage: LVZHI_DIST=<bundle> node scripts/bench-collect.mjs [units, default 200] [rounds, default 3]
//
// In headless Chromium at CPU 1×, fresh profile per round, N draft files of the scored example
// (each fully written from its 范文 and scored) added at once on #/collect:
// - add: the input's change event to the N-th row of the comparison table in the DOM (reading,
//   checking, validating every draft, the table drawn); its baseline, in the same page and run,
//   is reading the same files' text and JSON.parse-ing them in JavaScript — the least any app does;
// - sort: a click on 自评总分 to the frame after the rows are redrawn in its order;
// - open: the page reloaded onto #/collect, to N rows again (the collection read back from IndexedDB);
// - memory: the JS heap and the WebAssembly memory after adding.
// Results in BENCHMARKS.md (汇总).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { serveBundle } = await import(path.join(root, 'tests/e2e/harness.mjs'));
const { fullDraft } = await import(path.join(root, 'scripts/bench-data.mjs'));

const units = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 3);
const scored = JSON.parse(await readFile(path.join(root, 'crates/core/data/example-county-scored.json'), 'utf8'));
const leaves = scored.areas.flatMap((area) => area.items.flatMap((item) => (item.observation_points ?? [])
  .flatMap((point) => (point.sub_points?.length ? point.sub_points : [point]))));

function county(index) {
  const draft = fullDraft(scored, `d-${index}`, 0);
  draft.schema_version = 5;
  draft.meta = { ...draft.meta, region: `第${index}县`, unit: `第${index}县人民政府`, level: 'county' };
  draft.scores = Object.fromEntries(leaves.map((leaf, at) => [leaf.code, { score: String((index + at) % 3 === 0 ? 0.5 : 1), explanation: '' }]));
  draft.figures = { inclusive_kindergarten_coverage: String(70 + (index % 30)) };
  return draft;
}
const files = Array.from({ length: units }, (_, index) => {
  const draft = county(index + 1);
  return { name: `${draft.meta.unit}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft, null, 2)) };
});
const megabytes = files.reduce((sum, file) => sum + file.buffer.length, 0) / 1_048_576;

function instrument() {
  window.__changeAt = undefined;
  document.addEventListener('change', (event) => {
    if (event.target?.id === 'collect-files') window.__changeAt = performance.now();
  }, true);
  addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail.wasm; });
}
const rowCount = () => document.querySelectorAll('[data-testid="comparison-table"] tbody tr').length;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const debug = (what) => { if (process.env.BENCH_DEBUG) console.error(what, new Date().toISOString()); };
debug('start');
const server = await serveBundle();
debug('served');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
debug('launched');
const results = { add: [], sort: [], open: [], heap: [], wasm: [] };
try {
  for (let round = 0; round < rounds; round++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('dialog', (dialog) => dialog.accept());
    await page.addInitScript(instrument);
    await page.goto(`${server.url}#/collect`);
    await page.locator('h1#collect-title').waitFor();
    if (process.env.BENCH_DEBUG) console.error('page open', new Date().toISOString());
    await page.waitForFunction(() => document.querySelector('[data-testid="collection-status"]')?.textContent.includes('已保存'));
    await page.locator('#collect-files').setInputFiles(files);
    if (process.env.BENCH_DEBUG) console.error('files set', new Date().toISOString());
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="comparison-table"] tbody tr').length === count, units, { timeout: 300_000, polling: 'raf' });
    const shownAt = await page.evaluate(() => performance.now());
    if (process.env.BENCH_DEBUG) console.error('rows shown', new Date().toISOString());
    results.add.push(shownAt - await page.evaluate(() => window.__changeAt));
    results.heap.push(await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0));
    results.wasm.push(await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0));
    results.sort.push(await page.evaluate(async () => {
      const button = [...document.querySelectorAll('.sort-button')].find((b) => b.textContent.startsWith('自评总分'));
      const header = button.closest('th');
      const start = performance.now();
      button.click();
      // The header says its order in the same update that redraws the rows; the frame after it is
      // the rows painted.
      while (header.isConnected && header.getAttribute('aria-sort') !== 'descending') {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - start;
    }));
    await page.waitForFunction(() => document.querySelector('[data-testid="collection-status"]')?.textContent.includes('已保存'), null, { timeout: 120_000 });
    await page.reload();
    const opened = await page.evaluate(async (count) => {
      while (document.querySelectorAll('[data-testid="comparison-table"] tbody tr').length !== count) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return performance.now();
    }, units);
    results.open.push(opened);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
// The parse baseline needs the files in the page: measured once more, on the files' texts sent in.
const page = await (await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] })).newPage();
const texts = files.map((file) => file.buffer.toString('utf8'));
const parse = [];
for (let round = 0; round < rounds; round++) {
  parse.push(await page.evaluate((texts) => {
    const blobs = texts.map((text) => new Blob([text]));
    return (async () => {
      const start = performance.now();
      for (const blob of blobs) JSON.parse(await blob.text());
      return performance.now() - start;
    })();
  }, texts));
}
await page.context().browser().close();
const ms = (value) => `${value.toFixed(0)} ms`;
console.log(`汇总 with ${units} drafts (${megabytes.toFixed(1)} MB of draft files), CPU 1×, median of ${rounds}:\n`);
console.log('| step | time | baseline | ratio |');
console.log('|---|---|---|---|');
console.log(`| add ${units} files (change event → ${units} rows drawn) | ${ms(median(results.add))} | read + JSON.parse in JS: ${ms(median(parse))} | ${(median(results.add) / median(parse)).toFixed(1)}× |`);
console.log(`| sort by 自评总分 (click → rows redrawn and painted) | ${ms(median(results.sort))} | | |`);
console.log(`| reload onto 汇总 (navigation start → ${units} rows, read back from IndexedDB) | ${ms(median(results.open))} | | |`);
console.log(`\nMemory after adding: JS heap ${(median(results.heap) / 1_048_576).toFixed(0)} MB, WebAssembly memory ${(median(results.wasm) / 1_048_576).toFixed(0)} MB.`);
