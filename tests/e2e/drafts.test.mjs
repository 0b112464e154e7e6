// Many drafts and faults, end to end: delete and restore, a corrupt entry, a full storage, two
// windows on one draft, no localStorage at all, and merging a colleague's file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appUnderTest, openAppAt, openView, waitUntilSaved, downloadOf, unzipEntry, eventually } from './harness.mjs';

const app = appUnderTest();

/** Closes `page` as a user closing the tab would, and returns the kinds of dialogs it raised. */
async function dialogsOnClosing(page) {
  const kinds = [];
  page.on('dialog', (dialog) => kinds.push(dialog.type()));
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  return kinds;
}

async function typeInto(page, code, text) {
  await openView(page, `#/item/${code}`, `title-${code}`);
  await page.getByLabel('工作情况及成效').fill(text);
}

const draftsPage = async (page) => {
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('.drafts-table').waitFor();
};

test('app pages stand on their own: no draft outline or findings beside 草稿管理, and 返回草稿 goes back to the page left', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A2.1', '写了一句。');
  await waitUntilSaved(page);
  await draftsPage(page);
  assert.equal(await page.locator('nav.sidebar').count(), 0, 'the draft\'s outline is not beside an app page');
  assert.equal(await page.locator('aside.findings-panel').count(), 0, 'nor its findings');
  assert.equal(await page.locator('.layout.app-layout').count(), 1);
  const back = page.locator('#back-to-draft');
  assert.equal(await back.getAttribute('href'), '#/item/A2.1', 'back to the page the user left');
  await back.click();
  await page.locator('h1#title-A2\\.1').waitFor();
  await page.locator('nav.sidebar').waitFor();
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '写了一句。');
  // Moving within the draft's pages keeps its outline: the same element, not drawn anew.
  await page.locator('nav.sidebar').evaluate((nav) => { nav.dataset.kept = 'yes'; });
  await openView(page, '#/meta', 'meta-title');
  assert.equal(await page.locator('nav.sidebar').getAttribute('data-kept'), 'yes');
  // Back (the browser's) from an app page returns to the draft's page too.
  await draftsPage(page);
  await page.goBack();
  await page.locator('h1#meta-title').waitFor();
  await page.locator('nav.sidebar').waitFor();
  // Reloaded on an app page, the way back still knows the page left.
  await draftsPage(page);
  await page.reload();
  await page.locator('h1#drafts-title').waitFor();
  assert.equal(await page.locator('#back-to-draft').getAttribute('href'), '#/meta');
});

test('drafts are listed, renamed, duplicated, deleted to the 回收站 and restored', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '第一份草稿。');
  await waitUntilSaved(page);
  await draftsPage(page);
  await page.locator('#new-draft').click();
  await page.getByTestId('notice').filter({ hasText: '已新建草稿' }).waitFor();
  // The button is gone with the page: the new draft's heading has the focus, not the page.
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1'));
  await typeInto(page, 'A1.1', '第二份草稿。');
  await waitUntilSaved(page);
  await draftsPage(page);
  assert.equal(await page.locator('.drafts-table tbody tr').count(), 2);
  assert.equal(await page.getByTestId('trash-empty').isVisible(), true);
  assert.match(await page.locator('.storage-usage label').textContent(), /本地存储已用 \d+ KB，约剩 \d+ KB/);

  const other = page.locator('.drafts-table tbody tr:not(.current)');
  await other.getByRole('button', { name: '复制' }).click();
  await page.getByTestId('notice').filter({ hasText: '已复制为' }).waitFor();
  assert.equal(await page.locator('.drafts-table tbody tr').count(), 3);

  const copy = page.locator('.drafts-table tbody tr', { hasText: '副本' });
  await copy.getByRole('button', { name: '删除' }).click();
  await page.getByTestId('notice').filter({ hasText: '已移到回收站' }).waitFor();
  assert.equal(await page.locator('.drafts-table tbody tr').count(), 2);
  assert.equal(await page.locator('.trash li').count(), 1);
  assert.equal(await page.getByTestId('trash-empty').count(), 0);
  await page.locator('.trash li').getByRole('button', { name: '恢复' }).click();
  await page.getByTestId('notice').filter({ hasText: '已恢复' }).waitFor();
  assert.equal(await page.locator('.drafts-table tbody tr').count(), 3);
  assert.equal(await page.locator('.trash li').count(), 0);

  // Copying and restoring leave the open draft the one a reload opens.
  await page.reload();
  await openView(page, '#/item/A1.1', 'title-A1.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '第二份草稿。');
  await draftsPage(page);

  // Open the first draft again: its text is there.
  await page.locator('.drafts-table tbody tr', { hasNot: page.locator('text=副本') }).filter({ hasNot: page.locator('text=（当前）') })
    .getByRole('button', { name: '打开' }).click();
  await openView(page, '#/item/A1.1', 'title-A1.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '第一份草稿。');
});

