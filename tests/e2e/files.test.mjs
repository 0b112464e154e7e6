// Files end to end: Word and draft files downloaded from the real app, a draft file imported back
// (picked and dropped) as a new draft or replacing the current one, every refusal leaving storage
// as it was; plain text and the print view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { appUnderTest, openAppAt, openView, waitUntilSaved, unzipEntry, downloadOf } from './harness.mjs';

const app = appUnderTest();

const NARRATIVE = '{经费年度}年全市一般公共预算教育经费{教育经费}亿元，比上年增长{教育经费增幅}%。';

/** A draft with meta, one item with figures, one problem and one measure. */
async function fillSomething(page) {
  await openAppAt(page, app.server.url, '#/meta');
  await page.getByLabel('地区名称').fill('资阳市');
  await page.getByLabel('报告单位（落款）').fill('资阳市人民政府');
  await page.getByLabel('成文日期').fill('2023年3月20日');
  await openView(page, '#/item/A2.1', 'title-A2.1');
  await page.getByLabel('工作情况及成效').fill(NARRATIVE);
  await page.getByLabel('经费统计年度').fill('2022');
  await page.getByLabel('一般公共预算教育经费', { exact: true }).fill('3.73');
  await page.getByLabel('一般公共预算教育经费比上年增长').fill('6.5');
  await waitUntilSaved(page);
}

const button = (page, name) => page.locator('.toolbar').getByRole('button', { name });

async function storageSnapshot(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((key) => [key, localStorage.getItem(key)])));
}

async function tempFile(name, content) {
  const directory = await mkdtemp(path.join(tmpdir(), 'lvzhi-files-'));
  const file = path.join(directory, name);
  await writeFile(file, content);
  return file;
}

test('Word export asks first when there are errors, and the .docx holds the report', async () => {
  const { page, dialogs } = app.browser;
  await fillSomething(page);
  const { name, bytes } = await downloadOf(page, () => button(page, '导出 Word').click());
  assert.equal(name, '2023年资阳市人民政府履行教育职责自评报告.docx');
  assert.match(dialogs[0], /^报告还有\d+处错误（.*指标未填写\d+处.*）。仍要导出 Word 文件吗？$/);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const document = unzipEntry(bytes, 'word/document.xml').toString('utf8');
  const texts = [...document.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('\n');
  assert.match(texts, /^2023年资阳市人民政府履行教育职责自评报告\n/);
  assert.ok(texts.includes('落实“两个只增不减”。\n2022年全市一般公共预算教育经费3.73亿元，比上年增长6.5%。'));
  assert.ok(texts.indexOf('一、工作开展情况及成效') < texts.indexOf('（二）落实教育优先发展战略'));
  assert.ok(texts.endsWith('资阳市人民政府\n2023年3月20日'));
  const styles = unzipEntry(bytes, 'word/styles.xml').toString('utf8');
  assert.ok(styles.includes('w:eastAsia="仿宋_GB2312"') && styles.includes('w:eastAsia="方正小标宋简体"'));
});

test('a draft file exported and imported back as a new draft has the same content', async () => {
  const { page } = app.browser;
  await fillSomething(page);
  const original = await page.evaluate(() => localStorage.getItem('lvzhi/last-draft'));
  const { name, bytes } = await downloadOf(page, () => button(page, '导出草稿文件').click());
  // Stamped with the export time: a file coming back from a colleague is never taken for this one.
  assert.match(name, /^资阳市2023年自评报告草稿-\d{8}-\d{4}\.json$/);
  const file = JSON.parse(bytes.toString('utf8'));
  assert.equal(file.format, 'lvzhi-draft');
  assert.equal(file.schema_version, 6);
  assert.equal(file.framework.id, 'sichuan-2023-city');
  assert.equal(file.framework_file.id, 'sichuan-2023-city', 'the file carries the framework it was written against');
  assert.equal(file.items['A2.1'].narrative, NARRATIVE);

  // The same file picked again in the window it came from: said to be this very draft.
  await page.locator('#import-file').setInputFiles(await tempFile(name, bytes));
  await page.getByTestId('import-same-draft').waitFor();
  await page.getByTestId('import-dialog').getByRole('button', { name: '取消' }).click();

  // A colleague's browser: a fresh profile with nothing stored.
  const other = (await app.reopen()).page;
  await openAppAt(other, app.server.url);
  await other.locator('#import-file').setInputFiles(await tempFile(name, bytes));
  const dialog = other.getByTestId('import-dialog');
  await dialog.waitFor();
  // A2.1 holds text but lacks four of its figures: written, not yet done.
  assert.match(await dialog.textContent(), /资阳市.*2023.*0\/42/);
  const lastEdit = await dialog.locator('dt:text-is("最后修改") + dd').textContent();
  assert.match(lastEdit, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'a local time, not an ISO stamp');
  await dialog.getByRole('button', { name: '作为新草稿打开' }).click();
  await openView(other, '#/item/A2.1', 'title-A2.1');
  assert.equal(await other.getByLabel('工作情况及成效').inputValue(), NARRATIVE);
  assert.equal(await other.getByLabel('一般公共预算教育经费', { exact: true }).inputValue(), '3.73');
  assert.equal(await other.locator('.report-paragraph').textContent(), '落实“两个只增不减”。2022年全市一般公共预算教育经费3.73亿元，比上年增长6.5%。');
  const imported = await other.evaluate(() => localStorage.getItem('lvzhi/last-draft'));
  assert.notEqual(imported, original, 'a new draft gets its own id');
  // The empty draft this browser had is still there, and listed.
  await other.locator('.toolbar').getByRole('link', { name: '草稿管理' }).click();
  await other.locator('.drafts-table').waitFor();
  assert.equal(await other.locator('.drafts-table tbody tr').count(), 2);
});

test('replacing the current draft backs it up first', async () => {
  const { page } = app.browser;
  await fillSomething(page);
  const { name, bytes } = await downloadOf(page, () => button(page, '导出草稿文件').click());
  const changed = JSON.parse(bytes.toString('utf8'));
  changed.items['A2.1'].narrative = '来自同事的新文字。';
  await page.getByLabel('工作情况及成效').fill('我这边的旧文字。');
  await waitUntilSaved(page);
  const currentId = await page.evaluate(() => localStorage.getItem('lvzhi/last-draft'));
  await page.locator('#import-file').setInputFiles(await tempFile(name, JSON.stringify(changed)));
  await page.getByTestId('import-dialog').getByRole('button', { name: '替换当前草稿（先备份）' }).click();
  assert.match(await page.getByTestId('notice').textContent(), /原来的内容已备份/);
  await openView(page, '#/item/A2.1', 'title-A2.1');
  assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '来自同事的新文字。');
  const storage = await storageSnapshot(page);
  const backups = Object.keys(storage).filter((key) => key.startsWith(`lvzhi/backup/${currentId}/`));
  assert.equal(backups.length, 1);
  assert.equal(JSON.parse(storage[backups[0]]).items['A2.1'].narrative, '我这边的旧文字。');
  // 草稿管理 lists the backup, to bring it back.
  await page.locator('.toolbar').getByRole('link', { name: '草稿管理' }).click();
  assert.equal(await page.locator('ul.backups li').count(), 1);
  // Each said by its time to the second and what it holds.
  assert.match(await page.locator('ul.backups li').textContent(), /\d{2}:\d{2}:\d{2} 资阳市，已写\d+项指标，共\d+字/);
});

