// 已保存 survives a crash: the browser killed (as a crash or a power cut would end it) right after
// the header says 已保存, then started again on the same profile, still has the text. Chromium writes
// localStorage to disk up to a minute late; the app's durable copy in IndexedDB puts it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveBundle, launchKillable, openAppAt, waitUntilSaved } from './harness.mjs';

let server;
before(async () => { server = await serveBundle(); });
after(async () => { await server.close(); });

/** The form's narrative of A1.1 after the browser was killed `delay` ms after 已保存 and restarted. */
async function textAfterKill(profile, text, delay) {
  let browser = await launchKillable(profile);
  try {
    await openAppAt(browser.page, server.url, '#/item/A1.1');
    await browser.page.fill('#narrative-A1\\.1', text);
    await waitUntilSaved(browser.page);
    await browser.page.waitForTimeout(delay);
  } finally {
    await browser.kill();
  }
  browser = await launchKillable(profile);
  try {
    await openAppAt(browser.page, server.url, '#/item/A1.1');
    return {
      text: await browser.page.locator('#narrative-A1\\.1').inputValue(),
      notices: await browser.page.getByTestId('notice').allTextContents(),
    };
  } finally {
    await browser.close();
  }
}

test('text saved just before the browser is killed is there after a restart, and the user is told', async () => {
  const profile = await mkdtemp(path.join(tmpdir(), 'lvzhi-durable-'));
  try {
    // The first save reaches the disk by itself within seconds; later ones wait up to a minute.
    const first = await textAfterKill(profile, '第一次保存的文字。', 7_000);
    assert.equal(first.text, '第一次保存的文字。');
    for (const [round, delay] of [[1, 0], [2, 300], [3, 2_000]]) {
      const text = `第${round}次崩溃前保存的文字（${delay} 毫秒后被强制结束）。`;
      const after = await textAfterKill(profile, text, delay);
      assert.equal(after.text, text, `killed ${delay} ms after 已保存`);
      assert.ok(after.notices.some((notice) => /浏览器上次没有正常关闭.*已从持久副本恢复草稿/.test(notice)),
        `the restore is said: ${JSON.stringify(after.notices)}`);
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