test('a corrupt entry is set aside, the other drafts open, and its raw text can be exported', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '完好的草稿。');
  await waitUntilSaved(page);
  const broken = '{"format":"lvzhi-draft","schema_version":2,"id":"broken","meta":{"region":"断';
  await page.evaluate((raw) => {
    localStorage.setItem('lvzhi/draft/broken', raw);
    localStorage.setItem('lvzhi/last-draft', 'broken');
  }, broken);
  await page.reload();
  const notice = page.getByTestId('notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /无法读取.*未删除.*已打开最近编辑的另一份草稿/);
  await openView(page, '#/item/A1.1', 'title-A1.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '完好的草稿。');
  await draftsPage(page);
  const aside = page.locator('.set-aside li');
  assert.equal(await aside.count(), 1);
  const { bytes } = await downloadOf(page, () => aside.getByRole('button', { name: '导出原始内容' }).click());
  assert.equal(bytes.toString('utf8'), broken);
});

test('a full storage: typing goes on, the problem is shown, export still works', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '存储满之前。');
  await waitUntilSaved(page);
  // Another app on the same origin fills the quota.
  await page.evaluate(() => {
    let index = 0;
    for (const size of [512 * 1024, 64 * 1024, 4 * 1024, 256]) {
      const block = 'x'.repeat(size);
      try { for (;;) localStorage.setItem(`other-app/${index++}`, block); } catch { /* full at this size */ }
    }
  });
  await page.getByLabel('工作情况及成效').fill(`存储满之后继续输入。${'很长的内容'.repeat(400)}`);
  const banner = page.getByTestId('save-failed');
  await banner.waitFor();
  assert.match(await banner.textContent(), /存储已满.*修改仍保留在本页面中/);
  assert.match(await page.getByLabel('工作情况及成效').inputValue(), /^存储满之后继续输入。/);
  const { bytes } = await downloadOf(page, () => banner.getByRole('button', { name: '导出草稿文件' }).click());
  assert.match(JSON.parse(bytes.toString('utf8')).items['A1.1'].narrative, /^存储满之后继续输入。/);
  assert.deepEqual(await dialogsOnClosing(page), ['beforeunload'], 'closing asks first: the edit is not stored');
});

test('two windows on one draft: the idle one follows, a simultaneous edit is never silently overwritten', async () => {
  const { page, context } = app.browser;
  await openAppAt(page, app.server.url, '#/item/A1.1');
  await page.getByLabel('工作情况及成效').fill('第一个窗口的文字。');
  await waitUntilSaved(page);
  const second = await context.newPage();
  await openAppAt(second, app.server.url, '#/item/A1.1');
  assert.equal(await second.getByLabel('工作情况及成效').inputValue(), '第一个窗口的文字。');

  // The first window edits; the idle second one follows without a word.
  await page.getByLabel('工作情况及成效').fill('第一个窗口改过了。');
  await waitUntilSaved(page);
  await second.locator('#narrative-A1\\.1').waitFor();
  await second.waitForFunction(() => document.querySelector('#narrative-A1\\.1')?.value === '第一个窗口改过了。');

  // Both edit before either saves: one of them must stop and ask.
  await second.getByLabel('工作情况及成效').fill('第二个窗口的修改。');
  await page.getByLabel('工作情况及成效').fill('第一个窗口的再次修改。');
  const conflictIn = await Promise.race([
    page.getByTestId('save-conflict').waitFor().then(() => page),
    second.getByTestId('save-conflict').waitFor().then(() => second),
  ]);
  const [winnerText, loserText] = conflictIn === page ? ['第二个窗口的修改。', '第一个窗口的再次修改。'] : ['第一个窗口的再次修改。', '第二个窗口的修改。'];
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
  assert.equal(stored.items['A1.1'].narrative, winnerText, 'the saved version is the one written first');
  assert.equal(await conflictIn.getByLabel('工作情况及成效').inputValue(), loserText, 'the other edit is still on screen');

  // The waiting window keeps its edit as a new draft and loads the saved version.
  await conflictIn.getByRole('button', { name: '载入另一窗口的版本（本窗口的修改另存为新草稿）' }).click();
  await conflictIn.getByTestId('notice').filter({ hasText: '本窗口的修改已另存为一份新草稿' }).waitFor();
  const narratives = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/draft/'))
    .map((key) => JSON.parse(localStorage.getItem(key)).items?.['A1.1']?.narrative));
  assert.ok(narratives.includes(winnerText) && narratives.includes(loserText), 'both texts are stored');
  await second.close();
});