test('files that cannot be imported are refused with a reason and storage stays as it was', async () => {
  const { page } = app.browser;
  await fillSomething(page);
  const { bytes } = await downloadOf(page, () => button(page, '导出草稿文件').click());
  const good = bytes.toString('utf8');
  const newer = JSON.parse(good);
  newer.schema_version = 99;
  // A file from before files carried their framework, of a framework this browser lacks.
  const otherFramework = JSON.parse(good);
  otherFramework.framework.id = 'guizhou-2024-county';
  delete otherFramework.framework_file;
  const cases = [
    ['truncated.json', good.slice(0, good.length / 2), /文件内容不完整或已损坏，第\d+行第\d+列/],
    ['empty.json', '', /文件是空的/],
    ['picture.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]), /这不是文本文件/],
    ['other.json', '{"hello": "world"}', /这不是履职自评的草稿文件/],
    ['newer.json', JSON.stringify(newer), /更新版本.*请更新本程序/],
    ['guizhou.json', JSON.stringify(otherFramework), /这份草稿所用的指标体系（版本2023\.1）不在本浏览器中/],
  ];
  const before = await storageSnapshot(page);
  for (const [name, content, expected] of cases) {
    await page.locator('#import-file').setInputFiles(await tempFile(name, content));
    const message = page.getByTestId('notice');
    await message.filter({ hasText: expected }).waitFor({ timeout: 5000 });
    assert.match(await message.textContent(), /当前草稿未改变/);
    assert.equal(await page.getByTestId('import-dialog').count(), 0);
  }
  assert.deepEqual(await storageSnapshot(page), before);
});

test('a draft file dropped on the page opens the same preview, a modal dialog that Escape cancels', async () => {
  const { page } = app.browser;
  await fillSomething(page);
  const { bytes } = await downloadOf(page, () => button(page, '导出草稿文件').click());
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes.toString('utf8'));
  const dialog = page.getByTestId('import-dialog');
  await dialog.waitFor();
  // Modal: focus is inside, and the page behind cannot be reached.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog')?.dataset.testid), 'import-dialog');
  assert.equal(await page.evaluate(() => document.querySelector('dialog').matches(':modal')), true);
  const before = await storageSnapshot(page);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await storageSnapshot(page), before, 'cancelling changes nothing');
});

