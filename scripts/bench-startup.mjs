// Start-up and typing in the browser (a script, not a test; run through scripts/bench-startup.sh).
// Usage: node scripts/bench-startup.mjs <app dist> <blank page dist> [rounds] [baseline app dist]
//
// With a baseline app (an earlier build of the app, e.g. before a restructure), it is measured in
// the same run with the same cases and the app's ratio to it is printed too (BENCHMARKS.md,
// before/after).
//
// Both pages are served by one nginx with deploy/nginx.conf (brotli) and measured in the same run,
// in fresh incognito contexts (nothing cached, no service worker):
// - ready: navigation start to the first <textarea> in the DOM (the app opened on an item page);
//   plain, with the CPU 4× slower, and with that plus 4 Mbit/s and 40 ms latency; with the bytes
//   that crossed the network;
// - keystroke: a committed Chinese character (`insertText`, as an IME commits) to the frame after
//   its input event, CPU 4× slower; typed in bursts of 10 at 120 ms with 800 ms pauses (when the
//   app validates) — in the app with the full built-in draft and with the framework ten times over;
//   and the longest task seen while typing (what a pause costs).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { startNginx } = await import(path.join(root, 'tests/e2e/nginx.mjs'));
const { tenTimes, fullDraft } = await import(path.join(root, 'scripts/bench-data.mjs'));

const [appDist, blankDist] = process.argv.slice(2, 4);
const rounds = Number(process.argv[4] ?? 5);
const baselineDist = process.argv[5];
if (!appDist || !blankDist) throw new Error('usage: node scripts/bench-startup.mjs <app dist> <blank dist> [rounds]');

const builtin = JSON.parse(await readFile(path.join(root, 'crates/core/data/sichuan-2023-city.json'), 'utf8'));
const CONDITIONS = [
  { label: 'ready', cpu: 1, network: null },
  { label: 'ready, CPU 4×', cpu: 4, network: null },
  { label: 'ready, CPU 4× + 4 Mbit/s', cpu: 4, network: { latency: 40, downloadThroughput: 4_000_000 / 8, uploadThroughput: 1_000_000 / 8 } },
];
const TEXT = '县政府高度重视教育工作把教育作为民生之首优先发展统筹谋划全面推进学前教育普及普惠义务教育优质均衡';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** Records when the first textarea appears, the input-to-next-frame latency of every input, and long tasks. */
function instrument() {
  new MutationObserver((_, observer) => {
    if (document.querySelector('textarea')) {
      window.__ready = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  window.__latencies = [];
  window.__longest = 0;
  window.addEventListener('input', () => {
    const start = performance.now();
    // After the frame: rAF runs before style and paint; a message posted from it runs after them.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__latencies.push(performance.now() - start);
      channel.port2.postMessage(null);
    });
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long task timing: reported as 0 */ }
}

async function emulate(page, { cpu, network }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; });
  if (network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  return () => bytes;
}

async function freshPage(browser) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('dialog', (dialog) => dialog.accept());
  await page.addInitScript(instrument);
  return { context, page };
}

async function ready(browser, url, condition) {
  const { context, page } = await freshPage(browser);
  try {
    const bytes = await emulate(page, condition);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 120_000, polling: 50 });
    return { ms: await page.evaluate(() => window.__ready), bytes: bytes() };
  } finally {
    await context.close();
  }
}

/** Types TEXT into `field` at CPU 4×; `prepare(page)` may load a draft first. */
async function typing(browser, url, field, prepare) {
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60_000 });
    if (prepare) await prepare(page);
    await emulate(page, { cpu: 4, network: null });
    // The app puts the focus on the page's heading once it has opened: wait for that, then click.
    await page.waitForTimeout(500);
    const input = page.locator(field);
    await input.click();
    const before = await input.inputValue();
    await page.evaluate(() => { window.__latencies = []; window.__longest = 0; });
    const characters = [...TEXT].slice(0, 60);
    for (const [index, character] of characters.entries()) {
      await page.keyboard.insertText(character);
      await page.waitForTimeout(index % 10 === 9 ? 800 : 120);
    }
    const typed = (await input.inputValue()).slice(before.length);
    if (typed !== characters.join('')) throw new Error(`typed into ${field}: "${typed}", expected "${characters.join('')}"`);
    return await page.evaluate(() => ({ latencies: window.__latencies, longest: window.__longest }));
  } finally {
    await context.close();
  }
}

