// The form end to end: the release bundle on loopback, a real headless Chromium, real localStorage.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  appUnderTest, waitUntilSaved, builtinFramework, sampleValue, openAppAt, openView, openItem, downloadOf,
  eventually,
} from './harness.mjs';

const app = appUnderTest();
let framework;
before(async () => { framework = await builtinFramework(); });

const openApp = (page, hash = '#/') => openAppAt(page, app.server.url, hash);

function itemsOf(fw) { return fw.areas.flatMap((area) => area.items); }

test('the form lists the nine areas and every item of the framework', async () => {
  const { page } = app.browser;
  await openApp(page);
  const areaHeadings = await page.locator('.nav-area-heading > span:first-child').allTextContents();
  assert.equal(areaHeadings.length, 9);
  assert.deepEqual(areaHeadings.map((text) => text.replace(/^（.）/, '')), framework.areas.map((area) => area.title));
  const itemTitles = await page.locator('.nav-item-title').allTextContents();
  assert.deepEqual(itemTitles, itemsOf(framework).map((item) => item.title));
  assert.equal(await page.getByTestId('progress-A1').textContent(), '0/3');
});

test('text and figures typed into an item are there after a reload', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A2.1');
  const narrative = page.getByLabel('工作情况及成效');
  await narrative.fill('{经费年度}年全市一般公共预算教育经费{教育经费}亿元，比上年增长{教育经费增幅}%。');
  await page.getByLabel('一般公共预算教育经费', { exact: true }).fill('3.73');
  await page.getByLabel('经费统计年度').fill('2022');
  await page.getByLabel('一般公共预算教育经费比上年增长').fill('6.5');
  await page.getByLabel('达标', { exact: true }).check();
  const preview = page.locator('.report-paragraph');
  // The preview and the marks follow after a pause in typing.
  await eventually(async () => assert.equal(await preview.textContent(), '落实“两个只增不减”。2022年全市一般公共预算教育经费3.73亿元，比上年增长6.5%。'));
  // Written, but four required figures are still empty: 待完善, not done.
  const mark = page.locator('.nav-item:has(a[href="#/item/A2.1"])');
  await eventually(async () => assert.equal(await mark.getAttribute('data-status'), 'needswork'));
  assert.equal(await page.getByTestId('progress-A2').textContent(), '0/3');
  for (const label of ['幼儿园教育支出增长', '小学教育支出增长', '初中教育支出增长', '普通高中教育支出增长']) {
    await page.getByLabel(label).fill('2.1');
  }
  await eventually(async () => assert.equal(await mark.getAttribute('data-status'), 'filled'));
  await eventually(async () => assert.equal(await page.getByTestId('progress-A2').textContent(), '1/3'));
  await waitUntilSaved(page);

  await page.reload();
  await page.locator('#narrative-A2\\.1').waitFor();
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(),
    '{经费年度}年全市一般公共预算教育经费{教育经费}亿元，比上年增长{教育经费增幅}%。');
  assert.equal(await page.getByLabel('一般公共预算教育经费', { exact: true }).inputValue(), '3.73');
  assert.equal(await page.getByLabel('经费统计年度').inputValue(), '2022');
  assert.equal(await page.getByLabel('一般公共预算教育经费比上年增长').inputValue(), '6.5');
  assert.ok(await page.getByLabel('达标', { exact: true }).isChecked());
  assert.equal(await page.getByTestId('progress-A2').textContent(), '1/3');
});

test('an edit is kept even when the page is reloaded at once, inside the save delay', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A1.3');
  await page.getByLabel('工作情况及成效').fill('印发议事决策工作指南。');
  await page.reload();
  await page.locator('#narrative-A1\\.3').waitFor();
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '印发议事决策工作指南。');
});