test('without localStorage the app works and says drafts will not persist', async () => {
  const { page } = app.browser;
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('disabled', 'SecurityError'); } });
  });
  await openAppAt(page, app.server.url);
  const banner = page.getByTestId('memory-only');
  await banner.waitFor();
  assert.match(await banner.textContent(), /本地存储不可用.*不会保存/);
  await typeInto(page, 'A1.1', '只在内存中。');
  assert.equal(await page.getByTestId('save-status').textContent(), '仅在本页面中（不会保存）');
  const { bytes } = await downloadOf(page, () => banner.getByRole('button', { name: '导出草稿文件' }).click());
  assert.equal(JSON.parse(bytes.toString('utf8')).items['A1.1'].narrative, '只在内存中。');
  assert.deepEqual(await dialogsOnClosing(page), ['beforeunload'], 'closing asks first: the text would be lost');
});

test('closing after a save asks nothing', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '已经保存的文字。');
  await waitUntilSaved(page);
  assert.deepEqual(await dialogsOnClosing(page), []);
});

test("merging a colleague's file: their changes taken, a conflict settled, one undo", async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/meta');
  await page.getByLabel('地区名称').fill('资阳市');
  await typeInto(page, 'A1.1', '共同的起点。');
  await waitUntilSaved(page);
  const { name, bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).click());
  // The colleague fills a figure and another item, and rewrites A1.1.
  const theirs = JSON.parse(bytes.toString('utf8'));
  theirs.figures.education_budget_total = '3.73';
  theirs.items['A2.1'] = { narrative: '财政局补充的经费情况。' };
  theirs.items['A1.1'].narrative = '同事改写的起点。';
  theirs.updated_at = new Date(Date.now() + 1000).toISOString();
  // Meanwhile I rewrite A1.1 too.
  await typeInto(page, 'A1.1', '我改写的起点。');
  await waitUntilSaved(page);
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-merge-')), name);
  await writeFile(file, JSON.stringify(theirs));
  await page.locator('#merge-file').setInputFiles(file);
  const dialog = page.getByTestId('merge-dialog');
  await dialog.waitFor();
  assert.match(await page.getByTestId('merge-summary').textContent(), /采用同事的修改2处.*冲突1处/);
  assert.match(await dialog.textContent(), /以您发给同事的版本为基准/);
  const conflict = dialog.getByTestId('merge-conflict');
  assert.match(await conflict.textContent(), /我改写的起点。.*同事改写的起点。/);
  // No side is chosen for the user: 合并 waits for an answer to each conflict.
  assert.equal(await conflict.getByRole('radio', { checked: true }).count(), 0);
  assert.ok(await dialog.getByRole('button', { name: '合并', exact: true }).isDisabled());
  assert.equal(await page.getByTestId('merge-unanswered').textContent(), '还有1处冲突未选择');
  await conflict.getByLabel('两者都保留').check();
  await dialog.getByRole('button', { name: '合并', exact: true }).click();
  await page.getByTestId('notice').filter({ hasText: '已合并' }).waitFor();
  await openView(page, '#/item/A1.1', 'title-A1.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '我改写的起点。\n同事改写的起点。');
  await openView(page, '#/item/A2.1', 'title-A2.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '财政局补充的经费情况。');
  assert.equal(await page.getByLabel('一般公共预算教育经费', { exact: true }).inputValue(), '3.73');

  await page.getByTestId('merge-undo').getByRole('button', { name: '撤销合并' }).click();
  await page.getByTestId('notice').filter({ hasText: '已撤销合并' }).waitFor();
  await openView(page, '#/item/A1.1', 'title-A1.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '我改写的起点。');
});

test('a colleague who only renamed problem (一) changes it on merging: no second problem', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await openView(page, '#/problems', 'problems-title');
  await page.locator('#problems-add').click();
  await page.fill('#problem-p1-title', '学前教育资源不足');
  await page.fill('#problem-p1-text', '公办园占比低。');
  await waitUntilSaved(page);
  const { name, bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).click());
  const theirs = JSON.parse(bytes.toString('utf8'));
  theirs.problems[0].title = '城区学前教育普惠资源不足';
  theirs.updated_at = new Date(Date.now() + 1000).toISOString();
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-merge-')), name);
  await writeFile(file, JSON.stringify(theirs));
  await page.locator('#merge-file').setInputFiles(file);
  const summary = page.getByTestId('merge-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /采用同事的修改1处，新增问题0条、措施0条；双方都改过的冲突0处/);
  await page.getByTestId('merge-dialog').getByRole('button', { name: '合并', exact: true }).click();
  await page.getByTestId('notice').filter({ hasText: '已合并' }).waitFor();
  await openView(page, '#/problems', 'problems-title');
  assert.equal(await page.locator('li.entry').count(), 1);
  assert.equal(await page.locator('#problem-p1-title').inputValue(), '城区学前教育普惠资源不足');
  assert.equal(await page.locator('#problem-p1-text').inputValue(), '公办园占比低。');
});

