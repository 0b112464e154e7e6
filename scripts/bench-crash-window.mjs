// The crash window (a script, not a test): how long after the header says 已保存 a browser killed
// as a crash or a power cut would (SIGKILL to its process group) still loses the text. Usage:
// node scripts/bench-crash-window.mjs <dist> [trials]
//
// The same build is measured twice in the run: as shipped (the durable journal in IndexedDB,
// src/workspace/journal.rs) and with IndexedDB taken away before the page loads — the baseline: localStorage
// alone, as the app was before the journal. Each trial types into a fresh profile, waits for
// 已保存 (after a first save long enough ago to be on disk), waits `delay`, kills the browser,
// starts it again on the profile and reads the form.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = process.argv[2];
const trials = Number(process.argv[3] ?? 2);
if (!dist) throw new Error('usage: node scripts/bench-crash-window.mjs <dist> [trials]');
process.env.LVZHI_DIST = path.resolve(dist);
const { serveBundle, launchKillable, openAppAt, waitUntilSaved } = await import(path.join(root, 'tests/e2e/harness.mjs'));

const withoutIndexedDb = () => Object.defineProperty(window, 'indexedDB', { value: undefined });

async function kept(server, delay, journal) {
  const profile = await mkdtemp(path.join(tmpdir(), 'lvzhi-crash-'));
  try {
    let browser = await launchKillable(profile);
    if (!journal) await browser.page.context().addInitScript(withoutIndexedDb);
    await openAppAt(browser.page, server.url, '#/item/A1.1');
    await browser.page.fill('#narrative-A1\\.1', '第一段。');
    await waitUntilSaved(browser.page);
    await browser.page.waitForTimeout(6_500); // Chromium's first write to disk comes 5 s after a change
    const text = `被强制结束前 ${delay} 毫秒保存的文字。`;
    await browser.page.fill('#narrative-A1\\.1', text);
    await waitUntilSaved(browser.page);
    await browser.page.waitForTimeout(delay);
    await browser.kill();
    browser = await launchKillable(profile);
    if (!journal) await browser.page.context().addInitScript(withoutIndexedDb);
    await openAppAt(browser.page, server.url, '#/item/A1.1');
    const after = await browser.page.locator('#narrative-A1\\.1').inputValue();
    await browser.close();
    return after === text;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

const server = await serveBundle();
console.log('killed after 已保存   localStorage alone   with the journal');
for (const delay of [0, 1_000, 5_000, 30_000, 65_000]) {
  const counts = [];
  for (const journal of [false, true]) {
    let count = 0;
    for (let trial = 0; trial < trials; trial++) if (await kept(server, delay, journal)) count++;
    counts.push(`kept ${count}/${trials}`);
  }
  console.log(`${String(delay).padStart(6)} ms            ${counts[0].padEnd(21)}${counts[1]}`);
}
await server.close();
