// A scored framework end to end (issue 13): a draft from the built-in 县级 example, scores typed
// and proposed from a figure, totals and grade following, a veto question answered, the report
// exported with its area scores and total, and everything kept across a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openAppAt, openView, openItem, waitUntilSaved, eventually, unzipEntry, downloadOf } from './harness.mjs';

const app = appUnderTest();

const storedDraft = (page) => page.evaluate(() =>
  JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));

/** A selector by id, for ids with dots (A1.1.1) that CSS would read as classes. */
const byId = (id) => `[id="${id}"]`;

const text = async (page, testId) => (await page.getByTestId(testId).textContent()).trim();

test('a scored draft: proposal from a figure, live totals and grade, a veto answer, the report, a reload', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('#new-scored-example').click();
  await eventually(async () => assert.equal(await page.getByTestId('nav-total').count(), 1));
  const navTotal = await text(page, 'nav-total');
  assert.equal(navTotal, '—');

  // A figure proposes a score with its arithmetic; 采用测算得分 takes it.
  await openItem(page, 'A1.1');
  assert.match(await text(page, 'proposal-A1.1.2'), /填写数据“县委常委会会议、县政府常务会议研究教育工作次数”后/);
  await page.fill('#figure-education_meetings', '3');
  await eventually(async () => assert.equal(await text(page, 'proposal-A1.1.2'),
    '按所填数据测算：1.2分（应不少于4次，实际3次，少1次，扣0.3分） 采用测算得分'));
  await page.getByTestId('proposal-A1.1.2').getByRole('button', { name: '采用测算得分' }).click();
  assert.equal(await page.inputValue(byId('score-A1.1.2')), '1.2');

  // Scores typed: the item's subtotal follows, exactly (0.1 steps, no float drift).
  await page.fill(byId('score-A1.1.1'), '1.4');
  await page.fill(byId('score-A1.1.3'), '0.9');
  await eventually(async () => assert.equal(await text(page, 'subtotal-A1.1'), '本项得分：3.5 / 4分'));
  await eventually(async () => assert.match(await text(page, 'nav-score-A1'), /^得分 3\.5 \/ 9分/));
  // Points lost without a reason: the finding shows at the explanation once the row is touched.
  await page.fill(byId('score-why-A1.1.1'), '');
  await page.locator(byId('score-A1.1.1')).focus();
  await page.fill(byId('score-A1.1.1'), '1.45');
  await eventually(async () => assert.match(await page.locator(byId('score-row-A1.1.1')).textContent(), /不是计分步长0\.1分的整数倍/));
  await page.fill(byId('score-A1.1.1'), '1.4');
  await page.fill(byId('score-why-A1.1.1'), '领导小组全年召开全体会议1次，少1次。');
  // Evidence: a document named, numbered and attributed.
  await page.locator(byId('evidence-add-A1.1.1')).click();
  await page.getByLabel('第1份材料名称').first().fill('县委教育工作领导小组会议纪要');
  await page.getByLabel('第1份文号或日期').first().fill('2024年5月');
  await page.getByLabel('第1份提供单位').first().fill('县委办');

  // 评分汇总: total, grade, a veto answered 是 changes the grade and needs an explanation.
  await openView(page, '#/scoring', 'scoring-title');
  await eventually(async () => assert.match(await text(page, 'score-total'), /^自评总分：3\.5分（基本分满分100分）　自评等次：不合格/));
  await page.fill('#score-B1', '2');
  await eventually(async () => assert.match(await text(page, 'score-total'), /^自评总分：5\.5分（基本分满分100分，含加分2分）/));
  await page.locator('#condition-V2-yes').check();
  await page.locator('#condition-V1-no').check();
  await eventually(async () => assert.match(await text(page, 'score-open'), /降一个等次/));
  await page.fill('#deduction-K1', '1');
  await page.fill('#deduction-why-K1', '一起学生意外伤害事故，已整改。');
  await eventually(async () => assert.match(await text(page, 'score-total'), /扣分项扣2分/));
  await openView(page, '#/', 'overview-title');
  await eventually(async () => assert.match(await text(page, 'overview-score'), /^自评总分 3\.5分 \/ 满分100分，自评等次不合格（暂定）（\d+项未评分或填写有误）/));
  await openView(page, '#/scoring', 'scoring-title');
  await eventually(async () => assert.equal(await text(page, 'score-sentence'),
    '经自评，总得分3.5分（其中加分2分），扣分项扣2分，自评等次为不合格，无“一票否决”情况。'));

  await waitUntilSaved(page);
  const stored = await storedDraft(page);
  assert.equal(stored.schema_version, 6);
  assert.equal(stored.framework.id, 'example-county-scored');
  assert.deepEqual(stored.scores['A1.1.1'], {
    score: '1.4', explanation: '领导小组全年召开全体会议1次，少1次。',
    evidence: [{ title: '县委教育工作领导小组会议纪要', reference: '2024年5月', provider: '县委办' }],
  });
  assert.equal(stored.scores['A1.1.2'].score, '1.2');
  assert.deepEqual(stored.conditions.V2, { occurred: true, explanation: '' });
  assert.deepEqual(stored.deductions.K1, { occurrences: '1', explanation: '一起学生意外伤害事故，已整改。' });

  // The report: the area heading carries its points and score, the total closes it.
  const { bytes } = await downloadOf(page, () => page.getByRole('button', { name: '导出 Word' }).click());
  const documentXml = unzipEntry(bytes, 'word/document.xml').toString('utf8');
  assert.match(documentXml, /（一）坚持党对教育工作的全面领导（9分，自评得分3\.5分）/);
  assert.match(documentXml, /经自评，总得分3\.5分（其中加分2分）/);

  // The 自评打分表 (landscape Word, CSV) and the 佐证材料目录, from 评分汇总.
  await openView(page, '#/scoring', 'scoring-title');
  const table = await downloadOf(page, () => page.getByRole('button', { name: '导出自评打分表（Word）' }).click());
  assert.match(table.name, /自评打分表\.docx$/);
  const tableXml = unzipEntry(table.bytes, 'word/document.xml').toString('utf8');
  assert.match(tableXml, /w:orient="landscape"/);
  assert.match(tableXml, /<w:tblHeader\/>/);
  assert.match(tableXml, /领导小组全年召开全体会议1次，少1次。/);
  assert.match(tableXml, /自评总分/);
  const csv = await downloadOf(page, () => page.getByRole('button', { name: '导出打分表（CSV，Excel/WPS）' }).click());
  const csvText = csv.bytes.toString('utf8');
  assert.ok(csvText.startsWith('\ufeff一级指标（分值）,二级指标（分值）'), csvText.slice(0, 80));
  assert.match(csvText, /\r\n自评总分,,,,3\.5,/);
  const evidence = await downloadOf(page, () => page.getByRole('button', { name: '导出佐证材料目录（Word）' }).click());
  assert.match(unzipEntry(evidence.bytes, 'word/document.xml').toString('utf8'), /县委教育工作领导小组会议纪要/);

  // The print view: the report, then the table with the upper levels spanning their rows.
  await openView(page, '#/print', 'print-title');
  const printed = page.getByTestId('print-score-table');
  assert.match(await printed.textContent(), /自评打分表.*填表人/);
  assert.ok(Number(await printed.locator('tbody tr').first().locator('td').first().getAttribute('rowspan')) > 1);
  assert.match(await printed.locator('tr.summary', { hasText: '自评总分' }).textContent(), /3\.5/);

  // Everything is kept across a reload; the panel says what the untouched rest still holds.
  await page.reload();
  await eventually(async () => assert.match(await text(page, 'findings-hidden'), /其余内容还有错误\d+处、警告\d+处/));
  await openItem(page, 'A1.1');
  assert.equal(await page.inputValue(byId('score-A1.1.2')), '1.2');
  assert.equal(await page.inputValue(byId('score-why-A1.1.1')), '领导小组全年召开全体会议1次，少1次。');
  assert.equal(await page.getByLabel('第1份提供单位').first().inputValue(), '县委办');
  await openView(page, '#/scoring', 'scoring-title');
  assert.equal(await page.locator('#condition-V2-yes').isChecked(), true);
  await eventually(async () => assert.match(await text(page, 'score-total'), /^自评总分：3\.5分/));

  // Next year's draft from this one: last year's scores beside this year's empty inputs.
  await openView(page, '#/', 'overview-title');
  await page.locator('#remap-next-year').click();
  await page.getByTestId('remap-dialog').waitFor();
  assert.equal(await page.inputValue('#remap-target'), 'example-county-scored');
  await page.locator('#remap-confirm').click();
  await page.getByTestId('notice').filter({ hasText: '已用' }).waitFor();
  await openItem(page, 'A1.1');
  assert.equal(await page.inputValue(byId('score-A1.1.1')), '');
  assert.equal(await text(page, 'previous-score-A1.1.1'), '上年得分：1.4分');
  assert.equal(await page.getByTestId('previous-score-A1.1.3').count(), 1);
  await openView(page, '#/score-sheet', 'sheet-title');
  assert.equal(await text(page, 'sheet-previous-A1.1.2'), '上年1.2分');
  assert.equal(await text(page, 'sheet-previous-B1'), '上年2分', 'a bonus item too');
  await waitUntilSaved(page);
  const next = await storedDraft(page);
  assert.notEqual(next.id, stored.id);
  assert.deepEqual(next.previous_scores, { 'A1.1.1': '1.4', 'A1.1.2': '1.2', 'A1.1.3': '0.9', B1: '2' });
  assert.deepEqual(app.browser.errors.map(String), []);
});

