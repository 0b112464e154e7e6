// Accessibility: axe-core on every page and dialog of the app, failing on any violation of impact
// serious or critical; and one item completed with the keyboard alone, the focus visible throughout.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appUnderTest, openAppAt, openView, downloadOf, waitUntilSaved, pasteText } from './harness.mjs';
import { fullDraft } from '../../scripts/bench-data.mjs';

const app = appUnderTest();
let axeSource;
let seed;
before(async () => {
  const require = createRequire(import.meta.url);
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  seed = await readFile(new URL('../../../shared/seed/000_d18a1d8f96379a58.txt', import.meta.url), 'utf8');
});

/** axe-core's serious and critical violations on the page as it is now, described for the report. */
async function violations(page, where) {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') does not apply.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${where}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`);
}

async function fillSome(page) {
  await openView(page, '#/meta', 'meta-title');
  await page.getByLabel('地区名称').fill('资阳市');
  await openView(page, '#/item/A1.2', 'title-A1.2');
  await page.getByLabel('工作情况及成效').fill('建立校级党组织x个,全覆盖。');
  await page.getByLabel('达标', { exact: true }).check();
  await openView(page, '#/problems', 'problems-title');
  await page.locator('#problems-add').click();
  await page.locator('#problem-p1-title').fill('学前教育资源不足');
  await openView(page, '#/measures', 'measures-title');
  await page.locator('#measures-add').click();
  await page.locator('#measure-m1-title').fill('新建公办园');
  await waitUntilSaved(page);
}