test('a draft from a framework file: a malformed file is refused, a good one gives its own form, also after a reload', async () => {
  const { page } = app.browser;
  const directory = await mkdtemp(path.join(tmpdir(), 'lvzhi-framework-'));
  const builtin = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('../../crates/core/data/sichuan-2023-city.json', import.meta.url), 'utf8'));
  const broken = path.join(directory, 'broken.json');
  await writeFile(broken, JSON.stringify({ ...builtin, areas: [] }));
  const county = { ...builtin, id: 'sichuan-2024-county', version: '2024.1', title: '2024年对县（市、区）人民政府履行教育职责评价', year: 2024, level: 'county' };
  county.areas = builtin.areas.slice(0, 8);
  const good = path.join(directory, 'county.json');
  await writeFile(good, JSON.stringify(county));

  await openAppAt(page, app.server.url);
  await draftsPage(page);
  await page.locator('#framework-file').setInputFiles(broken);
  await page.getByTestId('notice').filter({ hasText: '指标体系文件有1处错误：没有任何评价领域' }).waitFor();
  await page.locator('#framework-file').setInputFiles(good);
  await page.getByTestId('notice').filter({ hasText: '已按指标体系“2024年对县（市、区）人民政府履行教育职责评价”新建草稿' }).waitFor();
  assert.equal(await page.locator('.nav-area').count(), 8);
  await typeInto(page, 'A1.1', '县级草稿。');
  await waitUntilSaved(page);
  await page.reload();
  await page.locator('nav.sidebar').waitFor();
  assert.equal(await page.locator('.nav-area').count(), 8, 'the kept framework opens again');
  await openView(page, '#/item/A1.1', 'title-A1.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '县级草稿。');
});

