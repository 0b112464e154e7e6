// After `trunk build --release`: the Content-Security-Policy, the service worker with its
// precache list, the one-file build, and the size report checked against the budget.
// Usage: node scripts/postbuild.mjs <dist> [--no-budget]
import { createHash } from 'node:crypto';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dist = process.argv[2];
const checkBudget = !process.argv.includes('--no-budget');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const files = await readdir(dist);
const pick = (pattern) => {
  const found = files.filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`expected one file matching ${pattern} in ${dist}, found ${found}`);
  return found[0];
};
const wasmName = pick(/_bg\.wasm$/);
const jsName = pick(/^lvzhi-[0-9a-f]+\.js$/);
const cssName = pick(/\.css$/);
const guardName = pick(/^guard-[0-9a-f]+\.js$/);
let html = await readFile(path.join(dist, 'index.html'), 'utf8');

// Every rewrite of Trunk's HTML must find what it rewrites: a silent no-op would ship a page
// without its CSP or a one-file build that still references separate files.
const replaceOnce = (text, pattern, replacement) => {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g')) ?? [];
  if (matches.length !== 1) throw new Error(`expected one match of ${pattern} in index.html, found ${matches.length}`);
  return text.replace(pattern, replacement);
};

// 1. CSP: only this origin; wasm compiled in place; the one inline start-up script by its hash.
const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!inline) throw new Error('no inline start-up script in index.html');
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${sha256(inline[1])}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
html = replaceOnce(html, /<meta charset="utf-8">/, `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${csp}">`);
await writeFile(path.join(dist, 'index.html'), html);

// 2. Service worker: the app shell under a version derived from its content.
const shell = ['./', './index.html', `./${cssName}`, `./${guardName}`, `./${jsName}`, `./${wasmName}`];
const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 16);
const worker = (await readFile(path.join(root, 'scripts/sw-template.js'), 'utf8'))
  .replace('__VERSION__', version)
  .replace('__SHELL__', JSON.stringify(shell));
await writeFile(path.join(dist, 'sw.js'), worker);

// 3. One self-contained file: CSS, JS and wasm inlined; runs from file:// or as an attachment.
const css = await readFile(path.join(dist, cssName), 'utf8');
const guard = await readFile(path.join(dist, guardName), 'utf8');
const glue = await readFile(path.join(dist, jsName), 'utf8');
const wasm = await readFile(path.join(dist, wasmName));
const start = `${glue}
const bytes = Uint8Array.from(atob("${wasm.toString('base64')}"), (c) => c.charCodeAt(0));
initSync({ module: bytes });
`;
const singleCsp = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha256(guard)} ${sha256(start)}`,
  `style-src ${sha256(css)}`,
  'img-src data: blob:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
let single = html;
single = replaceOnce(single, /<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${singleCsp}">`);
single = replaceOnce(single, /<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>`);
single = replaceOnce(single, /<script src="\.\/guard-[0-9a-f]+\.js"[^>]*><\/script>/, () => `<script>${guard}</script>`);
single = replaceOnce(single, /<script type="module">[\s\S]*?<\/script>/, () => `<script type="module">${start}</script>`);
single = replaceOnce(single, /<link rel="modulepreload"[^>]*>/, '');
single = replaceOnce(single, /<link rel="preload"[^>]*>/, '');
await writeFile(path.join(dist, 'lvzhi-offline.html'), single);

// 4. Size report and budget.
const sizes = [[wasmName, wasm], [jsName, Buffer.from(glue)], [guardName, Buffer.from(guard)], [cssName, Buffer.from(css)]].map(([name, bytes]) => ({
  name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length,
}));
const total = sizes.reduce((sum, file) => sum + file.gzip, 0);
const budget = JSON.parse(await readFile(path.join(root, 'size-budget.json'), 'utf8'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log('size report (raw / gzip -9):');
for (const file of sizes) console.log(`  ${file.name.padEnd(40)} ${kb(file.raw).padStart(10)} ${kb(file.gzip).padStart(10)}`);
console.log(`  ${'total (wasm + JS + CSS)'.padEnd(40)} ${''.padStart(10)} ${kb(total).padStart(10)}   budget ${kb(budget.gzip_total_bytes)}, target ${kb(budget.target_bytes)}`);
console.log(`  ${'one-file build lvzhi-offline.html'.padEnd(40)} ${kb(single.length).padStart(10)}`);
if (checkBudget && total > budget.gzip_total_bytes) {
  console.error(`size budget exceeded: ${kb(total)} gzip > ${kb(budget.gzip_total_bytes)} (size-budget.json)`);
  process.exit(1);
}
