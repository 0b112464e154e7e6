// When the app stops: a Rust panic (forced by the test-only `crash-trigger` build feature) or an
// exception thrown out of the WebAssembly must end in a blocking Chinese notice that says what was
// saved, offers the saved draft as a file through plain JavaScript, and shows the error text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, waitUntilSaved, openAppAt, downloadOf } from './harness.mjs';

const app = appUnderTest();

/** Types into the narrative and, in the same task, fires `event` on the window: the edit is seen
 *  by the app but not yet saved (the save waits 400 ms). */
async function typeThenFire(page, text, fire) {
  await page.evaluate(({ text, fire }) => {
    const narrative = document.querySelector('#narrative-A1\\.1');
    narrative.value = text;
    narrative.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(() => {
      if (fire === 'panic') window.dispatchEvent(new Event('lvzhi-test-panic'));
    }, 0);
  }, { text, fire });
}

test('a panic shows the blocking notice with the last saved draft to download and the panic text', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/item/A1.1');
  await page.getByLabel('基本信息').first().isVisible();
  await page.fill('#narrative-A1\\.1', '崩溃前已保存的文字。');
  await waitUntilSaved(page);

  await typeThenFire(page, '崩溃前已保存的文字。出错前未保存的文字。', 'panic');
  const notice = page.getByTestId('crash-notice');
  await notice.waitFor();
  assert.ok(await notice.isVisible());
  const text = await notice.textContent();
  assert.match(text, /程序出错，已停止运行/);
  assert.match(text, /出错前最后几秒的修改尚未保存/);
  assert.match(text, /（当前草稿），最后保存于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  assert.match(await page.getByTestId('crash-details').textContent(), /测试用的故意崩溃（crash-trigger）/);
  // The header no longer claims a save time.
  assert.match(await page.getByTestId('save-status').textContent(), /已停止/);
  // The notice is modal: the form behind it cannot be reached.
  assert.equal(await page.evaluate(() => document.querySelector('#lvzhi-stopped').matches(':modal')), true);

  const file = await downloadOf(page, () => notice.getByRole('button', { name: '下载草稿文件' }).click());
  assert.match(file.name, /^未命名地区\d{4}年自评报告草稿\.json$/);
  const draft = JSON.parse(file.bytes.toString('utf8'));
  assert.equal(draft.format, 'lvzhi-draft');
  assert.equal(draft.items['A1.1'].narrative, '崩溃前已保存的文字。');

  // 重新加载 opens what was saved, and the app works again.
  await notice.getByRole('button', { name: '重新加载' }).click();
  await page.locator('#narrative-A1\\.1').waitFor();
  assert.equal(await page.locator('#narrative-A1\\.1').inputValue(), '崩溃前已保存的文字。');
  const errors = app.browser.errors.map(String);
  assert.ok(errors.some((error) => /测试用的故意崩溃/.test(error)), 'the panic reached the console');
  app.browser.errors.length = 0;
});

test('an exception out of the app (localStorage taken away while the page is open) stops it with the same notice', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/item/A1.1');
  await page.fill('#narrative-A1\\.1', '存储被禁用之前保存的文字。');
  await waitUntilSaved(page);
  await page.evaluate(() => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await page.fill('#narrative-A1\\.1', '存储被禁用之后的文字。');
  const notice = page.getByTestId('crash-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /存储被禁用之前保存的文字|最后保存于/);
  const file = await downloadOf(page, () => notice.getByRole('button', { name: '下载草稿文件' }).click());
  assert.equal(JSON.parse(file.bytes.toString('utf8')).items['A1.1'].narrative, '存储被禁用之前保存的文字。');
  app.browser.errors.length = 0;
});
