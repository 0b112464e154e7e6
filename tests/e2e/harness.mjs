// Shared by the end-to-end tests: a loopback static server for the release bundle and headless Chromium.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import zlib from 'node:zlib';
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Serves the bundle in `LVZHI_DIST` on 127.0.0.1 at a free port, under `prefix` (a sub-path).
 * `override(name, bytes)` may replace a file's bytes (a new version of the service worker).
 */
export async function serveBundle({ prefix = '/', override = (_, bytes) => bytes } = {}) {
  const root = process.env.LVZHI_DIST;
  if (!root) throw new Error('LVZHI_DIST is not set: run the tests through scripts/test.sh');
  const requests = [];
  const sockets = new Set();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (!url.pathname.startsWith(prefix)) { response.writeHead(404).end('not found'); return; }
    let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length - 1)));
    if (!file.startsWith(root)) { response.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = override(path.basename(file), await readFile(file));
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    /** Stops the server at once, open connections included (the network going away). */
    close: () => new Promise((resolve) => { server.close(resolve); for (const socket of sockets) socket.destroy(); }),
  };
}

/**
 * Headless Debian Chromium with a fresh profile, and a page that fails the test on any page error.
 * Every browser dialog (confirm, prompt, beforeunload) is accepted unless `onDialog` decides.
 */
export async function openBrowser({ onDialog, args = [], serviceWorkers = 'allow' } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'lvzhi-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    serviceWorkers,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...args],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (error) => errors.push(error));
  // Rust panics are printed to the console before the wasm traps: keep them for the report.
  page.on('console', (message) => { if (message.type() === 'error' && /panicked/.test(message.text())) errors.push(message.text()); });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    if (onDialog) onDialog(dialog); else dialog.accept();
  });
  return {
    page,
    context,
    errors,
    dialogs,
    close: async () => { await context.close(); await rm(profile, { recursive: true, force: true }); },
  };
}

/**
 * Retries `check` (an async function that asserts) until it passes or `timeout` ms have passed:
 * for what the app shows after a pause in typing (findings, marks, the report preview).
 */
export async function eventually(check, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Waits until the header says the draft is saved. */
export async function waitUntilSaved(page) {
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor({ timeout: 10_000 });
}

/** The built-in framework, read from the same data file the app embeds. */
export async function builtinFramework() {
  const file = new URL('../../crates/core/data/sichuan-2023-city.json', import.meta.url);
  return JSON.parse(await readFile(file, 'utf8'));
}

/** A valid value for a figure of the framework, distinct per figure index. */
export function sampleValue(figure, index) {
  switch (figure.kind) {
    case 'year': return String(2021 + (index % 3));
    case 'percent': return String(((index * 7) % 90) + 5.5);
    case 'count': return String(index + 3);
    case 'amount': return (index + 1.25).toFixed(2);
    case 'quantity': return (index + 0.5).toFixed(1);
    case 'ratio': return `1:${index + 10}`;
    default: throw new Error(`unknown figure kind ${figure.kind}`);
  }
}

/**
 * Opens the app at `url` + `hash` and waits for the page (the navigation column rendered, shown or not). Without a hash it opens the
 * overview (`#/`): a bare address opens a fresh profile on the start page (start.test.mjs).
 */
export async function openAppAt(page, url, hash = '#/') {
  await page.goto(url + hash);
  // The page's heading: an app page (草稿管理, 开始…) has no draft outline beside it.
  await page.locator('main h1').first().waitFor();
}

/**
 * Pastes into `selector` as a clipboard would: text/plain (tab-separated, as Excel copies it), or
 * another type such as text/html (a table copied from Word).
 */
export async function pasteText(page, selector, content, type = 'text/plain') {
  await page.locator(selector).focus();
  await page.evaluate(([selector, content, type]) => {
    const data = new DataTransfer();
    data.setData(type, content);
    document.querySelector(selector).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [selector, content, type]);
}

/** Opens a page of the form by its hash and waits for its heading. */
export async function openView(page, hash, headingId) {
  await page.evaluate((target) => { location.hash = target; }, hash);
  await page.locator(`h1#${headingId.replace('.', '\\.')}`).waitFor();
}

export async function openItem(page, code) {
  await openView(page, `#/item/${code}`, `title-${code}`);
}

/** The bytes of one entry of a zip archive (stored or deflated), found through its local header. */
export function unzipEntry(archive, name) {
  const { inflateRawSync } = zlib;
  let offset = 0;
  while (offset + 30 <= archive.length && archive.readUInt32LE(offset) === 0x04034b50) {
    const method = archive.readUInt16LE(offset + 8);
    const compressedSize = archive.readUInt32LE(offset + 18);
    const nameLength = archive.readUInt16LE(offset + 26);
    const extraLength = archive.readUInt16LE(offset + 28);
    const entryName = archive.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const dataStart = offset + 30 + nameLength + extraLength;
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (entryName === name) return method === 8 ? inflateRawSync(data) : data;
    offset = dataStart + compressedSize;
  }
  throw new Error(`${name} not found in the archive`);
}

/** Runs `action` and returns the download it starts, read into a Buffer with its file name. */
export async function downloadOf(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

/**
 * The app under test for a test file: the bundle served once, a fresh browser per test, and every
 * test failing when the page threw or Rust panicked. `app.reopen()` starts another fresh browser
 * (a colleague's machine).
 */
export function appUnderTest() {
  const app = {
    server: null,
    browser: null,
    async reopen() {
      await app.browser.close();
      app.browser = await openBrowser();
      return app.browser;
    },
  };
  before(async () => { app.server = await serveBundle(); });
  after(async () => { await app.server.close(); });
  beforeEach(async () => { app.browser = await openBrowser(); });
  afterEach(async () => {
    const errors = app.browser.errors.map(String);
    await app.browser.close();
    assert.deepEqual(errors, [], 'the page threw');
  });
  return app;
}

/**
 * Headless Chromium on the profile folder `profile`, started by hand so that `kill()` can end it
 * as a crash or a power cut would (SIGKILL to its whole process group: nothing gets to write its
 * buffers). Start it again on the same folder to see what reached the disk.
 */
export async function launchKillable(profile) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
    'about:blank',
  ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen}`)), 20_000);
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    });
    child.on('exit', () => reject(new Error(`Chromium exited at start: ${seen}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? await context.newPage();
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    page,
    /** Kills the browser at once, as a crash would. */
    kill: async () => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
      await exited;
    },
    /** Closes the browser as a user would (its buffers written). */
    close: async () => { await browser.close().catch(() => {}); try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } await exited; },
  };
}

/** The .docx converted to PDF by LibreOffice; the PDF's text (pdftotext -layout). */
export async function libreOfficeText(bytes) {
  const directory = await mkdtemp(path.join(tmpdir(), 'lvzhi-office-'));
  const docx = path.join(directory, 'table.docx');
  await writeFile(docx, bytes);
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(directory, 'profile')}`, '--headless',
    '--convert-to', 'pdf', '--outdir', directory, docx], { stdio: 'pipe', timeout: 120_000 });
  const pdfText = execFileSync('pdftotext', ['-layout', path.join(directory, 'table.pdf'), '-']).toString('utf8');
  await rm(directory, { recursive: true, force: true });
  return pdfText;
}

/** A zip archive of `files` ({ name, bytes }), stored (not deflated), names in UTF-8: a backup of drafts. */
export function zipOf(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, bytes } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(bytes.length, 18); local.writeUInt32LE(bytes.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8); central.writeUInt32LE(crc, 16); central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(bytes.length, 24); central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, bytes);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + bytes.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
