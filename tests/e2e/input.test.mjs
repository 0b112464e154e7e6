// Typing as people type: a Chinese input method's composition, figures with their unit, words of
// another level, and the keyboard (skip link, focus on every page change).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, waitUntilSaved, openAppAt, openView, openItem, eventually } from './harness.mjs';

const app = appUnderTest();
const openApp = (page, hash = '#/') => openAppAt(page, app.server.url, hash);
const storedDraft = (page) => page.evaluate(() =>
  JSON.parse(localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`)));

test('pinyin being composed is never saved; the committed characters are', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A1.3');
  const narrative = page.locator('#narrative-A1\\.3');
  await narrative.fill('印发指南。');
  await waitUntilSaved(page);
  await narrative.focus();
  await page.keyboard.press('End');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
  assert.equal(await narrative.inputValue(), '印发指南。zhong', 'the browser shows the composition');
  // Well past the save delay, and through a page-hide flush: the pinyin is not in storage.
  await page.waitForTimeout(900);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  assert.doesNotMatch(JSON.stringify(await storedDraft(page)), /zhong/);
  await cdp.send('Input.imeSetComposition', { text: 'zhongguo', selectionStart: 8, selectionEnd: 8 });
  await cdp.send('Input.insertText', { text: '中国' });
  assert.equal(await narrative.inputValue(), '印发指南。中国');
  await waitUntilSaved(page);
  assert.equal((await storedDraft(page)).items['A1.3'].narrative, '印发指南。中国');
});

test('a figure typed with its own unit is accepted and reported once', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A2.1');
  await page.getByLabel('工作情况及成效').fill('全市一般公共预算教育经费{教育经费}亿元，比上年增长{教育经费增幅}%。');
  await page.getByLabel('一般公共预算教育经费', { exact: true }).fill('12.5亿');
  await page.getByLabel('一般公共预算教育经费比上年增长').fill('3.2%');
  assert.equal(await page.locator('.figure.invalid').count(), 0);
  await eventually(async () => assert.equal(await page.locator('.report-paragraph').textContent(),
    '落实“两个只增不减”。全市一般公共预算教育经费12.5亿元，比上年增长3.2%。'));
  await page.getByLabel('一般公共预算教育经费', { exact: true }).fill('12.5万元');
  await page.locator('.figure.invalid').first().waitFor();
  assert.match(await page.locator('.figure.invalid .problem').first().textContent(), /请填写数字/);
});

test('a county draft is told of 全市 and 市委 left from the city template, and fixes them to 县', async () => {
  const { page } = app.browser;
  await openApp(page, '#/meta');
  await page.locator('#meta-level').selectOption('county');
  await page.locator('#meta-region').fill('仁寿县');
  await openItem(page, 'A1.1');
  await page.getByLabel('工作情况及成效').fill('市委、市政府主要领导深入学校调研，全市教育工作稳步推进。');
  const findings = page.locator('.field-findings [data-rule="text-level-word"]');
  await findings.first().waitFor();
  assert.equal(await findings.count(), 3);
  await page.locator('.fix-kinds [data-fix-all="text-level-word"]').click();
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '县委、县政府主要领导深入学校调研，全县教育工作稳步推进。');
});

test('跳到正文 moves into the page without leaving it, and a page change puts the focus on its heading', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A2.1');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '跳到正文');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#/item/A2.1');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.ok(await page.locator('h1#title-A2\\.1').isVisible(), 'still on the item');

  // Choose another item in the navigation with the keyboard: focus lands on its heading, at the top.
  await page.evaluate(() => window.scrollTo(0, 400));
  await page.locator('nav.sidebar a[href="#/item/A5.1"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('h1#title-A5\\.1').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'title-A5.1');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  // From the heading, Tab reaches the page's own controls, not the navigation.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)));
});

test('clicking a finding about an empty referenced figure focuses that figure’s input', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A2.1');
  await page.getByLabel('工作情况及成效').fill('全市一般公共预算教育经费{教育经费}亿元。');
  const finding = page.locator('.field-findings [data-rule="text-reference-empty"] .finding-open');
  await finding.first().waitFor();
  await finding.first().click();
  await page.waitForFunction(() => document.activeElement?.id === 'figure-education_budget_total');
});
