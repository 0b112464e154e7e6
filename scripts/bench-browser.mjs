// Browser benchmarks of the release bundle (a script, not a test): how long the WebAssembly build
// takes for work users wait on. Usage: node scripts/bench-browser.mjs <dist> [rounds]
//
// Export: 导出 Word of the full built-in report and of the framework ten times over with 1 MB of
// text, from the click to the download, against the draft file's export (the baseline) in the same
// run; median of `rounds`.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { serveBundle } = await import(path.join(root, 'tests/e2e/harness.mjs'));
const { tenTimes, fullDraft } = await import(path.join(root, 'scripts/bench-data.mjs'));

const dist = process.argv[2];
const rounds = Number(process.argv[3] ?? 5);
if (!dist) throw new Error('usage: node scripts/bench-browser.mjs <dist> [rounds]');
process.env.LVZHI_DIST = path.resolve(dist);

const builtin = JSON.parse(await readFile(path.join(root, 'crates/core/data/sichuan-2023-city.json'), 'utf8'));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeDownload(page, button) {
  const started = await page.evaluate(() => performance.now());
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('.toolbar').getByRole('button', { name: button }).click()]);
  const ended = await page.evaluate(() => performance.now());
  await download.path();
  return ended - started;
}

const server = await serveBundle();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
try {
  const large = tenTimes(builtin);
  for (const [label, framework, draft] of [
    ['full built-in report', builtin, fullDraft(builtin, 'bench-full', 0)],
    ['framework ×10, 1 MB of text', large, fullDraft(large, 'bench-large', 1_000_000)],
  ]) {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (dialog) => dialog.accept());
    await page.goto(server.url);
    await page.locator('nav.sidebar').waitFor();
    await page.evaluate(({ framework, draft }) => {
      localStorage.setItem(`lvzhi/framework/${framework.id}`, JSON.stringify(framework));
      localStorage.setItem(`lvzhi/draft/${draft.id}`, JSON.stringify(draft));
      localStorage.setItem('lvzhi/last-draft', draft.id);
    }, { framework, draft });
    await page.reload();
    await page.locator('nav.sidebar').waitFor({ timeout: 60_000 });
    const areas = await page.locator('.nav-area').count();
    if (areas !== framework.areas.length) throw new Error(`${label}: ${areas} areas shown, ${framework.areas.length} expected`);
    const word = [];
    const baseline = [];
    for (let round = 0; round < rounds; round++) {
      word.push(await timeDownload(page, '导出 Word'));
      baseline.push(await timeDownload(page, '导出草稿文件'));
    }
    results.push({ label, word: median(word), baseline: median(baseline) });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('| case (wasm, headless Chromium) | 导出 Word, median | 导出草稿文件 (baseline) | ratio |');
console.log('|---|---|---|---|');
for (const { label, word, baseline } of results) {
  console.log(`| ${label} | ${word.toFixed(0)} ms | ${baseline.toFixed(0)} ms | ${(word / baseline).toFixed(1)}× |`);
}
