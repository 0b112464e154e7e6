// 存在的问题 and 下一步措施 end to end: adding, deleting (first, middle, last; filled or empty),
// undoing a deletion, and every later edit still saved (issue 11: deleting used to crash the app).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, waitUntilSaved, openAppAt, openView, builtinFramework } from './harness.mjs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const app = appUnderTest();
const openApp = (page, hash = '#/') => openAppAt(page, app.server.url, hash);

/** The open draft as stored in localStorage. */
const storedDraft = (page) => page.evaluate(() =>
  JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));

for (const list of [
  { name: 'problems', hash: '#/problems', heading: 'problems-title', prefix: 'problem' },
  { name: 'measures', hash: '#/measures', heading: 'measures-title', prefix: 'measure' },
]) {
  test(`deleting the middle, first and last of four ${list.name}, filled or empty, keeps the app alive and saving`, async () => {
    const { page } = app.browser;
    await openApp(page);
    await openView(page, list.hash, list.heading);
    const add = page.locator(`#${list.name}-add`);
    for (let i = 0; i < 4; i++) await add.click();
    const ids = await page.locator('li.entry').evaluateAll((rows) => rows.map((row) => row.dataset.entry));
    assert.equal(ids.length, 4);
    await page.fill(`#${list.prefix}-${ids[0]}-title`, '第一条');
    await page.fill(`#${list.prefix}-${ids[1]}-title`, '第二条');
    await page.fill(`#${list.prefix}-${ids[3]}-text`, '第四条的内容');
    const row = (id) => page.locator(`li.entry[data-entry="${id}"]`);

    await row(ids[1]).getByRole('button', { name: '删除', exact: true }).click();   // middle, filled: confirmed
    await row(ids[1]).waitFor({ state: 'detached' });
    await row(ids[2]).getByRole('button', { name: '删除', exact: true }).click();   // empty: at once
    await row(ids[2]).waitFor({ state: 'detached' });
    await row(ids[0]).getByRole('button', { name: '删除', exact: true }).click();   // first
    await row(ids[0]).waitFor({ state: 'detached' });
    assert.equal(await page.locator('li.entry').count(), 1);
    assert.match(await page.getByTestId('removal-status').textContent(), /已删除/);

    // Later edits are saved, and the header tells the truth about it.
    await page.fill(`#${list.prefix}-${ids[3]}-title`, '删除之后输入的概括');
    await waitUntilSaved(page);
    const stored = await storedDraft(page);
    assert.deepEqual(stored[list.name].map((entry) => [entry.id, entry.title, entry.text]),
      [[ids[3], '删除之后输入的概括', '第四条的内容']]);

    // Deleting the last one too.
    await row(ids[3]).getByRole('button', { name: '删除', exact: true }).click();
    await row(ids[3]).waitFor({ state: 'detached' });
    await add.click();
    await page.locator('li.entry input[type="text"]').first().fill('重新添加的一条');
    await waitUntilSaved(page);
    assert.deepEqual((await storedDraft(page))[list.name].map((entry) => entry.title), ['重新添加的一条']);
    assert.deepEqual(app.browser.errors.map(String), []);
  });
}

test('deleting a problem unticks it in the measures, and 撤销删除 brings both back', async () => {
  const { page } = app.browser;
  await openApp(page);
  await openView(page, '#/problems', 'problems-title');
  await page.locator('#problems-add').click();
  await page.locator('#problems-add').click();
  await page.fill('#problem-p1-title', '学前教育资源不足');
  await page.fill('#problem-p2-title', '教师结构性缺编');
  await openView(page, '#/measures', 'measures-title');
  await page.locator('#measures-add').click();
  await page.fill('#measure-m1-title', '补充教师');
  await page.getByLabel('学前教育资源不足').check();
  await page.getByLabel('教师结构性缺编').check();
  await waitUntilSaved(page);
  assert.deepEqual((await storedDraft(page)).measures[0].answers, ['p1', 'p2']);

  await openView(page, '#/problems', 'problems-title');
  await page.locator('li.entry[data-entry="p1"]').getByRole('button', { name: '删除', exact: true }).click();
  await page.locator('li.entry[data-entry="p1"]').waitFor({ state: 'detached' });
  await waitUntilSaved(page);
  let stored = await storedDraft(page);
  assert.deepEqual(stored.problems.map((problem) => problem.id), ['p2']);
  assert.deepEqual(stored.measures[0].answers, ['p2'], 'no dangling id of a deleted problem');

  await page.getByRole('button', { name: '撤销删除' }).click();
  await page.locator('li.entry[data-entry="p1"]').waitFor();
  await waitUntilSaved(page);
  stored = await storedDraft(page);
  assert.deepEqual(stored.problems.map((problem) => [problem.id, problem.title]),
    [['p1', '学前教育资源不足'], ['p2', '教师结构性缺编']]);
  assert.deepEqual([...stored.measures[0].answers].sort(), ['p1', 'p2']);
  // The restored problem is first again, numbered （一）.
  assert.equal(await page.locator('label[for="problem-p1-title"]').textContent(), '（一）概括');
});

