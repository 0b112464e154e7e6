// 汇总 end to end: a 督导室 adds twelve counties' draft files and a backup .zip, sorts by total,
// charts a figure against its threshold, opens one county, enters 复核 scores and exports its
// 复核意见 and the 汇总表 (Word opened by LibreOffice, CSV); the collection is kept across a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, openAppAt, eventually, downloadOf, libreOfficeText, zipOf, unzipEntry } from './harness.mjs';
import { fullDraft } from '../../scripts/bench-data.mjs';

const app = appUnderTest();
const scored = JSON.parse(await readFile(new URL('../../crates/core/data/example-county-scored.json', import.meta.url), 'utf8'));

/** The leaves of the scored example (rows a county scores), in order. */
const leaves = scored.areas.flatMap((area) => area.items.flatMap((item) => (item.observation_points ?? [])
  .flatMap((point) => (point.sub_points?.length ? point.sub_points : [point]))));

/**
 * County `index`'s draft: scored 1 on its first `index` rows (a total of `index`), its 普惠率
 * `80 + index`% (below the 85% threshold for 1–4), last edited on day `day` of March.
 */
function county(index, day = index) {
  const draft = fullDraft(scored, `d-county-${index}`, 0);
  draft.schema_version = 5;
  draft.meta = { ...draft.meta, region: `第${index}县`, unit: `第${index}县人民政府`, level: 'county' };
  draft.scores = Object.fromEntries(leaves.slice(0, index).map((leaf) => [leaf.code, { score: '1', explanation: '' }]));
  draft.figures = { inclusive_kindergarten_coverage: String(80 + index) };
  draft.updated_at = `2026-03-${String(day).padStart(2, '0')}T08:00:00.000Z`;
  return draft;
}

