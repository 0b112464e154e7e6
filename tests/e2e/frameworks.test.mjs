// 编辑指标体系 end to end (issue 14): a table pasted from Word becomes a framework, one node is
// edited and the report set to the 报告 form, the file goes to a colleague's browser, a draft made
// there is filled and exported in the new skeleton; and a draft moved to a new version of its
// framework with one item renamed and one removed keeps everything, then starts next year's draft;
// a value typed and left by a change of address is committed, not lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openAppAt, openView, openItem, waitUntilSaved, eventually, unzipEntry, downloadOf, pasteText } from './harness.mjs';

const app = appUnderTest();

const storedDraft = (page) => page.evaluate(() =>
  JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));

const text = async (page, testId) => (await page.getByTestId(testId).textContent()).trim();

/** Types into an editor field and leaves it: the editor commits on change. */
async function commit(page, selector, value) {
  await page.fill(selector, value);
  await page.locator(selector).press('Tab');
}

async function saveToFile(download) {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-framework-')), download.name);
  await writeFile(file, download.bytes);
  return file;
}

test('a pasted table becomes a framework, is edited, sent, and a colleague exports a report in its 报告 form', async () => {
  const { page } = app.browser;
  const { readFile } = await import('node:fs/promises');
  const html = await readFile(new URL('../../crates/core/tests/tables/02-abc-levels.html', import.meta.url), 'utf8');
  await openAppAt(page, app.server.url, '#/from-table');
  await page.locator('h1#table-import-title').waitFor();
  await pasteText(page, '#table-paste', html, 'text/html');
  await eventually(async () => assert.match(await text(page, 'table-outcome'), /识别到2个一级指标、3个二级指标/));
  await page.fill('#table-title', '示例市2025年县级政府履行教育职责评价指标');
  await page.fill('#table-year', '2025');
  await page.locator('#table-create').click();
  await page.getByTestId('notice').filter({ hasText: '已按指标表建立指标体系' }).waitFor();
  await waitUntilSaved(page);

  // The editor, from 草稿管理: a draft uses the framework, so saving makes a new version.
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('.framework-list li', { hasText: '示例市2025年县级政府履行教育职责评价指标' }).getByRole('link', { name: /编辑/ }).click();
  await page.locator('h1#framework-editor-title').waitFor();
  assert.match(await page.locator('.framework-editor .guidance').textContent(), /有1份草稿使用它：保存时将另存为新版本/);
  await page.locator('#node-1-0').click();
  await commit(page, '#node-1-0-Title', '教师待遇保障');
  await eventually(async () => assert.match(await page.locator('#node-1-0').textContent(), /教师待遇保障/));
  // A problem listed live, jumping to its node; undo takes it back.
  await commit(page, '#node-1-0-Title', '');
  await eventually(async () => assert.match(await page.locator('#fw-problems-title').textContent(), /1处问题/));
  await page.locator('.editor-problems li button').first().click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'node-1-0'));
  await page.locator('#fw-undo').click();
  await eventually(async () => assert.match(await page.locator('#fw-problems-title').textContent(), /没有问题/));
  assert.equal(await page.inputValue('#node-1-0-Title'), '教师待遇保障');
  // Undoing a move: the selection goes back with the node (by its code), not to the neighbour
  // now at the moved node's place.
  const treeTitles = async () => page.locator('.framework-tree [id^="node-"]').allTextContents();
  const before = await treeTitles();
  await page.locator('#node-0-0').click();
  const moved = await page.inputValue('#node-0-0-Title');
  await page.keyboard.press('Alt+ArrowDown');
  await eventually(async () => assert.notDeepEqual(await treeTitles(), before));
  await page.locator('#fw-undo').click();
  await eventually(async () => assert.deepEqual(await treeTitles(), before));
  assert.equal(await page.inputValue('#node-0-0-Title'), moved);
  await page.locator('#node-1-0').click();
  // Points typed wrongly: refused at the field, kept as typed, the framework unchanged, and no
  // save until it is corrected (saving would drop it quietly).
  const points = await page.inputValue('#node-1-0-Points');
  await commit(page, '#node-1-0-Points', '五分');
  await eventually(async () => assert.match(await page.locator('#node-1-0-Points-problem').textContent(), /不是分值/));
  assert.equal(await page.locator('#node-1-0-Points').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.inputValue('#node-1-0-Points'), '五分');
  await page.locator('#fw-save').click();
  await eventually(async () => assert.match(await text(page, 'fw-message'), /有填写有误的地方/));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'node-1-0-Points');
  // Another node opened meanwhile: the refused value is not dropped with its form — saving still
  // waits, and brings the user back to it, as typed.
  await page.locator('#node-0-0').click();
  await page.locator('#node-0-0-Title').waitFor();
  assert.match(await page.locator('#fw-problems-title').textContent(), /1处填写有误/);
  await page.locator('#fw-save').click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'node-1-0-Points'));
  assert.equal(await page.inputValue('#node-1-0-Points'), '五分');
  assert.equal(await page.locator('#node-1-0-Points').getAttribute('aria-invalid'), 'true');
  await commit(page, '#node-1-0-Points', points);
  assert.equal(await page.locator('#node-1-0-Points').getAttribute('aria-invalid'), null);
  // The report in the 报告 form, with its 主送机关.
  await page.locator('#fw-form').selectOption('report');
  await page.locator('#fw-form-apply').click();
  await commit(page, '#fw-addressee', '示例市人民政府教育督导委员会');
  await page.locator('#fw-save').click();
  await page.getByTestId('notice').filter({ hasText: '已另存为新版本' }).waitFor();
  assert.match(await page.evaluate(() => location.hash), /-v2$/, 'the address follows the saved version');
  const sent = await downloadOf(page, () => page.locator('#fw-export').click());
  const exported = JSON.parse(sent.bytes.toString('utf8'));
  assert.equal(exported.report.addressee_required, true);
  assert.equal(exported.addressee, '示例市人民政府教育督导委员会');
  assert.equal(exported.areas[1].items[0].title, '教师待遇保障');
  assert.equal(exported.previous, exported.id.replace(/-v2$/, ''), 'names the version it was made from');
  const file = await saveToFile(sent);

  // A colleague's browser: the file opened, a draft made, its parts filled, the report exported.
  const other = (await app.reopen()).page;
  await openAppAt(other, app.server.url);
  await openView(other, '#/drafts', 'drafts-title');
  await other.locator('#framework-file').setInputFiles(file);
  await other.getByTestId('notice').filter({ hasText: '示例市2025年县级政府履行教育职责评价指标' }).waitFor();
  await other.locator('nav.sidebar a', { hasText: '一、基本情况' }).click();
  await other.locator('h1#section-title').waitFor();
  await other.fill('#section-overview', '全县有中小学86所，在校生5.2万人。');
  await openView(other, '#/meta', 'meta-title');
  assert.equal(await other.inputValue('#meta-addressee'), '示例市人民政府教育督导委员会');
  await other.fill('#meta-region', '安平县');
  await other.fill('#meta-unit', '安平县人民政府');
  await openItem(other, 'A2.1');
  assert.equal((await other.locator('h1#title-A2\\.1').textContent()).trim(), '教师待遇保障');
  await other.fill('#narrative-A2\\.1', '全县教师平均工资收入水平不低于当地公务员。');
  await waitUntilSaved(other);
  const stored = await storedDraft(other);
  assert.equal(stored.sections.overview, '全县有中小学86所，在校生5.2万人。');
  const word = await downloadOf(other, () => other.getByRole('button', { name: '导出 Word' }).click());
  const xml = unzipEntry(word.bytes, 'word/document.xml').toString('utf8');
  for (const expected of ['安平县人民政府关于2025年履行教育职责自评情况的报告', '示例市人民政府教育督导委员会：',
    '一、基本情况', '全县有中小学86所，在校生5.2万人。', '二、履行教育职责情况', '教师待遇保障。',
    '全县教师平均工资收入水平不低于当地公务员。']) {
    assert.ok(xml.includes(expected), `the Word file holds ${expected}`);
  }
  // A framework a draft uses cannot be deleted: the draft could not open without it.
  await openView(other, '#/drafts', 'drafts-title');
  await other.locator('.framework-list li', { hasText: '示例市2025年县级政府履行教育职责评价指标' })
    .getByRole('button', { name: /删除/ }).click();
  await other.getByTestId('notice').filter({ hasText: '有1份草稿使用这个指标体系，不能删除' }).waitFor();
  assert.deepEqual(app.browser.errors.map(String), []);
});

