// 分发给部门 / 收回合并 (issue 25) end to end: a scored draft split for three departments, one part
// opened, filled and exported in a second browser profile (the department's machine), merged back
// here; the two others listed as missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appUnderTest, openBrowser, openAppAt, openView, eventually, downloadOf, waitUntilSaved } from './harness.mjs';

const app = appUnderTest();

/** A selector by id, for ids with dots (A1.1.1) that CSS would read as classes. */
const byId = (id) => `[id="${id}"]`;

async function tempFile(name, content) {
  const directory = await mkdtemp(path.join(tmpdir(), 'lvzhi-departments-'));
  const file = path.join(directory, name);
  await writeFile(file, content);
  return file;
}

test('split for three departments, one filled in another profile and merged back, two listed as missing', async () => {
  const { page } = app.browser;
  await openAppAt(page, app.server.url);
  await openView(page, '#/drafts', 'drafts-title');
  await page.locator('#new-scored-example').click();
  await page.locator('#meta-region').fill('示例县');
  // Filled before sending: the department sees it; the main draft's other rows stay here.
  await openView(page, '#/item/A1.1', 'title-A1.1');
  await page.fill(byId('score-A1.1.1'), '1.5');
  await waitUntilSaved(page);

  await page.locator('.sidebar').getByRole('link', { name: '分发给部门' }).click();
  await page.locator('h1#departments-title').waitFor();
  const rows = page.getByTestId('department-row');
  assert.ok(await rows.count() > 10, 'every 责任单位 of the example is listed');
  const files = {};
  for (const name of ['县财政局', '县公安局', '县人社局']) {
    const { name: fileName, bytes } = await downloadOf(page, () => page.getByRole('button', { name: `生成文件（${name}）` }).click());
    assert.equal(fileName, `示例县2025年自评报告-${name}.json`);
    files[name] = { fileName, bytes };
    await eventually(async () => assert.match(await rows.filter({ hasText: name }).textContent(), /已分发.*待收回/));
  }
  const finance = JSON.parse(files['县财政局'].bytes.toString('utf8'));
  assert.equal(finance.part_of.department, '县财政局');
  assert.equal(finance.framework_file.id, 'example-county-scored~县财政局');
  assert.ok(finance.framework_file.areas.every((area) => area.items.every((item) => !['A1.1', 'A1.2'].includes(item.code))),
    'no item of which no row names the finance bureau');
  assert.match(await page.getByTestId('departments-summary').textContent(), /待收回3个/);

  // The finance bureau's machine: a fresh profile opens the file and sees only its part.
  const department = await openBrowser();
  try {
    const other = department.page;
    await openAppAt(other, app.server.url);
    await other.locator('#import-file').setInputFiles(await tempFile(files['县财政局'].fileName, files['县财政局'].bytes));
    await other.getByTestId('import-dialog').getByRole('button', { name: '作为新草稿打开' }).click();
    await other.getByTestId('part-banner').waitFor();
    assert.match(await other.getByTestId('part-banner').textContent(), /示例县2025年自评报告.*分发给县财政局的部分/);
    const areas = await other.locator('.nav-areas > li').count();
    assert.equal(areas, finance.framework_file.areas.length);
    assert.ok(areas < 11, `only the areas with the finance bureau's rows (${areas} of 11)`);
    assert.equal(await other.locator('.sidebar').getByRole('link', { name: '分发给部门' }).count(), 0, 'a part is not split again');
    await openView(other, '#/item/A3.1', 'title-A3.1');
    await other.fill(byId('score-A3.1.1'), '3');
    await other.fill(byId('score-why-A3.1.1'), '教育经费足额拨付。');
    await other.fill('#figure-education_budget', '12.5');
    await waitUntilSaved(other);
    const returned = await downloadOf(other, () => other.locator('.toolbar').getByRole('button', { name: '导出草稿文件' }).click());
    assert.equal(department.errors.length, 0, department.errors.join('\n'));

    // Back at the 督导室: 收回合并.
    await page.locator('#return-file').setInputFiles(await tempFile(returned.name, returned.bytes));
    const dialog = page.getByTestId('merge-dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('h2').textContent(), /收回合并：县财政局的部分/);
    assert.match(await dialog.getByTestId('merge-summary').textContent(), /采用县财政局的修改\d+处/);
    assert.equal(await dialog.getByTestId('merge-conflict').count(), 0);
    await dialog.getByRole('button', { name: '合并' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(async () => assert.match(await rows.filter({ hasText: '县财政局' }).textContent(), /已收回/));
    const summary = await page.getByTestId('departments-summary').textContent();
    assert.match(summary, /已收回1个部门的部分；待收回2个：/);
    assert.match(summary, /县公安局/);
    assert.match(summary, /县人社局/);
    await openView(page, '#/item/A3.1', 'title-A3.1');
    assert.equal(await page.inputValue(byId('score-A3.1.1')), '3');
    assert.equal(await page.inputValue(byId('score-why-A3.1.1')), '教育经费足额拨付。');
    await openView(page, '#/item/A1.1', 'title-A1.1');
    assert.equal(await page.inputValue(byId('score-A1.1.1')), '1.5', 'the main draft keeps what no department had');

    // The same file again is no harm; another department's old file after a new sending is refused.
    await openView(page, '#/departments', 'departments-title');
    await downloadOf(page, () => page.getByRole('button', { name: '重新生成（县公安局）' }).click());
    await page.locator('#return-file').setInputFiles(await tempFile(files['县公安局'].fileName, files['县公安局'].bytes));
    await page.getByTestId('notice').filter({ hasText: '较早分发给“县公安局”的文件' }).waitFor();
  } finally {
    await department.close();
  }
});
