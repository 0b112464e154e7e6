// 导入旧报告 end to end: the seed's report (1) pasted, a .docx from our exporter picked; the
// mapping reviewed and corrected; a new draft created beside the current one.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appUnderTest, openAppAt, openView, downloadOf, waitUntilSaved } from './harness.mjs';

const app = appUnderTest();
let seed;
before(async () => {
  seed = await readFile(new URL('../../../shared/seed/000_d18a1d8f96379a58.txt', import.meta.url), 'utf8');
});

function reportOne() {
  const start = seed.indexOf('2023年xx市人民政府履行教育职责自评报告范文(1)');
  const end = seed.indexOf('2023年xx市人民政府履行教育职责自评情况的报告(2)');
  return seed.slice(start, end);
}

test('pasting report (1) maps every item; the new draft holds the text, the old one is kept', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/item/A1.3');
  await page.getByLabel('工作情况及成效').fill('当前草稿的文字。');
  await waitUntilSaved(page);
  const before = await page.evaluate(() => localStorage.getItem('lvzhi/last-draft'));

  await page.locator('.toolbar').getByRole('link', { name: '导入旧报告' }).click();
  await page.getByLabel('粘贴旧报告全文').fill(reportOne());
  await page.getByRole('button', { name: '解析' }).click();
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /2023年xx市，9个评价领域（共9个），42项指标有内容，3条问题，5条措施，0段未归类/);
  assert.equal(await page.locator('.mapping-row').count(), 42);
  // Move the text of A1.3 to A1.2.
  await page.locator('.mapping-row[data-code="A1.3"] select').selectOption('A1.2');
  await page.getByRole('button', { name: '创建新草稿' }).click();
  await page.getByTestId('notice').filter({ hasText: '已根据旧报告创建新草稿' }).waitFor();

  await openView(page, '#/item/A2.1', 'title-A2.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(),
    '20xx年全市一般公共预算教育经费x亿元,比上年增长x%。全市一般公共预算教育支出幼儿园增长x%、小学增长x%、初中增长x%、普通高中增长x%。');
  await openView(page, '#/item/A1.2', 'title-A1.2');
  assert.match(await page.getByLabel('工作情况及成效').inputValue(), /党的组织和党的建设全覆盖。\n印发学校党组织议事决策工作指南/);
  await openView(page, '#/item/A3.4', 'title-A3.4');
  assert.ok(await page.getByLabel('无此项工作任务').isChecked());
  const after = await page.evaluate(() => localStorage.getItem('lvzhi/last-draft'));
  assert.notEqual(after, before);
  const old = await page.evaluate((id) => JSON.parse(localStorage.getItem(`lvzhi/draft/${id}`)), before);
  assert.equal(old.items['A1.3'].narrative, '当前草稿的文字。', 'the draft that was open is untouched');
});

test('a .docx exported by the app imports back; text that is no report gets a message', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/meta');
  await page.getByLabel('地区名称').fill('资阳市');
  await openView(page, '#/item/A1.3', 'title-A1.3');
  await page.getByLabel('工作情况及成效').fill('印发学校党组织议事决策工作指南。');
  await openView(page, '#/problems', 'problems-title');
  await page.locator('#problem-starter').selectOption('0');
  await page.getByRole('button', { name: '添加范文' }).click();
  const { bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出 Word' }).click());
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-old-')), 'old.docx');
  await writeFile(file, bytes);

  await openView(page, '#/import', 'import-old-title');
  await page.getByLabel('粘贴旧报告全文').fill('这是一段普通的文字，不是自评报告。');
  await page.getByRole('button', { name: '解析' }).click();
  await page.getByTestId('notice').filter({ hasText: '没有找到自评报告的结构' }).waitFor();

  await page.locator('#old-report-file').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /资阳市.*1项指标有内容，1条问题，0条措施/);
  await page.getByRole('button', { name: '创建新草稿' }).click();
  await page.getByTestId('notice').filter({ hasText: '已根据旧报告创建新草稿' }).waitFor();
  await openView(page, '#/item/A1.3', 'title-A1.3');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '印发学校党组织议事决策工作指南。');
});

function reportTwo() {
  return seed.slice(seed.indexOf('2023年xx市人民政府履行教育职责自评情况的报告(2)'));
}