test('a draft moves to a new version with one item renamed and one removed, keeps everything, and starts next year', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await openItem(page, 'A1.2');
  await page.fill('#narrative-A1\\.2', '党组织书记专题研究教育工作6次。');
  await openItem(page, 'A1.3');
  await page.fill('#narrative-A1\\.3', '全市中小学校党组织领导的校长负责制全面落实。');
  await openItem(page, 'A2.1');
  await page.fill('#figure-education_budget_total', '30.5');
  await waitUntilSaved(page);
  const before = await storedDraft(page);

  // The built-in framework edited: A1.2 reworded a little, A1.3 removed → a new version.
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('.framework-list li').first().getByRole('link', { name: /编辑/ }).click();
  await page.locator('h1#framework-editor-title').waitFor();
  // The tree is one Tab stop, walked with the arrow keys; Enter selects.
  assert.equal(await page.locator('#node-0').getAttribute('tabindex'), '0');
  assert.equal(await page.locator('#node-0-1').getAttribute('tabindex'), '-1');
  await page.locator('#node-0').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'node-0-1');
  await page.keyboard.press('Enter');
  await page.locator('#node-0-1-Title').waitFor();
  assert.equal(await page.locator('#node-0-1').getAttribute('tabindex'), '0', 'the selected node is the Tab stop');
  const renamed = `${(await page.inputValue('#node-0-1-Title'))}机制`;
  await commit(page, '#node-0-1-Title', renamed);
  await page.locator('#node-0-2').click();
  await page.locator('#node-delete').click();
  await eventually(async () => assert.doesNotMatch(await page.locator('.framework-tree').textContent(), /A1\.3/));
  await page.locator('#fw-save').click();
  await page.getByTestId('notice').filter({ hasText: '已另存为新版本' }).waitFor();

  // Back in the draft: the newer version is offered, the mapping shown, corrected by nobody.
  await openView(page, '#/drafts', 'drafts-title');
  await openView(page, '#/', 'overview-title');
  await page.getByTestId('newer-version').waitFor();
  await page.locator('#remap-move').click();
  const dialog = page.getByTestId('remap-dialog');
  await dialog.waitFor();
  assert.match(await text(page, 'remap-summary'), /共2项有内容：1项有对应指标，1项无对应/);
  assert.match(await dialog.locator('tr[data-from="A1.2"]').textContent(), /编号相同/);
  assert.match(await dialog.locator('tr[data-from="A1.3"]').textContent(), /无对应，原样保留/);
  assert.match(await text(page, 'remap-threshold'), /标题相似度达到50%及以上才建议对应/);
  await page.locator('#remap-confirm').click();
  await page.getByTestId('notice').filter({ hasText: '已改用' }).waitFor();
  await waitUntilSaved(page);
  const moved = await storedDraft(page);
  assert.equal(moved.framework.id, 'sichuan-2023-city-v2');
  assert.equal(moved.items['A1.2'].narrative, before.items['A1.2'].narrative);
  const kept = Object.keys(moved.items).find((code) => code.startsWith('A1.3（原：'));
  assert.ok(kept, 'kept under its old code and title');
  assert.equal(moved.items[kept].narrative, before.items['A1.3'].narrative);
  assert.equal(moved.figures.education_budget_total, '30.5');
  await openView(page, '#/', 'overview-title');
  assert.match(await page.locator('.unknown-items').textContent(), /全市中小学校党组织领导的校长负责制全面落实。/);
  await openItem(page, 'A1.2');
  assert.equal((await page.locator('h1#title-A1\\.2').textContent()).trim(), renamed);

  // Next year's draft from this one: the texts to start from, last year's figures beside the inputs.
  await openView(page, '#/', 'overview-title');
  await page.locator('#remap-next-year').click();
  await page.getByTestId('remap-dialog').waitFor();
  // The draft's own framework (its newest version), never the first of the list.
  assert.equal(await page.inputValue('#remap-target'), 'sichuan-2023-city-v2');
  await page.locator('#remap-confirm').click();
  await page.getByTestId('notice').filter({ hasText: '已用' }).waitFor();
  await openItem(page, 'A2.1');
  assert.equal(await page.inputValue('#figure-education_budget_total'), '');
  await page.fill('#figure-education_budget_total', '29');
  await eventually(async () => assert.equal(await text(page, 'previous-education_budget_total'), '上年 30.5亿元，比上年下降4.9%'));
  await openItem(page, 'A1.2');
  assert.equal(await page.inputValue('#narrative-A1\\.2'), '党组织书记专题研究教育工作6次。');
  assert.deepEqual(app.browser.errors.map(String), []);
});

