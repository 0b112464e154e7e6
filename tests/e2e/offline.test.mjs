// Runs anywhere, offline: under a sub-path, with no request to any other origin and no CSP
// violation; offline after one visit; a new version offered, never forced; the one-file build
// from file://.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { serveBundle, openBrowser, openAppAt, openView, waitUntilSaved, downloadOf, unzipEntry } from './harness.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Records requests to other origins and CSP violations of a page. */
function watch(page, origin) {
  const outside = [];
  const violations = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['blob:', 'data:', 'file:'].includes(url.protocol) && url.origin !== origin) outside.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  return { outside, violations };
}

async function withBrowser(body) {
  const browser = await openBrowser();
  try {
    await body(browser);
    assert.deepEqual(browser.errors.map(String), [], 'the page threw');
  } finally {
    await browser.close();
  }
}

async function typeAndSave(page, text) {
  await openView(page, '#/item/A1.1', 'title-A1.1');
  await page.getByLabel('工作情况及成效').fill(text);
  await waitUntilSaved(page);
}

async function controlledByServiceWorker(page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('under a sub-path the app works, asks nothing of any other origin and breaks no CSP rule', async () => {
  const server = await serveBundle({ prefix: '/jiaoyuju/dudaoshi/lvzhi/' });
  try {
    await withBrowser(async ({ page }) => {
      const seen = watch(page, server.origin);
      await openAppAt(page, server.url);
      await typeAndSave(page, '内网子路径下填写。');
      const { bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出 Word' }).click());
      assert.match(unzipEntry(bytes, 'word/document.xml').toString('utf8'), /内网子路径下填写。/);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      // No inline script: the policy is one fixed text, the same the server configurations send.
      const policy = (await readFile(path.join(root, 'deploy/content-security-policy.txt'), 'utf8')).trim();
      assert.equal(csp, policy);
      assert.doesNotMatch(csp, /unsafe-inline|sha256-/);
      // The served app offers itself as the one file, from under the same sub-path.
      await page.evaluate(() => { location.hash = '#/drafts'; });
      const offline = page.getByRole('link', { name: '下载离线版（单个 HTML 文件）' });
      const { name, bytes: single } = await downloadOf(page, () => offline.click());
      assert.equal(name, '履职自评（离线版）.html');
      assert.match(single.toString('utf8'), /initSync\(\{ module: bytes \}\)/);
      assert.deepEqual(seen.outside, []);
      assert.deepEqual(seen.violations, []);
      assert.ok(server.requests.every((request) => request.startsWith('/jiaoyuju/dudaoshi/lvzhi/')), server.requests.join(' '));
    });
  } finally {
    await server.close();
  }
});

test('after one visit the app opens offline, with its draft', async () => {
  const server = await serveBundle();
  await withBrowser(async ({ page }) => {
    const seen = watch(page, server.origin);
    await openAppAt(page, server.url);
    await controlledByServiceWorker(page);
    await typeAndSave(page, '断网之前写的。');
    await server.close();
    await page.reload();
    await page.locator('#narrative-A1\\.1').waitFor();
    assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '断网之前写的。');
    assert.deepEqual(seen.outside, []);
  });
});

test('where service workers are not allowed (a policy, a private window) the app works, only not offline', async () => {
  const server = await serveBundle();
  try {
    const browser = await openBrowser({ serviceWorkers: 'block' });
    try {
      await openAppAt(browser.page, server.url);
      await typeAndSave(browser.page, '不能离线也能填写。');
      await browser.page.reload();
      await browser.page.locator('nav.sidebar').waitFor();
      await openView(browser.page, '#/item/A1.1', 'title-A1.1');
      assert.equal(await browser.page.getByLabel('工作情况及成效').inputValue(), '不能离线也能填写。');
      assert.equal(await browser.page.getByTestId('crash-notice').count(), 0);
      assert.deepEqual(browser.errors.map(String), [], 'the page threw');
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
});

test('a new version is offered and applied only on 更新; the draft is untouched', async () => {
  let next = false;
  const server = await serveBundle({
    override: (name, bytes) => (name === 'sw.js' && next ? Buffer.from(bytes.toString().replace(/const VERSION = '[^']*'/, "const VERSION = 'next'")) : bytes),
  });
  try {
    await withBrowser(async ({ page }) => {
      await openAppAt(page, server.url);
      await controlledByServiceWorker(page);
      await typeAndSave(page, '更新前的草稿。');
      next = true;
      await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
      const prompt = page.getByTestId('update-ready');
      await prompt.waitFor();
      // Nothing reloads by itself: typing goes on.
      await page.getByLabel('工作情况及成效').fill('更新前的草稿，继续输入。');
      assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '更新前的草稿，继续输入。');
      const reloaded = page.waitForEvent('load');
      await prompt.getByRole('button', { name: '更新' }).click();
      await reloaded;
      await page.locator('nav.sidebar').waitFor();
      await openView(page, '#/item/A1.1', 'title-A1.1');
      assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '更新前的草稿，继续输入。');
      assert.equal(await page.getByTestId('update-ready').count(), 0);
    });
  } finally {
    await server.close();
  }
});

test('the one-file build runs from file://: fills, autosaves, reloads, exports a .docx', async () => {
  const file = `file://${path.join(process.env.LVZHI_DIST, 'lvzhi-offline.html')}`;
  await withBrowser(async ({ page }) => {
    const seen = watch(page, 'file://');
    await page.goto(`${file}#/`);
    await page.locator('nav.sidebar').waitFor();
    await typeAndSave(page, '单文件版本中填写。');
    await page.reload();
    await page.locator('#narrative-A1\\.1').waitFor();
    assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '单文件版本中填写。');
    const { bytes } = await downloadOf(page, () => page.locator('.toolbar').getByRole('button', { name: '导出 Word' }).click());
    assert.match(unzipEntry(bytes, 'word/document.xml').toString('utf8'), /单文件版本中填写。/);
    // Opened from disk there is no file beside it to offer.
    await page.evaluate(() => { location.hash = '#/drafts'; });
    await page.locator('h1#drafts-title').waitFor();
    assert.equal(await page.getByRole('link', { name: /下载离线版/ }).count(), 0);
    assert.deepEqual(seen.outside, []);
    assert.deepEqual(seen.violations, []);
  });
});