test('全部备份 puts every draft in one .zip; 从备份恢复 brings them into a fresh browser, once', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '第一份草稿的文字。');
  await waitUntilSaved(page);
  await draftsPage(page);
  await page.locator('#new-draft').click();
  await page.getByTestId('notice').filter({ hasText: '已新建草稿' }).waitFor();
  await typeInto(page, 'A1.1', '第二份草稿的文字。');
  await draftsPage(page);
  const { name, bytes } = await downloadOf(page, () => page.getByRole('button', { name: '全部备份（.zip）' }).click());
  assert.match(name, /^履职自评草稿备份-\d{4}-\d{2}-\d{2}\.zip$/);
  const narratives = ['未命名地区2023年自评报告草稿.json', '未命名地区2023年自评报告草稿（2）.json']
    .map((file) => JSON.parse(unzipEntry(bytes, file).toString('utf8')).items?.['A1.1']?.narrative);
  assert.deepEqual(narratives.sort(), ['第一份草稿的文字。', '第二份草稿的文字。']);
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-backup-')), name);
  await writeFile(file, bytes);

  // Another computer: a fresh browser with one empty draft of its own.
  const other = (await app.reopen()).page;
  await openAppAt(other, app.server.url);
  await draftsPage(other);
  const message = other.getByTestId('notice');
  const openBefore = await other.evaluate(() => localStorage.getItem('lvzhi/last-draft'));
  await other.locator('#backup-file').setInputFiles(file);
  await message.filter({ hasText: '已从备份恢复2份草稿。' }).waitFor();
  assert.equal(await other.locator('.drafts-table tbody tr').count(), 3);
  assert.equal(await other.evaluate(() => localStorage.getItem('lvzhi/last-draft')), openBefore, 'the open draft stays the one opened next');
  // Restoring again adds nothing.
  await other.locator('#backup-file').setInputFiles(file);
  await message.filter({ hasText: '已从备份恢复0份草稿，2份本浏览器中已有，未重复添加。' }).waitFor();
  assert.equal(await other.locator('.drafts-table tbody tr').count(), 3);
  const stored = await other.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/draft/'))
    .map((key) => JSON.parse(localStorage.getItem(key)).items?.['A1.1']?.narrative ?? ''));
  assert.deepEqual(stored.sort(), ['', '第一份草稿的文字。', '第二份草稿的文字。']);
  // A single draft file is not a backup.
  const single = path.join(path.dirname(file), 'single.json');
  await writeFile(single, unzipEntry(bytes, '未命名地区2023年自评报告草稿.json'));
  await other.locator('#backup-file').setInputFiles(single);
  await message.filter({ hasText: '这不是草稿备份' }).waitFor();
  assert.equal(await other.locator('.drafts-table tbody tr').count(), 3);
});

test('a colleague file that adds nothing is said so, with no backup and nothing to undo; one of another region is flagged', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/meta');
  await page.getByLabel('地区名称').fill('资阳市');
  await typeInto(page, 'A1.1', '共同的起点。');
  await waitUntilSaved(page);
  const { name, bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).click());
  const dir = await mkdtemp(path.join(tmpdir(), 'lvzhi-merge-'));
  const same = path.join(dir, name);
  await writeFile(same, bytes);
  await page.locator('#merge-file').setInputFiles(same);
  const dialog = page.getByTestId('merge-dialog');
  await dialog.waitFor();
  assert.match(await page.getByTestId('merge-summary').textContent(), /无需合并/);
  assert.equal(await dialog.getByRole('button', { name: '合并', exact: true }).count(), 0);
  await dialog.getByRole('button', { name: '关闭' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('merge-undo').count(), 0);
  const backups = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/backup/')).length);
  assert.equal(await backups(), 0);

  // A file of another city: said before anything is merged, with what would be taken.
  const theirs = JSON.parse(bytes.toString('utf8'));
  theirs.meta.region = '内江市';
  theirs.items['A2.1'] = { narrative: '内江的经费情况。' };
  theirs.updated_at = new Date(Date.now() + 1000).toISOString();
  const other = path.join(dir, `内江-${name}`);
  await writeFile(other, JSON.stringify(theirs));
  await page.locator('#merge-file').setInputFiles(other);
  await dialog.waitFor();
  assert.match(await dialog.getByTestId('merge-other-report').textContent(), /内江市.*资阳市.*请确认选对了文件/);
  await dialog.getByTestId('merge-taken').locator('summary').click();
  assert.match(await dialog.getByTestId('merge-taken').textContent(), /A2\.1/);
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await backups(), 0, 'nothing merged, nothing backed up');
});

test('a draft deleted in another window: this one says so, writes nothing, and keeps its content as a new draft', async () => {
  const { page, context } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '另一个窗口删除前的文字。');
  await waitUntilSaved(page);
  const second = await context.newPage();
  await openAppAt(second, app.server.url);
  await draftsPage(second);
  await second.locator('.drafts-table tbody tr.current').getByRole('button', { name: '删除' }).click();
  await second.getByTestId('notice').filter({ hasText: '回收站' }).waitFor();
  await page.getByTestId('deleted-elsewhere').waitFor();
  assert.match(await page.getByTestId('save-status').textContent(), /未保存/);
  await page.getByRole('button', { name: '另存为新草稿并继续编辑' }).click();
  await page.getByTestId('notice').filter({ hasText: '另存为一份新草稿' }).waitFor();
  await page.getByLabel('工作情况及成效').fill('另存之后继续写。');
  await waitUntilSaved(page);
  const drafts = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/draft/'))
    .map((key) => JSON.parse(localStorage.getItem(key))));
  const kept = drafts.find((draft) => draft.items?.['A1.1']?.narrative === '另存之后继续写。');
  assert.ok(kept, 'the content lives on in a new draft');
  assert.match(kept.name, /本窗口的内容/);
  await second.close();
});