test('a value typed in the editor and left by Back or a typed address is kept, and the app keeps running', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('.framework-list li').first().getByRole('link', { name: /编辑/ }).click();
  await page.locator('h1#framework-editor-title').waitFor();
  const editorHash = await page.evaluate(() => location.hash);
  await page.locator('#node-0').click();
  await page.locator('#node-0-Title').waitFor();
  // Typed, not left: the field still has the focus when the address changes under it.
  await page.fill('#node-0-Title', '加强党对教育工作的全面领导（离开前输入）');
  await page.evaluate(() => { location.hash = '#/drafts'; });
  await page.locator('h1#drafts-title').waitFor();
  await page.evaluate((hash) => { location.hash = hash; }, editorHash);
  await page.locator('h1#framework-editor-title').waitFor();
  await page.locator('#node-0').click();
  assert.equal(await page.inputValue('#node-0-Title'), '加强党对教育工作的全面领导（离开前输入）');
  // Typed, not left, and the tab reloaded: the value is in the working copy shown again.
  await page.fill('#node-0-Title', '加强党对教育工作的全面领导（重新载入前输入）');
  await page.reload();
  await page.locator('h1#framework-editor-title').waitFor();
  await page.getByText('已恢复上次未保存的修改。').waitFor();
  await page.locator('#node-0').click();
  assert.equal(await page.inputValue('#node-0-Title'), '加强党对教育工作的全面领导（重新载入前输入）');
  assert.equal(await page.getByTestId('crash-notice').count(), 0);
  assert.deepEqual(app.browser.errors.map(String), []);
});
