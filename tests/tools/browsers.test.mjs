// The oldest browsers that run the app are said in three places — deploy/browsers.json (derived
// from what the build uses), the README and the message src/guard.js shows when the app cannot
// start — and they must agree. The WebAssembly features themselves are checked against
// browsers.json by tools/wasm-features on the built module (scripts/test.sh, e2e layer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const read = (file) => readFile(path.join(root, file), 'utf8');
const version = (value) => String(value).split('.').map(Number);
const newer = (a, b) => {
  const [x, y] = [version(a), version(b)];
  for (let index = 0; index < Math.max(x.length, y.length); index++) {
    if ((x[index] ?? 0) !== (y[index] ?? 0)) return (x[index] ?? 0) > (y[index] ?? 0);
  }
  return false;
};

test('the minimum of browsers.json is the newest version any listed feature needs', async () => {
  const browsers = JSON.parse(await read('deploy/browsers.json'));
  const needs = [...Object.values(browsers.wasm_features), ...Object.values(browsers.web_platform)];
  for (const engine of ['chromium', 'firefox', 'safari']) {
    const newest = needs.map((need) => need[engine]).reduce((a, b) => (newer(b, a) ? b : a));
    assert.equal(String(browsers.minimum[engine]), String(newest), engine);
  }
});

test('the README and the start-failure message state the same minimum versions', async () => {
  const { minimum } = JSON.parse(await read('deploy/browsers.json'));
  const readme = await read('README.md');
  assert.match(readme, new RegExp(`Chrome / Edge ${minimum.chromium}\\b`));
  assert.match(readme, new RegExp(`Firefox ${minimum.firefox}\\b`));
  assert.match(readme, new RegExp(`Safari ${minimum.safari.replace('.', '\\.')}\\b`));
  const guard = await read('src/guard.js');
  const stated = guard.match(/var MINIMUM = \{ chromium: (\d+), firefox: (\d+), safari: '([\d.]+)' \};/);
  assert.ok(stated, 'src/guard.js states MINIMUM');
  assert.deepEqual(stated.slice(1), [String(minimum.chromium), String(minimum.firefox), String(minimum.safari)]);
});

test('the nginx and IIS configurations send the same Content-Security-Policy as the page', async () => {
  const policy = (await read('deploy/content-security-policy.txt')).trim();
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'|sha256-/);
  const nginx = await read('deploy/nginx.conf');
  const headers = [...nginx.matchAll(/add_header Content-Security-Policy "([^"]*)" always;/g)].map((match) => match[1]);
  assert.ok(headers.length >= 3, 'in every location (nginx does not inherit add_header into one that has its own)');
  assert.ok(headers.every((header) => header === policy));
  const iis = await read('deploy/web.config');
  assert.ok(iis.includes(`<add name="Content-Security-Policy" value="${policy}" />`));
});