test('report (2): no item repeats its title, blocks can be read whole, split, left out, and punctuation made full-width', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/import');
  await page.getByLabel('粘贴旧报告全文').fill(reportTwo());
  await page.getByRole('button', { name: '解析' }).click();
  await page.getByTestId('import-summary').waitFor();

  // A1.1 holds the whole of area (一): read it whole, then split off its third sentence to A1.2.
  const row = page.locator('.mapping-row[data-code="A1.1"]').first();
  assert.match(await row.locator('.mapping-text').textContent(), /…$/, 'a long block is shortened at first');
  await row.getByRole('button', { name: '展开全文 / 拆分' }).click();
  assert.doesNotMatch(await row.locator('.mapping-text').textContent(), /…$/);
  const sentences = await row.locator('.sentence').allTextContents();
  assert.ok(sentences.length >= 3);
  await row.locator('button.split').nth(1).click();
  const rows = page.locator('.mapping-row[data-code="A1.1"]');
  assert.equal(await rows.count(), 2);
  // Both halves stay open, to be split further.
  assert.ok(await rows.nth(0).locator('.sentence').count() >= 2);
  assert.ok(await rows.nth(1).locator('.sentence').count() >= 1);
  // A9.1's words only restate its title: nothing to choose for it.
  const titleOnly = page.locator('.mapping-row[data-code="A9.1"]');
  assert.equal(await titleOnly.locator('select').count(), 0);
  assert.equal(await titleOnly.getByRole('button', { name: '仍作为正文导入' }).count(), 1);
  await rows.nth(1).locator('select').selectOption('A1.2');
  // A8.1's text is not wanted.
  await page.locator('.mapping-row[data-code="A8.1"] select').selectOption('__leave');
  await page.getByLabel(/把半角标点.*改为全角，共\d+处/).check();
  for (const select of await page.locator('.mapping.unassigned select').all()) await select.selectOption('');
  await page.getByRole('button', { name: '创建新草稿' }).click();
  await page.getByTestId('notice').filter({ hasText: '已根据旧报告创建新草稿' }).waitFor();

  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
  assert.match(draft.items['A4.1'].narrative, /^20xx年市投入x亿元/, 'the lead sentence is not repeated');
  // Area (九) names 《教育法》 only in passing, as A9.1's title does: A9.1 is left to write.
  assert.equal(draft.items['A9.1'], undefined);
  assert.match(draft.items['A9.3'].narrative, /定向切块/);
  assert.doesNotMatch(draft.items['A9.3'].narrative, /教育法/);
  assert.ok(draft.items['A1.2'].narrative.startsWith(sentences[2].replace(/,/g, '，').slice(0, 8)), draft.items['A1.2'].narrative);
  assert.ok(!draft.items['A1.1'].narrative.includes(sentences[2].replace(/,/g, '，')));
  assert.equal(draft.items['A8.1'], undefined, 'left out');
  assert.ok(Object.values(draft.items).every((entry) => !entry.narrative.includes(',')), 'no half-width comma left');
  assert.deepEqual(draft.measures.map((measure) => measure.answers), [['p1'], ['p2'], ['p3'], ['p4']]);
});

test('words set aside as restating a title can be imported after all; 重新导入 asks before dropping the review', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/import');
  await page.getByLabel('粘贴旧报告全文').fill(reportTwo());
  await page.getByRole('button', { name: '解析' }).click();
  await page.getByTestId('import-summary').waitFor();
  const titleOnly = page.locator('.mapping-row[data-code="A9.1"]');
  await titleOnly.getByRole('button', { name: '仍作为正文导入' }).click();
  // Now it is a text like any other, its target chosen with the focus on it.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('mapping-')
    && document.activeElement.closest('.mapping-row')?.dataset.code === 'A9.1');
  assert.match(await titleOnly.locator('.mapping-text').textContent(), /教育法/);

  const dialogsBefore = app.browser.dialogs.length;
  await page.getByRole('button', { name: '重新导入' }).click();
  assert.match(app.browser.dialogs.slice(dialogsBefore).join(), /放弃这次核对的结果/);
  await page.getByLabel('粘贴旧报告全文').waitFor();
  await page.getByRole('button', { name: '解析' }).click();
  await page.getByTestId('import-summary').waitFor();
  await page.locator('.mapping-row[data-code="A9.1"]').getByRole('button', { name: '仍作为正文导入' }).click();
  for (const select of await page.locator('.mapping.unassigned select').all()) await select.selectOption('');
  await page.getByRole('button', { name: '创建新草稿' }).click();
  await page.getByTestId('notice').filter({ hasText: '已根据旧报告创建新草稿' }).waitFor();
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
  assert.match(draft.items['A9.1'].narrative, /教育法/);
});

test('a county report in four parts with 主送: problems and measures in their lists, the region in the title, 整改情况 proposed 不导入', async () => {
  const { page } = app.browser;
  const report = await readFile(new URL('../../crates/core/tests/corpus/01-county-four-parts.txt', import.meta.url), 'utf8');
  await openAppAt(page, app.server.url, '#/import');
  await page.getByLabel('粘贴旧报告全文').fill(report);
  await page.getByRole('button', { name: '解析' }).click();
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /2023年青川县，9个评价领域.*3条问题，3条措施.*主送广元市人民政府教育督导委员会/);
  // Each placement says why it was made.
  assert.match(await page.locator('.mapping-row[data-code="A1.2"] [data-testid="mapping-why"]').textContent(), /段首句与指标名称一致/);
  // The 整改情况 paragraphs are shown, proposed 不导入, so nothing blocks the draft.
  const rectification = page.locator('.mapping.unassigned .mapping-row[data-part="整改情况"]');
  assert.equal(await rectification.count(), 2);
  assert.equal(await rectification.first().locator('select').inputValue(), '');
  await page.getByRole('button', { name: '创建新草稿' }).click();
  await page.getByTestId('notice').filter({ hasText: '已根据旧报告创建新草稿' }).waitFor();
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
  assert.deepEqual(draft.problems.map((problem) => problem.title), ['城区学位供给仍然紧张', '教师结构性缺编问题突出', '校舍安全隐患仍需消除']);
  assert.deepEqual(draft.measures.map((measure) => measure.title), ['加快城区学校建设', '补齐学科教师短板', '推进校舍改造']);
  assert.equal(draft.meta.region, '青川县');
  assert.equal(draft.meta.level, 'county');
  assert.equal(draft.meta.addressee, '广元市人民政府教育督导委员会');
  assert.ok(Object.values(draft.items).every((entry) => !/存在的主要问题|下一步工作打算|整改情况/.test(entry.narrative)));
  assert.match(await page.locator('.report-title').textContent(), /2023年青川县人民政府履行教育职责自评报告/);
});
