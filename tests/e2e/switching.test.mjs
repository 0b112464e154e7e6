// Every way the open draft is switched, right after typing (the edit still waiting for its 400 ms
// save): no character is lost — it is in the draft left, or in the backup of the draft replaced —
// and another window's newer save is never overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appUnderTest, openAppAt, openView, waitUntilSaved, downloadOf } from './harness.mjs';

const app = appUnderTest();
const TYPED = '切换前最后输入的文字。';

/** Every stored value of this origin, by key. */
const storage = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)])));
const openId = (page) => page.evaluate(() => localStorage.getItem('lvzhi/last-draft'));

/** Whether `text` is in the stored draft `id`, or in one of its backups or versions. */
async function kept(page, id, text) {
  const all = await storage(page);
  return Object.entries(all).some(([key, value]) =>
    (key === `lvzhi/draft/${id}` || key.startsWith(`lvzhi/backup/${id}/`) || key.startsWith(`lvzhi/version/${id}/`))
    && value.includes(text));
}

/**
 * Types into A1.1 and, in the same task, clicks `selector`: the switch starts while the edit is
 * still only in the page. Returns whether the edit was stored before the click (it must not be).
 */
function typeAndClick(page, selector) {
  return page.evaluate(({ text, selector }) => {
    const narrative = document.querySelector('#narrative-A1\\.1');
    narrative.value = text;
    narrative.dispatchEvent(new Event('input', { bubbles: true }));
    const id = localStorage.getItem('lvzhi/last-draft');
    const storedBefore = (localStorage.getItem(`lvzhi/draft/${id}`) ?? '').includes(text);
    document.querySelector(selector).click();
    return storedBefore;
  }, { text: TYPED, selector });
}

/** A draft with a region and a saved narrative in A1.1, open on A1.1; returns its id. */
async function start(page) {
  await openAppAt(page, app.server.url, '#/meta');
  await page.getByLabel('地区名称').fill('资阳市');
  await openView(page, '#/item/A1.1', 'title-A1.1');
  await page.locator('#narrative-A1\\.1').fill('先保存的文字。');
  await waitUntilSaved(page);
  return openId(page);
}

async function draftFile(page, change = (draft) => draft) {
  const { name, bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).click());
  const draft = change(JSON.parse(bytes.toString('utf8')));
  draft.updated_at = new Date(Date.now() + 1000).toISOString();
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-switch-')), name);
  await writeFile(file, JSON.stringify(draft));
  return file;
}

test('import as a new draft right after typing: the typing stays in the draft left', async () => {
  const { page } = app.browser;
  const first = await start(page);
  const file = await draftFile(page, (draft) => { draft.id = 'from-a-colleague'; return draft; });
  await page.locator('#import-file').setInputFiles(file);
  await page.getByTestId('import-dialog').waitFor();
  const storedBefore = await typeAndClick(page, '[data-testid="import-dialog"] button.primary');
  assert.equal(storedBefore, false, 'the edit was still waiting');
  await page.getByTestId('notice').filter({ hasText: '已作为新草稿打开' }).waitFor();
  assert.notEqual(await openId(page), first);
  assert.ok(await kept(page, first, TYPED));
});

test('replace right after typing: the typing is in the backup of the draft replaced', async () => {
  const { page } = app.browser;
  const first = await start(page);
  const file = await draftFile(page, (draft) => { draft.items['A2.1'] = { narrative: '同事的文字。' }; return draft; });
  await page.locator('#import-file').setInputFiles(file);
  await page.getByTestId('import-dialog').waitFor();
  assert.equal(await typeAndClick(page, '[data-testid="import-dialog"] .dialog-actions button:nth-child(2)'), false);
  await page.getByTestId('notice').filter({ hasText: '原来的内容已备份' }).waitFor();
  assert.equal(await openId(page), first, 'the same draft, replaced');
  assert.ok(await kept(page, first, TYPED));
});

test('merge right after typing, then undo it right after typing again: nothing typed is lost', async () => {
  const { page } = app.browser;
  const first = await start(page);
  const file = await draftFile(page, (draft) => { draft.items['A2.1'] = { narrative: '同事补充的文字。' }; return draft; });
  await page.locator('#merge-file').setInputFiles(file);
  await page.getByTestId('merge-dialog').waitFor();
  assert.equal(await typeAndClick(page, '[data-testid="merge-dialog"] button.primary'), false);
  await page.getByTestId('merge-undo').waitFor();
  assert.ok(await kept(page, first, TYPED), 'typed before the merge');
  await openView(page, '#/item/A1.1', 'title-A1.1');
  const afterMerge = '合并之后又输入的文字。';
  const storedBefore = await page.evaluate(({ text }) => {
    const narrative = document.querySelector('#narrative-A1\\.1');
    narrative.value = text;
    narrative.dispatchEvent(new Event('input', { bubbles: true }));
    const id = localStorage.getItem('lvzhi/last-draft');
    const before = (localStorage.getItem(`lvzhi/draft/${id}`) ?? '').includes(text);
    [...document.querySelectorAll('[data-testid="merge-undo"] button')].find((button) => button.textContent === '撤销合并').click();
    return before;
  }, { text: afterMerge });
  assert.equal(storedBefore, false);
  await page.getByTestId('notice').filter({ hasText: '已撤销合并' }).waitFor();
  assert.ok(app.browser.dialogs.some((message) => /合并之后您又做了修改/.test(message)), 'undoing after typing asks first');
  assert.ok(await kept(page, first, afterMerge), 'typed after the merge, kept in a backup');
});