test('the Sichuan list shows no score anywhere', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await openItem(page, 'A1.1');
  assert.equal(await page.locator('.item-scores').count(), 0);
  assert.equal(await page.getByTestId('nav-total').count(), 0);
  assert.equal(await page.locator('a[href="#/scoring"]').count(), 0);
});

test('导入旧报告 reads against the framework chosen, whatever draft is open', async () => {
  const { page } = app.browser;
  const { readFile } = await import('node:fs/promises');
  const seed = await readFile(new URL('../../../shared/seed/000_d18a1d8f96379a58.txt', import.meta.url), 'utf8');
  await openAppAt(page, app.server.url);
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('#new-scored-example').click();
  await page.getByTestId('nav-total').waitFor();
  await openView(page, '#/import', 'import-old-title');
  const choice = page.locator('#import-framework');
  assert.equal(await choice.inputValue(), 'example-county-scored', 'the open draft\'s framework by default');
  await choice.selectOption('sichuan-2023-city');
  await page.getByLabel('粘贴旧报告全文').fill(seed.slice(seed.indexOf('2023年xx市人民政府履行教育职责自评情况的报告(2)')));
  await page.getByRole('button', { name: '解析' }).click();
  assert.match(await page.getByTestId('import-summary').textContent(), /9个评价领域（共9个）/);
  assert.deepEqual(app.browser.errors.map(String), []);
});

