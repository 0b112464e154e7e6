// Deployed as an office would: the release bundle behind a real nginx configured with
// deploy/nginx.conf under a sub-path — compressed with brotli, typed right, cached right, working
// and then working offline; the IIS web.config the build writes is well-formed with its entries;
// and where the app cannot start (no WebAssembly, a file that does not download) the page says
// why, in Chinese, instead of staying blank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile, readdir } from 'node:fs/promises';
import { openBrowser, openAppAt, openView, waitUntilSaved } from './harness.mjs';
import { startNginx } from './nginx.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dist = process.env.LVZHI_DIST;
const SUB_PATH = 'jiaoyuju/lvzhi';
let nginx;

before(async () => { nginx = await startNginx({ app: dist, subPath: SUB_PATH }); });
after(async () => { await nginx?.stop(); });

async function withBrowser(options, body) {
  const browser = await openBrowser(options);
  try {
    await body(browser);
  } finally {
    await browser.close();
  }
}

test('served by nginx under a sub-path: brotli, application/wasm, a year of cache for hashed files, no request elsewhere; works, then offline', async () => {
  await withBrowser({}, async ({ page, errors }) => {
    const origin = nginx.origin;
    const responses = [];
    const outside = [];
    page.on('response', (response) => responses.push(response));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== origin) outside.push(request.url());
    });
    await openAppAt(page, nginx.url);
    const byName = async (pattern) => {
      const found = responses.find((response) => pattern.test(new URL(response.url()).pathname) && response.status() === 200);
      assert.ok(found, `no response for ${pattern}`);
      return { headers: await found.allHeaders(), path: new URL(found.url()).pathname };
    };
    const wasm = await byName(/_bg\.wasm$/);
    assert.ok(wasm.path.startsWith(`/${SUB_PATH}/`));
    assert.equal(wasm.headers['content-type'], 'application/wasm');
    assert.equal(wasm.headers['content-encoding'], 'br');
    assert.match(wasm.headers['cache-control'], /max-age=31536000, immutable/);
    // Trunk writes its hash without leading zeros: 16 hex digits, or fewer now and then.
    for (const pattern of [/\/lvzhi-[0-9a-f]{8,16}\.js$/, /\/main-[0-9a-f]{8,16}\.css$/, /\/start-[0-9a-f]{16}\.js$/]) {
      const file = await byName(pattern);
      assert.equal(file.headers['content-encoding'], 'br', `${pattern} compressed`);
      assert.match(file.headers['cache-control'], /immutable/);
    }
    const page_ = await byName(new RegExp(`^/${SUB_PATH}/$`));
    assert.equal(page_.headers['cache-control'], 'no-cache', 'the page is checked at every visit');
    const policy = (await readFile(path.join(root, 'deploy/content-security-policy.txt'), 'utf8')).trim();
    assert.equal(page_.headers['content-security-policy'], policy, 'the CSP is also a header');

    await openView(page, '#/item/A1.1', 'title-A1.1');
    await page.getByLabel('工作情况及成效').fill('经 nginx 部署后填写。');
    await waitUntilSaved(page);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await nginx.stop();
    nginx = null;
    await page.reload();
    await page.locator('#narrative-A1\\.1').waitFor();
    assert.equal(await page.getByLabel('工作情况及成效').inputValue(), '经 nginx 部署后填写。');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors.map(String), []);
  });
  nginx = await startNginx({ app: dist, subPath: SUB_PATH });
});

test('without WebAssembly (IE kernel, a policy) the page says so and names the browsers that work', async () => {
  await withBrowser({}, async ({ page }) => {
    // As an engine without WebAssembly: V8's --noexpose_wasm is gone from this Chromium (the
    // global stays), so the global is removed before any script of the page runs.
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await page.goto(nginx.url);
    const notice = page.getByTestId('start-failure');
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /履职自评无法启动/);
    assert.match(text, /不支持 WebAssembly/);
    assert.match(text, /Chrome、Edge（\d+ 及以上）/);
    assert.match(text, /极速模式/);
  });
});

test('a module that does not download: the page says what happened, keeps the saved drafts offered, and names the one-file build', async () => {
  await withBrowser({}, async ({ page }) => {
    // A first visit saves a draft; then the proxy starts refusing .wasm files.
    await openAppAt(page, nginx.url);
    await openView(page, '#/item/A1.1', 'title-A1.1');
    await page.getByLabel('工作情况及成效').fill('下载失败之前保存的。');
    await waitUntilSaved(page);
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    });
    await page.context().route('**/*.wasm', (route) => route.fulfill({ status: 403, body: 'blocked' }));
    await page.reload();
    const notice = page.getByTestId('start-failure');
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /程序文件没有下载完整或无法启动/);
    assert.match(text, /lvzhi-offline\.html/);
    assert.match(text, /最后保存于/, 'the saved draft is offered for download');
  });
});

test('the web.config the build writes for IIS is well-formed, types .wasm and caches each hashed file for a year', async () => {
  const xml = await readFile(path.join(dist, 'web.config'), 'utf8');
  const hashed = (await readdir(dist)).filter((name) => /-[0-9a-f]{8,16}(_bg)?\.(js|css|wasm)$/.test(name));
  assert.ok(hashed.length >= 5);
  await withBrowser({}, async ({ page }) => {
    const found = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.getElementsByTagName('parsererror').length) return { error: doc.getElementsByTagName('parsererror')[0].textContent };
      const attr = (selector, name) => [...doc.querySelectorAll(selector)].map((node) => node.getAttribute(name));
      return {
        wasmType: attr('staticContent > mimeMap[fileExtension=".wasm"]', 'mimeType'),
        headers: attr('customHeaders > add', 'name'),
        csp: attr('customHeaders > add[name="Content-Security-Policy"]', 'value'),
        cached: [...doc.querySelectorAll('configuration > location')].map((location) => [location.getAttribute('path'),
          location.querySelector('clientCache')?.getAttribute('cacheControlMaxAge')]),
        rootCache: attr('configuration > system\\.webServer > staticContent > clientCache', 'cacheControlMode'),
      };
    }, xml);
    assert.equal(found.error, undefined, found.error);
    assert.deepEqual(found.wasmType, ['application/wasm']);
    assert.deepEqual(found.rootCache, ['DisableCache']);
    const policy = (await readFile(path.join(root, 'deploy/content-security-policy.txt'), 'utf8')).trim();
    assert.deepEqual(found.csp, [policy]);
    assert.ok(found.headers.includes('X-Content-Type-Options'));
    assert.deepEqual(found.cached.map(([name]) => name).sort(), [...hashed].sort());
    assert.ok(found.cached.every(([, age]) => age === '365.00:00:00'));
  });
});