test('Ctrl+S saves at once instead of saving the page, and says so', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A1.3');
  // One task of the page's, so that the save delay cannot be what writes: type, let the app see
  // the edit (a 0 ms timer runs before the 400 ms save), then press Ctrl+S.
  const seen = await page.evaluate(async () => {
    const stored = () => localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`);
    const narrative = document.querySelector('#narrative-A1\\.3');
    narrative.value = '制定校长负责制实施细则。';
    narrative.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const before = stored().includes('制定校长负责制实施细则');
    const notTaken = narrative.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }));
    return { before, after: stored().includes('制定校长负责制实施细则'), taken: !notTaken };
  });
  assert.deepEqual(seen, { before: false, after: true, taken: true });
  // 已保存 once the durable copy is on disk (a few ms after the write; 正在保存… until then).
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor({ timeout: 2_000 });
});

test('the whole form, filled in, is there character for character after a reload', async () => {
  const { page } = app.browser;
  await openApp(page);
  const expectedNarratives = {};
  const expectedFigures = {};
  let figureIndex = 0;
  const special = '\n第二段：“引号”《书名》（括号）—— 3.73亿元、1+X、100M、😀\t末尾';

  await openView(page, '#/meta', 'meta-title');
  const meta = { '地区名称': '资阳市', '报告单位（落款）': '资阳市人民政府', '成文日期': '2023年3月20日' };
  for (const [label, value] of Object.entries(meta)) await page.getByLabel(label).fill(value);

  for (const item of itemsOf(framework)) {
    await openItem(page, item.code);
    if (item.starter) {
      await page.getByRole('button', { name: '插入范文' }).click();
      await page.getByLabel('工作情况及成效').press('End');
      await page.getByLabel('工作情况及成效').pressSequentially('。');
      expectedNarratives[item.code] = `${item.starter}。`;
    } else {
      await page.getByLabel('无此项工作任务').check();
      await page.getByLabel('原因说明（如“辖区内无高校”）').fill(`${item.code}无任务`);
      expectedNarratives[item.code] = null;
    }
    for (const figure of item.figures) {
      const value = sampleValue(figure, figureIndex++);
      await page.locator(`#figure-${figure.id}`).fill(value);
      expectedFigures[figure.id] = value;
    }
  }
  await openItem(page, 'A1.1');
  const first = page.getByLabel('工作情况及成效');
  await first.fill(framework.areas[0].items[0].starter + special);
  expectedNarratives['A1.1'] = framework.areas[0].items[0].starter + special;

  await openView(page, '#/problems', 'problems-title');
  for (let index = 0; index < framework.problems.starters.length; index++) {
    await page.locator('#problem-starter').selectOption(String(index));
    await page.getByRole('button', { name: '添加范文' }).click();
  }
  await openView(page, '#/measures', 'measures-title');
  for (let index = 0; index < framework.measures.starters.length; index++) {
    await page.locator('#measure-starter').selectOption(String(index));
    await page.getByRole('button', { name: '添加范文' }).click();
  }
  // A new entry takes the focus a moment after it is added: let it, before typing elsewhere.
  await page.waitForFunction(() => /^measure-.*-title$/.test(document.activeElement?.id ?? ''));
  for (const figure of framework.measures.figures) {
    const value = sampleValue(figure, figureIndex++);
    await page.locator(`#figure-${figure.id}`).fill(value);
    expectedFigures[figure.id] = value;
  }
  await waitUntilSaved(page);

  await page.reload();
  await page.locator('nav.sidebar').waitFor();
  for (const area of framework.areas) {
    assert.equal(await page.getByTestId(`progress-${area.code}`).textContent(), `${area.items.length}/${area.items.length}`);
  }
  for (const item of itemsOf(framework)) {
    await openItem(page, item.code);
    if (expectedNarratives[item.code] === null) {
      assert.ok(await page.getByLabel('无此项工作任务').isChecked(), item.code);
      assert.equal(await page.getByLabel('原因说明（如“辖区内无高校”）').inputValue(), `${item.code}无任务`);
    } else {
      assert.equal(await page.getByLabel('工作情况及成效').inputValue(), expectedNarratives[item.code], item.code);
    }
    for (const figure of item.figures) {
      assert.equal(await page.locator(`#figure-${figure.id}`).inputValue(), expectedFigures[figure.id], figure.id);
    }
    assert.equal(await page.locator('.report-paragraph mark.missing').count(), 0, `${item.code} preview has no blanks`);
  }
  await openView(page, '#/meta', 'meta-title');
  for (const [label, value] of Object.entries(meta)) assert.equal(await page.getByLabel(label).inputValue(), value);
  await openView(page, '#/problems', 'problems-title');
  const problemTitles = await page.locator('.entry input[id$="-title"]').evaluateAll((inputs) => inputs.map((input) => input.value));
  assert.deepEqual(problemTitles, framework.problems.starters.map((starter) => starter.title));
  await openView(page, '#/measures', 'measures-title');
  const measureTexts = await page.locator('.entry textarea').evaluateAll((areas) => areas.map((area) => area.value));
  assert.deepEqual(measureTexts, framework.measures.starters.map((starter) => starter.text));
  // 范文 measures (二)–(四) answer 范文 problems (一)–(三).
  const checked = await page.locator('.entry').nth(1).locator('.answers input:checked').count();
  assert.equal(checked, 1);
  for (const figure of framework.measures.figures) {
    assert.equal(await page.locator(`#figure-${figure.id}`).inputValue(), expectedFigures[figure.id]);
  }
});