test('从范文添加 offers only the 范文 entries not yet in the list', async () => {
  const { page } = app.browser;
  await openApp(page);
  await openView(page, '#/problems', 'problems-title');
  const select = page.locator('#problem-starter');
  const offered = () => select.locator('option').allTextContents();
  const all = await offered();
  assert.ok(all.length >= 2);
  await select.selectOption({ label: all[1] });
  await page.getByRole('button', { name: '添加范文' }).click();
  await page.locator('li.entry').first().waitFor();
  assert.deepEqual(await offered(), all.filter((title) => title !== all[1]));
  for (let i = 0; i < all.length - 1; i++) await page.getByRole('button', { name: '添加范文' }).click();
  assert.equal(await page.locator('li.entry').count(), all.length);
  assert.equal(await select.count(), 0);
  assert.match(await page.locator('.add-entry').textContent(), /范文中的各条都已添加/);
  // Deleting one offers it again.
  await page.locator('li.entry').first().getByRole('button', { name: '删除', exact: true }).click();
  await page.locator('#problem-starter').waitFor();
  assert.equal((await offered()).length, 1);
});

test('上移 and 下移 reorder entries, are off at the ends, and the order is saved', async () => {
  const { page } = app.browser;
  await openApp(page);
  await openView(page, '#/problems', 'problems-title');
  for (let i = 0; i < 3; i++) await page.locator('#problems-add').click();
  const ids = await page.locator('li.entry').evaluateAll((rows) => rows.map((row) => row.dataset.entry));
  for (const [index, id] of ids.entries()) await page.fill(`#problem-${id}-title`, `第${index + 1}条`);
  const row = (id) => page.locator(`li.entry[data-entry="${id}"]`);
  assert.equal(await row(ids[0]).getByRole('button', { name: '上移' }).isDisabled(), true);
  assert.equal(await row(ids[0]).getByRole('button', { name: '下移' }).isDisabled(), false);
  assert.equal(await row(ids[2]).getByRole('button', { name: '下移' }).isDisabled(), true);
  await row(ids[0]).getByRole('button', { name: '下移' }).click();
  await row(ids[2]).getByRole('button', { name: '上移' }).click();
  const order = () => page.locator('li.entry').evaluateAll((rows) => rows.map((row) => row.dataset.entry));
  assert.deepEqual(await order(), [ids[1], ids[2], ids[0]]);
  // The buttons follow the new places.
  assert.equal(await row(ids[0]).getByRole('button', { name: '下移' }).isDisabled(), true);
  assert.equal(await row(ids[1]).getByRole('button', { name: '上移' }).isDisabled(), true);
  await waitUntilSaved(page);
  assert.deepEqual((await storedDraft(page)).problems.map((entry) => entry.title), ['第2条', '第3条', '第1条']);
  assert.deepEqual(app.browser.errors.map(String), []);
});

test('整改情况 entries: deleting one says which, 撤销删除 puts it back in its place with its text', async () => {
  const { page } = app.browser;
  // A framework whose report has the 整改情况 part (a framework file, as a county makes one).
  const framework = await builtinFramework();
  framework.id = 'with-rectification';
  framework.title = '有整改情况的评价指标';
  framework.report.parts.splice(1, 0, { kind: 'rectification', heading: '上一轮评价反馈问题整改情况', code: 'rectification' });
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-rect-')), 'framework.json');
  await writeFile(file, JSON.stringify(framework));
  await openApp(page, '#/drafts');
  await page.locator('#framework-file').setInputFiles(file);
  await page.getByTestId('notice').first().waitFor();
  await openView(page, '#/rectifications', 'rectifications-title');
  const add = page.locator('#rectifications-add');
  for (let i = 0; i < 3; i++) await add.click();
  const ids = await page.locator('li.entry').evaluateAll((rows) => rows.map((row) => row.dataset.entry));
  assert.equal(ids.length, 3);
  await page.fill(`#rectification-${ids[1]}-problem`, '第二条反馈问题');
  await page.locator(`li.entry[data-entry="${ids[1]}"]`).getByRole('button', { name: '删除' }).click();
  const status = page.getByTestId('removal-status');
  await status.filter({ hasText: '已删除第（二）条。' }).waitFor();
  await status.getByRole('button', { name: '撤销删除' }).click();
  await status.filter({ hasText: '已撤销删除。' }).waitFor();
  assert.deepEqual(await page.locator('li.entry').evaluateAll((rows) => rows.map((row) => row.dataset.entry)), ids);
  assert.equal(await page.inputValue(`#rectification-${ids[1]}-problem`), '第二条反馈问题');
  assert.equal(await page.evaluate(() => document.activeElement?.id), `rectification-${ids[1]}-problem`);
  await waitUntilSaved(page);
  assert.equal((await storedDraft(page)).rectifications[1].problem, '第二条反馈问题');
});
