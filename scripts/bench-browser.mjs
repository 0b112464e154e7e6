// Browser benchmarks of the release bundle (a script, not a test): how long the WebAssembly build
// takes for work users wait on. Usage: node scripts/bench-browser.mjs <dist> [rounds]
//
// Export: 导出 Word of the full built-in report and of the framework ten times over with 1 MB of
// text, from the click to the download, against the draft file's export (the baseline) in the same
// run; median of `rounds`.
//
// Tables: a table pasted into 从指标表新建 — the seed-sized Word table against the largest HTML and
// text the limits (`lvzhi_core::limits`) allow — from the paste to the outcome painted, with the
// longest task (the time the page could not answer) on the way.
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
const tables = [];
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
    // A fresh profile opens on 开始 (the navigation hidden): wait for the app, not the navigation.
    await page.locator('main h1').first().waitFor();
    await page.evaluate(({ framework, draft }) => {
      localStorage.setItem(`lvzhi/framework/${framework.id}`, JSON.stringify(framework));
      localStorage.setItem(`lvzhi/draft/${draft.id}`, JSON.stringify(draft));
      localStorage.setItem('lvzhi/last-draft', draft.id);
    }, { framework, draft });
    // Reloaded on the overview (the address still names 开始, which a reload would keep).
    await page.evaluate(() => { location.hash = '#/'; });
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

  // Reading a pasted table: the seed-sized Word table (baseline) against the largest pastes the
  // limits allow, from the paste to the first paint of the outcome; the longest task on the way.
  const wordTable = await readFile(path.join(root, 'crates/core/tests/tables/04-word-merged.html'), 'utf8');
  const cell = (text) => `<td width=132 valign=top style='width:99.0pt;border:solid windowtext 1.0pt;border-top:none;mso-border-top-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'><span style='font-family:仿宋_GB2312'>${text}</span></p></td>`;
  const header = `<tr>${['一级指标', '二级指标', '评价要点', '分值', '评分细则'].map(cell).join('')}</tr>`;
  const utf8 = (text) => new TextEncoder().encode(text).length;
  let rows = '';
  for (let index = 0, bytes = utf8(header); bytes < 3.8 * 1024 * 1024; index += 1) {
    const area = `第${Math.floor(index / 40) + 1}部分（80分）`;
    const row = `<tr>${[area, `指标${Math.floor(index / 4) + 1}（8分）`, `评价要点${index + 1}：按规定落实相关要求`, '2', '未落实扣2分，部分落实扣1分'].map(cell).join('')}</tr>`;
    rows += row;
    bytes += utf8(row);
  }
  const largeHtml = `<html><body><table>${header}${rows}</table></body></html>`;
  const textRows = [];
  for (let index = 0, bytes = 0; bytes < 0.95 * 1024 * 1024; index += 1) {
    const row = [`第${Math.floor(index / 40) + 1}部分（80分）`, `指标${Math.floor(index / 4) + 1}（8分）`, `评价要点${index + 1}：按规定落实相关要求`, '2', '未落实扣2分'].join('\t');
    textRows.push(row);
    bytes += utf8(row) + 1;
  }
  const largeText = ['一级指标\t二级指标\t评价要点\t分值\t评分细则', ...textRows].join('\n');
  for (const [label, type, content] of [
    ['Word table of 04-word-merged (baseline)', 'text/html', wordTable],
    [`Word-styled HTML near the limit (${(utf8(largeHtml) / 1048576).toFixed(1)} MB)`, 'text/html', largeHtml],
    [`tab-separated text near the limit (${(utf8(largeText) / 1048576).toFixed(2)} MB)`, 'text/plain', largeText],
  ]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const totals = [];
    const longest = [];
    for (let round = 0; round < rounds; round++) {
      await page.goto(`${server.url}#/from-table`);
      await page.locator('h1#table-import-title').waitFor({ timeout: 60_000 });
      const measured = await page.evaluate(async ([type, content]) => {
        let longTask = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) longTask = Math.max(longTask, entry.duration);
        });
        observer.observe({ type: 'longtask' });
        const shown = new Promise((resolve) => {
          const watch = new MutationObserver(() => {
            if (document.querySelector('[data-testid=table-outcome]')) {
              watch.disconnect();
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
            }
          });
          watch.observe(document.body, { childList: true, subtree: true });
        });
        const data = new DataTransfer();
        data.setData(type, content);
        const area = document.querySelector('#table-paste');
        area.focus();
        const started = performance.now();
        area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        const ended = await shown;
        await new Promise((resolve) => setTimeout(resolve, 100));
        observer.disconnect();
        return { total: ended - started, longTask };
      }, [type, content]);
      totals.push(measured.total);
      longest.push(measured.longTask);
    }
    tables.push({ label, total: median(totals), longest: median(longest) });
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

console.log('');
console.log('| table pasted (wasm, headless Chromium) | paste to outcome shown, median | longest task | ratio to baseline |');
console.log('|---|---|---|---|');
for (const { label, total, longest } of tables) {
  console.log(`| ${label} | ${total.toFixed(0)} ms | ${longest.toFixed(0)} ms | ${(total / tables[0].total).toFixed(1)}× |`);
}