test('a figure typed wrongly gets a message in Chinese and is kept as typed', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A1.2');
  const input = page.getByLabel('校级党组织');
  await input.fill('12个左右');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#figure-school_party_organisations-message').textContent(), /请填写数字/);
  await page.getByLabel('联合党支部').fill('2.5');
  assert.match(await page.locator('#figure-joint_party_branches-message').textContent(), /请填写整数/);
  await waitUntilSaved(page);
  await page.reload();
  await page.getByLabel('校级党组织').waitFor();
  assert.equal(await page.getByLabel('校级党组织').inputValue(), '12个左右');
  await page.getByLabel('校级党组织').fill('12');
  assert.equal(await page.getByLabel('校级党组织').getAttribute('aria-invalid'), null);
});

test('无此项工作任务 keeps the narrative, and unticking brings it back', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A7.1');
  await page.getByLabel('工作情况及成效').fill('驻资高校开设思政课程。');
  await page.getByLabel('无此项工作任务').check();
  await openView(page, '#/meta', 'meta-title');
  await page.getByLabel('地区名称').fill('某市');
  await openItem(page, 'A7.1');
  assert.equal(await page.locator('.report-paragraph').textContent(), '加强高校思政课建设。某市无此项工作任务。');
  await page.getByLabel('无此项工作任务').uncheck();
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '驻资高校开设思政课程。');
});

test('a corrupt stored draft is reported, kept aside unchanged, and a new draft opens', async () => {
  const { page } = app.browser;
  await openApp(page);
  await page.evaluate(() => {
    // Storage holding nothing but the broken draft: the durable journal goes too (its deletion
    // waits for this page to close, and the next page's journal waits for it).
    indexedDB.deleteDatabase('lvzhi-journal');
    localStorage.clear();
    localStorage.setItem('lvzhi/draft/broken', '{"format":"lvzhi-draft","schema_version":1,"id":');
    localStorage.setItem('lvzhi/last-draft', 'broken');
  });
  await page.reload();
  const notice = page.getByTestId('notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /无法读取.*已移到“无法读取的草稿”.*未删除.*已为您新建一份草稿/);
  await waitUntilSaved(page);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lvzhi/corrupt/broken/'))
    .map((key) => localStorage.getItem(key)));
  assert.deepEqual(kept, ['{"format":"lvzhi-draft","schema_version":1,"id":']);
  const current = await page.evaluate(() => localStorage.getItem('lvzhi/last-draft'));
  assert.notEqual(current, 'broken');
});

test('navigation is keyboard-usable: links in order, labels tied to inputs, Back returns', async () => {
  const { page } = app.browser;
  await openApp(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '跳到正文');
  await page.getByRole('link', { name: /加强学校党建工作/ }).press('Enter');
  await page.locator('#narrative-A1\\.2').waitFor();
  assert.equal(await page.getByRole('link', { name: /加强学校党建工作/ }).getAttribute('aria-current'), 'page');
  await page.getByRole('link', { name: /严格执行/ }).first().click();
  await page.locator('#narrative-A1\\.3').waitFor();
  await page.goBack();
  await page.locator('#narrative-A1\\.2').waitFor();
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('main input, main textarea, main select')]
    .filter((element) => !element.labels || element.labels.length === 0).map((element) => element.id));
  assert.deepEqual(unlabelled, []);
});

