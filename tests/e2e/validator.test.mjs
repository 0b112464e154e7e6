// The validator in the browser: findings appear as the user types, a click focuses the field with
// the finding selected, fixes repair the text and can be undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openAppAt, openItem, openView } from './harness.mjs';

const app = appUnderTest();

const panel = (page) => page.locator('aside.findings-panel');

test('a leftover x所 shows a finding; clicking it focuses the field with the blank selected', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/item/A1.2');
  assert.equal(await panel(page).locator('.finding').count(), 0, 'nothing touched, nothing shown');
  const narrative = page.getByLabel('工作情况及成效');
  await narrative.fill('建立校级党组织12个，x所学校设有专门党建工作机构。');
  const finding = panel(page).locator('.finding[data-rule="text-blank"]');
  await finding.waitFor();
  assert.match(await finding.textContent(), /留有范文空白“x”/);
  assert.match(await page.locator('.field-findings').first().textContent(), /留有范文空白/);
  // The item's mark counts the blank and the figures it asks for but lacks (errors all).
  assert.match(await page.locator('.nav-item .badge').first().getAttribute('aria-label'), /^错误5，警告0$/);

  await openView(page, '#/meta', 'meta-title');
  await finding.locator('.finding-open').click();
  await page.locator('#narrative-A1\\.2').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'narrative-A1.2');
  const selected = await page.evaluate(() => {
    const area = document.activeElement;
    return area.value.substring(area.selectionStart, area.selectionEnd);
  });
  assert.equal(selected, 'x');
  // Typing over the selection repairs it, and the finding goes.
  await page.keyboard.type('5');
  assert.equal(await narrative.inputValue(), '建立校级党组织12个，5所学校设有专门党建工作机构。');
  await finding.waitFor({ state: 'detached' });
});

test('a half-width mark is fixed in one click, and the fix can be undone', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/item/A1.3');
  const narrative = page.getByLabel('工作情况及成效');
  await narrative.fill('印发指南,实行书记校长“一肩挑”(试行)。');
  const halfWidth = page.locator('.field-findings .finding[data-rule="text-half-width"]');
  await halfWidth.first().waitFor();
  assert.equal(await halfWidth.count(), 3);
  await halfWidth.first().getByRole('button', { name: '修复' }).click();
  assert.equal(await narrative.inputValue(), '印发指南，实行书记校长“一肩挑”(试行)。');
  await panel(page).locator('button[data-fix-all="text-half-width"]').click();
  assert.equal(await narrative.inputValue(), '印发指南，实行书记校长“一肩挑”（试行）。');
  assert.match(await panel(page).locator('.fix-status').textContent(), /已修复2处/);
  await panel(page).getByRole('button', { name: '撤销' }).click();
  assert.equal(await narrative.inputValue(), '印发指南，实行书记校长“一肩挑”(试行)。');
});

test('检查全文 shows every finding of the untouched form, grouped by area with counts', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await panel(page).getByRole('button', { name: '检查全文' }).click();
  const counts = await page.getByTestId('findings-counts').textContent();
  const errors = Number(counts.match(/错误 (\d+)/)[1]);
  // 42 empty items, region, unit and date, no problems, no measures.
  assert.equal(errors, 42 + 3 + 2);
  const groups = await panel(page).locator('.finding-group h3').allTextContents();
  assert.equal(groups.length, 1 + 9 + 2);
  assert.match(groups[1], /^（一）全面加强党对教育工作的领导错误3/);
  // Enter on a finding opens its item.
  await panel(page).locator('.finding[data-rule="item-empty"] .finding-open').nth(4).press('Enter');
  await page.locator('#narrative-A2\\.2').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'narrative-A2.2');
});

test('a policy threshold below target is a warning that cites its basis', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url, '#/item/A4.1');
  await page.getByLabel('普惠性幼儿园覆盖率').fill('78.5');
  const warning = page.locator('.field-findings .finding[data-rule="figure-threshold"]');
  await warning.waitFor();
  assert.match(await warning.textContent(), /78\.5%.*低于要求的80%.*普及普惠督导评估办法/);
});

test('the counts and the lists agree: an untouched 文号 finding is neither counted nor offered for fixing until 检查全文', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await page.evaluate(() => {
    const id = localStorage.getItem('lvzhi/last-draft');
    const draft = JSON.parse(localStorage.getItem(`lvzhi/draft/${id}`));
    draft.items['A1.1'] = { narrative: '按照川教督委[2023]2号文件要求建立领导小组。' };
    localStorage.setItem(`lvzhi/draft/${id}`, JSON.stringify(draft));
  });
  await page.reload();
  await page.locator('nav.sidebar').waitFor();
  const counts = page.getByTestId('findings-counts');
  assert.match(await counts.textContent(), /错误 0/);
  assert.equal(await page.locator('.fix-kinds').count(), 0, 'no fix offered for what is not shown');
  await page.getByRole('button', { name: '检查全文' }).click();
  await page.locator('.fix-kinds [data-fix-all="text-doc-number"]').waitFor();
  assert.doesNotMatch(await counts.textContent(), /错误 0/);
  const listed = await page.locator('.findings-panel .finding.severity-error').count();
  assert.match(await counts.textContent(), new RegExp(`错误 ${listed}`));
});
