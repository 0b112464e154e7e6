// The first open (issue 22): a fresh profile starts on 开始, not inside the built-in example's
// draft; a framework made from a table and its draft take under ten actions; a framework chosen
// from the list opens its draft on 基本信息; a colleague's fresh profile opens a draft file alone
// from the start page and sees the same draft and scores. The example's draft behind the page is
// never stored unless typed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, openView, waitUntilSaved, eventually, downloadOf, pasteText } from './harness.mjs';

const app = appUnderTest();

const storedDraftKeys = (page) => page.evaluate(() =>
  Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/draft/')));
const lastDraft = (page) => page.evaluate(() =>
  JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));

/** The bare address, as a user types or bookmarks it. */
async function openFresh(page) {
  await page.goto(app.server.url);
  await page.locator('h1#start-title').waitFor();
}

test('a fresh profile starts on 开始 and makes a framework from a table and its draft in under ten actions', async () => {
  const { page } = app.browser;
  await openFresh(page);
  assert.equal(await page.locator('nav.sidebar').isVisible(), false, 'the example draft\'s navigation is not shown');
  assert.equal(await page.locator('.toolbar').getByRole('button', { name: '导出 Word' }).isVisible(), false,
    'nothing of the example draft to export');
  const listed = await page.locator('.start-frameworks').textContent();
  assert.match(listed, /四川省.*评价对象：市；2023年；9个一级指标.*不打分/s);
  assert.match(listed, /打分（满分100分）/);
  assert.deepEqual(await storedDraftKeys(page), [], 'nothing is stored before the user chooses');

  const table = await readFile(new URL('../../crates/core/tests/tables/05-excel-paste.tsv', import.meta.url), 'utf8');
  let actions = 0;
  await page.locator('#start-from-table').click(); actions += 1;
  await page.locator('h1#table-import-title').waitFor();
  await pasteText(page, '#table-paste', table); actions += 1;
  await page.getByTestId('table-outcome').waitFor();
  await page.fill('#table-title', '示例县2025年履行教育职责评价指标'); actions += 1;
  await page.fill('#table-year', '2025'); actions += 1;
  await page.locator('#table-create').click(); actions += 1;
  await page.getByTestId('notice').filter({ hasText: '已按指标表建立指标体系' }).waitFor();
  await page.locator('h1#meta-title').waitFor();
  await waitUntilSaved(page);
  assert.ok(actions < 10);
  assert.match((await lastDraft(page)).framework.id, /^table-/);
  assert.equal((await storedDraftKeys(page)).length, 1, 'only the chosen draft is stored, not the example behind the page');

  // From now on the app opens on the user's own draft.
  await page.goto(app.server.url);
  await page.locator('nav.sidebar').waitFor();
  assert.equal(await page.locator('h1#start-title').count(), 0);
  assert.match(await page.locator('nav.sidebar').textContent(), /概览/);
});

test('a framework chosen on 开始 opens its new draft on 基本信息', async () => {
  const { page } = app.browser;
  await openFresh(page);
  const scored = page.locator('.start-framework', { hasText: '打分（满分100分）' });
  await scored.getByRole('button', { name: '用它新建草稿' }).click();
  await page.locator('h1#meta-title').waitFor();
  await page.getByTestId('notice').filter({ hasText: '请先填写基本信息' }).waitFor();
  await waitUntilSaved(page);
  assert.equal((await lastDraft(page)).framework.id, 'example-county-scored');
  assert.equal((await storedDraftKeys(page)).length, 1);
  // 使用步骤 and a direct link bring 开始 back.
  await openView(page, '#/start', 'start-title');
});

test('a colleague\'s fresh profile opens a draft file alone from 开始 and sees the same draft and scores', async () => {
  let { page } = app.browser;
  await openFresh(page);
  await page.locator('.start-framework', { hasText: '打分（满分100分）' }).getByRole('button', { name: '用它新建草稿' }).click();
  await page.locator('h1#meta-title').waitFor();
  await page.fill('#meta-region', '示例县');
  await openView(page, '#/score-sheet', 'sheet-title');
  const first = page.locator('input[id^="sheet-score-"]').first();
  const scoreId = await first.getAttribute('id');
  await first.fill('3');
  await waitUntilSaved(page);
  const { name, bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).click());

  page = (await app.reopen()).page;
  await openFresh(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#start-draft-file').click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: bytes });
  const dialog = page.getByTestId('import-dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '作为新草稿打开' }).click();
  await page.locator('nav.sidebar').waitFor();
  await waitUntilSaved(page);
  assert.equal((await lastDraft(page)).meta.region, '示例县');
  await openView(page, '#/score-sheet', 'sheet-title');
  assert.equal(await page.inputValue(`[id="${scoreId}"]`), '3');
  await eventually(async () => assert.equal((await storedDraftKeys(page)).length, 1, 'the example behind 开始 was never stored'));
});

test('从指标表新建 opened directly or reloaded on a first visit stores nothing and shows no example outline', async () => {
  const { page } = app.browser;
  await page.goto(`${app.server.url}#/from-table`);
  await page.locator('h1#table-import-title').waitFor();
  assert.equal(await page.locator('nav.sidebar').isVisible(), false);
  await page.reload();
  await page.locator('h1#table-import-title').waitFor();
  assert.equal(await page.locator('nav.sidebar').isVisible(), false);
  // Long enough for a save that would have happened.
  await page.waitForTimeout(1500);
  assert.deepEqual(await storedDraftKeys(page), [], 'the example behind it was never stored');
  // A table pasted there makes the first stored draft.
  const table = await readFile(new URL('../../crates/core/tests/tables/05-excel-paste.tsv', import.meta.url), 'utf8');
  await pasteText(page, '#table-paste', table);
  await page.getByTestId('table-outcome').waitFor();
  await page.fill('#table-title', '2025年度县级评价指标');
  await page.fill('#table-year', '2025');
  await page.locator('#table-create').click();
  await page.locator('h1#meta-title').waitFor();
  await waitUntilSaved(page);
  assert.equal((await storedDraftKeys(page)).length, 1);
  assert.deepEqual(app.browser.errors.map(String), []);
});

test('looking at the example first: 草稿管理 leads back to it, and the example is still not stored', async () => {
  const { page } = app.browser;
  await openFresh(page);
  await page.locator('#start-look').click();
  await page.locator('h1#overview-title').waitFor();
  await openView(page, '#/drafts', 'drafts-title');
  // The example is no draft of this browser: the list says there is none, and no history shows.
  assert.match(await page.getByTestId('no-drafts').textContent(), /还没有草稿/);
  assert.equal(await page.getByRole('heading', { name: '当前草稿的历史版本' }).count(), 0);
  const back = page.locator('#back-to-draft');
  assert.equal(await back.getAttribute('href'), '#/', 'back to the example\'s page left');
  await back.click();
  await page.locator('h1#overview-title').waitFor();
  assert.deepEqual(await storedDraftKeys(page), [], 'looking stores nothing');
});