/** Removes what `fillStorage` wrote. */
const emptyFiller = (page) => page.evaluate(() => Object.keys(localStorage)
  .filter((key) => key.startsWith('filler/')).forEach((key) => localStorage.removeItem(key)));

/** Fills localStorage to its last kilobyte with `filler/…` entries (removed at the test's end by `emptyFiller`). */
const fillStorage = (page) => page.evaluate(() => {
  for (const size of [256 * 1024, 16 * 1024, 1024]) {
    const block = '0'.repeat(size);
    for (let index = 0; ; index += 1) {
      try { localStorage.setItem(`filler/${size}/${index}`, block); } catch { break; }
    }
  }
});

test("storage filled by the app's own drafts: 删除 asks, deletes one for good, and the open draft is saved again", async () => {
  const { page, dialogs } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '当前草稿的文字。');
  await waitUntilSaved(page);
  // An old draft with a large text, then storage filled to the last kilobyte.
  await page.evaluate(() => {
    const current = JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`));
    const old = { ...current, id: 'old-draft', name: '旧草稿', items: { 'A1.2': { narrative: '文'.repeat(200 * 1024) } } };
    localStorage.setItem('lvzhi/draft/old-draft', JSON.stringify(old));
  });
  await fillStorage(page);
  // More than the last kilobyte left: this edit cannot be saved.
  const longer = `当前草稿的文字，又写了一段。${'补'.repeat(4000)}`;
  await typeInto(page, 'A1.1', longer);
  await page.getByTestId('save-status').filter({ hasText: /^未保存/ }).waitFor();
  await draftsPage(page);
  const before = dialogs.length;
  await page.locator('tr[data-draft="old-draft"]').getByRole('button', { name: '删除' }).click();
  await page.getByTestId('notice').filter({ hasText: '已永久删除（本地存储已满，无法放入回收站），连同它的历史版本和备份，腾出约' }).waitFor();
  assert.match(dialogs[before], /本地存储已满，这份草稿无法放入回收站。要永久删除它/);
  assert.equal(await page.evaluate(() => localStorage.getItem('lvzhi/draft/old-draft')), null);
  // The space freed takes the open draft's edit at once, without another keystroke.
  await waitUntilSaved(page);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
  assert.equal(stored.items['A1.1'].narrative, longer);
  await emptyFiller(page);
});

test("storage filled by another draft's versions and backups: 存储空间 lists them by size and 清除 frees them", async () => {
  const { page, dialogs } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '当前草稿的文字。');
  await waitUntilSaved(page);
  // Another draft with large versions and backups (the app's own data), then storage filled.
  await page.evaluate(() => {
    const current = JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`));
    const old = { ...current, id: 'old-draft', name: '旧草稿', items: { 'A1.2': { narrative: '文'.repeat(1000) } } };
    localStorage.setItem('lvzhi/draft/old-draft', JSON.stringify(old));
    const big = JSON.stringify({ ...old, items: { 'A1.2': { narrative: '旧'.repeat(100 * 1024) } } });
    for (let index = 1; index <= 4; index += 1) localStorage.setItem(`lvzhi/version/old-draft/${1700000000000 + index}`, big);
    localStorage.setItem('lvzhi/backup/old-draft/1700000000000', big);
  });
  await fillStorage(page);
  const longer = `当前草稿的文字，又写了一段。${'补'.repeat(4000)}`;
  await typeInto(page, 'A1.1', longer);
  await page.getByTestId('save-status').filter({ hasText: /^未保存/ }).waitFor();
  await draftsPage(page);
  // Storage full: the breakdown is open at once (the banner's 清理存储空间 leads here).
  const space = page.getByTestId('storage-space');
  assert.equal(await space.evaluate((details) => details.open), true);
  const rows = await space.locator('tbody tr').allTextContents();
  // Largest first: the site's other data (the filler), then the old draft's versions (4 × 200 KB).
  assert.match(rows[0], /本网址下其他网页或程序保存的数据.*本程序不能删除/);
  const versions = /^“旧草稿”的历史版本（4个）(\d+) KB清除$/.exec(rows[1]);
  assert.ok(versions && Number(versions[1]) > 800, rows.join('\n'));
  assert.ok(rows.some((row) => /^“旧草稿”的备份（1份）2\d\d KB清除$/.test(row)), rows.join('\n'));
  assert.ok(rows.some((row) => /^草稿“旧草稿”/.test(row) && !/清除/.test(row)), 'a draft itself goes by 删除, not here');
  const before = dialogs.length;
  await space.getByRole('button', { name: '清除“旧草稿”的历史版本（4个）' }).click();
  assert.match(dialogs[before], /永久删除“旧草稿”的历史版本（4个）？删除后无法恢复/);
  await page.getByTestId('notice').filter({ hasText: `已永久删除，腾出约${versions[1]} KB。` }).waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/version/old-draft/'))), []);
  assert.ok(await page.evaluate(() => localStorage.getItem('lvzhi/draft/old-draft') !== null), 'the draft itself stays');
  // The space freed takes the open draft's edit at once.
  await waitUntilSaved(page);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
  assert.equal(stored.items['A1.1'].narrative, longer);
  await emptyFiller(page);
});