test('从指标表新建: a table pasted from Word becomes a framework and a scored draft, kept across a reload', async () => {
  const { page } = app.browser;
  const { readFile } = await import('node:fs/promises');
  const html = await readFile(new URL('../../crates/core/tests/tables/02-abc-levels.html', import.meta.url), 'utf8');
  await openAppAt(page, app.server.url);
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('#from-table').click();
  await page.locator('h1#table-import-title').waitFor();
  // A paste as Word puts it on the clipboard: HTML with the table, and its text.
  await page.locator('#table-paste').focus();
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData('text/html', content);
    data.setData('text/plain', 'A级指标\tB级指标');
    document.querySelector('#table-paste').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await eventually(async () => assert.equal(await text(page, 'table-outcome'),
    '识别到2个一级指标、3个二级指标、7个观测点，合计10分；0行并入上一行，0行未采用。'));
  assert.equal(await page.locator('select[data-column="5"]').inputValue(), 'units');
  assert.equal(await page.locator('#table-create').isDisabled(), true, 'a name and a year first');
  assert.match(await text(page, 'table-meta-problem'), /请填写指标体系名称/);
  await page.fill('#table-title', '示例市2025年县级政府履行教育职责评价指标');
  await page.fill('#table-year', '2025');
  // A column's role changed by the user: 责任单位 not read.
  await page.locator('select[data-column="5"]').selectOption('ignore');
  await page.locator('#table-create').click();
  await page.getByTestId('notice').filter({ hasText: '已按指标表建立指标体系' }).waitFor();
  await eventually(async () => assert.equal(await text(page, 'nav-total'), '—'));
  await openItem(page, 'A2.1');
  assert.equal((await page.locator('h1#title-A2\\.1').textContent()).trim(), '待遇保障');
  assert.match(await page.locator(byId('score-row-A2.1.1')).textContent(), /教师工资（2分）/);
  assert.doesNotMatch(await page.locator(byId('score-row-A2.1.1')).textContent(), /责任单位/);
  await page.fill(byId('score-A2.1.1'), '1.5');
  await waitUntilSaved(page);
  await page.reload();
  await openItem(page, 'A2.1');
  assert.equal(await page.inputValue(byId('score-A2.1.1')), '1.5');
  assert.deepEqual(app.browser.errors.map(String), []);

  // Sent to a colleague as a framework file, opened in a fresh browser, a draft made from it.
  await openView(page, '#/drafts', 'drafts-title');
  const entry = page.locator('.framework-list li', { hasText: '示例市2025年县级政府履行教育职责评价指标' });
  const sent = await downloadOf(page, () => entry.getByRole('button', { name: /导出指标体系文件/ }).click());
  assert.match(sent.name, /示例市2025年县级政府履行教育职责评价指标（指标体系 版本1）\d{4}-\d{2}-\d{2}\.json$/);
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-framework-')), sent.name);
  await writeFile(file, sent.bytes);
  const other = (await app.reopen()).page;
  await openAppAt(other, app.server.url);
  await openView(other, '#/drafts', 'drafts-title');
  await other.locator('#framework-file').setInputFiles(file);
  await other.getByTestId('notice').filter({ hasText: '示例市2025年县级政府履行教育职责评价指标' }).waitFor();
  await openItem(other, 'A2.1');
  assert.match(await other.locator(byId('score-row-A2.1.1')).textContent(), /教师工资（2分）/);
  assert.deepEqual(app.browser.errors.map(String), []);
});

test('从指标表新建 reads a CSV that Excel saved in GBK', async () => {
  const { page } = app.browser;
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  // "一级指标,二级指标,分值\r\n教育领导,领导体制,2\r\n教育领导,经费投入,3\r\n" in GBK, as Excel on a Chinese Windows writes it.
  const gbk = Buffer.from('d2bbbcb6d6b8b1ea2cb6febcb6d6b8b1ea2cb7d6d6b50d0abdccd3fdc1ecb5bc2cc1ecb5bccce5d6c62c320d0abdccd3fdc1ecb5bc2cbeadb7d1cdb6c8eb2c330d0a', 'hex');
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-gbk-')), '指标表.csv');
  await writeFile(file, gbk);
  await openAppAt(page, app.server.url, '#/from-table');
  await page.locator('h1#table-import-title').waitFor();
  await page.locator('#table-file').setInputFiles(file);
  await eventually(async () => assert.match(await text(page, 'table-outcome'), /^识别到1个一级指标、2个二级指标、0个观测点，合计5分/));
  assert.match(await page.getByTestId('table-preview').textContent(), /教育领导/);
  assert.deepEqual(app.browser.errors.map(String), []);
});
