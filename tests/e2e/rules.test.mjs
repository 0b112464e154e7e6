// A notice's scoring rules end to end (issue 21): a table pasted with a 加分项 block, a 扣分项 and a
// veto row becomes a framework with those rules; the deductions proposed from its 评分细则 are
// accepted; grade bands are added in 评分规则; a draft is scored on 逐项打分 with one score taken
// from a figure's proposal; total, bonus and grade show; the veto answered 是 drops the grade and
// "无一票否决" is gone from every export; the 打分表 opens in LibreOffice. And what is not an
// indicator table (a timetable, an empty paste, a Word file without a table) is told so (issue 22).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appUnderTest, openAppAt, openView, openItem, waitUntilSaved, eventually, unzipEntry, downloadOf, pasteText, libreOfficeText } from './harness.mjs';

const app = appUnderTest();

const text = async (page, testId) => (await page.getByTestId(testId).textContent()).trim();
const byId = (id) => `[id="${id}"]`;

/** Types into an editor field and leaves it: the editor commits on change. */
async function commit(page, selector, value) {
  await page.fill(selector, value);
  await page.locator(selector).press('Tab');
}

/** A .docx of plain paragraphs (no table), written by LibreOffice from text. */
async function wordFileOf(content) {
  const directory = await mkdtemp(path.join(tmpdir(), 'lvzhi-notice-'));
  await writeFile(path.join(directory, 'notice.txt'), content);
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(directory, 'profile')}`, '--headless',
    '--convert-to', 'docx:MS Word 2007 XML', '--outdir', directory, path.join(directory, 'notice.txt')], { stdio: 'pipe', timeout: 120_000 });
  const bytes = await readFile(path.join(directory, 'notice.docx'));
  await rm(directory, { recursive: true, force: true });
  return bytes;
}

test('a table with a bonus block and a veto row: rules read, deductions accepted, grades set, a draft scored and graded, exports follow the veto', async () => {
  const { page } = app.browser;
  const table = await readFile(new URL('../../crates/core/tests/tables/08-bonus-block-at-end.tsv', import.meta.url), 'utf8');
  await openAppAt(page, app.server.url, '#/from-table');
  await page.locator('h1#table-import-title').waitFor();
  await pasteText(page, '#table-paste', table);
  await eventually(async () => assert.match(await text(page, 'table-outcome'), /识别到2个一级指标、3个二级指标、4个观测点，合计20分；0行并入上一行，4行是评分规则/));

  // Every rule with the row it came from; the veto's two facts each a question.
  const rules = page.getByTestId('found-rules');
  for (const expected of ['加分项目“获得国家级教育表彰”，最多加2分', '扣分项“发生校园安全责任事故”，每次扣2分，最多扣6分',
    '一票否决：是否发生重大校园安全责任事故', '一票否决：是否截留、挤占、挪用教育经费', '（第9行：一票否决']) {
    assert.ok((await rules.textContent()).includes(expected), `the preview lists ${expected}`);
  }
  // Deductions proposed, none taken until accepted.
  assert.match(await text(page, 'deduction-count'), /4行评分细则中，有3行可按数据测算扣分，已勾选0行/);
  await page.locator('#deduct-accept-all').click();
  await eventually(async () => assert.match(await text(page, 'deduction-count'), /已勾选3行/));
  // A rule unticked stays listed and is left out; ticked again, it is back.
  await page.locator(byId('rule-keep-row9.2')).uncheck();
  await eventually(async () => assert.match(await rules.textContent(), /采用4条/));
  await page.locator(byId('rule-keep-row9.2')).check();
  await eventually(async () => assert.match(await rules.textContent(), /采用5条/));

  await page.fill('#table-title', '示例市2025年县级政府履行教育职责评价指标');
  await page.fill('#table-year', '2025');
  await page.locator('#table-create').click();
  await page.getByTestId('notice').filter({ hasText: '已按指标表建立指标体系' }).waitFor();
  await waitUntilSaved(page);

  // 评分汇总 says there are no grades yet, and claims no total before anything is scored.
  await openView(page, '#/scoring', 'scoring-title');
  assert.match(await text(page, 'score-total'), /^尚未评分/);
  assert.match(await text(page, 'no-grades'), /本指标体系没有设置等次/);

  // 评分规则 in the editor: the usual grades (as parts of 20 points), saved as a new version.
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('.framework-list li', { hasText: '示例市2025年县级政府履行教育职责评价指标' }).first().getByRole('link', { name: /编辑/ }).click();
  await page.locator('h1#framework-editor-title').waitFor();
  assert.equal(await page.inputValue('#fw-bonus-cap'), '3');
  assert.equal(await page.inputValue('#fw-condition-1-title'), '是否截留、挤占、挪用教育经费');
  await page.locator('#fw-usual-grades-60').click();
  await eventually(async () => assert.equal(await page.inputValue('#fw-grade-0-points'), '18'));
  // A gap is refused with a clear message, and undo takes the step back.
  await commit(page, '#fw-grade-3-points', '5');
  await eventually(async () => assert.match(await page.locator('.editor-problems').textContent(), /最低的等次“不合格”的最低分应为0分/));
  await page.locator('.editor-problems li button').first().click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'fw-grade-3-points'));
  await page.locator('#fw-undo').click();
  await eventually(async () => assert.match(await page.locator('#fw-problems-title').textContent(), /没有问题/));
  await page.locator('#fw-save').click();
  await page.getByTestId('notice').filter({ hasText: '已另存为新版本' }).waitFor();
  await page.locator('#fw-new-draft').click();
  await page.getByTestId('notice').filter({ hasText: '新建草稿' }).waitFor();

  // A figure of the accepted deduction: its proposal on 逐项打分, taken with 采用.
  await openItem(page, 'A1.1');
  await page.getByLabel('县政府常务会议每年研究教育工作次数', { exact: false }).first().fill('3');
  await openView(page, '#/score-sheet', 'sheet-title');
  await eventually(async () => assert.match(await text(page, 'sheet-proposal-A1.1.2'), /^4\.5分/));
  await page.getByTestId('sheet-proposal-A1.1.2').getByRole('button').click();
  assert.equal(await page.inputValue(byId('sheet-score-A1.1.2')), '4.5');
  // Enter goes to the next row's score.
  await page.locator(byId('sheet-score-A1.1.2')).press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'sheet-score-A2.1.1'));
  // Full marks only for the rows ticked: the unscored ones not scored from a figure (those wait
  // for their figure's proposal), chosen by the user.
  await page.locator('#sheet-check-unscored').click();
  assert.equal(await page.locator(byId('sheet-check-A1.1.1')).isChecked(), false, 'scored from a figure: left to its proposal');
  await page.locator('#sheet-full-marks').click();
  await page.getByTestId('notice').filter({ hasText: '已为勾选的1项填写满分' }).waitFor();
  assert.equal(await page.inputValue(byId('sheet-score-A2.1.1')), '5');
  assert.equal(await page.inputValue(byId('sheet-score-B1')), '', 'a bonus item is not given full marks unless ticked');
  await page.fill(byId('sheet-score-A1.1.1'), '4');
  await page.fill(byId('sheet-score-A2.2.1'), '5');
  await page.fill(byId('sheet-score-B1'), '2');

  await openView(page, '#/scoring', 'scoring-title');
  await eventually(async () => assert.match(await text(page, 'score-total'), /^自评总分：20\.5分（基本分满分20分，含加分2分）　自评等次：优秀/));
  await page.locator('#condition-V1-no').check();
  await page.locator('#condition-V2-no').check();
  await eventually(async () => assert.match(await text(page, 'score-sentence'), /无“一票否决”情况/));
  // The veto answered 是: the grade falls, and no export says "无一票否决" any more.
  await page.locator('#condition-V2-yes').check();
  await page.fill('#condition-why-V2', '审计发现挤占教育经费1笔，已整改。');
  await eventually(async () => assert.match(await text(page, 'score-total'), /自评等次：不合格/));
  await eventually(async () => assert.match(await text(page, 'score-sentence'), /存在“一票否决”情况/));
  await waitUntilSaved(page);
  const tableWord = await downloadOf(page, () => page.getByRole('button', { name: '导出自评打分表（Word）' }).click());
  const tableXml = unzipEntry(tableWord.bytes, 'word/document.xml').toString('utf8');
  const csv = (await downloadOf(page, () => page.getByRole('button', { name: /导出打分表（CSV/ }).click())).bytes.toString('utf8');
  const report = await downloadOf(page, () => page.getByRole('button', { name: '导出 Word' }).click());
  const reportXml = unzipEntry(report.bytes, 'word/document.xml').toString('utf8');
  for (const [name, content] of [['打分表', tableXml], ['CSV', csv], ['报告', reportXml]]) {
    assert.ok(!content.includes('无“一票否决”'), `${name} no longer says 无一票否决`);
  }
  assert.ok(reportXml.includes('存在“一票否决”情况'), 'the report says the veto applies');
  assert.ok(tableXml.includes('一票否决：是否截留、挤占、挪用教育经费'));
  assert.ok(csv.includes('不合格'));
  // LibreOffice opens the 打分表: the title and details on the first page, the rows and totals.
  const pdf = await libreOfficeText(tableWord.bytes);
  const pages = pdf.split('\f').filter((page) => page.trim());
  assert.match(pages[0], /自评打分表/);
  assert.match(pages[0], /评分细则/);
  assert.match(pdf, /获得国家级教育表彰/);
  assert.match(pdf, /自评总分/);

  // The draft file alone, in a colleague's fresh browser: its framework comes with it, and the
  // draft opens whole — scores, grade and the veto answered.
  const sent = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).click());
  assert.equal(JSON.parse(sent.bytes.toString('utf8')).framework_file.title, '示例市2025年县级政府履行教育职责评价指标');
  const directory = await mkdtemp(path.join(tmpdir(), 'lvzhi-rules-sent-'));
  const file = path.join(directory, sent.name);
  await writeFile(file, sent.bytes);
  const other = (await app.reopen()).page;
  await openAppAt(other, app.server.url);
  await other.locator('#import-file').setInputFiles(file);
  await other.getByTestId('import-dialog').waitFor();
  await other.getByTestId('import-dialog').getByRole('button', { name: /作为新草稿打开/ }).click();
  await openView(other, '#/scoring', 'scoring-title');
  await eventually(async () => assert.match(await text(other, 'score-total'), /^自评总分：20\.5分（基本分满分20分，含加分2分）　自评等次：不合格/));
  assert.equal(await other.inputValue('#condition-why-V2'), '审计发现挤占教育经费1笔，已整改。');
});

test('what is not an indicator table is doubted before it is made: a timetable, an empty paste, a Word file without a table', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/from-table');
  await page.locator('h1#table-import-title').waitFor();

  // An empty clipboard says to copy first; the button with an empty box says to paste first.
  await pasteText(page, '#table-paste', '');
  await page.getByTestId('notice').filter({ hasText: '剪贴板中没有内容' }).waitFor();
  await page.getByRole('button', { name: '按制表符分列读取' }).click();
  await page.getByTestId('notice').filter({ hasText: '框中还没有内容' }).waitFor();

  // A Word file without a table says so, not "save as .docx".
  const noTable = await wordFileOf('关于开展2025年度县级人民政府履行教育职责评价工作的通知\n各乡镇人民政府：\n指标表见附件。\n');
  await page.locator('#table-file').setInputFiles({ name: '通知.docx', mimeType: 'application/octet-stream', buffer: noTable });
  await page.getByTestId('notice').filter({ hasText: '这个文件中没有表格' }).waitFor();

  // A timetable is previewed, with why it is doubted; making it waits for the user's word.
  const timetable = await readFile(new URL('../../crates/core/tests/not-tables/01-timetable.tsv', import.meta.url), 'utf8');
  await pasteText(page, '#table-paste', timetable);
  const doubts = page.getByTestId('table-doubts');
  await doubts.waitFor();
  assert.match(await doubts.textContent(), /这看起来不是指标表.*没有认出表头.*名单或清单/s);
  assert.equal(await page.getByTestId('table-preview').count(), 1, 'the preview is still shown');
  await page.fill('#table-title', '课程表');
  await page.fill('#table-year', '2025');
  assert.ok(await page.locator('#table-create').isDisabled(), 'nothing is made of a doubted table');
  assert.match(await text(page, 'table-meta-problem'), /请先核对上面的提示/);
  await page.locator('#table-trusted').check();
  await eventually(async () => assert.ok(await page.locator('#table-create').isEnabled()));

  // A real table pasted after it raises no doubt, and the user's word is not carried over.
  const real = await readFile(new URL('../../crates/core/tests/tables/05-excel-paste.tsv', import.meta.url), 'utf8');
  await pasteText(page, '#table-paste', real);
  await eventually(async () => assert.equal(await page.getByTestId('table-doubts').count(), 0));
  await pasteText(page, '#table-paste', timetable);
  await doubts.waitFor();
  assert.equal(await page.locator('#table-trusted').isChecked(), false);
  assert.deepEqual(app.browser.errors.map(String), []);
});

test('what is over its size limit is refused before it is read, the table already read and the draft stay', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/from-table');
  await page.locator('h1#table-import-title').waitFor();
  assert.equal(await page.locator('#table-limits').textContent(), '复制的表格不超过4 MB，表格文字（CSV、文本）不超过1 MB，Word 文件不超过20 MB。');
  const real = await readFile(new URL('../../crates/core/tests/tables/05-excel-paste.tsv', import.meta.url), 'utf8');
  await pasteText(page, '#table-paste', real);
  await page.getByTestId('table-preview').waitFor();
  const readBefore = await text(page, 'paste-status');

  // 5 MB copied from a web page or a whole document: refused by its size, nothing parsed.
  const pasteOf = (type, row) => page.evaluate(([type, row]) => {
    const data = new DataTransfer();
    data.setData(type, row.repeat(Math.floor(5 * 1024 * 1024 / row.length)));
    if (type === 'text/html') data.setData('text/plain', '一级指标\t二级指标\n');
    const area = document.querySelector('#table-paste');
    area.focus();
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [type, row]);
  // (ASCII, so that 5 MB of characters are 5 MB of bytes.)
  await pasteOf('text/html', '<table><tr><td>A1</td><td>A1.1</td><td>10</td></tr></table>');
  await page.getByTestId('notice').filter({ hasText: '复制的表格有5 MB，超过了上限4 MB' }).waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /请只选中指标表本身（含表头）复制/);
  assert.equal(await text(page, 'paste-status'), readBefore, 'the table read before stays');
  assert.equal(await page.getByTestId('table-preview').count(), 1);
  // 5 MB of text: refused too, and not dropped into the box.
  await pasteOf('text/plain', 'A1\tA1.1\t10\n');
  await page.getByTestId('notice').filter({ hasText: '指标表文字有5 MB，超过了上限1 MB' }).waitFor();
  assert.equal(await page.inputValue('#table-paste'), '');
  // A 21 MB Word file, by its stated size.
  await page.locator('#table-file').setInputFiles({ name: '通知.docx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(21 * 1024 * 1024) });
  await page.getByTestId('notice').filter({ hasText: 'Word 文件有21 MB，超过了上限20 MB' }).waitFor();
  // The page still works: another table read after all that.
  const other = await readFile(new URL('../../crates/core/tests/tables/01-shaanxi-like.tsv', import.meta.url), 'utf8');
  await page.locator('#table-file').setInputFiles({ name: '指标表.csv', mimeType: 'text/csv', buffer: Buffer.from(other.replaceAll('\t', ',')) });
  await eventually(async () => assert.match(await text(page, 'paste-status'), /^已读取表格/));
  await eventually(async () => assert.notEqual(await text(page, 'paste-status'), readBefore));

  // A draft file and a framework file over their limits leave the open draft as it was.
  await openView(page, '#/drafts', 'drafts-title');
  const stored = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([key]) => key.startsWith('lvzhi/draft/')).sort()));
  const before = await stored();
  await page.locator('#import-file').setInputFiles({ name: '草稿.json', mimeType: 'application/json', buffer: Buffer.alloc(6 * 1024 * 1024, 32) });
  await page.getByTestId('notice').filter({ hasText: '草稿文件有6 MB，超过了上限5 MB' }).waitFor();
  await page.locator('#framework-file').setInputFiles({ name: '指标体系.json', mimeType: 'application/json', buffer: Buffer.alloc(3 * 1024 * 1024, 32) });
  await page.getByTestId('notice').filter({ hasText: '指标体系文件有3 MB，超过了上限2 MB' }).waitFor();
  assert.equal(await stored(), before);
  assert.deepEqual(app.browser.errors.map(String), []);
});