test('plain text is downloaded and copied; the print view shows the 公文 page', async () => {
  const { page, context } = app.browser;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url.replace(/\/$/, '') });
  await fillSomething(page);
  const { name, bytes } = await downloadOf(page, () => button(page, '导出纯文本').click());
  assert.equal(name, '2023年资阳市人民政府履行教育职责自评报告.txt');
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('2023年资阳市人民政府履行教育职责自评报告\n按照《关于开展2023年对市（州）人民政府履行教育职责情况评价工作的通知》（川教督委〔2023〕2号）要求，资阳市'));
  assert.ok(text.includes('\n落实“两个只增不减”。2022年全市一般公共预算教育经费3.73亿元'));
  await page.getByTestId('notice').filter({ hasText: '已复制到剪贴板' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);

  await page.locator('.toolbar').getByRole('link', { name: '打印预览' }).click();
  const sheet = page.getByTestId('print-page');
  await sheet.waitFor();
  assert.equal(await sheet.locator('.doc-title').textContent(), '2023年资阳市人民政府履行教育职责自评报告');
  const parts = await sheet.locator('.doc-part').allTextContents();
  assert.deepEqual(parts, ['一、工作开展情况及成效', '二、存在的问题', '三、下一步措施']);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.sidebar').isVisible(), false);
  assert.equal(await sheet.isVisible(), true);
});

test('without a clipboard (a page over plain http) 导出纯文本 still downloads, says why nothing was copied, and the app goes on', async () => {
  const { page } = app.browser;
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await fillSomething(page);
  const { bytes } = await downloadOf(page, () => button(page, '导出纯文本').click());
  assert.ok(bytes.toString('utf8').startsWith('2023年资阳市人民政府履行教育职责自评报告'));
  await page.getByTestId('notice').filter({ hasText: '不允许本页写入剪贴板' }).waitFor();
  assert.equal(await page.getByTestId('crash-notice').count(), 0);
  await page.getByLabel('工作情况及成效').fill('导出之后仍可输入。');
  await waitUntilSaved(page);
});

test('Ctrl+P on the form prints the report: it opens the print view and prints that', async () => {
  const { page } = app.browser;
  await fillSomething(page);
  await openView(page, '#/item/A2.1', 'title-A2.1');
  // Printing is stubbed: it records what the page held when the app asked to print.
  await page.evaluate(() => {
    window.printedPages = [];
    window.print = () => window.printedPages.push(document.querySelector('[data-testid="print-page"] .doc-title')?.textContent ?? null);
    window.addEventListener('keydown', (event) => { window.keyTaken = event.defaultPrevented; });
  });
  await page.getByLabel('工作情况及成效').press('Control+p');
  await page.waitForFunction(() => window.printedPages.length > 0);
  assert.deepEqual(await page.evaluate(() => window.printedPages), ['2023年资阳市人民政府履行教育职责自评报告']);
  assert.equal(await page.evaluate(() => window.keyTaken), true, 'the browser does not print the form');
  assert.equal(new URL(page.url()).hash, '#/print');
});

test('printed, the report has the 公文 margins and 28 × 22 grid on every page, and “— n —” page numbers', async () => {
  const { page } = app.browser;
  await fillSomething(page);
  // Long enough for several pages.
  await openView(page, '#/item/A1.1', 'title-A1.1');
  await page.getByLabel('工作情况及成效').fill('建立市委教育工作领导小组，研究部署教育重大事项。'.repeat(120));
  await page.locator('.toolbar').getByRole('link', { name: '打印预览' }).click();
  await page.getByTestId('print-page').waitFor();
  await page.emulateMedia({ media: 'print' });
  const directory = await mkdtemp(path.join(tmpdir(), 'lvzhi-print-'));
  const pdf = path.join(directory, 'report.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true });

  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.match(info, /Page size:.*\(A4\)/);
  const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 3, `${pages} pages`);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s/g, '');
  for (let number = 1; number <= pages; number += 1) assert.ok(text.includes(`—${number}—`), `page number ${number}`);
  // 28 characters a line: the longest lines of all-Chinese text (digits are half as wide).
  const lineLengths = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\n').map((line) => line.trim()).filter((line) => !/[\x00-\x7f]/.test(line)).map((line) => [...line].length);
  assert.equal(Math.max(...lineLengths), 28);
  // 22 lines a page: the full pages between the first (with its title) and the last.
  const linesPerPage = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f')
    .map((pageText) => pageText.split('\n').filter((line) => line.trim() && !line.trim().startsWith('—')).length);
  assert.deepEqual(linesPerPage.slice(1, pages - 1), Array(pages - 2).fill(22));
  // Every page's text starts below the top margin, not at the paper's edge. (pdftotext's boxes
  // include the font's ascent, so a first line under a 37 mm = 105 pt margin reads from ~87 pt.)
  const boxes = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const pageTops = [...boxes.split('<page ').slice(1)].map((pageXml) =>
    Math.min(...[...pageXml.matchAll(/yMin="([\d.]+)"/g)].map((match) => Number(match[1]))));
  assert.equal(pageTops.length, pages);
  for (const top of pageTops) assert.ok(top >= 72, `text starts ${top} pt from the top`);
});