const fileOf = (draft) => ({ name: `${draft.meta.unit}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft, null, 2)) });

test('a 督导室 collects twelve counties and a backup, compares, charts a figure, reviews one county and exports', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/collect');
  await page.locator('h1#collect-title').waitFor();
  assert.equal(await page.locator('nav.sidebar').count(), 0, 'an app page: no draft outline');
  await eventually(async () => assert.match(await page.getByTestId('collection-status').textContent(), /已保存|正在/));

  // Twelve files at once, then a backup .zip holding two more counties.
  const twelve = Array.from({ length: 12 }, (_, index) => fileOf(county(index + 1)));
  await page.locator('#collect-files').setInputFiles(twelve);
  await eventually(async () => assert.equal(await page.locator('[data-testid="comparison-table"] tbody tr').count(), 12), 20_000);
  // By name in the reader's order: numbers by value (第2县 before 第10县), Chinese by pinyin.
  const units = await page.locator('[data-testid="comparison-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.unit));
  assert.deepEqual(units.slice(0, 3), ['第1县人民政府', '第2县人民政府', '第3县人民政府']);
  assert.equal(units[9], '第10县人民政府');
  await page.fill('#collection-reviewer', '资阳市人民政府教育督导室');
  await page.locator('#collection-reviewer').press('Tab');
  const backup = zipOf([13, 14].map((index) => ({ name: `第${index}县.json`, bytes: Buffer.from(JSON.stringify(county(index))) })));
  await page.locator('#collect-files').setInputFiles({ name: '备份.zip', mimeType: 'application/zip', buffer: backup });
  await eventually(async () => assert.equal(await page.locator('[data-testid="comparison-table"] tbody tr').count(), 14), 20_000);
  const outcomes = await page.getByTestId('collect-outcomes').textContent();
  assert.match(outcomes, /草稿备份，含2份草稿/);
  assert.match(outcomes, /已加入：第14县人民政府/);

  // Sorted by 自评总分, largest first: county 14 (14 rows scored 1).
  await page.getByRole('button', { name: '自评总分' }).click();
  const firstRow = page.locator('[data-testid="comparison-table"] tbody tr').first();
  await eventually(async () => assert.equal(await firstRow.getAttribute('data-unit'), '第14县人民政府'));
  assert.equal(await firstRow.getByTestId('unit-total').textContent(), '14');
  assert.equal(await page.locator('th[aria-sort="descending"]').count(), 1);

  // The same county again, edited later: it replaces the older draft, and says so.
  await page.locator('#collect-files').setInputFiles([fileOf(county(3, 20))]);
  await eventually(async () => assert.match(await page.getByTestId('collect-outcomes').textContent(), /已更新：第3县人民政府/));
  assert.equal(await page.locator('[data-testid="comparison-table"] tbody tr').count(), 14);

  // 普惠率 across counties: four below 85%, marked in the chart and the table.
  await page.locator('#figure-chart-pick').selectOption('inclusive_kindergarten_coverage');
  await eventually(async () => assert.match(await page.getByTestId('figure-summary').textContent(), /共14个单位，4个未达要求，0个未填/));
  assert.equal(await page.locator('[data-testid="figure-chart"] g.short').count(), 4);
  assert.equal(await page.locator('[data-testid="figure-chart"] line.threshold').count(), 1);
  assert.match(await page.locator('[data-testid="figure-table"] tr[data-unit="第1县人民政府"]').textContent(), /81%.*低于要求的85%/);

  // The 汇总表: CSV (BOM, a line per county) and Word, laid out by LibreOffice.
  const csv = await downloadOf(page, () => page.locator('#comparison-csv').click());
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('\ufeff'));
  assert.equal(text.trim().split('\r\n').length, 15);
  const summary = await downloadOf(page, () => page.locator('#comparison-docx').click());
  const summaryText = (await libreOfficeText(summary.bytes)).replace(/\s+/g, '');
  assert.match(summaryText, /汇总表/);
  assert.match(summaryText, /第14县人民政府/);

  // One county from the table: its findings and report, read-only; 复核 entered for two rows.
  await page.locator('[data-testid="comparison-table"] a', { hasText: '第2县人民政府' }).click();
  await page.locator('h1#unit-title').filter({ hasText: '第2县人民政府' }).waitFor();
  assert.equal(await page.locator('#back-to-collect').count(), 1);
  assert.ok(await page.getByTestId('unit-findings').locator('li').count() > 0);
  assert.match(await page.getByTestId('unit-report').textContent(), /第2县/);
  const [first, second] = leaves;
  await page.fill(`[id="review-${first.code}-score"]`, '0.5');
  await page.fill(`[id="review-${first.code}-note"]`, '会议记录不全');
  await page.locator(`[id="review-${first.code}-note"]`).press('Tab');
  await page.fill(`[id="review-${second.code}-score"]`, '1');
  await page.locator(`[id="review-${second.code}-score"]`).press('Tab');
  // Self 1 + 1, 复核 0.5 + 1, of the rows' points: 1 − 0.5 ÷ (points of the two rows).
  const points = first.points + second.points;
  const expected = Math.round((1 - 0.5 / points) * 1000) / 10;
  await eventually(async () => assert.match(await page.getByTestId('credibility').textContent(), new RegExp(`已复核2项.*自评可信度${expected}%`)));
  assert.match(await page.getByTestId('differences').textContent(), /自评1分，复核0.5分（-0.5）/);
  // A 复核得分 the checks refuse (negative) is marked at its field and not counted.
  const third = leaves[2];
  await page.fill(`[id="review-${third.code}-score"]`, '-1');
  await page.locator(`[id="review-${third.code}-score"]`).press('Tab');
  await eventually(async () => assert.equal(await page.locator(`[id="review-${third.code}-score"]`).getAttribute('aria-invalid'), 'true'));
  assert.match(await page.locator(`[id="review-${third.code}-problem"]`).textContent(), /负数，未计入/);
  assert.match(await page.getByTestId('credibility').textContent(), /已复核2项/);
  const review = await downloadOf(page, () => page.locator('#review-export').click());
  assert.match(review.name, /第2县人民政府复核意见\.docx$/);
  const reviewText = (await libreOfficeText(review.bytes)).replace(/\s+/g, '');
  assert.match(reviewText, /第2县人民政府履行教育职责自评复核意见/);
  assert.match(reviewText, /会议记录不全/);
  assert.match(reviewText, /复核单位：资阳市人民政府教育督导室/);

  // Kept in the browser: after a reload the collection, its 复核 and its counties are there.
  await page.reload();
  await page.locator('h1#unit-title').filter({ hasText: '第2县人民政府' }).waitFor();
  await eventually(async () => assert.equal(await page.inputValue(`[id="review-${first.code}-score"]`), '0.5'), 10_000);
  await page.locator('#back-to-collect').click();
  await eventually(async () => assert.equal(await page.locator('[data-testid="comparison-table"] tbody tr').count(), 14), 10_000);

  // The 汇总表 again: now with 第2县's 复核, and the chosen figure as a chart LibreOffice draws.
  await page.locator('#figure-chart-pick').selectOption('inclusive_kindergarten_coverage');
  const reviewed = await downloadOf(page, () => page.locator('#comparison-docx').click());
  const reviewedText = (await libreOfficeText(reviewed.bytes)).replace(/\s+/g, '');
  assert.match(reviewedText, /自评可信度/);
  assert.match(reviewedText, new RegExp(`${expected}%`));
  assert.match(reviewedText, /关键数据对照：普惠性幼儿园覆盖率（%）/);
  assert.match(reviewedText, /共14个单位，4个未达要求/);
  const chart = unzipEntry(reviewed.bytes, 'word/charts/chart1.xml').toString('utf8');
  assert.equal((chart.match(/<c:dPt>/g) ?? []).length, 4, 'the four counties short of 85% in red');
  assert.match(chart, /<c:v>85<\/c:v>/, 'the threshold line at 85');

  // 等次 sorts; a cell opens its unit at that place: an area's cell at the area in the report,
  // the errors' cell at the findings.
  assert.equal(await page.getByRole('button', { name: '等次' }).count(), 1);
  const row = page.locator('[data-testid="comparison-table"] tr[data-unit="第5县人民政府"]');
  await row.locator('td').nth(2).locator('a').click();
  await page.locator('h1#unit-title').filter({ hasText: '第5县人民政府' }).waitFor();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-area-1'));
  assert.match(page.url(), /#\/collect\/unit\/.+\/area-1$/);
  await page.goBack();
  await page.locator('[data-testid="comparison-table"] tr[data-unit="第5县人民政府"]').waitFor();
  await page.locator('[data-testid="comparison-table"] tr[data-unit="第5县人民政府"] td.has-errors a').first().click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'unit-findings-title'));
  await page.locator('#back-to-collect').click();

  // One item across units: every county's status, score and text side by side.
  await page.locator('#item-across-pick').selectOption('A1.1');
  const items = page.getByTestId('item-across');
  await eventually(async () => assert.equal(await items.locator('tbody tr').count(), 14));
  assert.match(await items.locator('tr[data-unit="第14县人民政府"]').textContent(), /已填.*\/ 4分/);
});

test('files that cannot join are listed with why, and a draft of an unknown framework joins once its framework file is added', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/collect');
  await page.locator('h1#collect-title').waitFor();
  const other = structuredClone(scored);
  other.id = 'other-county-2025';
  other.title = '另一个县级指标体系';
  const draft = fullDraft(other, 'd-other', 0);
  draft.schema_version = 5;
  draft.meta = { ...draft.meta, unit: '另一县人民政府' };
  await page.locator('#collect-files').setInputFiles([
    fileOf(draft),
    { name: '坏.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "lvzhi-draft", "schema') },
    { name: '新.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...county(1), schema_version: 99 })) },
  ]);
  const outcomes = page.getByTestId('collect-outcomes');
  await eventually(async () => assert.match(await outcomes.textContent(), /另一县人民政府\.json：这份草稿所用的指标体系（other-county-2025/));
  assert.match(await outcomes.textContent(), /坏\.json：.*不完整或已损坏/);
  assert.match(await outcomes.textContent(), /新\.json：.*更新版本/);
  assert.match(await page.locator('.collect-waiting').textContent(), /等待指标体系（1份）/);
  await page.locator('#collect-files').setInputFiles([{ name: '指标体系.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) }]);
  await eventually(async () => assert.match(await outcomes.textContent(), /已加入：另一县人民政府/));
  assert.equal(await page.locator('.collect-waiting').count(), 0);
  assert.equal(await page.locator('[data-testid="comparison-table"] tbody tr').count(), 1);
  // Opened first on 汇总, the browser holds no draft: none was made for the page behind it.
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/draft/')).length), 0);
  assert.equal(await page.locator('#back-to-draft').count(), 0, 'no example draft to go back to');
  // A second collection made and deleted: the first opens again, its county in it.
  await page.locator('#collection-new').click();
  await eventually(async () => assert.match(await page.locator('.comparison').textContent(), /还没有加入任何单位的草稿/));
  await page.locator('#collection-delete').click();
  await eventually(async () => assert.equal(await page.locator('[data-testid="comparison-table"] tbody tr').count(), 1));
  assert.equal(await page.inputValue('#collection-name'), '汇总');
});