test('typing in one field re-renders nothing else: other inputs and the navigation keep their elements', async () => {
  const { page } = app.browser;
  await openApp(page, '#/item/A2.1');
  // Tag elements; a re-render would replace them and lose the tag.
  await page.evaluate(() => {
    document.querySelector('#figure-education_budget_total').dataset.tag = 'kept';
    document.querySelectorAll('.nav-item').forEach((item) => { item.dataset.tag = 'kept'; });
    document.querySelector('.report-paragraph').dataset.tag = 'kept';
  });
  await page.getByLabel('工作情况及成效').pressSequentially('逐字输入，检查细粒度更新。');
  await page.getByLabel('一般公共预算教育经费', { exact: true }).fill('3.73');
  const kept = await page.evaluate(() => ({
    figure: document.querySelector('#figure-education_budget_total').dataset.tag,
    nav: [...document.querySelectorAll('.nav-item')].every((item) => item.dataset.tag === 'kept'),
    preview: document.querySelector('.report-paragraph').dataset.tag,
  }));
  assert.deepEqual(kept, { figure: 'kept', nav: true, preview: 'kept' });
  // The preview follows a moment after typing pauses, in the same element.
  await eventually(async () => assert.match(await page.locator('.report-paragraph').textContent(), /逐字输入，检查细粒度更新。/));
  assert.equal(await page.evaluate(() => document.querySelector('.report-paragraph').dataset.tag), 'kept');
});

test('on an 800 px screen the navigation folds behind 目录 and the findings are reachable at the top', async () => {
  const { page } = app.browser;
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 800, height: 900 });
  try {
    await openApp(page, '#/item/A1.2');
    await page.getByLabel('工作情况及成效').fill('建立校级党组织x个。');
    // Folded: the navigation is one line, and the editor starts high on the screen.
    const toggle = page.locator('.nav-toggle');
    assert.match(await toggle.textContent(), /目录：全面加强党的建设|目录：/);
    assert.equal(await page.locator('.nav-item').first().isVisible(), false);
    const nav = await page.locator('nav.sidebar').boundingBox();
    assert.ok(nav.height <= 80, `the folded navigation is ${nav.height}px high`);
    // The findings' counts are on the first screen, and the list opens in place.
    const counts = await page.getByTestId('findings-counts').boundingBox();
    assert.ok(counts.y + counts.height <= 900, `the counts are at ${counts.y}px`);
    assert.equal(await page.locator('.findings-panel .finding').first().isVisible(), false);
    await page.getByRole('button', { name: '展开问题列表' }).click();
    const finding = page.locator('.findings-panel .finding[data-rule="text-blank"]');
    const box = await finding.boundingBox();
    assert.ok(box.y + box.height <= 900, `the first finding is at ${box.y}px`);
    // 目录 opens the list; choosing an item folds it again and shows the item's heading.
    await toggle.click();
    await page.locator('.nav-item-title', { hasText: '落实“两个只增不减”' }).click();
    const heading = page.locator('h1#title-A2\\.1');
    await heading.waitFor();
    assert.equal(await page.locator('.nav-item').first().isVisible(), false);
    const top = await heading.boundingBox();
    assert.ok(top.y + top.height <= 900, `the item's heading is at ${top.y}px, below the screen`);
  } finally {
    if (wide) await page.setViewportSize(wide);
  }
});

test('全部数据 lists every figure on one page; a value typed there is the one on the item page', async () => {
  const { page } = app.browser;
  await openApp(page);
  await page.locator('nav').getByRole('link', { name: '全部数据' }).click();
  await page.locator('h1#figures-title').waitFor();
  const allFigures = itemsOf(framework).flatMap((item) => item.figures ?? [])
    .concat(framework.problems.figures ?? [], framework.measures.figures ?? []);
  const ids = await page.locator('main input[data-figure]').evaluateAll((inputs) => inputs.map((input) => input.dataset.figure));
  assert.deepEqual(ids, allFigures.map((figure) => figure.id));
  assert.equal(await page.getByTestId('figures-filled').textContent(), `已填写 0/${allFigures.length} 项数据`);

  await page.locator('#figure-education_budget_total').fill('3.73');
  await page.locator('#figure-inclusive_kindergarten_rate').fill('百分之八十');
  // A value not of its kind is not counted as filled.
  assert.equal(await page.getByTestId('figures-filled').textContent(), `已填写 1/${allFigures.length} 项数据`);
  assert.match(await page.locator('#figure-inclusive_kindergarten_rate-message').textContent(), /请填写数字/);
  await waitUntilSaved(page);
  await openItem(page, 'A2.1');
  assert.equal(await page.getByLabel('一般公共预算教育经费', { exact: true }).inputValue(), '3.73');
});