test('no page or dialog of the app has a serious or critical accessibility violation', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await fillSome(page);
  const found = [];
  const pages = [
    ['#/', 'overview-title'], ['#/start', 'start-title'], ['#/meta', 'meta-title'], ['#/item/A1.2', 'title-A1.2'], ['#/item/A3.4', 'title-A3.4'],
    ['#/figures', 'figures-title'], ['#/problems', 'problems-title'], ['#/measures', 'measures-title'],
    ['#/print', 'print-title'], ['#/import', 'import-old-title'], ['#/drafts', 'drafts-title'],
  ];
  for (const [hash, heading] of pages) {
    await openView(page, hash, heading);
    found.push(...await violations(page, hash));
  }
  // With every finding listed (the findings are beside the draft's pages, not the app's).
  await openView(page, '#/', 'overview-title');
  await page.getByRole('button', { name: '检查全文' }).click();
  found.push(...await violations(page, '检查全文'));

  // 导入旧报告 under review.
  await openView(page, '#/import', 'import-old-title');
  await page.getByLabel('粘贴旧报告全文').fill(seed.slice(seed.indexOf('2023年xx市人民政府履行教育职责自评情况的报告(2)')));
  await page.getByRole('button', { name: '解析' }).click();
  await page.getByTestId('import-summary').waitFor();
  await page.locator('.mapping-row').first().getByRole('button', { name: '展开全文 / 拆分' }).click();
  found.push(...await violations(page, '导入旧报告（核对）'));

  // The dialogs: a draft file's preview, a merge, a data sheet's preview.
  await openView(page, '#/item/A1.2', 'title-A1.2');
  const { name, bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).click());
  const theirs = JSON.parse(bytes.toString('utf8'));
  theirs.items['A1.2'].narrative = '同事改写的文字。';
  theirs.updated_at = new Date(Date.now() + 1000).toISOString();
  await page.getByLabel('工作情况及成效').fill('我改写的文字。');
  await waitUntilSaved(page);
  const directory = await mkdtemp(path.join(tmpdir(), 'lvzhi-a11y-'));
  const file = path.join(directory, name);
  await writeFile(file, JSON.stringify(theirs));
  await page.locator('#import-file').setInputFiles(file);
  await page.getByTestId('import-dialog').waitFor();
  found.push(...await violations(page, '导入草稿文件（对话框）'));
  await page.keyboard.press('Escape');
  await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
  await page.locator('#merge-file').setInputFiles(file);
  await page.getByTestId('merge-dialog').waitFor();
  found.push(...await violations(page, '合并（对话框）'));
  await page.keyboard.press('Escape');
  await openView(page, '#/figures', 'figures-title');
  const sheet = path.join(directory, 'sheet.csv');
  await writeFile(sheet, '\ufeff数据编码,数值\r\neducation_budget_total,3.73\r\n');
  await page.locator('#figures-sheet-file').setInputFiles(sheet);
  await page.getByTestId('sheet-dialog').waitFor();
  found.push(...await violations(page, '数据填报表（对话框）'));
  await page.keyboard.press('Escape');

  // A scored draft: an item's 自评打分 with evidence rows and findings, and 评分汇总.
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('#new-scored-example').click();
  await page.getByTestId('nav-total').waitFor();
  await openView(page, '#/item/A1.1', 'title-A1.1');
  await page.locator('[id="score-A1.1.1"]').fill('1.45');
  await page.locator('[id="evidence-add-A1.1.1"]').click();
  await page.getByRole('button', { name: '检查全文' }).click();
  found.push(...await violations(page, '#/item/A1.1（打分）'));
  await openView(page, '#/scoring', 'scoring-title');
  await page.locator('#condition-V1-yes').check();
  found.push(...await violations(page, '#/scoring'));
  await openView(page, '#/score-sheet', 'sheet-title');
  await page.locator('#sheet-check-unscored').click();
  found.push(...await violations(page, '#/score-sheet（逐项打分）'));
  // 佐证材料: a file attached to a row, then the page of them all; 分发给部门 with a part sent.
  await openView(page, '#/item/A1.1', 'title-A1.1');
  await page.locator('[id="evidence-add-A1.1.1"]').click();
  await page.getByLabel('第1份材料名称').first().fill('会议纪要');
  await page.locator('[id="attach-A1.1.1-0"]').setInputFiles({ name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 a11y') });
  await page.getByTestId('notice').filter({ hasText: '已添加1个文件' }).waitFor();
  found.push(...await violations(page, '#/item/A1.1（附件）'));
  await openView(page, '#/evidence', 'evidence-title');
  found.push(...await violations(page, '#/evidence（佐证材料）'));
  await openView(page, '#/departments', 'departments-title');
  const [sent] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '生成文件（县财政局）' }).click()]);
  await sent.path();
  found.push(...await violations(page, '#/departments（分发给部门）'));

  // 编辑指标体系 with a node, a figure and a refused value; the mapping dialog; the report's parts.
  await openView(page, '#/framework/example-county-scored', 'framework-editor-title');
  await page.locator('#node-0-0').click();
  await page.locator('#node-0-0-add-figure').click();
  const points = await page.inputValue('#node-0-0-Points');
  await page.fill('#node-0-0-Points', '五分');
  await page.locator('#node-0-0-Points').press('Tab');
  await page.locator('#node-0-0-Points-problem').filter({ hasText: '不是分值' }).waitFor();
  found.push(...await violations(page, '#/framework（编辑指标体系）'));
  await page.fill('#node-0-0-Points', points);
  await page.locator('#node-0-0-Points').press('Tab');
  await page.locator('#fw-part-overview').check();
  await page.locator('#fw-part-rectification').check();
  await page.locator('#fw-save').click();
  await page.locator('#fw-new-draft').click();
  await page.getByTestId('notice').filter({ hasText: '新建草稿' }).waitFor();
  await openView(page, '#/section/overview', 'section-title');
  found.push(...await violations(page, '#/section/overview'));
  await openView(page, '#/rectifications', 'rectifications-title');
  await page.locator('#rectifications-add').click();
  found.push(...await violations(page, '#/rectifications'));
  await openView(page, '#/', 'overview-title');
  await page.locator('#remap-move').click();
  await page.getByTestId('remap-dialog').waitFor();
  found.push(...await violations(page, '更换指标体系（对话框）'));
  await page.keyboard.press('Escape');

  // 从指标表新建 with the scoring rules it found and the deductions it proposes.
  const rulesTable = await readFile(new URL('../../crates/core/tests/tables/08-bonus-block-at-end.tsv', import.meta.url), 'utf8');
  await openView(page, '#/from-table', 'table-import-title');
  await pasteText(page, '#table-paste', rulesTable);
  await page.getByTestId('found-rules').waitFor();
  found.push(...await violations(page, '#/from-table（评分规则）'));

  // 汇总 with two counties added, one county with its 复核, and its figure chart.
  const scored = JSON.parse(await readFile(new URL('../../crates/core/data/example-county-scored.json', import.meta.url), 'utf8'));
  const counties = [1, 2].map((index) => {
    const draft = fullDraft(scored, `d-a11y-${index}`, 0);
    draft.schema_version = 5;
    draft.meta = { ...draft.meta, unit: `第${index}县人民政府`, level: 'county' };
    draft.figures = { inclusive_kindergarten_coverage: String(80 + index * 5) };
    return { name: `${index}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft)) };
  });
  await openView(page, '#/collect', 'collect-title');
  await page.locator('#collect-files').setInputFiles(counties);
  await page.getByTestId('comparison-table').waitFor();
  await page.locator('#figure-chart-pick').selectOption('inclusive_kindergarten_coverage');
  await page.getByTestId('figure-chart').waitFor();
  found.push(...await violations(page, '#/collect（汇总）'));
  await page.locator('[data-testid="comparison-table"] a', { hasText: '第1县人民政府' }).click();
  await page.locator('h1#unit-title').waitFor();
  found.push(...await violations(page, '#/collect/unit（汇总中的单位）'));

  // A narrow screen, with the navigation and the findings opened.
  await page.setViewportSize({ width: 800, height: 900 });
  await openView(page, '#/item/A1.2', 'title-A1.2');
  await page.locator('.nav-toggle').click();
  await page.getByRole('button', { name: '展开问题列表' }).click();
  found.push(...await violations(page, '800 px'));
  assert.deepEqual(found, []);
});

test('one item is completed with the keyboard alone, and the focus is always visible', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  const focused = () => page.evaluate(() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return { tag: element.tagName, id: element.id, text: (element.textContent ?? '').trim().slice(0, 20), visible };
  });
  const tabTo = async (predicate, limit = 80) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      assert.ok(now.visible || now.tag === 'BODY', `the focus on ${now.tag}#${now.id} “${now.text}” is not visible`);
      if (predicate(now)) return now;
    }
    throw new Error('not reached with Tab');
  };
  // 跳到正文, then to the navigation's A2.2 link (Shift+Tab would go back; here forward only).
  await tabTo((now) => now.text === '跳到正文');
  await tabTo((now) => now.tag === 'A' && now.text.includes('生均公用经费按要求拨付'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'title-A2.2');
  // From the heading: 插入范文, then the text, typed with the keyboard.
  await tabTo((now) => now.text === '插入范文', 5);
  await page.keyboard.press('Enter');
  await tabTo((now) => now.id === 'narrative-A2.2', 5);
  await page.keyboard.press('End');
  await page.keyboard.type('经费均按时拨付。');
  await tabTo((now) => now.id === 'rating-A2.2-met', 20);
  await page.keyboard.press('Space');
  await waitUntilSaved(page);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));
  assert.match(stored.items['A2.2'].narrative, /各项教育经费均按时按规定足额拨付。[\s\S]*经费均按时拨付。$/);
  assert.equal(stored.items['A2.2'].rating, 'met');
  assert.equal(await page.locator('.nav-item:has(a[href="#/item/A2.2"])').getAttribute('data-status'), 'filled');
});
