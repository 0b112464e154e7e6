// 已保存 survives a crash: the browser killed (as a crash or a power cut would end it) right after
// the header says 已保存, then started again on the same profile, still has the text. Chromium writes
// localStorage to disk up to a minute late; the app's durable copy in IndexedDB puts it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveBundle, launchKillable, openAppAt, waitUntilSaved, openBrowser, eventually } from './harness.mjs';

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
      assert.ok(after.notices.some((notice) => /本地存储中缺少最后几次自动保存.*已从持久副本恢复草稿/.test(notice)),
        `the restore is said: ${JSON.stringify(after.notices)}`);
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('a durable copy the disk refuses is said: not 已保存, with the draft file to export', async () => {
  const browser = await openBrowser();
  try {
    const { page } = browser;
    // The disk full under the profile: IndexedDB refuses every write, as Chromium does then.
    await page.addInitScript(() => {
      IDBObjectStore.prototype.put = function () { throw new DOMException('The disk is full.', 'QuotaExceededError'); };
    });
    await openAppAt(page, server.url, '#/item/A1.1');
    await page.fill('#narrative-A1\\.1', '磁盘已满时写的文字。');
    await page.getByTestId('save-status').filter({ hasText: '未保存：未能写入磁盘' }).waitFor();
    const banner = page.getByTestId('save-failed');
    assert.match(await banner.textContent(), /最近的修改已交给浏览器，但未能写入磁盘.*浏览器关闭或崩溃后可能丢失。请先导出草稿文件/);
    assert.ok(await banner.getByRole('button', { name: '导出草稿文件' }).isVisible());
    // localStorage still takes the text: nothing is lost while the page stays open; the header
    // goes on saying it is not on disk.
    await eventually(async () => {
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
      assert.equal(stored.items?.['A1.1']?.narrative, '磁盘已满时写的文字。');
    });
    await page.waitForTimeout(300);
    assert.equal(await page.getByTestId('save-status').textContent(), '未保存：未能写入磁盘');
    assert.deepEqual(browser.errors.map(String), []);
  } finally {
    await browser.close();
  }
});

test('killed while localStorage is full: the text comes back into the page, unsaved, and is saved once there is room', async () => {
  const profile = await mkdtemp(path.join(tmpdir(), 'lvzhi-durable-full-'));
  try {
    let browser = await launchKillable(profile);
    try {
      await openAppAt(browser.page, server.url, '#/item/A1.1');
      await browser.page.fill('#narrative-A1\\.1', '第一次保存的文字。');
      await waitUntilSaved(browser.page);
      await browser.page.waitForTimeout(7_000); // the first save reaches the disk by itself
      await browser.page.fill('#narrative-A1\\.1', '存储已满前最后保存的文字。');
      await waitUntilSaved(browser.page);
    } finally {
      await browser.kill();
    }
    browser = await launchKillable(profile);
    try {
      // localStorage full before the app starts: the lost save cannot be written back.
      await browser.page.context().addInitScript(() => {
        if (sessionStorage.getItem('filled')) return;
        for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
          const block = '0'.repeat(size);
          for (let index = 0; ; index += 1) {
            try { localStorage.setItem(`filler/${size}/${index}`, block); } catch { break; }
          }
        }
        sessionStorage.setItem('filled', '1');
      });
      const { page } = browser;
      await openAppAt(page, server.url, '#/item/A1.1');
      assert.equal(await page.locator('#narrative-A1\\.1').inputValue(), '存储已满前最后保存的文字。');
      await page.getByTestId('notice').filter({ hasText: '它们保存在持久副本中，但本地存储已满，无法写回：已在本页面中打开这些修改（尚未保存）' }).waitFor();
      await page.getByTestId('save-status').filter({ hasText: '未保存：存储空间已满' }).waitFor();
      // Room made (here by removing the filler), Ctrl+S writes it.
      await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('filler/')).forEach((key) => localStorage.removeItem(key)));
      await page.keyboard.press('Control+s');
      await waitUntilSaved(page);
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
      assert.equal(stored.items['A1.1'].narrative, '存储已满前最后保存的文字。');
    } finally {
      await browser.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('a draft made and written just before the browser is killed comes back, and opens', async () => {
  const profile = await mkdtemp(path.join(tmpdir(), 'lvzhi-durable-new-'));
  try {
    let browser = await launchKillable(profile);
    try {
      const { page } = browser;
      await openAppAt(page, server.url, '#/item/A1.1');
      await page.fill('#narrative-A1\\.1', '旧草稿的文字。');
      await waitUntilSaved(page);
      await page.waitForTimeout(7_000); // the old draft is on disk
      // A new draft, made and written within Chromium's minute between disk writes.
      await page.evaluate(() => { location.hash = '#/drafts'; });
      await page.locator('#new-draft').click();
      await page.getByTestId('notice').filter({ hasText: '已新建草稿' }).waitFor();
      await page.evaluate(() => { location.hash = '#/item/A1.1'; });
      await page.fill('#narrative-A1\\.1', '新草稿里刚写的文字。');
      await waitUntilSaved(page);
    } finally {
      await browser.kill();
    }
    browser = await launchKillable(profile);
    try {
      const { page } = browser;
      await page.goto(server.url);
      await page.getByTestId('notice').filter({ hasText: '已从持久副本恢复草稿' }).waitFor();
      await page.evaluate(() => { location.hash = '#/item/A1.1'; });
      await page.locator('#narrative-A1\\.1').waitFor();
      assert.equal(await page.locator('#narrative-A1\\.1').inputValue(), '新草稿里刚写的文字。');
      const texts = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/draft/'))
        .map((key) => JSON.parse(localStorage.getItem(key)).items?.['A1.1']?.narrative).sort());
      assert.deepEqual(texts, ['新草稿里刚写的文字。', '旧草稿的文字。'].sort(), 'both drafts, no empty third one');
    } finally {
      await browser.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