test('new, open and restore a version on 草稿管理 right after typing: the typing is kept', async () => {
  const { page } = app.browser;
  const first = await start(page);
  // 新建草稿: the typing of the first draft is in it.
  await page.locator('#narrative-A1\\.1').fill(`${TYPED}一`);
  await page.evaluate(() => { location.hash = '#/drafts'; });
  await page.locator('#new-draft').click();
  await page.getByTestId('notice').filter({ hasText: '已新建草稿' }).waitFor();
  assert.ok(await kept(page, first, `${TYPED}一`));
  const second = await openId(page);
  // 打开 the first one again, right after typing in the second.
  await openView(page, '#/item/A1.1', 'title-A1.1');
  await page.locator('#narrative-A1\\.1').fill(`${TYPED}二`);
  await page.evaluate(() => { location.hash = '#/drafts'; });
  await page.locator(`tr[data-draft="${first}"]`).getByRole('button', { name: '打开' }).click();
  await page.getByTestId('notice').filter({ hasText: '已打开' }).waitFor();
  assert.ok(await kept(page, second, `${TYPED}二`));
  // 恢复此版本 right after typing: what was typed is kept as a version first.
  await openView(page, '#/item/A1.1', 'title-A1.1');
  await page.locator('#narrative-A1\\.1').fill(`${TYPED}三`);
  await page.evaluate(() => { location.hash = '#/drafts'; });
  await page.locator('ul.versions button').first().click();
  await page.getByTestId('notice').filter({ hasText: '已恢复到所选版本' }).waitFor();
  assert.ok(await kept(page, first, `${TYPED}三`));
});

test("another window's newer save is never overwritten by this window's typing", async () => {
  const { page, context } = app.browser;
  const id = await start(page);
  const other = await context.newPage();
  await openAppAt(other, app.server.url, '#/item/A2.1');
  // The other window types first, this one right after: the other's save lands while this
  // window's edit still waits for its own.
  await other.locator('#narrative-A2\\.1').fill('另一个窗口保存的文字。');
  await page.evaluate(({ text }) => {
    const narrative = document.querySelector('#narrative-A1\\.1');
    narrative.value = text;
    narrative.dispatchEvent(new Event('input', { bubbles: true }));
  }, { text: TYPED });
  await waitUntilSaved(other);
  // This window now holds an unsaved edit against a newer stored draft: a conflict, not a write.
  await page.getByTestId('save-conflict').waitFor();
  const stored = JSON.parse((await storage(page))[`lvzhi/draft/${id}`]);
  assert.equal(stored.items['A2.1'].narrative, '另一个窗口保存的文字。', 'theirs is untouched');
  assert.notEqual(stored.items['A1.1'].narrative, TYPED);
  assert.equal(await page.locator('#narrative-A1\\.1').inputValue(), TYPED, 'mine is still on screen');
  // Keeping both: theirs is loaded, mine becomes a new draft; nothing is lost.
  await page.getByRole('button', { name: /载入另一窗口的版本/ }).click();
  await page.getByTestId('notice').filter({ hasText: '本窗口的修改已另存为一份新草稿' }).waitFor();
  const all = await storage(page);
  assert.ok(Object.entries(all).some(([key, value]) => key.startsWith('lvzhi/draft/') && key !== `lvzhi/draft/${id}` && value.includes(TYPED)));
  await other.close();
});

test("a window with nothing unsaved takes another window's save at once", async () => {
  const { page, context } = app.browser;
  await start(page);
  const other = await context.newPage();
  await openAppAt(other, app.server.url, '#/item/A1.1');
  await other.locator('#narrative-A1\\.1').fill('另一个窗口的新文字。');
  await waitUntilSaved(other);
  await page.getByTestId('notice').filter({ hasText: '已载入另一个窗口中保存的修改' }).waitFor();
  await openView(page, '#/item/A1.1', 'title-A1.1');
  assert.equal(await page.locator('#narrative-A1\\.1').inputValue(), '另一个窗口的新文字。');
  await other.close();
});