test('数据填报表: exported as CSV, filled by a colleague, imported after a preview of what changes', async () => {
  const { page } = app.browser;
  await openApp(page, '#/figures');
  await page.locator('h1#figures-title').waitFor();
  await page.locator('#figure-education_budget_total').fill('3.5');
  const { name, bytes } = await downloadOf(page, () => page.getByRole('button', { name: '导出数据填报表（CSV）' }).click());
  assert.equal(name, '未命名地区2023年自评数据填报表.csv');
  const sheet = bytes.toString('utf8');
  assert.ok(sheet.startsWith('\ufeff数据编码,所属指标,数据项,单位,数值\r\n'));
  assert.ok(sheet.includes('\r\neducation_budget_total,A2.1 落实“两个只增不减”,一般公共预算教育经费,亿元,3.5\r\n'));

  // A colleague fills two values in Excel (one replaces ours) and sends it back.
  const filled = sheet
    .replace(',一般公共预算教育经费,亿元,3.5\r\n', ',一般公共预算教育经费,亿元,3.73\r\n')
    .replace(',校级党组织,个,\r\n', ',校级党组织,个,12\r\n');
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'lvzhi-sheet-')), name);
  await writeFile(file, filled);
  await page.locator('#figures-sheet-file').setInputFiles(file);
  const dialog = page.getByTestId('sheet-dialog');
  await dialog.waitFor();
  assert.equal(await page.getByTestId('sheet-summary').textContent(), '将更新2项数据，其中1项会替换已填写的值。');
  assert.equal(await page.locator('#figure-education_budget_total').inputValue(), '3.5', 'nothing changes before 更新');
  await dialog.getByRole('button', { name: '更新' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#figure-education_budget_total').inputValue(), '3.73');
  assert.equal(await page.locator('#figure-school_party_organisations').inputValue(), '12');
  assert.equal(await page.getByTestId('notice').locator('p').textContent(), '已按填报表更新2项数据。');

  // Excel's plain CSV on a Chinese system is GBK: refused with advice, nothing changed.
  await writeFile(file, Buffer.from([0xca, 0xfd, 0xbe, 0xdd, 0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0x31]));
  await page.locator('#figures-sheet-file').setInputFiles(file);
  await page.getByTestId('notice').filter({ hasText: 'CSV UTF-8' }).waitFor();
  assert.equal(await page.locator('#figure-education_budget_total').inputValue(), '3.73');
});

test('file pickers are reached with Tab and show the focus on their own button', async () => {
  const { page } = app.browser;
  await openApp(page);
  await page.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'import-file');
  const outline = (selector) => page.locator(selector).evaluate((element) => getComputedStyle(element).outlineStyle);
  assert.equal(await outline('label[for="import-file"]'), 'solid');
  assert.equal(await outline('label[for="merge-file"]'), 'none');
  // Past 草稿管理 and 汇总.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'merge-file');
  assert.equal(await outline('label[for="merge-file"]'), 'solid');
  assert.equal(await outline('label[for="import-file"]'), 'none');
});

test('使用步骤 on the overview leads to each place in order', async () => {
  const { page } = app.browser;
  await openApp(page);
  await page.locator('.how-to summary').click();
  const links = await page.locator('.how-to a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
  assert.deepEqual(links, ['#/start', '#/meta', '#/figures', '#/problems', '#/measures', '#/drafts']);
  await page.locator('.how-to a', { hasText: '全部数据' }).click();
  await page.locator('h1#figures-title').waitFor();
});