test('storage full: deleting the open draft asks, deletes it for good and opens the other one', async () => {
  const { page, dialogs } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '要删除的草稿。');
  await waitUntilSaved(page);
  const deleted = await page.evaluate(() => localStorage.getItem('lvzhi/last-draft'));
  await page.evaluate(() => {
    const current = JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`));
    const other = { ...current, id: 'other-draft', name: '另一份草稿', items: { 'A1.2': { narrative: '留下的。' } } };
    localStorage.setItem('lvzhi/draft/other-draft', JSON.stringify(other));
  });
  await fillStorage(page);
  await draftsPage(page);
  const before = dialogs.length;
  await page.locator('tr.current').getByRole('button', { name: '删除' }).click();
  await page.getByTestId('notice').filter({ hasText: '已永久删除（本地存储已满，无法放入回收站）' }).waitFor();
  assert.match(dialogs[before], /本地存储已满，这份草稿无法放入回收站。要永久删除它/);
  assert.equal(await page.evaluate((id) => localStorage.getItem(`lvzhi/draft/${id}`), deleted), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('lvzhi/last-draft')), 'other-draft');
  await emptyFiller(page);
});

test('a last-opened draft that is gone is said so, and the newest other draft opens rather than a blank one', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await typeInto(page, 'A1.1', '留在本浏览器中的草稿。');
  await waitUntilSaved(page);
  const kept = await page.evaluate(() => localStorage.getItem('lvzhi/last-draft'));
  // Deleted in another window, or storage cleared in part: the mark names a draft that is gone.
  await page.evaluate(() => localStorage.setItem('lvzhi/last-draft', 'gone-elsewhere'));
  await page.reload();
  await page.getByTestId('notice').filter({ hasText: '上次打开的草稿已不在本浏览器中' }).waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /已打开最近编辑的另一份草稿/);
  await openView(page, '#/item/A1.1', 'title-A1.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '留在本浏览器中的草稿。');
  assert.equal(await page.evaluate(() => localStorage.getItem('lvzhi/last-draft')), kept);
});

test('草稿管理 says whether the browser keeps this site\'s data, and asks for it on the button', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await draftsPage(page);
  // Headless Chromium answers the Storage API: kept or not, the page says which.
  const said = page.getByTestId('storage-persistence');
  await said.waitFor();
  const text = await said.textContent();
  assert.match(text, /浏览器(已同意|未承诺)长期保存本站数据/);
  if (/未承诺/.test(text)) {
    assert.match(text, /无痕（隐私）窗口中，关闭窗口即全部清除/);
    await page.locator('#ask-persist').click();
    // The browser's answer: granted (the line changes) or not (said so).
    await Promise.race([
      page.getByTestId('storage-persistence').filter({ hasText: '浏览器已同意长期保存' }).waitFor(),
      page.getByTestId('notice').filter({ hasText: '浏览器未同意长期保存' }).waitFor(),
    ]);
  }
  assert.deepEqual(app.browser.errors.map(String), []);
});