/** Loads `framework` and a draft of it written from the 范文 into the app's storage, on `code`'s page. */
function loadDraft(framework, code) {
  return async (page) => {
    const draft = fullDraft(framework, `bench-${framework.id}`, 0);
    await page.evaluate(({ framework, draft }) => {
      localStorage.setItem(`lvzhi/framework/${framework.id}`, JSON.stringify(framework));
      localStorage.setItem(`lvzhi/draft/${draft.id}`, JSON.stringify(draft));
      localStorage.setItem('lvzhi/last-draft', draft.id);
    }, { framework, draft });
    await page.evaluate(() => { window.__ready = undefined; });
    await page.goto(`${page.url().split('#')[0]}#/item/${code}`);
    await page.reload();
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 120_000 });
    await page.locator('nav.sidebar').waitFor({ timeout: 120_000 });
  };
}

const server = await startNginx({ app: appDist, others: { blank: blankDist, ...(baselineDist ? { baseline: baselineDist } : {}) } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const pages = [
  { label: 'blank Leptos 0.8 page (textarea + localStorage)', url: `${server.origin}/blank/` },
  { label: '履职自评', url: `${server.url}#/item/A1.1` },
  ...(baselineDist ? [{ label: '履职自评, baseline build', url: `${server.origin}/baseline/#/item/A1.1` }] : []),
];
const results = new Map();
try {
  for (const subject of pages) {
    const row = {};
    for (const condition of CONDITIONS) {
      const runs = [];
      for (let round = 0; round < rounds; round++) runs.push(await ready(browser, subject.url, condition));
      row[condition.label] = { ms: median(runs.map((run) => run.ms)), bytes: median(runs.map((run) => run.bytes)) };
    }
    results.set(subject.label, row);
  }
  const typingCases = [
    ['blank Leptos 0.8 page (textarea + localStorage)', pages[0].url, 'textarea', null],
    ['履职自评, full built-in draft', pages[1].url, '#narrative-A1\\.1', loadDraft(builtin, 'A1.1')],
    ['履职自评, framework ×10 (420 items)', pages[1].url, '#narrative-A1\\.1-0', loadDraft(tenTimes(builtin), 'A1.1-0')],
    ...(baselineDist ? [
      ['baseline, full built-in draft', pages[2].url, '#narrative-A1\\.1', loadDraft(builtin, 'A1.1')],
      ['baseline, framework ×10 (420 items)', pages[2].url, '#narrative-A1\\.1-0', loadDraft(tenTimes(builtin), 'A1.1-0')],
    ] : []),
  ];
  const typed = [];
  for (const [label, url, field, prepare] of typingCases) {
    const latencies = [];
    let longest = 0;
    for (let round = 0; round < Math.max(1, Math.ceil(rounds / 2)); round++) {
      const run = await typing(browser, url, field, prepare);
      latencies.push(...run.latencies);
      longest = Math.max(longest, run.longest);
    }
    typed.push({ label, median: median(latencies), p95: percentile(latencies, 0.95), count: latencies.length, longest });
  }

  const [blank, app, baseline] = [...results.values()];
  const ms = (value) => `${value.toFixed(0)} ms`;
  console.log(`Start-up, median of ${rounds} (nginx + brotli, fresh context, Chromium ${browser.version()}):\n`);
  console.log(`| page | ${CONDITIONS.map((c) => c.label).join(' | ')} | bytes on the wire |`);
  console.log(`|---|${CONDITIONS.map(() => '---').join('|')}|---|`);
  for (const [label, row] of results) {
    const wire = row[CONDITIONS[2].label].bytes;
    console.log(`| ${label} | ${CONDITIONS.map((c) => ms(row[c.label].ms)).join(' | ')} | ${(wire / 1024).toFixed(0)} KB |`);
  }
  console.log(`| ratio | ${CONDITIONS.map((c) => `${(app[c.label].ms / blank[c.label].ms).toFixed(1)}×`).join(' | ')} | ${(app[CONDITIONS[2].label].bytes / blank[CONDITIONS[2].label].bytes).toFixed(1)}× |`);
  if (baseline) {
    console.log(`| ratio to the baseline build | ${CONDITIONS.map((c) => `${(app[c.label].ms / baseline[c.label].ms).toFixed(2)}×`).join(' | ')} | ${(app[CONDITIONS[2].label].bytes / baseline[CONDITIONS[2].label].bytes).toFixed(3)}× |`);
  }
  console.log('\nTyping at CPU 4× (input event to the next frame):\n');
  console.log('| page | keystrokes | median | p95 | ratio of p95 to the blank page | longest task while typing |');
  console.log('|---|---|---|---|---|---|');
  for (const row of typed) {
    console.log(`| ${row.label} | ${row.count} | ${row.median.toFixed(1)} ms | ${row.p95.toFixed(1)} ms | ${(row.p95 / typed[0].p95).toFixed(1)}× | ${ms(row.longest)} |`);
  }
} finally {
  await browser.close();
  await server.stop();
}
