// 佐证材料包 with 200 MB of files (a script, not a test).
// Usage: LVZHI_DIST=<bundle> node scripts/bench-evidence.mjs [megabytes, default 200] [rounds, default 3]
//
// In headless Chromium at CPU 1×, a fresh profile per round: a scored draft, then four files of
// MB/4 each (made in the page, dropped on a 佐证材料 entry as a user drops them) and:
// - attach: the drop to "已添加4个文件" (each file read in 4 MB chunks, SHA-256 and CRC-32 in the
//   wasm, stored in IndexedDB);
// - pack: a click on 导出佐证材料包 to the browser's download (the files fetched from IndexedDB,
//   the zip a Blob of their blobs); peak JS heap and WebAssembly memory while packing, sampled
//   every 10 ms;
// - baseline, in the same page and run: the same files copied once into one ArrayBuffer (what
//   any packer that holds the package in memory must at least do), its time and JS heap.
// Results in BENCHMARKS.md (佐证材料包).
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { serveBundle } = await import(path.join(root, 'tests/e2e/harness.mjs'));

const megabytes = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 3);
const server = await serveBundle();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { attach: [], pack: [], packHeap: [], packWasm: [], copy: [], copyHeap: [], downloaded: [] };

for (let round = 0; round < rounds; round++) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail.wasm; }));
  await page.goto(`${server.url}#/drafts`);
  await page.locator('h1#drafts-title').waitFor();
  await page.locator('#new-scored-example').click();
  await page.locator('#meta-region').fill('示例县');
  await page.evaluate(() => { location.hash = '#/item/A1.1'; });
  await page.locator('[id="evidence-add-A1.1.1"]').click();
  await page.getByLabel('第1份材料名称').first().fill('全年工作视频');
  const attachMs = await page.evaluate(async (megabytes) => {
    const part = Math.floor((megabytes * 1_048_576) / 4);
    const transfer = new DataTransfer();
    for (let index = 0; index < 4; index++) {
      const bytes = new Uint8Array(part);
      for (let at = 0; at < part; at += 4096) bytes[at] = (at / 4096 + index) & 255;
      transfer.items.add(new File([bytes], `视频${index + 1}.mp4`, { type: 'video/mp4' }));
    }
    const start = performance.now();
    document.querySelector('[data-testid="attachments-A1.1.1-0"]').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (document.querySelector('[data-testid="notice"]')?.textContent.includes('已添加4个文件')) return performance.now() - start;
    }
  }, megabytes);
  results.attach.push(attachMs);
  await page.evaluate(() => { location.hash = '#/evidence'; });
  await page.locator('h1#evidence-title').waitFor();
  await page.evaluate(() => { window.gc?.(); });
  // Peak memory while packing, sampled in the page.
  await page.evaluate(() => {
    window.__peak = { heap: 0, wasm: 0 };
    window.__sampler = setInterval(() => {
      window.__peak.heap = Math.max(window.__peak.heap, performance.memory.usedJSHeapSize);
      window.__peak.wasm = Math.max(window.__peak.wasm, window.__wasm?.memory?.buffer?.byteLength ?? 0);
    }, 10);
  });
  const before = await page.evaluate(() => performance.memory.usedJSHeapSize);
  const start = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#evidence-export').click()]);
  results.pack.push(Date.now() - start);
  const peak = await page.evaluate(() => { clearInterval(window.__sampler); return window.__peak; });
  results.packHeap.push(peak.heap - before);
  results.packWasm.push(peak.wasm);
  const file = await download.path();
  results.downloaded.push((await import('node:fs')).statSync(file).size);
  // Baseline: the same bytes copied once into one buffer.
  const copy = await page.evaluate(async (megabytes) => {
    window.gc?.();
    const part = Math.floor((megabytes * 1_048_576) / 4);
    const blobs = Array.from({ length: 4 }, () => new Blob([new Uint8Array(part)]));
    const before = performance.memory.usedJSHeapSize;
    const start = performance.now();
    const all = new Uint8Array(part * 4);
    let at = 0;
    for (const blob of blobs) {
      all.set(new Uint8Array(await blob.arrayBuffer()), at);
      at += part;
    }
    return { ms: performance.now() - start, heap: performance.memory.usedJSHeapSize - before, length: all.length };
  }, megabytes);
  results.copy.push(copy.ms);
  results.copyHeap.push(copy.heap);
  await browser.close();
}
await server.close();
const mb = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`;
console.log(`${megabytes} MB in 4 files, ${rounds} rounds (medians):`);
console.log(`  attach (read, SHA-256 + CRC-32, stored):  ${median(results.attach).toFixed(0)} ms`);
console.log(`  pack (click → download):                  ${median(results.pack).toFixed(0)} ms; package ${mb(median(results.downloaded))}`);
console.log(`  peak while packing: JS heap +${mb(median(results.packHeap))}, WebAssembly memory ${mb(median(results.packWasm))}`);
console.log(`  baseline, the bytes copied once:          ${median(results.copy).toFixed(0)} ms, JS heap +${mb(median(results.copyHeap))}`);
